use std::time::Duration;

use serde_json::json;

use super::*;

fn write_result(home: &Path, dir: &str, full_id: &str, median_ns: f64) {
    let new = home.join(dir).join("new");
    std::fs::create_dir_all(&new).expect("dirs");
    let benchmark = json!({
        "group_id": "predictions_parse", "function_id": full_id, "value_str": null,
        "throughput": {"Bytes": 52_428_800}, "full_id": full_id,
        "directory_name": dir, "title": full_id
    });
    let estimates = json!({
        "mean": {"point_estimate": median_ns * 1.1, "standard_error": 1.0,
                 "confidence_interval": {"confidence_level": 0.95, "lower_bound": 0.0, "upper_bound": 0.0}},
        "median": {"point_estimate": median_ns, "standard_error": 1.0,
                   "confidence_interval": {"confidence_level": 0.95, "lower_bound": 0.0, "upper_bound": 0.0}}
    });
    std::fs::write(new.join("benchmark.json"), benchmark.to_string()).expect("write");
    std::fs::write(new.join("estimates.json"), estimates.to_string()).expect("write");
}

#[test]
fn reads_every_fresh_result_with_its_throughput() {
    let home = tempfile::tempdir().expect("temp dir");
    let before = SystemTime::now() - Duration::from_secs(60);
    write_result(
        home.path(),
        "predictions_parse/typed Predictions__from_response",
        "predictions_parse/typed Predictions::from_response",
        100_000_000.0,
    );
    write_result(
        home.path(),
        "predictions_parse/serde_json IgnoredAny",
        "predictions_parse/serde_json IgnoredAny",
        50_000_000.0,
    );
    // A baseline criterion keeps from the previous run is not a result.
    std::fs::create_dir_all(home.path().join("predictions_parse/report")).expect("report dir");

    let found = read_estimates(home.path(), before).expect("read");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].full_id, "predictions_parse/serde_json IgnoredAny");
    assert_eq!(found[0].mib_per_sec(), Some(1000.0));
    assert_eq!(found[1].mib_per_sec(), Some(500.0));

    let later = SystemTime::now() + Duration::from_secs(60);
    assert!(
        read_estimates(home.path(), later).expect("read").is_empty(),
        "stale results skipped"
    );
    assert!(
        read_estimates(&home.path().join("missing"), before)
            .expect("read")
            .is_empty()
    );
}

#[test]
fn a_benchmark_without_bytes_has_no_throughput() {
    let estimate = parse(
        &json!({"full_id": "g/f", "throughput": null}),
        &json!({"median": {"point_estimate": 10.0}}),
    )
    .expect("parsed");
    assert_eq!(estimate.mib_per_sec(), None);
    assert!(parse(&json!({}), &json!({})).is_none());
}
