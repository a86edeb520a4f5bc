use std::collections::HashMap;
use std::time::Duration;

use hume_core::HumeError;

use super::Settings;

fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

#[test]
fn env_key_and_optional_base_url() {
    let ctx = Settings::from_vars(vars(&[("HUME_API_KEY", "k-123")]))
        .unwrap()
        .into_context()
        .unwrap();
    assert_eq!(ctx.config().api_key().expose_secret(), "k-123");
    assert_eq!(ctx.config().base_url().as_str(), "https://api.hume.ai");

    let ctx = Settings::from_vars(vars(&[
        ("HUME_API_KEY", "k-123"),
        ("HUME_BASE_URL", "http://127.0.0.1:9999"),
    ]))
    .unwrap()
    .into_context()
    .unwrap();
    assert_eq!(ctx.config().base_url().as_str(), "http://127.0.0.1:9999");

    let blank =
        Settings::from_vars(vars(&[("HUME_API_KEY", "k"), ("HUME_BASE_URL", "  ")])).unwrap();
    assert_eq!(blank.base_url, None);
}

#[test]
fn missing_or_bad_env_is_a_config_error() {
    let err = Settings::from_vars(vars(&[])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid configuration: environment variable HUME_API_KEY is not set"
    );
    let err = Settings::from_vars(vars(&[("HUME_API_KEY", "k"), ("HUME_BASE_URL", "ftp://x")]))
        .unwrap()
        .into_context()
        .unwrap_err();
    assert!(matches!(err, HumeError::InvalidConfig(_)), "{err}");
}

#[test]
fn builder_values_reach_the_config_and_are_validated() {
    let settings = Settings {
        api_key: Some(hume_core::ApiKey::new("k").unwrap()),
        base_url: Some("http://localhost:1234/prefix".into()),
        timeout: Some(Duration::from_secs(3)),
        max_redirects: Some(1),
        ..Settings::default()
    };
    let ctx = settings.into_context().unwrap();
    assert_eq!(ctx.config().timeout(), Duration::from_secs(3));
    assert_eq!(ctx.config().max_redirects(), 1);
    assert_eq!(
        ctx.config().base_url().endpoint(&["jobs"]),
        "http://localhost:1234/prefix/v0/batch/jobs"
    );

    let no_key = Settings::default().into_context().unwrap_err();
    assert!(no_key.to_string().contains("no api key"), "{no_key}");

    let plain_http = Settings {
        api_key: Some(hume_core::ApiKey::new("k").unwrap()),
        base_url: Some("http://api.example.com".into()),
        ..Settings::default()
    };
    assert!(matches!(
        plain_http.into_context(),
        Err(HumeError::InvalidConfig(_))
    ));

    let zero_timeout = Settings {
        api_key: Some(hume_core::ApiKey::new("k").unwrap()),
        timeout: Some(Duration::ZERO),
        ..Settings::default()
    };
    assert!(matches!(
        zero_timeout.into_context(),
        Err(HumeError::InvalidConfig(_))
    ));
}
