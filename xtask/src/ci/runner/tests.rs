use std::time::Duration;

use super::{Tally, Timings};

#[test]
fn reads_cargo_test_result_lines() {
    let line = "test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.11s";
    assert_eq!(
        Tally::from_line(line),
        Some(Tally {
            passed: 12,
            failed: 0
        })
    );
    let line = "test result: FAILED. 3 passed; 2 failed; 0 ignored";
    assert_eq!(
        Tally::from_line(line),
        Some(Tally {
            passed: 3,
            failed: 2
        })
    );
}

#[test]
fn reads_nextest_summary_lines() {
    let line = "     Summary [  19.514s] 433 tests run: 433 passed, 0 skipped";
    assert_eq!(
        Tally::from_line(line),
        Some(Tally {
            passed: 433,
            failed: 0
        })
    );
    let line = "     Summary [   2.0s] 10 tests run: 8 passed, 2 failed, 1 skipped";
    assert_eq!(
        Tally::from_line(line),
        Some(Tally {
            passed: 8,
            failed: 2
        })
    );
}

#[test]
fn ignores_other_lines() {
    assert_eq!(Tally::from_line("        PASS [   0.057s] it::a"), None);
    assert_eq!(Tally::from_line("running 3 tests"), None);
}

#[test]
fn timings_record_every_step_and_the_total_even_on_failure() {
    let mut timings = Timings::default();
    let value = timings.time("first", || Ok(7)).expect("first");
    assert_eq!(value, 7);
    let failed = timings.time("second step", || -> anyhow::Result<()> {
        anyhow::bail!("broken")
    });
    assert!(failed.is_err());
    timings.steps[0].1 = Duration::from_millis(1500);
    timings.steps[1].1 = Duration::from_millis(250);
    assert_eq!(
        timings.table(),
        "  first           1.5 s\n  second step     0.2 s\n  total           1.8 s"
    );
}
