use std::io;
use std::time::Duration;

use http::{HeaderMap, StatusCode};
use hume_models::JobRequest;
use serde_json::json;

use super::*;
use crate::mock::{MockResponse, MockTransport};
use crate::operation::testing::{ctx, run, sent};
use crate::transport_error::{SendState, TransportError};

const S: fn(u64) -> Duration = Duration::from_secs;

fn job() -> JobRequest {
    JobRequest::new().with_url("https://example.com/a.jpg")
}

fn created() -> MockResponse {
    MockResponse::json(200, &json!({"job_id": "new-job"}))
}

#[test]
fn a_json_job_is_posted_once_and_yields_its_id() {
    let mock = MockTransport::new().with_response(created());
    let got = run(&mock, Submit::new(&ctx(), job()));
    assert_eq!(got.result.unwrap(), "new-job");
    assert_eq!(sent(&got.did), ["POST http://127.0.0.1:4010/v0/batch/jobs"]);
    let request = &mock.requests()[0];
    assert_eq!(
        request.json(),
        json!({"urls": ["https://example.com/a.jpg"]})
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
}

#[test]
fn local_files_of_the_request_go_as_multipart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clip.wav");
    std::fs::write(&file, vec![3u8; 1000]).unwrap();
    let mock = MockTransport::new().with_response(created());
    let op = Submit::new(&ctx(), JobRequest::new().with_file(&file));
    assert_eq!(op.request().unwrap().files(), std::slice::from_ref(&file));
    run(&mock, op).result.unwrap();
    let request = &mock.requests()[0];
    assert!(
        request
            .header("content-type")
            .unwrap()
            .starts_with("multipart/form-data")
    );
    let text = String::from_utf8_lossy(&request.body);
    assert!(text.contains("filename=\"clip.wav\""), "{text}");
    assert_eq!(request.body.len() as u64, request.declared_length);
}

#[test]
fn a_bad_request_ends_before_anything_is_sent() {
    let mock = MockTransport::new();
    let got = run(&mock, Submit::new(&ctx(), JobRequest::new()));
    assert!(matches!(got.result.unwrap_err(), HumeError::Validation(_)));
    let got = run(
        &mock,
        Submit::new(&ctx(), JobRequest::new().with_file("/no/such/file.wav")),
    );
    assert!(matches!(
        got.result.unwrap_err(),
        HumeError::LocalFile { .. }
    ));
    assert!(got.did.is_empty() && mock.requests().is_empty());
}

#[test]
fn only_failures_that_created_no_job_are_retried() {
    // Not sent, then 503, then 429: each certainly created nothing.
    let mock = MockTransport::new()
        .with_error(TransportError::connect("refused"))
        .with_response(MockResponse::new(503))
        .with_response(created());
    let got = run(&mock, Submit::new(&ctx(), job()));
    assert_eq!(got.result.unwrap(), "new-job");
    assert_eq!(got.sleeps, [S(1), S(2)]);
    let bodies: Vec<Vec<u8>> = mock.requests().into_iter().map(|r| r.body).collect();
    assert!(
        bodies.windows(2).all(|w| w[0] == w[1]),
        "the same body each time"
    );

    // A 500 may have created the job: not retried, uncertain.
    let mock = MockTransport::new()
        .with_response(MockResponse::json(500, &json!({"message": "oops"})))
        .with_response(created());
    let err = run(&mock, Submit::new(&ctx(), job())).result.unwrap_err();
    assert!(err.job_may_exist(), "{err:?}");
    assert_eq!(err.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(mock.remaining(), 1, "not resent");

    // A failure after sending may have created it too.
    let mock = MockTransport::new()
        .with_error(TransportError::io(SendState::MaybeSent, "reset"))
        .with_response(created());
    let err = run(&mock, Submit::new(&ctx(), job())).result.unwrap_err();
    assert!(matches!(&err, HumeError::SubmitUncertain { .. }), "{err:?}");
    assert_eq!(mock.remaining(), 1, "not resent");

    // Certainly not sent, every time: a plain transport error, the job does not exist.
    let mock = MockTransport::new()
        .with_error(TransportError::connect("refused"))
        .with_error(TransportError::connect("refused"))
        .with_error(TransportError::connect("refused"));
    let err = run(&mock, Submit::new(&ctx(), job())).result.unwrap_err();
    assert!(
        matches!(&err, HumeError::Transport(t) if t.is_connect()),
        "{err:?}"
    );
    assert!(!err.job_may_exist());
}

#[test]
fn a_cut_answer_to_the_post_is_uncertain_and_not_resent() {
    let mut op = Submit::new(&ctx(), job());
    assert!(matches!(op.next(Event::Start, S(0)), Action::Send(_)));
    let head = Event::Response {
        status: StatusCode::OK,
        headers: HeaderMap::new(),
    };
    assert!(matches!(op.next(head, S(0)), Action::ReadBody { .. }));
    let cut = Event::Body(Err(io::Error::new(io::ErrorKind::ConnectionReset, "reset")));
    let done = op.next(cut, S(0));
    let Action::Done(Err(err)) = done else {
        panic!("{done:?}")
    };
    assert!(err.job_may_exist(), "{err:?}");
    assert!(err.to_string().contains("may or may not exist"), "{err}");
}
