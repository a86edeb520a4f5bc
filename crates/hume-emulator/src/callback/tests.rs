use std::net::SocketAddr;

use super::*;

fn lookup(
    addrs: &'static [&'static str],
) -> impl FnOnce(String, u16) -> std::future::Ready<std::io::Result<Vec<SocketAddr>>> {
    move |_, port| {
        std::future::ready(Ok(addrs
            .iter()
            .map(|a| SocketAddr::new(a.parse().unwrap(), port))
            .collect()))
    }
}

fn no_lookup(_: String, _: u16) -> std::future::Ready<std::io::Result<Vec<SocketAddr>>> {
    panic!("no lookup expected")
}

fn check(url: &str, extra: &[&str], addrs: &'static [&'static str]) -> Result<Target, String> {
    let extra: Vec<String> = extra.iter().map(|s| (*s).to_owned()).collect();
    futures_util::FutureExt::now_or_never(callback_target(url, &extra, lookup(addrs)))
        .expect("no real i/o")
}

#[test]
fn literal_loopback_addresses_need_no_lookup() {
    for url in [
        "http://127.0.0.1:9/hook",
        "http://127.8.0.1/hook",
        "http://[::1]:8080/hook",
    ] {
        let target = futures_util::FutureExt::now_or_never(callback_target(url, &[], no_lookup))
            .unwrap()
            .unwrap();
        assert_eq!(target.pinned, None);
        assert_eq!(target.url.as_str(), url);
    }
}

#[test]
fn the_audit_ssrf_url_is_refused_by_the_host_a_client_would_connect_to() {
    // `\` is `/` for the url crate (and reqwest): the host is 169.254.169.254.
    let err = check(
        r"http://169.254.169.254\@127.0.0.1/latest/meta-data",
        &[],
        &["127.0.0.1"],
    )
    .unwrap_err();
    assert!(err.contains("not a loopback"), "{err}");
    assert!(check("http://127.0.0.1@169.254.169.254/", &[], &[]).is_err());
    assert!(check("http://10.0.0.1/hook", &[], &[]).is_err());
    assert!(check("https://127.0.0.1.evil.test/hook", &[], &["10.0.0.1"]).is_err());
    assert!(check("gopher://127.0.0.1/", &[], &[]).is_err());
}

#[test]
fn names_are_resolved_and_pinned_to_their_loopback_addresses() {
    let target = check("http://localhost:8080/hook", &[], &["127.0.0.1", "::1"]).unwrap();
    let (name, addrs) = target.pinned.unwrap();
    assert_eq!(name, "localhost");
    assert_eq!(addrs.len(), 2);
    assert!(
        addrs
            .iter()
            .all(|a| a.port() == 8080 && a.ip().is_loopback())
    );
    // A *.localhost name mapped elsewhere (hosts file, DNS) is refused.
    let err = check("http://hooks.localhost/x", &[], &["10.0.0.1"]).unwrap_err();
    assert!(err.contains("loopback addresses only"), "{err}");
    assert!(check("http://mixed.localhost/x", &[], &["127.0.0.1", "10.0.0.1"]).is_err());
    assert!(check("http://empty.localhost/x", &[], &[]).is_err());
}

#[test]
fn configured_hosts_are_allowed() {
    let target = check("https://Hooks.Test/x", &["hooks.test"], &[]).unwrap();
    assert_eq!(target.pinned, None);
}
