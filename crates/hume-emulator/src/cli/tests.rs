use clap::Parser;

use super::*;

#[derive(Debug, Parser)]
struct Wrapper {
    #[command(flatten)]
    args: EmulatorArgs,
}

#[test]
fn flags_map_onto_the_config() {
    let w = Wrapper::parse_from([
        "x",
        "--port",
        "8123",
        "--seed",
        "4",
        "--queued-ms",
        "5",
        "--in-progress-ms",
        "6",
        "--artifact-padding",
        "1024",
        "--fault-503",
        "0.25",
        "--fault-429",
        "0.1",
        "--retry-after",
        "3",
        "--fault-slow",
        "0.05",
        "--slow-ms",
        "10",
        "--reject-first",
        "2",
        "--fault-drop-after",
        "0.02",
        "--list-bounds",
        "inclusive",
        "--any-api-key",
    ]);
    let c = w.args.to_config();
    assert_eq!((c.port(), c.seed(), c.artifact_padding()), (8123, 4, 1024));
    assert_eq!(c.timings().queued, Duration::from_millis(5));
    assert_eq!(c.timings().in_progress, Duration::from_millis(6));
    let f = c.faults();
    assert_eq!(
        (
            f.server_error,
            f.rate_limit,
            f.retry_after_secs,
            f.reject_first
        ),
        (0.25, 0.1, 3, 2)
    );
    assert_eq!((f.slow, f.slow_delay), (0.05, Duration::from_millis(10)));
    assert_eq!(f.drop_after_processing, 0.02);
    assert_eq!(c.list_bounds(), crate::ListBounds::Inclusive);
    assert_eq!(c.api_key_policy(), &crate::ApiKeyPolicy::AnyNonEmpty);
}

#[test]
fn defaults_match_the_library_defaults() {
    let c = Wrapper::parse_from(["x"]).args.to_config();
    let d = EmulatorConfig::default();
    assert_eq!(
        (c.port(), c.seed(), c.timings()),
        (d.port(), d.seed(), d.timings())
    );
    assert_eq!(c.api_key_policy(), d.api_key_policy());
    assert!(!c.faults().is_enabled());
    assert_eq!(c.list_bounds(), d.list_bounds());
}

#[test]
fn debug_redacts_the_key() {
    let w = Wrapper::parse_from(["x", "--api-key", "very-secret-value"]);
    let debug = format!("{:?}", w.args);
    assert!(!debug.contains("very-secret-value"), "{debug}");
}

#[test]
fn v1_flags_map_onto_the_v1_config() {
    let w = Wrapper::parse_from([
        "x",
        "--face-state-secret",
        "shh-secret-value",
        "--max-runs",
        "7",
        "--max-run-events",
        "3",
        "--upload-delay-ms",
        "25",
        "--forbidden-api-key",
        "nope-1",
        "--forbidden-api-key",
        "nope-2",
    ]);
    let c = w.args.to_config();
    let v1 = c.v1();
    assert!(v1.has_face_state_secret());
    assert_eq!((v1.max_runs(), v1.max_events_per_kind()), (7, 3));
    assert_eq!(v1.upload_delay(), Duration::from_millis(25));
    assert!(v1.is_forbidden("nope-1") && v1.is_forbidden("nope-2"));
    let debug = format!("{:?}", w.args);
    assert!(
        !debug.contains("shh-secret-value") && !debug.contains("nope-1"),
        "{debug}"
    );
    let d = Wrapper::parse_from(["x"]).args.to_config();
    assert_eq!(d.v1().max_runs(), crate::DEFAULT_MAX_RUNS);
    assert_eq!(
        d.v1().max_events_per_kind(),
        crate::DEFAULT_MAX_EVENTS_PER_KIND
    );
    assert_eq!(d.v1().upload_delay(), Duration::ZERO);
}

#[test]
fn realtime_flags_map_onto_the_realtime_config() {
    let w = Wrapper::parse_from([
        "x",
        "--max-sessions",
        "12",
        "--session-idle-timeout-ms",
        "1500",
        "--relaxed-pacing",
        "--session-cut",
        "1013",
        "--session-cut-after-frames",
        "40",
        "--session-cut-after-ms",
        "2500",
        "--session-cut-sessions",
        "2",
        "--session-rate-limit-every",
        "9",
    ]);
    let c = w.args.to_config();
    let realtime = c.v1().realtime();
    assert_eq!(realtime.max_sessions(), 12);
    assert_eq!(realtime.idle_timeout(), Duration::from_millis(1500));
    assert!(realtime.relaxed_pacing());
    let faults = realtime.faults();
    assert_eq!(faults.cut(), Some(crate::SessionCut::TryAgainLater));
    assert_eq!(faults.cut_after_frames(), Some(40));
    assert_eq!(faults.cut_after(), Some(Duration::from_millis(2500)));
    assert_eq!(faults.cut_sessions(), Some(2));
    assert_eq!(faults.rate_limit_every(), Some(9));

    for (spelling, cut) in [
        ("drop", crate::SessionCut::Drop),
        ("1012", crate::SessionCut::Restart),
        ("restart", crate::SessionCut::Restart),
        ("try-again-later", crate::SessionCut::TryAgainLater),
    ] {
        let w = Wrapper::parse_from(["x", "--session-cut", spelling]);
        assert_eq!(w.args.to_config().v1().realtime().faults().cut(), Some(cut));
    }
    assert!(Wrapper::try_parse_from(["x", "--session-cut", "1000"]).is_err());
    assert!(
        Wrapper::try_parse_from(["x", "--session-cut-after-frames", "3"]).is_err(),
        "a trigger needs a cut"
    );
    let defaults = Wrapper::parse_from(["x"]).args.to_config();
    assert_eq!(defaults.v1().realtime(), &crate::RealtimeConfig::default());
}
