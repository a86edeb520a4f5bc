use serde_json::json;

use super::*;

fn report(secs: f64, completed: u64, lost: u64) -> Value {
    json!({"jobs": 100, "completed": completed, "lost": lost, "duplicates": 0,
           "uncertain": 0, "secs": secs, "peak_rss_kib": 10_000, "slowest_job_secs": 4.25})
}

#[test]
fn a_whole_soak_within_three_times_passes() {
    let row = row("async", &report(10.0, 100, 0), &report(25.0, 100, 0));
    assert_eq!(row.verdict, Verdict::Pass);
    assert_eq!(row.ratio, "2.50x time");
    assert!(row.ours.ends_with("slowest job 4.2 s"), "{}", row.ours);
}

#[test]
fn a_lost_job_or_a_slow_soak_fails() {
    assert_eq!(
        row("async", &report(10.0, 100, 0), &report(12.0, 99, 1)).verdict,
        Verdict::Fail
    );
    assert_eq!(
        row("blocking", &report(10.0, 100, 0), &report(31.0, 100, 0)).verdict,
        Verdict::Fail
    );
}
