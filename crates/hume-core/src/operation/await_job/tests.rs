use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;

use super::*;
use crate::mock::{MockResponse, MockTransport};
use crate::operation::testing::{Did, ctx, ctx_with, run, run_with_latency};

const S: fn(u64) -> Duration = Duration::from_secs;

fn details(status: &str) -> MockResponse {
    let mut state = json!({"status": status, "created_timestamp_ms": 1});
    if status == "FAILED" {
        state["message"] = json!("could not fetch media");
    }
    MockResponse::json(200, &json!({"job_id": "j", "state": state}))
}

fn poll_times(did: &[Did]) -> Vec<Duration> {
    did.iter()
        .filter_map(|d| match d {
            Did::Send(_, at) => Some(*at),
            _ => None,
        })
        .collect()
}

#[test]
fn polls_at_once_then_on_the_schedule_and_reports_each_poll() {
    let mock = MockTransport::new()
        .with_response(details("QUEUED"))
        .with_response(details("IN_PROGRESS"))
        .with_response(details("COMPLETED"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let op = AwaitJob::new(&ctx(), "j")
        .with_progress(move |d| log.lock().unwrap().push(d.status().clone()));
    let got = run(&mock, op);
    assert_eq!(*got.result.unwrap().status(), BatchJobStatus::Completed);
    assert_eq!(poll_times(&got.did), [S(0), S(1), S(3)]);
    assert_eq!(
        *seen.lock().unwrap(),
        [
            BatchJobStatus::Queued,
            BatchJobStatus::InProgress,
            BatchJobStatus::Completed
        ]
    );
    assert!(
        mock.requests()
            .iter()
            .all(|r| r.url == "http://127.0.0.1:4010/v0/batch/jobs/j")
    );
}

#[test]
fn a_failed_job_is_a_value_unless_raised() {
    let mock = MockTransport::new()
        .with_response(details("FAILED"))
        .with_response(details("FAILED"));
    let value = run(&mock, AwaitJob::new(&ctx(), "j")).result.unwrap();
    assert_eq!(*value.status(), BatchJobStatus::Failed);
    let err = run(&mock, AwaitJob::new(&ctx(), "j").with_raise_on_failed(true))
        .result
        .unwrap_err();
    assert_eq!(err.to_string(), "job j failed: could not fetch media");
}

#[test]
fn the_timeout_ends_polling_with_the_last_status() {
    let mock = MockTransport::new();
    for _ in 0..4 {
        mock.push_response(details("IN_PROGRESS"));
    }
    let got = run(&mock, AwaitJob::new(&ctx(), "j"));
    // 10 s timeout: polls at 0, 1, 3, 7; the sleep after the last ends at the deadline,
    // where no time is left for another poll.
    assert_eq!(poll_times(&got.did), [S(0), S(1), S(3), S(7)]);
    assert_eq!(got.sleeps.iter().sum::<Duration>(), S(10));
    let err = got.result.unwrap_err();
    assert!(
        matches!(&err, HumeError::AwaitTimeout { job_id, timeout, last_status, .. }
            if job_id == "j" && *timeout == S(10) && *last_status == Some(BatchJobStatus::InProgress)),
        "{err:?}"
    );
    mock.assert_all_used();
}

#[test]
fn request_time_counts_against_the_timeout() {
    let mock = MockTransport::new();
    for _ in 0..3 {
        mock.push_response(details("QUEUED"));
    }
    // Each poll takes 2 s: polls start at 0, 3 (2 + 1) and 7 (5 + 2); the next sleep is
    // clamped to the 11 s deadline, where the await ends.
    let got = run_with_latency(&mock, AwaitJob::new(&ctx(), "j").with_timeout(S(11)), S(2));
    assert_eq!(poll_times(&got.did), [S(0), S(3), S(7)]);
    assert!(matches!(
        got.result.unwrap_err(),
        HumeError::AwaitTimeout { .. }
    ));
}

#[test]
fn a_short_timeout_is_refused_before_any_request() {
    let mock = MockTransport::new();
    let got = run(
        &mock,
        AwaitJob::new(&ctx(), "j").with_timeout(Duration::from_millis(999)),
    );
    assert_eq!(
        got.result.unwrap_err().to_string(),
        "invalid configuration: timeout must be at least 1 second"
    );
    assert!(got.did.is_empty());
}

#[test]
fn a_failed_poll_ends_the_await_and_retries_stay_inside_a_poll() {
    let mock = MockTransport::new()
        .with_response(details("QUEUED"))
        .with_response(MockResponse::json(
            404,
            &json!({"message": "job not found"}),
        ));
    let got = run(&mock, AwaitJob::new(&ctx(), "j"));
    assert!(matches!(
        got.result.unwrap_err(),
        HumeError::JobNotFound { .. }
    ));

    // A 503 inside the second poll is retried by that poll (1 s); the schedule goes on.
    let mock = MockTransport::new()
        .with_response(details("QUEUED"))
        .with_response(MockResponse::new(503))
        .with_response(details("IN_PROGRESS"))
        .with_response(details("COMPLETED"));
    let got = run(&mock, AwaitJob::new(&ctx(), "j"));
    got.result.unwrap();
    assert_eq!(got.sleeps, [S(1), S(1), S(2)]);
    assert_eq!(poll_times(&got.did), [S(0), S(1), S(2), S(4)]);
}

#[test]
fn jitter_comes_from_the_injected_source() {
    let ctx = ctx_with(|c| c.with_poll(PollPolicy::default().with_jitter(0.2)));
    let op = AwaitJob::new(&ctx, "j").with_rng(|| 1.0);
    let mock = MockTransport::new()
        .with_response(details("QUEUED"))
        .with_response(details("COMPLETED"));
    let got = run(&mock, op);
    got.result.unwrap();
    assert_eq!(got.sleeps, [Duration::from_millis(1200)]);
    assert!(format!("{:?}", AwaitJob::new(&ctx, "j")).contains("AwaitJob"));
}

/// Drives `op` against a server that never answers: every request hangs until its own
/// timeout. Returns the result, the fake time it ended at and the timeouts sent.
fn against_a_hung_server(
    mut op: AwaitJob,
) -> (Result<BatchJobDetails, HumeError>, Duration, Vec<Duration>) {
    let mut now = Duration::ZERO;
    let mut timeouts = Vec::new();
    let mut event = Event::Start;
    loop {
        event = match op.next(event, now) {
            Action::Send(request) => {
                let timeout = request.timeout.expect("every request has a timeout");
                assert!(request.deadline.is_some_and(|d| d <= timeout.max(d)));
                timeouts.push(timeout);
                now += timeout;
                Event::TransportFailed(crate::TransportError::timeout(
                    crate::SendState::MaybeSent,
                    "no response",
                ))
            }
            Action::Sleep(delay) => {
                now += delay;
                Event::Slept
            }
            Action::Done(result) => return (result, now, timeouts),
            other => panic!("unexpected {other:?}"),
        };
    }
}

#[test]
fn the_timeout_is_a_deadline_even_against_a_server_that_never_answers() {
    // The audit: `hume wait --timeout 2` took 31 s (3 attempts of 10 s each).
    let ctx = ctx_with(|c| c.with_timeout(S(10)));
    let (result, ended, timeouts) =
        against_a_hung_server(AwaitJob::new(&ctx, "j").with_timeout(S(2)));
    assert!(
        matches!(result, Err(HumeError::AwaitTimeout { .. })),
        "{result:?}"
    );
    assert!(ended <= S(2), "ended at {ended:?}");
    assert!(timeouts.iter().all(|t| *t <= S(2)), "{timeouts:?}");
    // A longer await still stops at its deadline, whatever the retries would have done.
    let (result, ended, _) = against_a_hung_server(AwaitJob::new(&ctx, "j").with_timeout(S(25)));
    assert!(matches!(result, Err(HumeError::AwaitTimeout { .. })));
    assert!(ended <= S(25), "ended at {ended:?}");
}
