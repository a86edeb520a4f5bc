use std::io;
use std::time::Duration;

use http::{HeaderMap, StatusCode};
use hume_models::JobRequest;
use serde_json::json;

use super::*;
use crate::mock::{MockResponse, MockTransport};
use crate::operation::testing::{Did, ctx, ctx_with, run, sent};
use crate::reconcile::ReconcilePolicy;
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

/// A context whose submits are not reconciled.
fn unreconciled() -> Arc<ClientContext> {
    ctx_with(|c| c.with_reconcile(ReconcilePolicy::disabled()))
}

/// 2023-11-14T22:13:20Z: the fake wall clock of every reconciling test.
const NOW_MS: i64 = 1_700_000_000_000;

fn clock() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_millis(NOW_MS as u64)
}

/// The listing starts 10 s (the default skew) before the first send, less one millisecond.
const LISTING: &str = "http://127.0.0.1:4010/v0/batch/jobs?limit=100&when=created_after&timestamp_ms=1699999989999&sort_by=created&direction=asc";

/// A listed job: `id`, created `ms_after` the first send, echoing `urls` (with the server's
/// defaults: every model, notify false).
fn listed(id: &str, ms_after: i64, urls: &[&str]) -> serde_json::Value {
    json!({
        "type": "INFERENCE",
        "job_id": id,
        "request": {
            "models": {"face": {"fps_pred": 3.0}, "burst": {}, "prosody": {}, "language": {}, "ner": {}, "facemesh": {}},
            "urls": urls, "text": [], "files": [], "callback_url": null, "notify": false
        },
        "state": {"status": "QUEUED", "created_timestamp_ms": NOW_MS + ms_after}
    })
}

fn page(jobs: &[serde_json::Value]) -> MockResponse {
    MockResponse::json(200, &json!(jobs))
}

fn submit(ctx: &Arc<ClientContext>, job: JobRequest) -> Submit {
    Submit::new(ctx, job).with_clock(clock)
}

const URL: &str = "https://example.com/a.jpg";

fn reset() -> TransportError {
    TransportError::io(SendState::MaybeSent, "connection reset after sending")
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

    // Without reconciliation, a 500 (it may have created the job) is uncertain, not resent.
    let mock = MockTransport::new()
        .with_response(MockResponse::json(500, &json!({"message": "oops"})))
        .with_response(created());
    let err = run(&mock, Submit::new(&unreconciled(), job()))
        .result
        .unwrap_err();
    assert!(
        err.job_may_exist() && err.candidates().is_empty(),
        "{err:?}"
    );
    assert_eq!(err.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(mock.remaining(), 1, "not resent");

    // A failure after sending may have created it too.
    let mock = MockTransport::new()
        .with_error(reset())
        .with_response(created());
    let err = run(&mock, Submit::new(&unreconciled(), job()))
        .result
        .unwrap_err();
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
    assert_eq!(mock.requests().len(), 3, "no listing: nothing to reconcile");
}

#[test]
fn a_cut_answer_to_the_post_is_reconciled_not_resent_blindly() {
    let mut op = submit(&ctx(), job());
    assert!(matches!(op.next(Event::Start, S(0)), Action::Send(_)));
    let head = Event::Response {
        status: StatusCode::OK,
        headers: HeaderMap::new(),
    };
    assert!(matches!(op.next(head, S(0)), Action::ReadBody { .. }));
    let cut = Event::Body(Err(io::Error::new(io::ErrorKind::ConnectionReset, "reset")));
    let Action::Send(listing) = op.next(cut, S(0)) else {
        panic!("a listing")
    };
    assert_eq!(listing.method, http::Method::GET);
    assert_eq!(listing.url, LISTING);
}

#[test]
fn the_one_unclaimed_match_is_the_job() {
    let mock = MockTransport::new()
        .with_error(reset())
        .with_response(page(&[
            listed("older", -40_000, &[URL]),
            listed("other-urls", 5, &["https://example.com/b.jpg"]),
            listed("mine", 7, &[URL]),
        ]));
    let ctx = ctx();
    let got = run(&mock, submit(&ctx, job()));
    assert_eq!(got.result.unwrap(), "mine");
    assert_eq!(
        sent(&got.did),
        [
            "POST http://127.0.0.1:4010/v0/batch/jobs".to_owned(),
            format!("GET {LISTING}")
        ]
    );
    assert!(ctx.submissions().is_claimed(&JobId::new("mine")), "claimed");
    mock.assert_all_used();
}

#[test]
fn once_the_server_clock_is_learned_the_listing_starts_just_before_the_send() {
    let ctx = ctx();
    // An earlier job of this client, sent 10 s ago, answered in 10 ms, created by a server
    // whose clock runs 5 s ahead: the offset is known to within [4,995, 5,005] ms.
    let earlier = JobId::new("earlier");
    ctx.submissions()
        .claim(&earlier, NOW_MS - 10_000, NOW_MS - 9_990);
    ctx.submissions().observe_created(&earlier, NOW_MS - 4_995);
    let mock = MockTransport::new()
        .with_error(reset())
        .with_response(page(&[
            // Before the window (by the server's clock): not this submission's job.
            listed("too-early", 2_000, &[URL]),
            listed("mine", 5_003, &[URL]),
        ]));
    let got = run(&mock, submit(&ctx, job()));
    assert_eq!(got.result.unwrap(), "mine");
    // The send at NOW_MS is NOW_MS + 4,995 or later by the server's clock: the listing starts
    // 2 s (the margin) before that, less one millisecond.
    let listing = LISTING.replace("1699999989999", &(NOW_MS + 2_994).to_string());
    assert_eq!(sent(&got.did)[1], format!("GET {listing}"));
}

#[test]
fn claimed_jobs_are_never_taken_again() {
    let ctx = ctx();
    ctx.submissions()
        .claim(&JobId::new("first"), NOW_MS, NOW_MS);
    let mock = MockTransport::new()
        .with_response(MockResponse::json(502, &json!({"message": "bad gateway"})))
        .with_response(page(&[
            listed("first", 1, &[URL]),
            listed("second", 2, &[URL]),
        ]));
    let got = run(&mock, submit(&ctx, job()));
    assert_eq!(got.result.unwrap(), "second");
}

#[test]
fn no_job_after_the_settle_time_is_sent_again() {
    let mock = MockTransport::new()
        .with_error(reset())
        .with_response(page(&[]))
        .with_response(page(&[listed(
            "someone-else",
            3,
            &["https://example.com/z.jpg"],
        )]))
        .with_response(created());
    let got = run(&mock, submit(&ctx(), job()));
    assert_eq!(got.result.unwrap(), "new-job");
    assert_eq!(got.sleeps, [S(2)], "the settle time, from the failure");
    let calls = sent(&got.did);
    assert_eq!(calls.len(), 4);
    assert!(calls[0].starts_with("POST") && calls[3].starts_with("POST"));
    assert_eq!(mock.requests()[0].body, mock.requests()[3].body);
}

#[test]
fn a_job_that_appears_within_the_settle_time_is_found_by_the_second_listing() {
    let mock = MockTransport::new()
        .with_error(reset())
        .with_response(page(&[]))
        .with_response(page(&[listed("late", 2, &[URL])]));
    let got = run(&mock, submit(&ctx(), job()));
    assert_eq!(got.result.unwrap(), "late");
    assert_eq!(mock.requests().len(), 3, "not resent");
}

#[test]
fn a_job_that_appears_only_after_the_settle_time_is_duplicated_then_reported() {
    // The documented limit: the first attempt's job shows up only after the settle time,
    // so the request is sent again. When the resend fails too, both jobs match: ambiguous.
    let mock = MockTransport::new()
        .with_error(reset())
        .with_response(page(&[]))
        .with_response(page(&[]))
        .with_error(reset())
        .with_response(page(&[
            listed("first", 9_000, &[URL]),
            listed("second", 9_001, &[URL]),
        ]));
    let got = run(&mock, submit(&ctx(), job()));
    let err = got.result.unwrap_err();
    assert_eq!(
        err.candidates(),
        [JobId::new("first"), JobId::new("second")],
        "{err:?}"
    );
    assert!(err.job_may_exist());
    assert!(
        matches!(&err, HumeError::SubmitUncertain { source, .. } if matches!(**source, HumeError::Transport(_))),
        "{err:?}"
    );
    let posts = mock
        .requests()
        .iter()
        .filter(|r| r.method == http::Method::POST)
        .count();
    assert_eq!(posts, 2);
}

#[test]
fn two_identical_requests_in_flight_are_reported_not_guessed() {
    let ctx = ctx();
    // The first submission has sent its request and waits for the answer.
    let mut first = submit(&ctx, job());
    assert!(matches!(first.next(Event::Start, S(0)), Action::Send(_)));
    // The second fails after sending; the listing shows one matching job: whose is it?
    let mock = MockTransport::new()
        .with_error(reset())
        .with_response(page(&[listed("one", 1, &[URL])]));
    let err = run(&mock, submit(&ctx, job())).result.unwrap_err();
    assert_eq!(err.candidates(), [JobId::new("one")], "{err:?}");
    assert!(
        !ctx.submissions().is_claimed(&JobId::new("one")),
        "nothing claimed"
    );
    drop(first);

    // Both failed after sending and both jobs exist: each reports both.
    let mut a = submit(&ctx, job());
    assert!(matches!(a.next(Event::Start, S(0)), Action::Send(_)));
    let mock = MockTransport::new()
        .with_error(reset())
        .with_response(page(&[listed("one", 1, &[URL]), listed("two", 2, &[URL])]));
    let err = run(&mock, submit(&ctx, job())).result.unwrap_err();
    assert_eq!(err.candidates().len(), 2, "{err:?}");
}

#[test]
fn uploads_are_matched_by_name_and_md5() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clip.wav");
    std::fs::write(&file, b"The quick brown fox jumps over the lazy dog").unwrap();
    let with_files = |id: &str, md5: &str| {
        let mut job = listed(id, 4, &[]);
        job["request"]["files"] =
            json!([{"filename": "clip.wav", "content_type": "audio/x-wav", "md5sum": md5}]);
        job
    };
    let mock = MockTransport::new()
        .with_error(reset())
        .with_response(page(&[
            with_files("other-bytes", "00000000000000000000000000000000"),
            with_files("mine", "9e107d9d372bb6826bd81d3542a419d6"),
        ]));
    let got = run(&mock, submit(&ctx(), JobRequest::new().with_file(&file)));
    assert_eq!(got.result.unwrap(), "mine");
    assert!(got.did.contains(&Did::Hash), "hashed only to reconcile");
}

#[test]
fn the_resend_budget_ends_in_uncertainty() {
    let ctx = ctx_with(|c| c.with_reconcile(ReconcilePolicy::default().with_max_resends(1)));
    let mock = MockTransport::new()
        .with_error(reset())
        .with_response(page(&[]))
        .with_response(page(&[]))
        .with_error(reset())
        .with_response(page(&[]))
        .with_response(page(&[]));
    let err = run(&mock, submit(&ctx, job())).result.unwrap_err();
    assert!(
        err.job_may_exist() && err.candidates().is_empty(),
        "{err:?}"
    );
    mock.assert_all_used();
}

#[test]
fn a_listing_that_fails_for_good_leaves_the_submission_uncertain() {
    let mock = MockTransport::new()
        .with_error(reset())
        .with_response(MockResponse::json(401, &json!({"message": "no"})));
    let err = run(&mock, submit(&ctx(), job())).result.unwrap_err();
    assert!(
        matches!(&err, HumeError::SubmitUncertain { source, candidates } if candidates.is_empty() && matches!(**source, HumeError::Transport(_))),
        "{err:?}"
    );
}
