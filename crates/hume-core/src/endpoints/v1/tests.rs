//! v1 endpoint tests: the exact requests (multipart layout, query strings), the local checks
//! that fire before any request, the status → error mapping, and the pure pagers.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use http::{HeaderMap, HeaderValue, Method, StatusCode};
use hume_models::v1::{
    AudioFileConfig, ErrorResponse, FaceState, ListRunsQuery, RequestErrorCode, RunEndpoint,
    RunEventKind, RunEventsPage, RunEventsQuery, RunId, RunMode, RunStatus, RunsPage,
    VideoFileConfig, VideoFileResponse,
};
use serde_json::{Value, json};

use super::testing::{KEY, ctx, write};
use super::*;
use crate::body::RequestBody;
use hume_bench_data::test_media::{jpeg, wav};

/// One part of a multipart body: its head lines and its bytes.
#[derive(Debug)]
struct Part {
    head: Vec<String>,
    body: Vec<u8>,
}

/// The parts of a request's multipart body, checking the framing strictly.
fn parts(req: &HttpRequest) -> Vec<Part> {
    let RequestBody::Multipart(multipart) = &req.body else {
        panic!("not multipart: {:?}", req.body)
    };
    assert_eq!(
        req.headers.get(http::header::CONTENT_TYPE),
        Some(&multipart.content_type())
    );
    let mut bytes = Vec::new();
    multipart.reader().unwrap().read_to_end(&mut bytes).unwrap();
    assert_eq!(bytes.len() as u64, multipart.content_length());
    let delimiter = format!("--{}", multipart.boundary()).into_bytes();
    let mut out = Vec::new();
    let mut rest = &bytes[..];
    loop {
        rest = rest.strip_prefix(delimiter.as_slice()).unwrap();
        if rest == b"--\r\n" {
            break;
        }
        rest = rest.strip_prefix(b"\r\n").unwrap();
        let head_end = find(rest, b"\r\n\r\n");
        let head = String::from_utf8(rest[..head_end].to_vec()).unwrap();
        rest = &rest[head_end + 4..];
        let next = [b"\r\n".as_slice(), &delimiter].concat();
        let end = find(rest, &next);
        out.push(Part {
            head: head.split("\r\n").map(str::to_owned).collect(),
            body: rest[..end].to_vec(),
        });
        rest = &rest[end + 2..];
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap()
}

fn config_part(body: &[u8]) -> Part {
    Part {
        head: vec![
            "Content-Disposition: form-data; name=\"config\"".into(),
            "Content-Type: application/json".into(),
        ],
        body: body.to_vec(),
    }
}

fn file_part(name: &str, content_type: &str, body: &[u8]) -> Part {
    Part {
        head: vec![
            format!("Content-Disposition: form-data; name=\"file\"; filename=\"{name}\""),
            format!("Content-Type: {content_type}"),
        ],
        body: body.to_vec(),
    }
}

fn assert_parts(got: &[Part], want: &[Part]) {
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g.head, w.head);
        assert!(g.body == w.body, "part {:?} body differs", w.head);
    }
}

fn validation_fields(err: HumeError) -> Vec<String> {
    match err {
        HumeError::Validation(errors) => errors.iter().map(|e| e.field.clone()).collect(),
        other => panic!("expected Validation, got {other:?}"),
    }
}

#[test]
fn measure_audio_posts_config_then_one_wav_part() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = wav(&[0, 1000, -1000, 0]);
    let path = write(dir.path(), "my speech.wav", &bytes);
    let config = AudioFileConfig::new().with_measurement_timer_ms(5000);
    let req = audio::request(&ctx(), &path, &config).unwrap();
    assert_eq!(req.method, Method::POST);
    assert_eq!(req.url, "http://127.0.0.1:4010/v1/expression/audio/file");
    assert_eq!(req.headers["x-hume-api-key"], KEY);
    assert!(req.headers["x-hume-api-key"].is_sensitive());
    assert_eq!(req.headers["accept"], "application/json");
    assert_parts(
        &parts(&req),
        &[
            config_part(br#"{"measurement_timer_ms":5000}"#),
            file_part("my speech.wav", "audio/wav", &bytes),
        ],
    );
}

#[test]
fn headerless_audio_is_octet_stream_and_an_empty_config_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "samples.pcm", &[1, 0, 2, 0, 3, 0]);
    let req = audio::request(&ctx(), &path, &AudioFileConfig::new()).unwrap();
    assert_parts(
        &parts(&req),
        &[file_part(
            "samples.pcm",
            "application/octet-stream",
            &[1, 0, 2, 0, 3, 0],
        )],
    );
}

#[test]
fn audio_checks_fire_before_a_request_exists() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "ok.wav", &wav(&[1, 2]));
    for ms in [0, 2999, 10_001] {
        let config = AudioFileConfig::new().with_measurement_timer_ms(ms);
        let err = audio::request(&ctx(), &good, &config).unwrap_err();
        assert_eq!(validation_fields(err), ["measurement_timer_ms"], "{ms}");
    }
    for ms in [3000, 10_000] {
        let config = AudioFileConfig::new().with_measurement_timer_ms(ms);
        assert!(audio::request(&ctx(), &good, &config).is_ok());
    }
    let odd = write(dir.path(), "odd.raw", &[1, 2, 3]);
    let err = audio::request(&ctx(), &odd, &AudioFileConfig::new()).unwrap_err();
    assert!(
        matches!(&err, HumeError::InvalidMedia { path, problem } if *path == odd && problem.code() == "audio_decode_failed"),
        "{err:?}"
    );
    assert!(err.to_string().contains("odd length"), "{err}");
    // A file just under the audio limit still makes a body over the request limit.
    let big = write(dir.path(), "big.raw", &[0, 0]);
    File::options()
        .write(true)
        .open(&big)
        .unwrap()
        .set_len(24_999_990)
        .unwrap();
    let err = audio::request(&ctx(), &big, &AudioFileConfig::new()).unwrap_err();
    assert!(
        matches!(err, HumeError::RequestTooLarge { bytes, limit: 25_000_000 } if bytes > 25_000_000),
        "{err:?}"
    );
}

#[test]
fn measure_images_posts_config_then_one_jpeg_part_per_image_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let a = jpeg(640, 480, 0);
    let b = jpeg(32, 32, 0);
    let first = write(dir.path(), "frame-2.jpeg", &a);
    let second = write(dir.path(), "frame-1.JPG", &b);
    let config = VideoFileConfig::new()
        .with_threshold(0.5)
        .with_min_size(20)
        .with_return_face_state(true)
        .with_face_state(FaceState::new("state-token"));
    let req = video::request(&ctx(), &[&first, &second], &config).unwrap();
    assert_eq!(req.method, Method::POST);
    assert_eq!(req.url, "http://127.0.0.1:4010/v1/expression/video/file");
    let got = parts(&req);
    assert_parts(
        &got,
        &[
            config_part(
                br#"{"face":{"threshold":0.5,"min_size":20,"return_face_state":true},"face_state":"state-token"}"#,
            ),
            file_part("frame-2.jpeg", "image/jpeg", &a),
            file_part("frame-1.JPG", "image/jpeg", &b),
        ],
    );
    let json: Value = serde_json::from_slice(&got[0].body).unwrap();
    assert!(!json.to_string().contains("null"));
}

#[test]
fn image_checks_fire_before_a_request_exists() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "ok.jpg", &jpeg(8, 8, 0));
    let none: [&Path; 0] = [];
    let err = video::request(&ctx(), &none, &VideoFileConfig::new()).unwrap_err();
    assert_eq!(validation_fields(err), ["file"]);

    let config = VideoFileConfig::new().with_threshold(1.5).with_min_size(0);
    let err = video::request(&ctx(), &[&good], &config).unwrap_err();
    assert_eq!(
        validation_fields(err),
        ["face.threshold", "face.min_size"],
        "every problem at once"
    );
    for threshold in [-0.01, f64::NAN] {
        let config = VideoFileConfig::new().with_threshold(threshold);
        assert!(video::request(&ctx(), &[&good], &config).is_err());
    }
    for threshold in [0.0, 1.0] {
        let config = VideoFileConfig::new()
            .with_threshold(threshold)
            .with_min_size(1);
        assert!(video::request(&ctx(), &[&good], &config).is_ok());
    }

    // The first bad image is named, whatever comes after it.
    let png = write(dir.path(), "b.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR....");
    let err = video::request(&ctx(), &[&good, &png, &good], &VideoFileConfig::new()).unwrap_err();
    assert!(
        matches!(&err, HumeError::InvalidMedia { path, problem } if *path == png && problem.code() == RequestErrorCode::UnsupportedMediaType),
        "{err:?}"
    );

    // Thirteen images just under 2 MB each: every image passes, the request does not.
    let heavy: Vec<_> = (0..13)
        .map(|i| {
            let path = write(dir.path(), &format!("heavy-{i}.jpg"), &jpeg(100, 100, 0));
            File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_len(1_990_000)
                .unwrap();
            path
        })
        .collect();
    assert!(video::request(&ctx(), &heavy[..12], &VideoFileConfig::new()).is_ok());
    let err = video::request(&ctx(), &heavy, &VideoFileConfig::new()).unwrap_err();
    assert!(
        matches!(err, HumeError::RequestTooLarge { bytes, .. } if bytes > 13 * 1_990_000),
        "{err:?}"
    );
}

fn error_body(code: &str, message: &str) -> Vec<u8> {
    json!({"type": "error", "code": code, "message": message, "request_id": "req-42"})
        .to_string()
        .into_bytes()
}

#[test]
fn every_documented_status_and_code_maps_to_a_typed_error() {
    let cases: [(u16, &str, RequestErrorCode); 13] = [
        (400, "message_invalid", RequestErrorCode::MessageInvalid),
        (400, "config_invalid", RequestErrorCode::ConfigInvalid),
        (
            400,
            "audio_decode_failed",
            RequestErrorCode::AudioDecodeFailed,
        ),
        (
            400,
            "image_decode_failed",
            RequestErrorCode::ImageDecodeFailed,
        ),
        (400, "invalid_request", RequestErrorCode::InvalidRequest),
        (403, "forbidden", RequestErrorCode::Forbidden),
        (404, "not_found", RequestErrorCode::NotFound),
        (
            405,
            "method_not_allowed",
            RequestErrorCode::MethodNotAllowed,
        ),
        (413, "audio_too_long", RequestErrorCode::AudioTooLong),
        (413, "image_too_large", RequestErrorCode::ImageTooLarge),
        (
            415,
            "unsupported_media_type",
            RequestErrorCode::UnsupportedMediaType,
        ),
        (500, "internal_error", RequestErrorCode::InternalError),
        (503, "server_busy", RequestErrorCode::ServerBusy),
    ];
    for (status, wire, code) in cases {
        let status = StatusCode::from_u16(status).unwrap();
        let err = error_for_status(&ctx(), status, &HeaderMap::new(), &error_body(wire, "what"));
        match &err {
            HumeError::V1Api {
                status: s,
                code: Some(c),
                message,
                request_id: Some(id),
                body,
            } if matches!(**body, ErrorResponse::Error(_)) => {
                assert_eq!(*s, status);
                assert_eq!(*c, code);
                assert!(c.is_known());
                assert_eq!(message, "what");
                assert_eq!(id, "req-42");
            }
            other => panic!("{wire}: {other:?}"),
        }
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.v1_code(), Some(&code));
        assert_eq!(err.request_id().unwrap(), "req-42");
        assert_eq!(err.is_retryable(), status.is_server_error(), "{wire}");
        assert_eq!(
            err.to_string(),
            format!("api error {status}, code {wire}: what (request id req-42)")
        );
    }
}

#[test]
fn unauthorized_rate_limited_unknown_and_foreign_bodies() {
    let ctx = ctx();
    let none = HeaderMap::new();
    let body = br#"{"message":"Invalid API key","request_id":"req-7"}"#;
    let err = error_for_status(&ctx, StatusCode::UNAUTHORIZED, &none, body);
    assert!(
        matches!(err, HumeError::InvalidApiKey { status } if status == StatusCode::UNAUTHORIZED),
        "{err:?}"
    );

    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("7"));
    let err = error_for_status(&ctx, StatusCode::TOO_MANY_REQUESTS, &headers, b"");
    assert!(
        matches!(err, HumeError::RateLimited { retry_after: Some(d) } if d.as_secs() == 7),
        "{err:?}"
    );

    // A code this crate does not know is kept.
    let err = error_for_status(
        &ctx,
        StatusCode::BAD_REQUEST,
        &none,
        &error_body("frame_budget_exceeded", "slow down"),
    );
    assert_eq!(
        err.v1_code(),
        Some(&RequestErrorCode::Other("frame_budget_exceeded".into()))
    );

    // A proxy's page: no code, an excerpt as the message, the key scrubbed.
    let page = format!("<html>502 Bad Gateway for key {KEY}</html>");
    let err = error_for_status(&ctx, StatusCode::BAD_GATEWAY, &none, page.as_bytes());
    match &err {
        HumeError::V1Api {
            code: None,
            message,
            request_id: None,
            body,
            ..
        } if matches!(**body, ErrorResponse::Text(_)) => {
            assert!(message.starts_with("<html>502 Bad Gateway"), "{message}");
            assert!(!message.contains(KEY));
        }
        other => panic!("{other:?}"),
    }
    assert!(err.is_retryable());
    assert!(!format!("{err:?}").contains(KEY));
}

#[test]
fn success_bodies_decode_and_garbage_is_a_decode_error() {
    let ctx = ctx();
    let none = HeaderMap::new();
    let body = json!({
        "request_id": "req-1", "run_id": "run-1", "received": {"frames": 1},
        "measurements": [{"frame_id": 0, "faces": []}], "face_state": "next", "extra": true
    });
    let response = video::decode(&ctx, StatusCode::OK, &none, body.to_string().as_bytes()).unwrap();
    assert_eq!(response.run_id, "run-1");
    assert_eq!(response.face_state.unwrap(), "next");

    let err = audio::decode(&ctx, StatusCode::OK, &none, br#"{"request_id": 5}"#).unwrap_err();
    assert!(
        matches!(&err, HumeError::Decode { what: "audio file response", status, .. } if *status == StatusCode::OK),
        "{err:?}"
    );
    let err = runs::get_decode(
        &ctx,
        StatusCode::NOT_FOUND,
        &none,
        &error_body("not_found", "no such run"),
    )
    .unwrap_err();
    assert_eq!(err.v1_code(), Some(&RequestErrorCode::NotFound));
}

#[test]
fn list_runs_sends_every_filter_in_order_and_checks_the_query() {
    let query = ListRunsQuery::new()
        .with_page_size(20)
        .with_cursor("c/1+=")
        .with_user_id("user 7")
        .with_status(RunStatus::Ended)
        .with_mode(RunMode::File)
        .with_endpoint(RunEndpoint::Video)
        .with_started_before("2026-10-21T00:00:00Z".parse().unwrap())
        .with_started_after("2026-10-20T12:30:00.5Z".parse().unwrap());
    let req = runs::list_request(&ctx(), &query).unwrap();
    assert_eq!(req.method, Method::GET);
    assert!(req.body.is_empty());
    assert_eq!(
        req.url,
        "http://127.0.0.1:4010/v1/expression/run?page_size=20&cursor=c%2F1%2B%3D&user_id=user+7\
         &status=ended&mode=file&endpoint=video&started_before=2026-10-21T00%3A00%3A00Z\
         &started_after=2026-10-20T12%3A30%3A00.5Z"
    );
    let req = runs::list_request(&ctx(), &ListRunsQuery::new()).unwrap();
    assert_eq!(req.url, "http://127.0.0.1:4010/v1/expression/run");

    let bad = ListRunsQuery::new()
        .with_page_size(0)
        .with_cursor("")
        .with_started_after("2026-10-21T00:00:00Z".parse().unwrap())
        .with_started_before("2026-10-20T00:00:00Z".parse().unwrap());
    assert_eq!(
        validation_fields(runs::list_request(&ctx(), &bad).unwrap_err()),
        ["page_size", "cursor", "started_after"]
    );
}

#[test]
fn run_ids_are_one_encoded_path_segment() {
    let req = runs::get_request(&ctx(), &RunId::new("run 1?x#y")).unwrap();
    assert_eq!(
        req.url,
        "http://127.0.0.1:4010/v1/expression/run/run%201%3Fx%23y"
    );
    let req = runs::events_request(
        &ctx(),
        &RunId::new("run 1"),
        &RunEventsQuery::new().with_page_size(50).with_cursor("e2"),
    )
    .unwrap();
    assert_eq!(
        req.url,
        "http://127.0.0.1:4010/v1/expression/run/run%201/events?page_size=50&cursor=e2"
    );
    // Not one safe path segment: the same check as a job id's (HumeError::InvalidId).
    for id in ["", ".", "..", "run/1", "..\\x", "r\u{1b}[2J"] {
        let err = runs::get_request(&ctx(), &RunId::new(id)).unwrap_err();
        assert!(matches!(err, HumeError::InvalidId(_)), "{id:?}: {err:?}");
        let err =
            runs::events_request(&ctx(), &RunId::new(id), &RunEventsQuery::new()).unwrap_err();
        assert!(matches!(err, HumeError::InvalidId(_)), "{id:?}: {err:?}");
    }
    let err = runs::events_request(
        &ctx(),
        &RunId::new("r"),
        &RunEventsQuery::new().with_page_size(0),
    )
    .unwrap_err();
    assert_eq!(validation_fields(err), ["page_size"]);
}

fn runs_page(ids: &[&str], next: Option<&str>) -> RunsPage {
    let runs: Vec<Value> = ids
        .iter()
        .map(|id| {
            json!({"run_id": id, "user_id": "u", "status": "ended", "endpoint": "audio",
                   "mode": "file", "started_at": "2026-10-21T08:00:00Z", "metered_seconds": 10.0})
        })
        .collect();
    RunsPage::from_response(
        json!({"runs": runs, "next_cursor": next})
            .to_string()
            .as_bytes(),
    )
    .unwrap()
}

#[test]
fn list_all_runs_follows_the_cursor_and_keeps_the_filters() {
    let query = ListRunsQuery::new()
        .with_page_size(2)
        .with_status(RunStatus::Ended);
    let mut paging = runs::ListAllRuns::new(query.clone());
    assert_eq!(paging.next_query().unwrap(), query);
    let ids = |runs: Vec<hume_models::v1::RunSummary>| -> Vec<String> {
        runs.into_iter().map(|r| r.run_id.into_string()).collect()
    };
    assert_eq!(
        ids(paging.accept(runs_page(&["a", "b"], Some("c1")))),
        ["a", "b"]
    );
    let next = paging.next_request(&ctx()).unwrap().unwrap();
    assert_eq!(
        next.url,
        "http://127.0.0.1:4010/v1/expression/run?page_size=2&cursor=c1&status=ended"
    );
    assert_eq!(ids(paging.accept(runs_page(&["c"], Some("c2")))), ["c"]);
    assert!(!paging.is_done());
    assert_eq!(
        ids(paging.accept(runs_page(&[], None))),
        Vec::<String>::new()
    );
    assert!(paging.is_done() && paging.next_query().is_none());
    assert!(paging.accept(runs_page(&["late"], None)).is_empty());

    // A cursor the server hands out again ends the listing instead of looping.
    let mut paging = runs::ListAllRuns::new(ListRunsQuery::new().with_cursor("start"));
    assert_eq!(
        paging.next_query().unwrap().cursor.as_deref(),
        Some("start")
    );
    paging.accept(runs_page(&["x"], Some("c1")));
    paging.accept(runs_page(&["y"], Some("start")));
    assert!(paging.is_done());
}

fn events_page(
    seqs: &[u64],
    at_cap: bool,
    capped: &[&str],
    gaps: bool,
    next: Option<&str>,
) -> RunEventsPage {
    let events: Vec<Value> = seqs
        .iter()
        .map(|seq| json!({"seq": seq, "at": "2026-10-21T08:00:00Z", "kind": "rate_limited"}))
        .collect();
    RunEventsPage::from_response(
        json!({"events": events, "at_cap": at_cap, "capped_kinds": capped, "gaps": gaps, "next_cursor": next})
            .to_string()
            .as_bytes(),
    )
    .unwrap()
}

#[test]
fn an_event_log_is_gathered_into_one_page() {
    let mut log =
        runs::RunEventLog::new(RunId::new("run-9"), RunEventsQuery::new().with_page_size(2));
    assert_eq!(log.run_id(), "run-9");
    assert_eq!(log.next_query().unwrap().cursor, None);
    log.accept(events_page(
        &[0, 1],
        false,
        &["rate_limited"],
        false,
        Some("e1"),
    ));
    assert_eq!(
        log.next_request(&ctx()).unwrap().unwrap().url,
        "http://127.0.0.1:4010/v1/expression/run/run-9/events?page_size=2&cursor=e1"
    );
    log.accept(events_page(
        &[3],
        true,
        &["rate_limited", "invalid_image_frame"],
        true,
        None,
    ));
    assert!(log.is_done() && log.next_request(&ctx()).is_none());
    let page = log.into_log();
    let seqs: Vec<u64> = page.events.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [0, 1, 3]);
    assert!(page.at_cap && page.gaps && page.next_cursor.is_none());
    assert_eq!(
        page.capped_kinds,
        [RunEventKind::RateLimited, RunEventKind::InvalidImageFrame]
    );
}

#[test]
fn face_tracking_carries_the_last_state_into_the_next_request() {
    let mut tracking = video::FaceTracking::new(VideoFileConfig::new().with_threshold(0.7));
    let first = tracking.config();
    assert_eq!(first.face.as_ref().unwrap().return_face_state, Some(true));
    assert_eq!(first.face.as_ref().unwrap().threshold, Some(0.7));
    assert_eq!(first.face_state, None);
    let response = |state: Option<&str>| {
        let mut json = json!({"request_id": "r", "run_id": "run", "received": {"frames": 1}, "measurements": []});
        if let Some(state) = state {
            json["face_state"] = json!(state);
        }
        VideoFileResponse::from_value(json).unwrap()
    };
    tracking.accept(&response(Some("s1")));
    assert_eq!(tracking.config().face_state.unwrap(), "s1");
    tracking.accept(&response(None));
    assert_eq!(
        tracking.face_state().unwrap(),
        "s1",
        "a missing state keeps the last one"
    );
    tracking.accept(&response(Some("s2")));
    assert_eq!(tracking.config().face_state.unwrap(), "s2");
    tracking.reset();
    assert_eq!(tracking.config().face_state, None);
    // A state from an earlier session is where numbering continues.
    let resumed =
        video::FaceTracking::new(VideoFileConfig::new().with_face_state(FaceState::new("old")));
    assert_eq!(resumed.config().face_state.unwrap(), "old");
}
