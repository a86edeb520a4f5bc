use hume_models::BatchJobState;

use super::*;

fn finished(state: BatchJobState) -> BatchJobDetails {
    BatchJobDetails::new("job-1", Default::default(), state)
}

#[test]
fn completed_jobs_teach_the_median_failed_ones_do_not() {
    let durations = JobDurations::new();
    assert!(durations.estimate().is_none() && durations.is_empty());
    durations.record(&finished(BatchJobState::failed(0, 100, 200, "x")));
    durations.record(&finished(BatchJobState::in_progress(0, 100)));
    assert!(durations.is_empty());
    for (queued, run) in [(100, 900), (50, 1_000), (500, 5_000)] {
        durations.record(&finished(BatchJobState::completed(
            1_000,
            1_000 + queued,
            1_000 + queued + run,
            1,
            0,
        )));
    }
    assert_eq!(durations.len(), 3);
    assert_eq!(
        durations.estimate(),
        Some(DurationEstimate {
            total: Duration::from_millis(1_050),
            run: Some(Duration::from_millis(1_000)),
        })
    );
}

#[test]
fn only_the_recent_jobs_count() {
    let durations = JobDurations::new();
    for run in [10_000; 40] {
        durations.record(&finished(BatchJobState::completed(0, 0, run, 1, 0)));
    }
    for _ in 0..SAMPLES {
        durations.record(&finished(BatchJobState::completed(0, 0, 200, 1, 0)));
    }
    assert_eq!(durations.len(), SAMPLES);
    assert_eq!(
        durations.estimate().unwrap().total,
        Duration::from_millis(200)
    );
}
