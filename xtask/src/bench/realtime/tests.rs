use serde_json::json;

use super::*;

fn report(sessions: u64, rss_kib: u64, rate: f64, rate_limited: u64) -> Value {
    json!({"sessions": sessions, "seconds": 20, "failed": 0, "fully_received": sessions,
           "rate_limited": rate_limited, "cpu_secs": 4.0, "cpu_ms_per_session_sec": 2.0,
           "send_rate_mean": rate, "secs": 20.5, "peak_rss_kib": rss_kib})
}

#[test]
fn the_memory_row_holds_the_rss_under_64_mib_and_every_session_whole() {
    assert_eq!(
        memory_row(&report(100, 40 * 1024, 1.0, 0)).verdict,
        Verdict::Pass
    );
    assert_eq!(
        memory_row(&report(100, 65 * 1024, 1.0, 0)).verdict,
        Verdict::Fail
    );
    assert_eq!(
        memory_row(&report(100, 40 * 1024, 1.0, 3)).verdict,
        Verdict::Fail,
        "rate_limited means the pacing failed"
    );
    let mut failed = report(100, 40 * 1024, 1.0, 0);
    failed["failed"] = json!(1);
    assert_eq!(memory_row(&failed).verdict, Verdict::Fail);
}

#[test]
fn the_pacing_row_allows_two_percent() {
    assert_eq!(
        pacing_row(&report(1, 9000, 0.985, 0)).verdict,
        Verdict::Pass
    );
    assert_eq!(
        pacing_row(&report(1, 9000, 1.0199, 0)).verdict,
        Verdict::Pass
    );
    assert_eq!(pacing_row(&report(1, 9000, 1.03, 0)).verdict, Verdict::Fail);
    assert_eq!(pacing_row(&report(1, 9000, 0.97, 0)).verdict, Verdict::Fail);
    assert_eq!(pacing_row(&report(1, 9000, 1.0, 0)).ratio, "+0.00%");
}
