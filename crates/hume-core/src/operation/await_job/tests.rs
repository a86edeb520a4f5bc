use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde_json::json;

use super::*;
use crate::mock::{MockResponse, MockTransport};
use crate::operation::testing::{Did, ctx_with, run, run_with_latency};
use crate::transport_error::{SendState, TransportError};
use crate::{PollPolicy, RetryPolicy};

const S: fn(u64) -> Duration = Duration::from_secs;
const MS: fn(u64) -> Duration = Duration::from_millis;

/// The wall clock when each await starts: 2023-11-14T22:13:20Z.
const START_MS: i64 = 1_700_000_000_000;

fn clock() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_millis(START_MS as u64)
}

/// Exact policies (see `testing::ctx`) with the given poll schedule.
fn ctx_on(schedule: PollSchedule) -> Arc<ClientContext> {
    ctx_with(|c| {
        c.with_poll(
            PollPolicy::default()
                .with_schedule(schedule)
                .with_jitter(0.0)
                .with_timeout(S(10)),
        )
    })
}

fn legacy() -> Arc<ClientContext> {
    ctx_on(PollSchedule::Legacy)
}

fn adaptive() -> Arc<ClientContext> {
    ctx_on(PollSchedule::Adaptive)
}

fn details(status: &str) -> MockResponse {
    let mut state = json!({"status": status, "created_timestamp_ms": START_MS});
    if status == "FAILED" {
        state["message"] = json!("could not fetch media");
    }
    MockResponse::json(200, &json!({"job_id": "j", "state": state}))
}

/// Details with timestamps `created`, `started`, `ended` in ms after the await's start.
fn timed(status: &str, created: i64, started: Option<i64>, ended: Option<i64>) -> MockResponse {
    let mut state = json!({"status": status, "created_timestamp_ms": START_MS + created});
    if let Some(started) = started {
        state["started_timestamp_ms"] = json!(START_MS + started);
    }
    if let Some(ended) = ended {
        state["ended_timestamp_ms"] = json!(START_MS + ended);
        state["num_predictions"] = json!(1);
        state["num_errors"] = json!(0);
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

fn await_job(ctx: &Arc<ClientContext>) -> AwaitJob {
    AwaitJob::new(ctx, "j").with_clock(clock)
}

// ---------------------------------------------------------------- the legacy schedule

#[test]
fn polls_at_once_then_on_the_schedule_and_reports_each_poll() {
    let mock = MockTransport::new()
        .with_response(details("QUEUED"))
        .with_response(details("IN_PROGRESS"))
        .with_response(details("COMPLETED"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let op =
        await_job(&legacy()).with_progress(move |d| log.lock().unwrap().push(d.status().clone()));
    let got = run(&mock, op);
    assert_eq!(*got.result.unwrap().status(), BatchJobStatus::Completed);
    assert_eq!(poll_times(&got.did), [S(0), S(1), S(3)]);
    assert_eq!(got.sleeps, [S(1), S(2)], "legacy: whole sleeps");
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
    let value = run(&mock, await_job(&legacy())).result.unwrap();
    assert_eq!(*value.status(), BatchJobStatus::Failed);
    let err = run(&mock, await_job(&legacy()).with_raise_on_failed(true))
        .result
        .unwrap_err();
    assert_eq!(err.to_string(), "job j failed: could not fetch media");
}

#[test]
fn the_timeout_ends_polling_with_the_last_status() {
    for ctx in [legacy(), adaptive()] {
        let mock = MockTransport::new();
        for _ in 0..4 {
            mock.push_response(details("IN_PROGRESS"));
        }
        let got = run(&mock, await_job(&ctx));
        // 10 s timeout: polls at 0, 1, 3, 7 (the adaptive schedule falls back to the same
        // backoff while nothing is learned); none at the deadline, where no time is left for
        // a poll to be answered (the timeout is a deadline).
        assert_eq!(poll_times(&got.did), [S(0), S(1), S(3), S(7)]);
        let err = got.result.unwrap_err();
        assert!(
            matches!(&err, HumeError::AwaitTimeout { job_id, timeout, last_status, last_error: None, .. }
                if job_id == "j" && *timeout == S(10) && *last_status == Some(BatchJobStatus::InProgress)),
            "{err:?}"
        );
        mock.assert_all_used();
    }
}

#[test]
fn request_time_counts_against_the_timeout() {
    let mock = MockTransport::new();
    for _ in 0..3 {
        mock.push_response(details("QUEUED"));
    }
    // Each poll takes 2 s: polls start at 0, 3 (2 + 1) and 7 (5 + 2); the next sleep is
    // clamped to the 11 s deadline, where the await ends without another poll.
    let got = run_with_latency(&mock, await_job(&legacy()).with_timeout(S(11)), S(2));
    assert_eq!(poll_times(&got.did), [S(0), S(3), S(7)]);
    assert!(matches!(
        got.result.unwrap_err(),
        HumeError::AwaitTimeout { .. }
    ));
}

#[test]
fn a_short_timeout_is_refused_before_any_request() {
    let mock = MockTransport::new();
    let got = run(&mock, await_job(&legacy()).with_timeout(MS(999)));
    assert_eq!(
        got.result.unwrap_err().to_string(),
        "invalid configuration: timeout must be at least 1 second"
    );
    assert!(got.did.is_empty());
}

#[test]
fn jitter_comes_from_the_injected_source() {
    let ctx = ctx_with(|c| c.with_poll(PollPolicy::legacy().with_jitter(0.2)));
    let op = await_job(&ctx).with_rng(|| 1.0);
    let mock = MockTransport::new()
        .with_response(details("QUEUED"))
        .with_response(details("COMPLETED"));
    let got = run(&mock, op);
    got.result.unwrap();
    assert_eq!(got.sleeps, [MS(1200)]);
    assert!(format!("{:?}", await_job(&ctx)).contains("AwaitJob"));
}

// ---------------------------------------------------------------- failures

#[test]
fn a_404_ends_the_await_at_once() {
    let mock = MockTransport::new()
        .with_response(details("QUEUED"))
        .with_response(MockResponse::json(
            404,
            &json!({"message": "job not found"}),
        ))
        .with_response(details("COMPLETED"));
    let got = run(&mock, await_job(&adaptive()));
    assert!(matches!(
        got.result.unwrap_err(),
        HumeError::JobNotFound { .. }
    ));
    assert_eq!(mock.remaining(), 1, "no poll after the 404");
}

#[test]
fn a_401_mid_await_ends_it_at_once() {
    for status in [401, 403] {
        let mock = MockTransport::new()
            .with_response(details("QUEUED"))
            .with_response(details("IN_PROGRESS"))
            .with_response(MockResponse::json(status, &json!({"message": "no"})))
            .with_response(details("COMPLETED"));
        let got = run(&mock, await_job(&adaptive()));
        let err = got.result.unwrap_err();
        assert!(matches!(err, HumeError::InvalidApiKey { .. }), "{err:?}");
        assert_eq!(poll_times(&got.did), [S(0), S(1), S(3)], "not retried");
        assert_eq!(mock.remaining(), 1);
    }
}

#[test]
fn transient_failures_are_waited_out_with_backoff() {
    // The second poll fails for good (3 attempts: 503, reset, 429); the await polls again
    // after a backoff instead of giving up, and sees the job complete.
    let mock = MockTransport::new()
        .with_response(details("QUEUED"))
        .with_response(MockResponse::new(503))
        .with_error(TransportError::io(SendState::MaybeSent, "reset"))
        .with_response(MockResponse::new(429).with_header("retry-after", "2"))
        .with_response(
            MockResponse::new(200)
                .with_body("{\"job_id\":")
                .with_body_cut_after(5),
        )
        .with_response(details("COMPLETED"));
    let ctx = ctx_with(|c| {
        c.with_poll(PollPolicy::legacy().with_jitter(0.0).with_timeout(S(60)))
            .with_retry(
                RetryPolicy::default()
                    .with_multiplier(2.0)
                    .with_jitter(false)
                    .with_initial_backoff(S(1))
                    .with_max_attempts(3),
            )
    });
    let got = run(&mock, await_job(&ctx).with_rng(|| 0.0));
    assert_eq!(*got.result.unwrap().status(), BatchJobStatus::Completed);
    // Poll 1 at 0; poll 2 at 1 s: 503 (retry after 1 s), reset (2 s), 429: the poll fails at
    // 4 s. The server asked for 2 s: the await polls again at 6 s; that poll's body is cut
    // short, retried 1 s later within the poll (7 s), and sees the job done.
    assert_eq!(poll_times(&got.did), [S(0), S(1), S(2), S(4), S(6), S(7)]);
    mock.assert_all_used();
}

#[test]
fn a_deadline_while_the_server_keeps_failing_names_the_job_status_and_failure() {
    let mock = MockTransport::new().with_response(details("IN_PROGRESS"));
    for _ in 0..40 {
        mock.push_response(MockResponse::new(503));
    }
    let got = run(&mock, await_job(&adaptive()).with_rng(|| 0.5));
    let err = got.result.unwrap_err();
    let HumeError::AwaitTimeout {
        job_id,
        timeout,
        last_status,
        last_error,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!((job_id.as_str(), *timeout), ("j", S(10)));
    assert_eq!(*last_status, Some(BatchJobStatus::InProgress));
    assert!(
        matches!(last_error.as_deref(), Some(HumeError::Api { status, .. }) if status.as_u16() == 503),
        "{last_error:?}"
    );
    let shown = err.to_string();
    assert!(
        shown.contains("job j") && shown.contains("last status IN_PROGRESS"),
        "{shown}"
    );
    assert!(shown.contains("then polls failed"), "{shown}");
    assert!(
        shown.contains("client.get_job(\"j\").await_complete()"),
        "{shown}"
    );
    // Polled until the deadline, never at or past it.
    let times = poll_times(&got.did);
    assert!(times.len() > 5, "{times:?}");
    assert!(times.iter().all(|t| *t < S(10)), "{times:?}");
    assert!(*times.last().unwrap() > S(9), "{times:?}");
}

// ---------------------------------------------------------------- the adaptive schedule

#[test]
fn with_nothing_learned_the_adaptive_schedule_polls_as_the_backoff_in_ticks() {
    let mock = MockTransport::new()
        .with_response(details("QUEUED"))
        .with_response(details("IN_PROGRESS"))
        .with_response(details("COMPLETED"));
    let got = run(&mock, await_job(&adaptive()));
    got.result.unwrap();
    assert_eq!(poll_times(&got.did), [S(0), S(1), S(3)]);
    // It woke up in between, to look for something learned.
    assert!(got.sleeps.len() > 2, "{:?}", got.sleeps);
    assert!(got.sleeps.iter().all(|s| *s <= S(1)));
}

#[test]
fn a_completed_job_teaches_the_next_await_when_to_poll() {
    let ctx = adaptive();
    // A first job: created at 0, started 100 ms later, done 1.5 s after its start.
    let mock = MockTransport::new()
        .with_response(timed("QUEUED", 0, None, None))
        .with_response(timed("IN_PROGRESS", 0, Some(100), None))
        .with_response(timed("COMPLETED", 0, Some(100), Some(1_600)));
    run(&mock, await_job(&ctx)).result.unwrap();
    assert_eq!(ctx.durations().len(), 1);

    // The next job started 200 ms in: expected at 1.7 s (+ a 26 ms margin); one poll at
    // once, one near the end.
    let mock = MockTransport::new()
        .with_response(timed("IN_PROGRESS", 0, Some(200), None))
        .with_response(timed("COMPLETED", 0, Some(200), Some(1_700)));
    let got = run(&mock, await_job(&ctx));
    got.result.unwrap();
    assert_eq!(poll_times(&got.did), [S(0), MS(1_726)]);

    // Two jobs learned (runs 1.5 s and 1.5 s; totals 1.6 s and 1.7 s: the median total is
    // 1.7 s). A job that runs longer than expected (it started at 0: expected at 1.5 s +
    // 27 ms) is looked at again in short, doubling steps: 1/20 of the usual total (85 ms),
    // then 170 ms.
    let mock = MockTransport::new()
        .with_response(timed("IN_PROGRESS", 0, Some(0), None))
        .with_response(timed("IN_PROGRESS", 0, Some(0), None))
        .with_response(timed("IN_PROGRESS", 0, Some(0), None))
        .with_response(timed("COMPLETED", 0, Some(0), Some(1_800)));
    let got = run(&mock, await_job(&ctx));
    got.result.unwrap();
    assert_eq!(
        poll_times(&got.did),
        [S(0), MS(1_527), MS(1_612), MS(1_782)]
    );
}

#[test]
fn awaits_started_together_learn_from_the_first_to_finish() {
    let ctx = adaptive();
    // This await's job was created with the other's; its backoff would poll at 0, 1, 3 s.
    let mock = MockTransport::new()
        .with_response(timed("QUEUED", 0, None, None))
        .with_response(timed("IN_PROGRESS", 0, Some(300), None))
        .with_response(timed("COMPLETED", 0, Some(300), Some(1_700)));
    let mut op = await_job(&ctx);
    // Drive it by hand to let the other job complete while it sleeps.
    let mut now = Duration::ZERO;
    let mut event = Event::Start;
    let mut body = None;
    let mut polls = Vec::new();
    let mut learned = false;
    let result = loop {
        match op.next(event, now) {
            Action::Send(request) => {
                polls.push(now);
                let (e, b) = Event::sent(crate::Transport::send(&mock, request));
                body = b;
                event = e;
            }
            Action::ReadBody { limit, .. } => {
                event = Event::Body(body.as_mut().unwrap().read_to_vec_limited(limit));
            }
            Action::Sleep(d) => {
                now += d;
                if !learned && now >= MS(1_200) {
                    // Another await of this client saw its job (created at 0) complete at
                    // 1.4 s: the usual total is 1.4 s.
                    let mut other = BatchJobDetails::from_value(json!({"job_id": "k", "state": {
                        "status": "COMPLETED", "created_timestamp_ms": START_MS,
                        "started_timestamp_ms": START_MS + 100, "ended_timestamp_ms": START_MS + 1_400,
                        "num_predictions": 1, "num_errors": 0}}))
                    .unwrap();
                    ctx.durations().record(&other);
                    other.job_id = None;
                    learned = true;
                }
                event = Event::Slept;
            }
            Action::Done(result) => break result,
            other => panic!("{other:?}"),
        }
    };
    result.unwrap();
    // Polls at 0 and 1 s (the backoff); then, learned at 1.2 s: this job started at 300 ms,
    // runs the usual 1.3 s: expected at 1.6 s + 24 ms, long before the backoff's 3 s.
    assert_eq!(polls, [S(0), S(1), MS(1_624)]);
}

#[test]
fn the_legacy_schedule_ignores_what_was_learned() {
    let ctx = legacy();
    ctx.durations().record(
        &BatchJobDetails::from_value(json!({"state": {"status": "COMPLETED",
            "created_timestamp_ms": 0, "started_timestamp_ms": 0, "ended_timestamp_ms": 200}}))
        .unwrap(),
    );
    let mock = MockTransport::new()
        .with_response(timed("IN_PROGRESS", 0, Some(0), None))
        .with_response(timed("COMPLETED", 0, Some(0), Some(300)));
    let got = run(&mock, await_job(&ctx));
    got.result.unwrap();
    assert_eq!(poll_times(&got.did), [S(0), S(1)]);
    assert_eq!(got.sleeps, [S(1)]);
}

#[test]
fn a_job_this_client_just_submitted_is_not_polled_at_once() {
    let ctx = adaptive();
    ctx.submissions()
        .claim(&JobId::new("j"), START_MS - 50, START_MS - 50);
    // Nothing learned: the first poll comes after the initial delay (1 s), not at once.
    let mock = MockTransport::new()
        .with_response(timed("IN_PROGRESS", -50, Some(0), None))
        .with_response(timed("COMPLETED", -50, Some(0), Some(2_000)));
    let got = run(&mock, await_job(&ctx));
    got.result.unwrap();
    assert_eq!(poll_times(&got.did), [S(1), S(3)]);
    // Its creation time, seen in the polls, taught the server's clock (sent and claimed at
    // the same millisecond as it was created: no offset, known exactly).
    assert_eq!(
        ctx.submissions().server_clock().offset_bounds(),
        Some((0, 0))
    );

    // Learned (1.95 s from creation to end): one poll, at the expected end.
    let ctx2 = adaptive();
    ctx2.durations().record(
        &BatchJobDetails::from_value(json!({"state": {"status": "COMPLETED",
            "created_timestamp_ms": 0, "ended_timestamp_ms": 1_950}}))
        .unwrap(),
    );
    ctx2.submissions()
        .claim(&JobId::new("j"), START_MS - 50, START_MS - 50);
    let mock = MockTransport::new().with_response(timed("COMPLETED", -50, Some(0), Some(1_900)));
    let got = run(&mock, await_job(&ctx2));
    got.result.unwrap();
    // Claimed 50 ms before the start: expected 1.9 s in, plus 19.5 + 10 ms of margin.
    assert_eq!(poll_times(&got.did), [Duration::from_micros(1_929_500)]);

    // Submitted long ago (more than the initial delay): polled at once.
    let ctx3 = adaptive();
    ctx3.submissions()
        .claim(&JobId::new("j"), START_MS - 5_000, START_MS - 5_000);
    let mock = MockTransport::new().with_response(details("COMPLETED"));
    let got = run(&mock, await_job(&ctx3));
    got.result.unwrap();
    assert_eq!(poll_times(&got.did), [S(0)]);
    // And the legacy schedule always polls at once.
    let ctx4 = legacy();
    ctx4.submissions()
        .claim(&JobId::new("j"), START_MS - 50, START_MS - 50);
    let mock = MockTransport::new().with_response(details("COMPLETED"));
    let got = run(&mock, await_job(&ctx4));
    got.result.unwrap();
    assert_eq!(poll_times(&got.did), [S(0)]);
}

#[test]
fn a_fresh_job_is_first_polled_at_the_initial_delay_whatever_the_jitter() {
    // Jitter would put half of the first polls before the initial delay, where a job just
    // created is rarely done: each such poll is one more request (1.4 polls per job in the
    // jobs bench, 1.0 without). The submits themselves spread the first polls.
    for draw in [0.0, 0.5, 1.0] {
        let ctx = ctx_with(|c| c.with_poll(PollPolicy::default().with_jitter(0.2)));
        ctx.submissions()
            .claim(&JobId::new("j"), START_MS - 50, START_MS - 50);
        let mock = MockTransport::new().with_response(timed("COMPLETED", -50, Some(0), Some(900)));
        let got = run(&mock, await_job(&ctx).with_rng(move || draw));
        got.result.unwrap();
        assert_eq!(poll_times(&got.did), [S(1)], "draw {draw}");
    }
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
