use super::*;

#[test]
fn best_round_is_the_fastest_with_the_highest_rss() {
    let rounds = [
        serde_json::json!({"secs": 2.0, "peak_rss_kib": 9000}),
        serde_json::json!({"secs": 1.5, "peak_rss_kib": 7000}),
    ];
    let best = best(&rounds).expect("best");
    assert_eq!(secs(&best), 1.5);
    assert_eq!(rss_kib(&best), Some(9000));
    assert!(super::best(&[]).is_err());
}

#[test]
fn paired_rounds_take_medians_of_per_round_ratios() {
    let ours = [
        serde_json::json!({"secs": 1.0, "peak_rss_kib": 100}),
        serde_json::json!({"secs": 4.0, "peak_rss_kib": 300}),
        serde_json::json!({"secs": 2.0, "peak_rss_kib": 200}),
    ];
    // Per-round ratios base/ours: 0.9, 0.5 (a load spike on ours), 0.95.
    let p = Paired::of(&ours, &[0.9, 2.0, 1.9]).expect("paired");
    assert_eq!(p.ours, 2.0);
    assert_eq!(p.base, 1.9);
    assert_eq!(p.ratio, 0.9);
    assert_eq!(p.rss, Some(300));
    assert!(Paired::of(&ours, &[1.0]).is_err(), "unequal rounds");
    assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), 2.5);
    assert!(median(Vec::new()).is_nan());
}
