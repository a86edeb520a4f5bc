use serde_json::json;

use super::*;

fn estimate(full_id: &str, median_ns: f64) -> Estimate {
    Estimate {
        full_id: full_id.to_owned(),
        median_ns,
        bytes: Some(52_428_800),
    }
}

#[test]
fn predictions_parse_rows_from_criterion_alone() {
    let estimates = [
        estimate(TYPED_ID, 200_000_000.0),
        estimate(FLOOR_ID, 100_000_000.0),
    ];
    let rows = predictions_parse_rows(&estimates, None).expect("rows");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].ours, "250 MiB/s");
    assert_eq!(rows[0].baseline, "serde IgnoredAny: 500 MiB/s");
    assert_eq!(rows[0].ratio, "0.50x");
    assert_eq!(rows[0].verdict, Verdict::Pass);
    assert!(rows[0].name.contains("50 MiB body"), "{}", rows[0].name);
    assert!(predictions_parse_rows(&estimates[..1], None).is_err());
}

#[test]
fn the_interleaved_medians_carry_the_target() {
    let estimates = [
        estimate(TYPED_ID, 300_000_000.0),
        estimate(FLOOR_ID, 100_000_000.0),
    ];
    let summary = json!({"body_bytes": 52_430_000, "rounds": 15,
        "ignored_any_mib_s": 800.0, "typed_mib_s": 480.0, "typed_drop_mib_s": 400.0});
    let rows = predictions_parse_rows(&estimates, Some(&summary)).expect("rows");
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0].verdict,
        Verdict::Info,
        "criterion's 0.33x is information"
    );
    assert_eq!(rows[1].ratio, "0.60x");
    assert_eq!(rows[1].verdict, Verdict::Pass);
    assert!(rows[1].name.contains("15 rounds"));
}

#[test]
fn export_csv_rows_from_the_summary() {
    let figures = |secs: f64, rss_kib: u64| json!({"secs": secs, "cpu_secs": secs, "rows": 10, "out_bytes": 100, "peak_rss_kib": rss_kib});
    let summary = json!({"file_bytes": 200_000_000u64, "modes": {
        "bare-parse": figures(1.0, 300_000),
        "stream-file": figures(2.5, 10_000),
        "typed": figures(4.0, 900_000),
    }});
    let rows = export_csv_rows(&summary).expect("rows");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].ratio, "2.50x time");
    assert_eq!(rows[0].verdict, Verdict::Pass);
    assert_eq!(rows[0].rss, "10 MB (0.05x file)");
    assert_eq!(rows[1].verdict, Verdict::Info);
    assert!(rows[0].name.contains("200 MB"), "{}", rows[0].name);

    let slow = json!({"file_bytes": 200_000_000u64, "modes": {
        "bare-parse": figures(1.0, 1),
        "stream-file": figures(3.5, 1),
    }});
    assert_eq!(
        export_csv_rows(&slow).expect("rows")[0].verdict,
        Verdict::Fail
    );
    assert!(export_csv_rows(&json!({"file_bytes": 1, "modes": {}})).is_err());
}

#[test]
fn v1_audio_parse_rows_name_the_v1_bench() {
    let estimates = [
        estimate(V1_TYPED_ID, 40_000_000.0),
        estimate(V1_FLOOR_ID, 20_000_000.0),
    ];
    let summary = json!({"body_bytes": 10_000_000, "rounds": 25,
        "ignored_any_mib_s": 600.0, "typed_mib_s": 360.0, "typed_drop_mib_s": 300.0});
    let rows = v1_audio_parse_rows(&estimates, Some(&summary)).expect("rows");
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0]
            .name
            .starts_with("typed v1 audio response parse, 10 MB body"),
        "{}",
        rows[0].name
    );
    assert_eq!(rows[1].ratio, "0.60x");
    assert_eq!(rows[1].verdict, Verdict::Pass);
    // The predictions ids are not the v1 ones.
    assert!(
        v1_audio_parse_rows(&[estimate(TYPED_ID, 1.0), estimate(FLOOR_ID, 1.0)], None).is_err()
    );
}
