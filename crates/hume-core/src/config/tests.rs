use std::collections::HashMap;

use super::*;

fn key() -> ApiKey {
    ApiKey::new("sk-config-test").unwrap()
}

fn config() -> ClientConfig {
    ClientConfig::new().with_api_key(key())
}

fn batch() -> BaseUrl {
    BaseUrl::batch_default()
}

fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

#[test]
fn common_headers_and_timeout() {
    let ctx = ClientContext::new(config(), batch()).unwrap();
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
    let c = ClientConfig::new();
    assert!(c.api_key().is_none());
    assert!(c.base_url().is_none(), "the client's API decides");
    assert_eq!(c.timeout(), Duration::from_secs(10));
    assert_eq!(c.poll().timeout(), Duration::from_secs(300));
    assert_eq!(c.max_redirects(), 5);
    assert_eq!(c.max_response_bytes(), DEFAULT_MAX_RESPONSE_BYTES);
    assert!(!c.sync_downloads());
    assert!(!format!("{:?}", config()).contains("sk-config-test"));
}

#[test]
fn the_default_base_url_comes_from_the_api() {
    let ctx = ClientContext::new(config(), batch()).unwrap();
    assert_eq!(ctx.base_url().as_str(), "https://api.hume.ai");
    let other = BaseUrl::parse("https://api.cloud.hume.ai").unwrap();
    let ctx = ClientContext::new(config(), other.clone()).unwrap();
    assert_eq!(ctx.base_url(), &other);
    let local = BaseUrl::parse("http://127.0.0.1:9").unwrap();
    let ctx = ClientContext::new(config().with_base_url(local.clone()), other).unwrap();
    assert_eq!(ctx.base_url(), &local, "a configured base url wins");
}

#[test]
fn every_option_is_kept() {
    let c = config()
        .with_timeout(Duration::from_secs(3))
        .with_retry(RetryPolicy::none())
        .with_poll(PollPolicy::default().with_timeout(Duration::from_secs(9)))
        .with_max_redirects(1)
        .with_max_response_bytes(10)
        .with_sync_downloads(true);
    assert_eq!(c.timeout(), Duration::from_secs(3));
    assert_eq!(c.retry().max_attempts(), 1);
    assert_eq!(c.poll().timeout(), Duration::from_secs(9));
    assert_eq!(c.max_redirects(), 1);
    assert_eq!(c.max_response_bytes(), 10);
    assert!(c.sync_downloads());
    assert_eq!(c.api_key().unwrap().expose_secret(), "sk-config-test");
}

#[test]
fn a_missing_key_is_refused_when_the_client_is_built() {
    let err = ClientContext::new(ClientConfig::new(), batch()).unwrap_err();
    assert!(matches!(err, HumeError::InvalidConfig(_)));
    assert!(err.to_string().contains("no api key"), "{err}");
    assert!(err.to_string().contains("HUME_API_KEY"), "{err}");
}

#[test]
fn refuses_key_over_plain_http_to_remote_host() {
    let remote = config().with_base_url(BaseUrl::parse("http://example.com").unwrap());
    let err = ClientContext::new(remote, batch()).unwrap_err();
    assert!(matches!(err, HumeError::InvalidConfig(_)));
    assert!(err.to_string().contains("plain http"), "{err}");
    let local = config().with_base_url(BaseUrl::parse("http://127.0.0.1:9").unwrap());
    ClientContext::new(local, batch()).unwrap();
}

#[test]
fn rejects_zero_timeout_and_bad_poll() {
    assert!(ClientContext::new(config().with_timeout(Duration::ZERO), batch()).is_err());
    let poll = PollPolicy::default().with_timeout(Duration::from_millis(10));
    assert!(ClientContext::new(config().with_poll(poll), batch()).is_err());
}

#[test]
fn scrub_and_excerpt_remove_key() {
    let ctx = ClientContext::new(config(), batch()).unwrap();
    assert_eq!(ctx.scrub(b"x sk-config-test y"), b"x [redacted] y");
    assert_eq!(ctx.excerpt(b"sk-config-test"), "[redacted]");
}

#[test]
fn env_key_and_optional_base_url() {
    let config = ClientConfig::from_vars(vars(&[("HUME_API_KEY", "k-123")])).unwrap();
    assert_eq!(config.api_key().unwrap().expose_secret(), "k-123");
    assert_eq!(config.base_url(), None);

    let config = ClientConfig::from_vars(vars(&[
        ("HUME_API_KEY", "k-123"),
        ("HUME_BASE_URL", "http://127.0.0.1:9999"),
    ]))
    .unwrap();
    assert_eq!(config.base_url().unwrap().as_str(), "http://127.0.0.1:9999");

    let blank =
        ClientConfig::from_vars(vars(&[("HUME_API_KEY", "k"), ("HUME_BASE_URL", "  ")])).unwrap();
    assert_eq!(blank.base_url(), None, "a blank HUME_BASE_URL means unset");
}

#[test]
fn missing_or_bad_env_is_a_config_error() {
    let err = ClientConfig::from_vars(vars(&[])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid configuration: environment variable HUME_API_KEY is not set"
    );
    let err = ClientConfig::from_vars(vars(&[("HUME_API_KEY", "k"), ("HUME_BASE_URL", "ftp://x")]))
        .unwrap_err();
    assert!(matches!(err, HumeError::InvalidConfig(_)), "{err}");
    let err = ClientConfig::from_vars(vars(&[("HUME_API_KEY", " ")])).unwrap_err();
    assert!(err.to_string().contains("empty"), "{err}");
}
