//! The v1 operations through the fake driver: uploads checked before sending and retried only
//! when nothing was processed, runs paged by cursor, event logs gathered.

use std::path::PathBuf;
use std::time::Duration;

use http::StatusCode;
use hume_models::v1::{AudioFileConfig, ListRunsQuery, RunEventsQuery, VideoFileConfig};
use serde_json::{Value, json};

use super::*;
use crate::HumeError;
use crate::endpoints::v1::testing::write;
use crate::mock::{MockResponse, MockTransport};
use crate::operation::testing::{ctx, run, sent};
use crate::transport_error::{SendState, TransportError};
use hume_bench_data::test_media::{jpeg, wav};

const S: fn(u64) -> Duration = Duration::from_secs;
const AUDIO_URL: &str = "POST http://127.0.0.1:4010/v1/expression/audio/file";

fn audio_response() -> MockResponse {
    MockResponse::json(
        200,
        &json!({"request_id": "req-1", "run_id": "run-1", "received": {"audio_duration_ms": 0},
                "utterances": [], "measurements": []}),
    )
}

fn busy() -> MockResponse {
    MockResponse::json(
        503,
        &json!({"type": "error", "code": "server_busy", "message": "busy", "request_id": "r"}),
    )
}

fn speech(dir: &std::path::Path) -> PathBuf {
    write(dir, "speech.wav", &wav(&[0, 10, 20, 30]))
}

#[test]
fn an_upload_is_sent_once_and_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let mock = MockTransport::new().with_response(audio_response());
    let op = Measure::audio(&ctx(), speech(dir.path()), AudioFileConfig::new());
    let got = run(&mock, op);
    assert_eq!(got.result.unwrap().run_id, "run-1");
    assert_eq!(sent(&got.did), [AUDIO_URL]);
    let request = &mock.requests()[0];
    assert_eq!(request.body.len() as u64, request.declared_length);
    assert!(
        request
            .header("content-type")
            .unwrap()
            .starts_with("multipart/form-data; boundary=")
    );
}

#[test]
fn a_bad_upload_ends_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let mock = MockTransport::new();
    let bad_config = AudioFileConfig::new().with_measurement_timer_ms(100);
    let got = run(
        &mock,
        Measure::audio(&ctx(), speech(dir.path()), bad_config),
    );
    assert!(matches!(got.result.unwrap_err(), HumeError::Validation(_)));
    let png = write(dir.path(), "a.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR....");
    let got = run(
        &mock,
        Measure::images(&ctx(), vec![png], VideoFileConfig::new()),
    );
    assert!(matches!(
        got.result.unwrap_err(),
        HumeError::InvalidMedia { .. }
    ));
    let got = run(
        &mock,
        Measure::images(&ctx(), vec!["/no/such.jpg".into()], VideoFileConfig::new()),
    );
    assert!(matches!(
        got.result.unwrap_err(),
        HumeError::LocalFile { .. }
    ));
    assert!(got.did.is_empty() && mock.requests().is_empty());
}

#[test]
fn the_post_is_retried_only_when_it_was_not_processed() {
    let dir = tempfile::tempdir().unwrap();
    let file = speech(dir.path());
    // Not sent, then 503 server_busy, then 429: nothing was processed; the same body each time.
    let mock = MockTransport::new()
        .with_error(TransportError::connect("refused"))
        .with_response(busy())
        .with_response(audio_response());
    let got = run(&mock, Measure::audio(&ctx(), &file, AudioFileConfig::new()));
    assert_eq!(got.result.unwrap().request_id, "req-1");
    assert_eq!(got.sleeps, [S(1), S(2)]);
    let bodies: Vec<Vec<u8>> = mock.requests().into_iter().map(|r| r.body).collect();
    assert_eq!(bodies.len(), 3);
    assert!(bodies.windows(2).all(|w| w[0] == w[1]));

    let mock = MockTransport::new()
        .with_response(MockResponse::new(429).with_header("retry-after", "2"))
        .with_response(audio_response());
    let got = run(&mock, Measure::audio(&ctx(), &file, AudioFileConfig::new()));
    assert!(got.result.is_ok());
    assert_eq!(got.sleeps, [S(2)]);

    // A 500 may have been processed (and metered): returned, not resent.
    let mock = MockTransport::new()
        .with_response(MockResponse::json(
            500,
            &json!({"type": "error", "code": "internal_error", "message": "oops", "request_id": "r5"}),
        ))
        .with_response(audio_response());
    let err = run(&mock, Measure::audio(&ctx(), &file, AudioFileConfig::new()))
        .result
        .unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(err.request_id().unwrap(), "r5");
    assert_eq!(mock.remaining(), 1, "not resent");

    // So may a request that failed after it was sent.
    let mock = MockTransport::new()
        .with_error(TransportError::io(SendState::MaybeSent, "reset"))
        .with_response(audio_response());
    let err = run(&mock, Measure::audio(&ctx(), &file, AudioFileConfig::new()))
        .result
        .unwrap_err();
    assert!(
        matches!(&err, HumeError::Transport(t) if t.may_have_been_sent()),
        "{err:?}"
    );
    assert_eq!(mock.remaining(), 1, "not resent");

    // 503 until the budget is spent: the last answer, typed.
    let mock = MockTransport::new()
        .with_response(busy())
        .with_response(busy())
        .with_response(busy());
    let err = run(&mock, Measure::audio(&ctx(), &file, AudioFileConfig::new()))
        .result
        .unwrap_err();
    assert_eq!(
        err.v1_code(),
        Some(&hume_models::v1::RequestErrorCode::ServerBusy)
    );
    assert!(err.is_retryable());
}

#[test]
fn images_are_sent_in_one_request() {
    let dir = tempfile::tempdir().unwrap();
    let files = vec![
        write(dir.path(), "a.jpg", &jpeg(10, 10, 0)),
        write(dir.path(), "b.jpg", &jpeg(20, 20, 0)),
    ];
    let mock = MockTransport::new().with_response(MockResponse::json(
        200,
        &json!({"request_id": "q", "run_id": "r", "received": {"frames": 2},
                "measurements": [{"frame_id": 0, "faces": []}, {"frame_id": 1, "faces": []}]}),
    ));
    let got = run(
        &mock,
        Measure::images(&ctx(), files, VideoFileConfig::new().with_min_size(5)),
    );
    assert_eq!(got.result.unwrap().measurements.len(), 2);
    assert_eq!(
        sent(&got.did),
        ["POST http://127.0.0.1:4010/v1/expression/video/file"]
    );
}

fn summary(id: &str) -> Value {
    json!({"run_id": id, "user_id": "u", "status": "ended", "endpoint": "video", "mode": "file",
           "started_at": "2026-10-21T08:00:00Z", "metered_seconds": 10.0})
}

fn ids(
    pager: &mut RunPager,
    mock: &MockTransport,
    n: usize,
) -> Vec<Result<Option<String>, String>> {
    (0..n)
        .map(|_| {
            run(mock, &mut *pager)
                .result
                .map(|r| r.map(|r| r.run_id.into_string()))
                .map_err(|e| e.to_string())
        })
        .collect()
}

#[test]
fn runs_are_paged_by_cursor_as_they_are_taken() {
    let mock = MockTransport::new()
        .with_response(MockResponse::json(
            200,
            &json!({"runs": [summary("a"), summary("b")], "next_cursor": "c1"}),
        ))
        .with_response(MockResponse::new(503))
        .with_response(MockResponse::json(200, &json!({"runs": [summary("c")]})));
    let mut pager = RunPager::new(&ctx(), ListRunsQuery::new().with_page_size(2));
    let first = run(&mock, &mut pager);
    assert_eq!(first.result.unwrap().unwrap().run_id, "a");
    assert_eq!(mock.requests().len(), 1, "one page so far");
    assert!(run(&mock, &mut pager).did.is_empty(), "b was buffered");
    assert_eq!(
        ids(&mut pager, &mock, 3),
        [Ok(Some("c".into())), Ok(None), Ok(None)]
    );
    let urls: Vec<String> = mock.requests().iter().map(|r| r.url.clone()).collect();
    assert_eq!(
        urls,
        [
            "http://127.0.0.1:4010/v1/expression/run?page_size=2",
            "http://127.0.0.1:4010/v1/expression/run?page_size=2&cursor=c1",
            "http://127.0.0.1:4010/v1/expression/run?page_size=2&cursor=c1",
        ]
    );
}

#[test]
fn a_bad_query_or_a_failed_page_is_reported_once() {
    let mock = MockTransport::new();
    let mut pager = RunPager::new(&ctx(), ListRunsQuery::new().with_page_size(0));
    let got = ids(&mut pager, &mock, 3);
    assert!(
        got[0].as_ref().unwrap_err().contains("page_size"),
        "{got:?}"
    );
    assert_eq!(got[1..], [Ok(None), Ok(None)]);
    assert!(mock.requests().is_empty());

    let mock = MockTransport::new().with_response(MockResponse::json(
        401,
        &json!({"message": "Invalid API key"}),
    ));
    let mut pager = RunPager::new(&ctx(), ListRunsQuery::new());
    let got = ids(&mut pager, &mock, 2);
    assert!(
        got[0].as_ref().unwrap_err().starts_with("invalid api key"),
        "{got:?}"
    );
    assert_eq!(got[1], Ok(None));
}

#[test]
fn an_event_log_is_fetched_to_its_last_page() {
    let event = |seq: u64| json!({"seq": seq, "at": "2026-10-21T08:00:00Z", "kind": "invalid_audio_frame", "detail": {"detail": "odd length"}});
    let mock = MockTransport::new()
        .with_response(MockResponse::json(
            200,
            &json!({"events": [event(0), event(1)], "at_cap": false, "capped_kinds": [], "gaps": false, "next_cursor": "n"}),
        ))
        .with_response(MockResponse::json(
            200,
            &json!({"events": [event(2)], "at_cap": false, "capped_kinds": [], "gaps": false}),
        ));
    let op = AllRunEvents::new(&ctx(), "run-7", RunEventsQuery::new().with_page_size(2));
    let got = run(&mock, op);
    let log = got.result.unwrap();
    assert_eq!(log.events.len(), 3);
    assert_eq!(log.events[2].reject_detail(), Some("odd length"));
    assert_eq!(
        sent(&got.did),
        [
            "GET http://127.0.0.1:4010/v1/expression/run/run-7/events?page_size=2",
            "GET http://127.0.0.1:4010/v1/expression/run/run-7/events?page_size=2&cursor=n",
        ]
    );

    let mock = MockTransport::new().with_response(MockResponse::json(
        404,
        &json!({"type": "error", "code": "not_found", "message": "no such run", "request_id": "r"}),
    ));
    let err = run(
        &mock,
        AllRunEvents::new(&ctx(), "ghost", RunEventsQuery::new()),
    )
    .result
    .unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    let err = run(
        &mock,
        AllRunEvents::new(&ctx(), "..", RunEventsQuery::new()),
    )
    .result
    .unwrap_err();
    assert!(matches!(err, HumeError::InvalidId(_)), "{err:?}");
}
