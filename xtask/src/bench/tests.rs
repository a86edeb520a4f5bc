use super::*;

fn options(args: &[&str]) -> Result<Options> {
    Options::parse(args.iter().map(|s| (*s).to_owned()))
}

#[test]
fn options_select_benchmarks() {
    let all = options(&[]).expect("no args");
    assert!(!all.quick);
    assert!(ALL.iter().all(|b| all.selected(b)));
    assert!(all.selected_cargo("export_csv"));

    let quick = options(&["--quick"]).expect("quick");
    assert!(quick.selected("download"));
    assert!(
        !quick.selected_cargo("predictions_parse"),
        "quick skips cargo benches"
    );

    let only = options(&["--quick", "--only", "details,export_csv", "--only=jobs"]).expect("only");
    assert!(!only.selected("soak"));
    assert!(options(&["--only", "soak"]).expect("soak").selected("soak"));
    assert!(only.selected("details") && only.selected("jobs"));
    assert!(!only.selected("download"));
    assert!(
        only.selected_cargo("export_csv"),
        "named cargo bench runs even with --quick"
    );
    assert!(!only.selected_cargo("predictions_parse"));

    assert!(options(&["--only", "nope"]).is_err());
    assert!(options(&["--only"]).is_err());
    assert!(options(&["--fast"]).is_err());
}

#[test]
fn numbers_before_a_unit() {
    let line = "interleaved medians over 15 rounds: IgnoredAny 812 MiB/s; typed parse 400 MiB/s \
                (ratio 0.49); typed parse + drop 380 MiB/s (ratio 0.47)";
    assert_eq!(numbers_before(line, "MiB/s"), vec![812.0, 400.0, 380.0]);
    let line = "bare parse (from_slice::<IgnoredAny>): 0.512 s, 390 MB/s";
    assert_eq!(numbers_before(line, "s,"), vec![0.512]);
}

#[test]
fn criterion_throughput_of_a_named_benchmark() {
    let lines: Vec<String> = [
        "predictions_parse/typed Predictions::from_response",
        "                        time:   [120.1 ms 121.0 ms 122.3 ms]",
        "                        thrpt:  [410.00 MiB/s 412.50 MiB/s 415.00 MiB/s]",
        "predictions_parse/typed Predictions::from_response + drop",
        "                        thrpt:  [1.0 GiB/s 1.5 GiB/s 2.0 GiB/s]",
        "predictions_parse/serde_json IgnoredAny",
        "                        time:   [60.0 ms 61.0 ms 62.0 ms]",
        "                        thrpt:  [0.9 GiB/s 1.25 GiB/s 1.3 GiB/s]",
    ]
    .map(String::from)
    .to_vec();
    let typed = criterion_thrpt(&lines, "predictions_parse/typed Predictions::from_response");
    assert_eq!(typed, Some(412.5));
    let floor = criterion_thrpt(&lines, "predictions_parse/serde_json IgnoredAny");
    assert_eq!(floor, Some(1280.0));
    assert_eq!(criterion_thrpt(&lines, "predictions_parse/missing"), None);
}

#[test]
fn sizes_are_labelled_in_their_natural_unit() {
    assert_eq!(size_label(1_073_823_227.0), "1 GiB");
    assert_eq!(size_label(268_435_456.0), "256 MiB");
    assert_eq!(size_label(100_334_070.0), "100 MB");
    assert_eq!(rss_label(Some(6144)), "6.0 MiB");
    assert_eq!(rss_label(None), "?");
}

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
fn table_aligns_every_column() {
    let rows = [
        Row {
            name: "a".into(),
            ours: "1".into(),
            baseline: "2".into(),
            ratio: "0.50x".into(),
            rss: "6.0 MiB".into(),
            target: ">= 0.8x".into(),
            verdict: Verdict::Fail,
        },
        Row {
            name: "a longer name".into(),
            ours: "-".into(),
            baseline: "-".into(),
            ratio: "-".into(),
            rss: "-".into(),
            target: "-".into(),
            verdict: Verdict::Info,
        },
    ];
    let text = table(&rows);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("| benchmark     | ours |"));
    assert!(lines[2].contains("| FAIL      |"));
    assert!(lines[3].contains("| info      |"));
    let width = lines[0].chars().count();
    assert!(lines.iter().all(|l| l.chars().count() == width));
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
