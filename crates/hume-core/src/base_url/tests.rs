use super::*;

#[test]
fn default_builds_batch_paths() {
    let base = BaseUrl::batch_default();
    assert_eq!(base.as_str(), "https://api.hume.ai");
    assert_eq!(
        base.endpoint(&["jobs"]),
        "https://api.hume.ai/v0/batch/jobs"
    );
    assert_eq!(
        base.endpoint(&["jobs", "abc", "predictions"]),
        "https://api.hume.ai/v0/batch/jobs/abc/predictions"
    );
    assert!(base.is_https());
    assert!(!base.is_loopback());
}

#[test]
fn keeps_prefix_and_strips_trailing_slash() {
    let base = BaseUrl::parse("http://127.0.0.1:8080/prefix/").unwrap();
    assert_eq!(base.as_str(), "http://127.0.0.1:8080/prefix");
    assert_eq!(
        base.endpoint(&["jobs"]),
        "http://127.0.0.1:8080/prefix/v0/batch/jobs"
    );
    let root = BaseUrl::parse("http://localhost:9/").unwrap();
    assert_eq!(root.endpoint(&["jobs"]), "http://localhost:9/v0/batch/jobs");
}

#[test]
fn job_id_is_percent_encoded() {
    let base = BaseUrl::batch_default();
    assert_eq!(
        base.endpoint(&["jobs", "../x?y=1#z", "artifacts"]),
        "https://api.hume.ai/v0/batch/jobs/..%2Fx%3Fy=1%23z/artifacts"
    );
    assert_eq!(
        base.endpoint(&["jobs", "a b"]),
        "https://api.hume.ai/v0/batch/jobs/a%20b"
    );
}

#[test]
fn query_pairs_are_encoded_and_repeated() {
    let base = BaseUrl::batch_default();
    let url = base.endpoint_with_query(
        &["jobs"],
        &[("status", "QUEUED"), ("status", "FAILED"), ("limit", "5")],
    );
    assert_eq!(
        url,
        "https://api.hume.ai/v0/batch/jobs?status=QUEUED&status=FAILED&limit=5"
    );
    let none: [(&str, &str); 0] = [];
    assert_eq!(
        base.endpoint_with_query(&["jobs"], &none),
        "https://api.hume.ai/v0/batch/jobs"
    );
}

#[test]
fn rejects_bad_urls() {
    for bad in [
        "",
        "api.hume.ai",
        "ftp://x",
        "https://u:p@x",
        "https://x/?q=1",
        "https://x/#f",
        "file:///tmp",
    ] {
        assert!(
            matches!(BaseUrl::parse(bad), Err(HumeError::InvalidConfig(_))),
            "{bad}"
        );
    }
}

#[test]
fn loopback_and_key_transport() {
    for ok in [
        "http://127.0.0.1:1",
        "http://[::1]:1",
        "http://localhost",
        "http://LocalHost.:8080",
        "https://api.hume.ai",
        "https://api.localhost",
    ] {
        BaseUrl::parse(ok)
            .unwrap()
            .check_key_transport_with(|_, _| panic!("{ok} needs no lookup"))
            .unwrap();
    }
    let err = BaseUrl::parse("http://api.hume.ai")
        .unwrap()
        .check_key_transport()
        .unwrap_err();
    assert!(matches!(err, HumeError::InvalidConfig(_)));
    assert!(err.to_string().contains("api.hume.ai"), "{err}");
    assert!(!BaseUrl::parse("http://10.0.0.1").unwrap().is_loopback());
}

#[test]
fn api_paths_the_client_appends_are_refused_with_the_url_to_use() {
    for (input, use_instead) in [
        ("https://api.hume.ai/v0", "https://api.hume.ai"),
        ("https://api.hume.ai/v0/", "https://api.hume.ai"),
        ("https://api.hume.ai/v0/batch", "https://api.hume.ai"),
        ("https://api.hume.ai/V0/Batch/jobs/", "https://api.hume.ai"),
        ("https://api.cloud.hume.ai/v1", "https://api.cloud.hume.ai"),
        (
            "https://api.cloud.hume.ai/v1/expression",
            "https://api.cloud.hume.ai",
        ),
        (
            "http://127.0.0.1:8080/proxy/v0/batch",
            "http://127.0.0.1:8080/proxy",
        ),
    ] {
        let err = BaseUrl::parse(input).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, HumeError::InvalidConfig(_)), "{err:?}");
        assert!(
            text.contains("the client appends the api path"),
            "{input}: {text}"
        );
        assert!(
            text.ends_with(&format!("use {use_instead:?}")),
            "{input}: {text}"
        );
    }
    // Paths that merely contain a version somewhere else are fine.
    for ok in [
        "https://proxy.example/v0x",
        "https://proxy.example/v0/other",
        "https://proxy.example/batch",
    ] {
        BaseUrl::parse(ok).unwrap();
    }
}

#[test]
fn other_names_count_as_loopback_only_when_every_address_is_loopback() {
    use std::net::IpAddr;
    let lookup = |addrs: &'static [&'static str]| {
        move |_: &str, _: u16| -> std::io::Result<Vec<IpAddr>> {
            Ok(addrs.iter().map(|a| a.parse().unwrap()).collect())
        }
    };
    // The audit: a hosts-file entry maps a *.localhost name to 10.0.0.1.
    let base = BaseUrl::parse("http://api.localhost:8080").unwrap();
    assert!(!base.is_loopback());
    let err = base
        .check_key_transport_with(lookup(&["10.0.0.1"]))
        .unwrap_err();
    assert!(err.to_string().contains("resolves to 10.0.0.1"), "{err}");
    assert!(
        base.check_key_transport_with(lookup(&["127.0.0.1", "10.0.0.1"]))
            .is_err()
    );
    assert!(base.check_key_transport_with(lookup(&[])).is_err());
    assert!(
        base.check_key_transport_with(|_, _| Err(std::io::Error::other("no such host")))
            .is_err()
    );
    base.check_key_transport_with(lookup(&["127.0.0.1", "::1"]))
        .unwrap();
    let mut asked = None;
    BaseUrl::parse("http://devbox")
        .unwrap()
        .check_key_transport_with(|host, port| {
            asked = Some((host.to_owned(), port));
            lookup(&["127.0.0.2"])(host, port)
        })
        .unwrap();
    assert_eq!(asked, Some(("devbox".to_owned(), 80)));
}

#[test]
fn v1_paths_go_under_v1_expression_on_the_cloud_host() {
    let base = BaseUrl::v1_default();
    assert_eq!(base.as_str(), DEFAULT_V1_BASE_URL);
    assert_eq!(
        base.v1_endpoint(&["audio", "file"]),
        "https://api.cloud.hume.ai/v1/expression/audio/file"
    );
    assert_eq!(
        base.v1_endpoint(&["run", "../x?y#z", "events"]),
        "https://api.cloud.hume.ai/v1/expression/run/..%2Fx%3Fy%23z/events"
    );
    let local = BaseUrl::parse("http://127.0.0.1:8080/prefix/").unwrap();
    assert_eq!(
        local.v1_endpoint_with_query(&["run"], &[("cursor", "a b&c"), ("page_size", "2")]),
        "http://127.0.0.1:8080/prefix/v1/expression/run?cursor=a+b%26c&page_size=2"
    );
    let none: [(&str, &str); 0] = [];
    assert_eq!(
        local.v1_endpoint_with_query(&["run"], &none),
        "http://127.0.0.1:8080/prefix/v1/expression/run"
    );
}
