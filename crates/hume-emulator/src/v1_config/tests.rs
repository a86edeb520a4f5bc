use super::*;

#[test]
fn defaults() {
    let c = V1Config::default();
    assert!(!c.has_face_state_secret());
    assert_eq!(c.max_runs(), DEFAULT_MAX_RUNS);
    assert_eq!(c.max_events_per_kind(), DEFAULT_MAX_EVENTS_PER_KIND);
    assert_eq!(c.upload_delay(), Duration::ZERO);
    assert!(!c.is_forbidden("test-key"));
}

#[test]
fn builder_sets_every_field() {
    let c = V1Config::default()
        .with_face_state_secret("s3cret")
        .with_max_runs(0)
        .with_max_events_per_kind(3)
        .with_upload_delay(Duration::from_millis(7))
        .with_forbidden_key("no-v1");
    assert!(c.has_face_state_secret());
    assert_eq!(c.max_runs(), 1, "at least one run is kept");
    assert_eq!(c.max_events_per_kind(), 3);
    assert_eq!(c.upload_delay(), Duration::from_millis(7));
    assert!(c.is_forbidden("no-v1"));
    assert!(!c.is_forbidden("no-v"));
    assert!(
        !V1Config::default()
            .with_face_state_secret("")
            .has_face_state_secret()
    );
}

#[test]
fn debug_redacts_secrets() {
    let c = V1Config::default()
        .with_face_state_secret("very-secret-value")
        .with_forbidden_key("forbidden-key-value");
    let debug = format!("{c:?}");
    assert!(!debug.contains("very-secret-value"), "{debug}");
    assert!(!debug.contains("forbidden-key-value"), "{debug}");
    assert!(debug.contains("<redacted>"), "{debug}");
}

#[test]
fn realtime_settings_are_kept() {
    let realtime = crate::RealtimeConfig::default().with_max_sessions(3);
    let c = V1Config::default().with_realtime(realtime.clone());
    assert_eq!(c.realtime(), &realtime);
    assert_eq!(
        V1Config::default().realtime(),
        &crate::RealtimeConfig::default()
    );
}
