use super::*;

#[test]
fn debug_never_shows_the_key() {
    let config = EmulatorConfig::default().with_api_key("super-secret-key-123");
    let debug = format!("{config:?}");
    assert!(!debug.contains("super-secret-key-123"), "{debug}");
    assert!(debug.contains("Exact(<redacted>)"));
}

#[test]
fn key_policies() {
    let exact = ApiKeyPolicy::Exact("k1".to_owned());
    assert!(exact.accepts("k1"));
    assert!(!exact.accepts("k2") && !exact.accepts("k") && !exact.accepts(""));
    assert!(ApiKeyPolicy::AnyNonEmpty.accepts("x"));
    assert!(!ApiKeyPolicy::AnyNonEmpty.accepts(""));
}

#[test]
fn builder_sets_every_field() {
    let c = EmulatorConfig::default()
        .with_port(1234)
        .with_seed(9)
        .with_queued_duration(Duration::from_millis(1))
        .with_in_progress_duration(Duration::from_millis(2))
        .with_artifact_padding(u64::MAX)
        .with_callback_host("Hooks.Test");
    assert_eq!((c.port(), c.seed()), (1234, 9));
    assert_eq!(
        c.timings(),
        JobTimings {
            queued: Duration::from_millis(1),
            in_progress: Duration::from_millis(2)
        }
    );
    assert_eq!(
        c.artifact_padding(),
        crate::artifacts::MAX_PADDING,
        "clamped below 4 GiB"
    );
    assert_eq!(c.callback_hosts, ["hooks.test"]);
    let d = EmulatorConfig::default();
    assert_eq!(d.timings(), JobTimings::default());
    assert_eq!(
        d.api_key_policy(),
        &ApiKeyPolicy::Exact(crate::DEFAULT_API_KEY.to_owned())
    );
    assert!(!d.faults().is_enabled());
}
