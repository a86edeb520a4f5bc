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
