use super::*;

#[test]
fn sizes_are_labelled_in_their_natural_unit() {
    assert_eq!(size_label(1_073_823_227.0), "1 GiB");
    assert_eq!(size_label(268_435_456.0), "256 MiB");
    assert_eq!(size_label(100_334_070.0), "100 MB");
    assert_eq!(rss_label(Some(6144)), "6.0 MiB");
    assert_eq!(rss_label(None), "?");
    assert_eq!(throughput(2.0 * MIB, 0.5), "4 MiB/s (0.50 s)");
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
