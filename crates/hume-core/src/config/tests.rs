use super::*;

fn key() -> ApiKey {
    ApiKey::new("sk-config-test").unwrap()
}

#[test]
fn common_headers_and_timeout() {
    let ctx = ClientContext::new(ClientConfig::new(key())).unwrap();
    let req = ctx.request(Method::GET, "https://api.hume.ai/v0/batch/jobs".into());
    let key_header = req.headers.get("x-hume-api-key").unwrap();
    assert!(key_header.is_sensitive());
    assert_eq!(key_header, "sk-config-test");
    assert_eq!(req.headers["x-hume-client-name"], "rust_sdk");
    assert_eq!(req.headers["x-hume-client-version"], CLIENT_VERSION);
    assert_eq!(req.headers[USER_AGENT], format!("hume-rs/{CLIENT_VERSION}"));
    assert_eq!(req.headers[ACCEPT], "application/json");
    assert_eq!(req.timeout, Some(DEFAULT_TIMEOUT));
    assert!(!format!("{req:?}").contains("sk-config-test"));
}

#[test]
fn defaults() {
    let c = ClientConfig::new(key());
    assert_eq!(c.base_url().as_str(), "https://api.hume.ai");
    assert_eq!(c.timeout(), Duration::from_secs(10));
    assert_eq!(c.poll().timeout(), Duration::from_secs(300));
    assert_eq!(c.max_redirects(), 5);
    assert!(!format!("{c:?}").contains("sk-config-test"));
}

#[test]
fn refuses_key_over_plain_http_to_remote_host() {
    let remote =
        ClientConfig::new(key()).with_base_url(BaseUrl::parse("http://example.com").unwrap());
    let err = ClientContext::new(remote).unwrap_err();
    assert!(matches!(err, HumeError::InvalidConfig(_)));
    assert!(err.to_string().contains("plain http"), "{err}");
    let local =
        ClientConfig::new(key()).with_base_url(BaseUrl::parse("http://127.0.0.1:9").unwrap());
    ClientContext::new(local).unwrap();
}

#[test]
fn rejects_zero_timeout_and_bad_poll() {
    assert!(ClientContext::new(ClientConfig::new(key()).with_timeout(Duration::ZERO)).is_err());
    let poll = PollPolicy::default().with_timeout(Duration::from_millis(10));
    assert!(ClientContext::new(ClientConfig::new(key()).with_poll(poll)).is_err());
}

#[test]
fn scrub_and_excerpt_remove_key() {
    let ctx = ClientContext::new(ClientConfig::new(key())).unwrap();
    assert_eq!(ctx.scrub(b"x sk-config-test y"), b"x [redacted] y");
    assert_eq!(ctx.excerpt(b"sk-config-test"), "[redacted]");
}
