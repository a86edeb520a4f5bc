use std::io;
use std::time::Duration;

use http::{HeaderMap, StatusCode};
use hume_models::{JobId, ListJobsQuery};
use serde_json::json;

use super::*;
use crate::mock::{MockResponse, MockTransport};
use crate::operation::testing::{Did, ctx, ctx_with, run, run_with_latency};
use crate::transport_error::{SendState, TransportError, TransportErrorKind};
use crate::{HumeError, RetryPolicy};

const S: fn(u64) -> Duration = Duration::from_secs;

fn details(id: &str, status: &str) -> serde_json::Value {
    json!({"job_id": id, "state": {"status": status, "created_timestamp_ms": 1}})
}

fn ok_head() -> Event {
    Event::Response {
        status: StatusCode::OK,
        headers: HeaderMap::new(),
    }
}

fn cut() -> Event {
    Event::Body(Err(io::Error::new(
        io::ErrorKind::UnexpectedEof,
        "body cut short",
    )))
}

#[test]
fn sends_reads_the_whole_body_and_decodes() {
    let mock =
        MockTransport::new().with_response(MockResponse::json(200, &details("j1", "QUEUED")));
    let got = run(&mock, Fetch::job_details(&ctx(), "j1"));
    assert_eq!(got.result.unwrap().job_id, Some(JobId::new("j1")));
    assert_eq!(
        got.did,
        [
            Did::Send("GET http://127.0.0.1:4010/v0/batch/jobs/j1".into(), S(0)),
            Did::ReadBody
        ]
    );
    let request = &mock.requests()[0];
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(
        request.header("x-hume-api-key"),
        Some(crate::operation::testing::KEY)
    );
}

#[test]
fn a_success_is_read_whole_up_to_the_limit_and_an_error_only_in_part() {
    let ctx = ctx_with(|c| c.with_max_response_bytes(1234));
    let mut fetch = Fetch::job_details(&ctx, "j");
    assert!(matches!(fetch.next(Event::Start, S(0)), Action::Send(_)));
    assert!(matches!(
        fetch.next(ok_head(), S(0)),
        Action::ReadBody {
            limit: 1234,
            whole: true
        }
    ));
    let mut fetch = Fetch::job_details(&ctx, "j");
    fetch.next(Event::Start, S(0));
    let head = Event::Response {
        status: StatusCode::NOT_FOUND,
        headers: HeaderMap::new(),
    };
    assert!(matches!(
        fetch.next(head, S(0)),
        Action::ReadBody {
            limit: ERROR_BODY_LIMIT,
            whole: false
        }
    ));
    let done = fetch.next(
        Event::Body(Ok(b"{\"message\":\"job not found\"}".to_vec())),
        S(0),
    );
    assert!(
        matches!(done, Action::Done(Err(HumeError::JobNotFound { .. }))),
        "{done:?}"
    );
}

#[test]
fn retryable_statuses_are_retried_then_decoded() {
    let mock = MockTransport::new()
        .with_response(MockResponse::new(503))
        .with_response(MockResponse::json(200, &details("j", "COMPLETED")));
    let got = run(&mock, Fetch::job_details(&ctx(), "j"));
    assert!(got.result.unwrap().is_terminal());
    assert_eq!(got.sleeps, [S(1)]);
    mock.assert_all_used();

    let mock = MockTransport::new()
        .with_response(MockResponse::json(500, &json!({"message": "a"})))
        .with_response(MockResponse::json(502, &json!({"message": "b"})))
        .with_response(MockResponse::json(504, &json!({"message": "last"})));
    let got = run(&mock, Fetch::job_details(&ctx(), "j"));
    let err = got.result.unwrap_err();
    assert!(
        matches!(&err, HumeError::Api { status, message, .. } if status.as_u16() == 504 && message == "last"),
        "{err:?}"
    );
    assert_eq!(got.sleeps, [S(1), S(2)], "no sleep after the last attempt");
}

#[test]
fn a_body_cut_short_is_retried_within_the_same_budget() {
    let mut fetch = Fetch::job_details(&ctx(), "j");
    assert!(matches!(fetch.next(Event::Start, S(0)), Action::Send(_)));
    assert!(matches!(
        fetch.next(ok_head(), S(0)),
        Action::ReadBody { .. }
    ));
    assert!(matches!(fetch.next(cut(), S(0)), Action::Sleep(d) if d == S(1)));
    assert!(matches!(fetch.next(Event::Slept, S(1)), Action::Send(_)));
    assert!(matches!(
        fetch.next(ok_head(), S(1)),
        Action::ReadBody { .. }
    ));
    let body = serde_json::to_vec(&details("j", "QUEUED")).unwrap();
    let done = fetch.next(Event::Body(Ok(body)), S(1));
    assert!(matches!(done, Action::Done(Ok(_))), "{done:?}");

    // 503, then two cut bodies: three attempts, two sleeps, then the body failure.
    let mut fetch = Fetch::job_details(&ctx(), "j");
    fetch.next(Event::Start, S(0));
    let unavailable = Event::Response {
        status: StatusCode::SERVICE_UNAVAILABLE,
        headers: HeaderMap::new(),
    };
    assert!(matches!(fetch.next(unavailable, S(0)), Action::Sleep(d) if d == S(1)));
    fetch.next(Event::Slept, S(1));
    fetch.next(ok_head(), S(1));
    assert!(matches!(fetch.next(cut(), S(1)), Action::Sleep(d) if d == S(2)));
    fetch.next(Event::Slept, S(3));
    fetch.next(ok_head(), S(3));
    let done = fetch.next(cut(), S(3));
    let Action::Done(Err(HumeError::Transport(err))) = done else {
        panic!("{done:?}")
    };
    assert_eq!(err.kind(), TransportErrorKind::Io);
    assert!(err.may_have_been_sent());
}

#[test]
fn a_body_over_the_limit_is_not_retried() {
    let ctx = ctx_with(|c| c.with_max_response_bytes(10));
    let mock = MockTransport::new()
        .with_response(MockResponse::json(200, &details("j", "QUEUED")))
        .with_response(MockResponse::json(200, &details("j", "QUEUED")));
    let got = run(&mock, Fetch::job_details(&ctx, "j"));
    let err = got.result.unwrap_err();
    assert!(
        matches!(&err, HumeError::Transport(t) if t.kind() == TransportErrorKind::Other),
        "{err:?}"
    );
    assert_eq!(mock.requests().len(), 1);
}

#[test]
fn transport_failures_are_retried_and_the_last_one_reported() {
    let mock = MockTransport::new()
        .with_error(TransportError::timeout(SendState::MaybeSent, "slow"))
        .with_response(MockResponse::json(200, &details("j", "QUEUED")));
    let got = run(&mock, Fetch::job_details(&ctx(), "j"));
    got.result.unwrap();
    assert_eq!(got.sleeps, [S(1)]);

    let mock = MockTransport::new()
        .with_error(TransportError::connect("refused"))
        .with_error(TransportError::connect("refused"))
        .with_error(TransportError::connect("refused"));
    let got = run(&mock, Fetch::job_details(&ctx(), "j"));
    assert!(matches!(got.result.unwrap_err(), HumeError::Transport(t) if t.is_connect()));
    assert_eq!(got.sleeps.len(), 2);
}

#[test]
fn the_retry_deadline_counts_from_the_fetch_start() {
    let ctx = ctx_with(|c| {
        c.with_retry(
            RetryPolicy::default()
                .with_multiplier(2.0)
                .with_jitter(false)
                .with_initial_backoff(S(1))
                .with_max_attempts(10)
                .with_max_elapsed(Some(S(5))),
        )
    });
    // Started at t = 100 s (inside an await, say): 1 s in, still retrying; 6 s in, done.
    let mut fetch = Fetch::job_details(&ctx, "j");
    fetch.next(Event::Start, S(100));
    let unavailable = || Event::Response {
        status: StatusCode::SERVICE_UNAVAILABLE,
        headers: HeaderMap::new(),
    };
    assert!(matches!(
        fetch.next(unavailable(), S(101)),
        Action::Sleep(_)
    ));
    fetch.next(Event::Slept, S(102));
    let last = fetch.next(unavailable(), S(106));
    assert!(
        matches!(last, Action::ReadBody { whole: false, .. }),
        "{last:?}"
    );
}

#[test]
fn redirects_are_followed_and_each_request_takes_time() {
    let mock = MockTransport::new()
        .with_response(MockResponse::new(302).with_header("location", "/moved/j"))
        .with_response(MockResponse::json(200, &details("j", "QUEUED")));
    let got = run_with_latency(
        &mock,
        Fetch::job_details(&ctx(), "j"),
        Duration::from_millis(40),
    );
    got.result.unwrap();
    assert_eq!(
        got.did,
        [
            Did::Send("GET http://127.0.0.1:4010/v0/batch/jobs/j".into(), S(0)),
            Did::Send(
                "GET http://127.0.0.1:4010/moved/j".into(),
                Duration::from_millis(40)
            ),
            Did::ReadBody
        ]
    );
}

#[test]
fn endpoint_constructors() {
    let bytes = br#"[ {"source": {"type": "url", "url": "https://e.com/a.jpg"},
        "results": {"predictions": [], "errors": []}, "error": null} ]"#
        .to_vec();
    let mock = MockTransport::new()
        .with_response(MockResponse::new(200).with_body(bytes.clone()))
        .with_response(MockResponse::new(200).with_body(bytes.clone()))
        .with_response(MockResponse::new(200).with_body(bytes.clone()))
        .with_response(MockResponse::json(200, &json!([details("a", "QUEUED")])));
    let ctx = ctx();
    assert_eq!(
        run(&mock, Fetch::job_predictions_bytes(&ctx, "p"))
            .result
            .unwrap(),
        bytes
    );
    assert_eq!(
        run(&mock, Fetch::job_predictions_raw(&ctx, "p"))
            .result
            .unwrap(),
        serde_json::from_slice::<serde_json::Value>(&bytes).unwrap()
    );
    assert_eq!(
        run(&mock, Fetch::job_predictions(&ctx, "p"))
            .result
            .unwrap()
            .len(),
        1
    );
    let page = run(
        &mock,
        Fetch::list_jobs(&ctx, &ListJobsQuery::new().with_limit(1)),
    );
    assert_eq!(page.result.unwrap().len(), 1);
    let urls: Vec<String> = mock.requests().iter().map(|r| r.url.clone()).collect();
    assert_eq!(
        urls,
        [
            "http://127.0.0.1:4010/v0/batch/jobs/p/predictions",
            "http://127.0.0.1:4010/v0/batch/jobs/p/predictions",
            "http://127.0.0.1:4010/v0/batch/jobs/p/predictions",
            "http://127.0.0.1:4010/v0/batch/jobs?limit=1",
        ]
    );
}

#[test]
fn a_dot_segment_or_unsafe_job_id_is_refused_before_anything_is_sent() {
    for id in ["..", ".", "a/b", "", "x\u{1b}[2J"] {
        let mock = MockTransport::new();
        let got = run(&mock, Fetch::job_details(&ctx(), id));
        assert!(
            matches!(got.result, Err(HumeError::InvalidId(_))),
            "{id:?}: {:?}",
            got.result
        );
        assert!(got.did.is_empty(), "{id:?}: {:?}", got.did);
        assert!(mock.requests().is_empty());
    }
    let err = run(
        &MockTransport::new(),
        Fetch::job_predictions_bytes(&ctx(), ".."),
    )
    .result
    .unwrap_err();
    assert!(err.to_string().contains("invalid job id \"..\""), "{err}");
}

#[test]
fn an_escaped_echo_of_the_key_never_reaches_the_error() {
    let key = crate::operation::testing::KEY;
    let escaped_slash = key.replace('-', "\\u002d");
    let unicode: String = key
        .chars()
        .map(|c| format!("\\u{:04X}", c as u32))
        .collect();
    for echo in [key.to_owned(), escaped_slash, unicode] {
        let body = format!(r#"{{"message": "no such key {echo}", "detail": ["{echo}"]}}"#);
        let mock = MockTransport::new().with_response(
            MockResponse::new(400)
                .with_header("content-type", "application/json")
                .with_body(body),
        );
        let err = run(&mock, Fetch::job_details(&ctx(), "j1"))
            .result
            .unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains(key), "{echo}: {shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
    }
}

#[test]
fn a_bad_redirect_location_is_scrubbed() {
    let key = crate::operation::testing::KEY;
    let mock = MockTransport::new().with_response(
        MockResponse::new(302).with_header("location", &format!("gopher://evil.test/{key}")),
    );
    let err = run(&mock, Fetch::job_details(&ctx(), "j1"))
        .result
        .unwrap_err();
    assert!(matches!(err, HumeError::BadRedirect { .. }), "{err:?}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(key), "{shown}");
}
