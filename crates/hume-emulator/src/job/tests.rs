use super::*;

fn job(failure: Option<&str>) -> Job {
    Job {
        seq: 0,
        id: JobId::new("j"),
        request: JobRequest::new().with_url("https://example.com/a.mp4"),
        files: Vec::new(),
        created_ms: 1_000,
        started_ms: 1_050,
        ended_ms: 1_200,
        failure: failure.map(str::to_owned),
        counts: OnceLock::new(),
    }
}

#[test]
fn status_follows_the_clock() {
    let j = job(None);
    assert_eq!(j.status_at(1_000), BatchJobStatus::Queued);
    assert_eq!(j.status_at(1_049), BatchJobStatus::Queued);
    assert_eq!(j.status_at(1_050), BatchJobStatus::InProgress);
    assert_eq!(j.status_at(1_199), BatchJobStatus::InProgress);
    assert_eq!(j.status_at(1_200), BatchJobStatus::Completed);
    assert_eq!(job(Some("boom")).status_at(5_000), BatchJobStatus::Failed);
}

#[test]
fn states_carry_the_fields_of_their_status() {
    let j = job(None);
    let q = j.state_at(1_010, || unreachable!());
    assert_eq!(
        (q.created_timestamp_ms, q.started_timestamp_ms),
        (Some(1_000), None)
    );
    let p = j.state_at(1_100, || unreachable!());
    assert_eq!(
        (p.started_timestamp_ms, p.ended_timestamp_ms),
        (Some(1_050), None)
    );
    let c = j.state_at(2_000, || (4, 1));
    assert_eq!(c.status, BatchJobStatus::Completed);
    assert_eq!(
        (c.ended_timestamp_ms, c.num_predictions, c.num_errors),
        (Some(1_200), Some(4), Some(1))
    );
    let f = job(Some("boom")).state_at(2_000, || unreachable!());
    assert_eq!(
        (f.message.as_deref(), f.num_predictions),
        (Some("boom"), None)
    );
}
