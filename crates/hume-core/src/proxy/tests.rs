use super::*;

fn env(pairs: &'static [(&'static str, &'static str)]) -> ProxyConfig {
    ProxyConfig::from_vars(|name| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| (*v).to_owned())
    })
}

#[test]
fn loopback_targets_never_go_through_a_proxy() {
    let proxies = env(&[
        ("HTTP_PROXY", "http://proxy.test:3128"),
        ("HTTPS_PROXY", "http://proxy.test:3128"),
        ("ALL_PROXY", "socks5://proxy.test:1080"),
    ]);
    for target in [
        "http://127.0.0.1:8080/v0/batch/jobs",
        "http://127.9.9.9/",
        "http://[::1]:9/",
        "http://localhost:1/",
        "http://LOCALHOST./",
        "https://api.localhost/",
    ] {
        assert_eq!(proxies.route(target).unwrap(), Route::Direct, "{target}");
    }
}

#[test]
fn https_goes_through_the_https_or_all_proxy() {
    let proxies = env(&[("https_proxy", "proxy.test:3128")]);
    assert_eq!(
        proxies.route("https://api.hume.ai/v0").unwrap(),
        Route::Proxy("http://proxy.test:3128/".into())
    );
    let proxies = env(&[("ALL_PROXY", "http://all.test:1")]);
    assert_eq!(
        proxies.route("https://api.hume.ai/").unwrap(),
        Route::Proxy("http://all.test:1/".into())
    );
    // Upper case wins over lower case.
    let proxies = env(&[
        ("HTTPS_PROXY", "http://upper.test:1"),
        ("https_proxy", "http://lower.test:1"),
    ]);
    assert_eq!(
        proxies.route("https://api.hume.ai/").unwrap(),
        Route::Proxy("http://upper.test:1/".into())
    );
    assert_eq!(
        ProxyConfig::none().route("https://api.hume.ai/").unwrap(),
        Route::Direct
    );
}

#[test]
fn plain_http_through_a_proxy_is_refused_without_the_proxy_credentials() {
    let proxies = env(&[("HTTP_PROXY", "http://user:pw@proxy.test:3128")]);
    let err = proxies
        .route("http://api.example/v0/batch/jobs")
        .unwrap_err();
    assert!(matches!(err, HumeError::InvalidConfig(_)), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("cleartext") && text.contains("proxy.test:3128"),
        "{text}"
    );
    assert!(!text.contains("pw"), "{text}");
    // ALL_PROXY covers http too; an https target is fine through it.
    let proxies = env(&[("all_proxy", "http://proxy.test:3128")]);
    assert!(proxies.route("http://api.example/").is_err());
    assert!(proxies.route("https://api.example/").is_ok());
    // Without an http proxy, plain http is direct.
    let proxies = env(&[("HTTPS_PROXY", "http://proxy.test:3128")]);
    assert_eq!(proxies.route("http://api.example/").unwrap(), Route::Direct);
}

#[test]
fn no_proxy_hosts_domains_networks_and_star_bypass() {
    let proxies = env(&[
        ("HTTPS_PROXY", "http://proxy.test:3128"),
        ("HTTP_PROXY", "http://proxy.test:3128"),
        (
            "NO_PROXY",
            " .internal.test, exact.test:443,10.0.0.0/8, [fd00::1], ",
        ),
    ]);
    for direct in [
        "https://a.internal.test/",
        "https://internal.test/",
        "https://exact.test/",
        "http://10.1.2.3/",
        "http://[fd00::1]/",
    ] {
        assert_eq!(proxies.route(direct).unwrap(), Route::Direct, "{direct}");
    }
    for proxied in [
        "https://notinternal.test/",
        "https://11.0.0.1/",
        "https://sub.exact.test.evil/",
    ] {
        assert!(
            matches!(proxies.route(proxied).unwrap(), Route::Proxy(_)),
            "{proxied}"
        );
    }
    let all = env(&[("HTTP_PROXY", "http://p.test:1"), ("no_proxy", "*")]);
    assert_eq!(all.route("http://api.example/").unwrap(), Route::Direct);
}

#[test]
fn unusable_variables_are_ignored() {
    let proxies = env(&[("HTTPS_PROXY", "  "), ("HTTP_PROXY", "http://")]);
    assert!(proxies.is_empty());
    assert!(proxies.route("not a url").is_err());
}

#[test]
fn proxies_set_in_code() {
    let proxies = ProxyConfig::none()
        .with_https_proxy("proxy.test:8080")
        .unwrap()
        .with_no_proxy("skip.test");
    assert_eq!(proxies.tunnel(), Some("http://proxy.test:8080/"));
    assert_eq!(proxies.route("https://skip.test/").unwrap(), Route::Direct);
    assert!(ProxyConfig::none().with_http_proxy("http://").is_err());
}
