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
fn quick_runs_are_smaller() {
    let (full, quick) = (Sizes::new(false), Sizes::new(true));
    assert!(quick.transfer_bytes < full.transfer_bytes);
    assert!(quick.rounds < full.rounds && quick.jobs < full.jobs);
    assert!(CLIENT_BENCHES.iter().all(|b| ALL.contains(b)));
}
