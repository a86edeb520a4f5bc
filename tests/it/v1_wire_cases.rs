//! The v1 wire-format cases both clients must pass: mounts for a [`MockServer`] (answering
//! with hume-models' v1 fixtures) and checks of exactly what it received. `v1_wire_blocking`
//! and `v1_wire_async` drive them with each client.

use std::path::{Path, PathBuf};

use hume::HumeError;
use hume::models::v1::{
    AudioFileConfig, AudioFileResponse, FaceState, ListRunsQuery, RequestErrorCode, Run,
    RunEndpoint, RunEventKind, RunEventsPage, RunMode, RunStatus, RunSummary, RunsPage,
    VideoFileConfig, VideoFileResponse,
};
use serde_json::{Value, json};
use wiremock::matchers::{any, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{KEY, assert_common_headers, assert_no_null, header, multipart_parts};
use hume_bench_data::test_media::{jpeg, wav, wav_with};

use crate::v1_support::{fixture, fixture_json, set_len, write};

/// `POST` path of audio uploads.
pub const AUDIO: &str = "/v1/expression/audio/file";
/// `POST` path of image uploads.
pub const VIDEO: &str = "/v1/expression/video/file";
/// `GET` path of the run list.
pub const RUNS: &str = "/v1/expression/run";
/// The run of the run fixtures.
pub const RUN: &str = "run_01JAB4V1D30IMG0000000000AB";

/// A 200 answer with a fixture's bytes.
pub fn ok(fixture_name: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(fixture(fixture_name), "application/json")
}

/// `method path` answering `fixture_name`, expected exactly `times` times.
pub async fn mount_ok(server: &MockServer, verb: &str, at: &str, fixture_name: &str, times: u64) {
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(ok(fixture_name))
        .expect(times)
        .named(format!("{verb} {at}"))
        .mount(server)
        .await;
}

/// The local files of the upload cases.
pub struct Media {
    /// A WAV with a space in its name.
    pub wav: PathBuf,
    /// Its bytes.
    pub wav_bytes: Vec<u8>,
    /// Headerless samples.
    pub raw: PathBuf,
    /// Their bytes.
    pub raw_bytes: Vec<u8>,
    /// Two JPEGs, sent in this order.
    pub jpegs: [PathBuf; 2],
    /// Their bytes.
    pub jpeg_bytes: [Vec<u8>; 2],
}

/// Writes the upload cases' files into `dir`.
pub fn media(dir: &Path) -> Media {
    let wav_bytes = wav(&[0, 1200, -1200, 300, -300, 0]);
    let raw_bytes: Vec<u8> = (0..200u8).collect();
    let jpeg_bytes = [jpeg(640, 480, 0), jpeg(1920, 1080, 0)];
    Media {
        wav: write(dir, "speech one.wav", &wav_bytes),
        raw: write(dir, "speech.pcm", &raw_bytes),
        jpegs: [
            write(dir, "frame-b.jpg", &jpeg_bytes[0]),
            write(dir, "frame-a.jpeg", &jpeg_bytes[1]),
        ],
        wav_bytes,
        raw_bytes,
        jpeg_bytes,
    }
}

/// The audio config of the WAV case.
pub fn audio_config() -> AudioFileConfig {
    AudioFileConfig::new().with_measurement_timer_ms(5000)
}

/// The image config of the images case.
pub fn video_config() -> VideoFileConfig {
    VideoFileConfig::new()
        .with_threshold(0.75)
        .with_min_size(30)
        .with_return_face_state(true)
        .with_face_state(FaceState::new("fs-previous"))
}

/// Checks the head every upload carries: the POST, no query, the common headers, a
/// fixed-length multipart body.
fn check_upload_head(req: &wiremock::Request, at: &str) {
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url.path(), at);
    assert_eq!(req.url.query(), None);
    assert_common_headers(req);
    assert_eq!(header(req, "accept"), Some("application/json"));
    let content_type = header(req, "content-type").unwrap();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    assert_eq!(
        header(req, "content-length"),
        Some(req.body.len().to_string().as_str()),
        "fixed length, not chunked"
    );
    assert_eq!(header(req, "transfer-encoding"), None);
}

/// Checks a `config` part: no file name, `application/json`, exactly `expected`, no nulls.
fn check_config_part(part: &crate::support::Part, expected: &Value) {
    assert_eq!(part.name, "config");
    assert_eq!(part.filename, None);
    assert_eq!(part.content_type.as_deref(), Some("application/json"));
    let json: Value = serde_json::from_slice(&part.body).unwrap();
    assert_no_null(&json);
    assert_eq!(&json, expected);
}

/// Checks a `file` part.
fn check_file_part(part: &crate::support::Part, filename: &str, content_type: &str, body: &[u8]) {
    assert_eq!(part.name, "file");
    assert_eq!(part.filename.as_deref(), Some(filename));
    assert_eq!(part.content_type.as_deref(), Some(content_type));
    assert!(part.body == body, "{filename}: bytes differ");
}

/// Checks the two audio uploads: the WAV with its config, then the headerless file without
/// one.
pub async fn check_audio(server: &MockServer, media: &Media) {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    check_upload_head(&requests[0], AUDIO);
    let parts = multipart_parts(&requests[0]);
    assert_eq!(parts.len(), 2, "{parts:?}");
    check_config_part(&parts[0], &json!({"measurement_timer_ms": 5000}));
    check_file_part(&parts[1], "speech one.wav", "audio/wav", &media.wav_bytes);

    check_upload_head(&requests[1], AUDIO);
    let parts = multipart_parts(&requests[1]);
    assert_eq!(parts.len(), 1, "an empty config is left out: {parts:?}");
    check_file_part(
        &parts[0],
        "speech.pcm",
        "application/octet-stream",
        &media.raw_bytes,
    );
}

/// Checks the typed audio response (the fixture).
pub fn check_audio_response(response: &AudioFileResponse) {
    assert_eq!(response.request_id, "req_01JAB3K7Q9M2V5X8Z1C4D6F0GH");
    assert_eq!(response.received.audio_duration_ms, 14_260);
    assert_eq!(response.utterances.len(), 2);
    assert_eq!(response.measurements[0].expressions[0].name, "interest");
    assert_eq!(response.measurements[0].expressions[0].probability, 0.7412);
}

/// Checks the image upload: the config, then both images in the order given.
pub async fn check_video(server: &MockServer, media: &Media) {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    check_upload_head(&requests[0], VIDEO);
    let parts = multipart_parts(&requests[0]);
    assert_eq!(parts.len(), 3, "{parts:?}");
    check_config_part(
        &parts[0],
        &json!({"face": {"threshold": 0.75, "min_size": 30, "return_face_state": true},
                "face_state": "fs-previous"}),
    );
    check_file_part(&parts[1], "frame-b.jpg", "image/jpeg", &media.jpeg_bytes[0]);
    check_file_part(
        &parts[2],
        "frame-a.jpeg",
        "image/jpeg",
        &media.jpeg_bytes[1],
    );
}

/// Checks the typed image response (the fixture).
pub fn check_video_response(response: &VideoFileResponse) {
    assert_eq!(response.received.frames, 3);
    assert_eq!(response.measurements[0].faces[0].face_id, Some(0));
    assert_eq!(
        response.face_state.as_ref().unwrap(),
        "fs1.eyJvcmciOiJvcmdfMSIsIm4iOjJ9.c2lnbmF0dXJl"
    );
}

/// The list case's query: every filter.
pub fn list_query() -> ListRunsQuery {
    ListRunsQuery::new()
        .with_page_size(3)
        .with_cursor("c0/+")
        .with_user_id("user_7c1f0e")
        .with_status(RunStatus::Ended)
        .with_mode(RunMode::File)
        .with_endpoint(RunEndpoint::Video)
        .with_started_before("2026-10-22T00:00:00Z".parse().unwrap())
        .with_started_after("2026-10-20T08:30:00.25Z".parse().unwrap())
}

/// Checks the list request's exact query and the typed page (the fixture).
pub async fn check_list(server: &MockServer, page: &RunsPage) {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let req = &requests[0];
    assert_eq!(req.method.as_str(), "GET");
    assert_eq!(req.url.path(), RUNS);
    assert_common_headers(req);
    assert!(req.body.is_empty());
    assert_eq!(header(req, "content-type"), None);
    assert_eq!(
        req.url.query(),
        Some(
            "page_size=3&cursor=c0%2F%2B&user_id=user_7c1f0e&status=ended&mode=file&endpoint=video\
             &started_before=2026-10-22T00%3A00%3A00Z&started_after=2026-10-20T08%3A30%3A00.25Z"
        )
    );
    assert_eq!(page.runs.len(), 3);
    assert_eq!(page.runs[0].status, RunStatus::Live);
    assert_eq!(
        page.next_cursor.as_deref(),
        Some("eyJiZWZvcmUiOiIyMDI2LTEwLTIwVDE3OjQ1OjAwLjAwMVoifQ")
    );
}

fn summary(id: &str) -> Value {
    json!({"run_id": id, "user_id": "u", "status": "ended", "endpoint": "audio", "mode": "file",
           "started_at": "2026-10-21T08:00:00Z", "ended_at": "2026-10-21T08:00:01Z",
           "metered_seconds": 10.0, "added_later": [1, 2]})
}

/// Three pages for `list_all` (page size 2, status ended): [a, b] → c1, [c] → c2, [].
pub async fn mount_run_pages(server: &MockServer) {
    let page = |cursor: Option<&str>, body: Value| {
        let mock = Mock::given(method("GET")).and(path(RUNS));
        let mock = match cursor {
            Some(c) => mock.and(query_param("cursor", c)),
            None => mock.and(query_param_is_missing("cursor")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
    };
    page(
        None,
        json!({"runs": [summary("a"), summary("b")], "next_cursor": "c1"}),
    )
    .mount(server)
    .await;
    page(
        Some("c1"),
        json!({"runs": [summary("c")], "next_cursor": "c2"}),
    )
    .mount(server)
    .await;
    page(Some("c2"), fixture_json("runs-page-last.json"))
        .mount(server)
        .await;
}

/// The query of the paging case.
pub fn pages_query() -> ListRunsQuery {
    ListRunsQuery::new()
        .with_page_size(2)
        .with_status(RunStatus::Ended)
}

/// Checks the paging requests (filters kept, cursor added) and the runs, in order.
pub async fn check_run_pages(server: &MockServer, runs: &[RunSummary]) {
    let ids: Vec<&str> = runs.iter().map(|r| r.run_id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let queries: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        queries,
        [
            "page_size=2&status=ended",
            "page_size=2&cursor=c1&status=ended",
            "page_size=2&cursor=c2&status=ended",
        ]
    );
}

/// The run, its two-page event log, and one more read of the first page.
pub async fn mount_run_reads(server: &MockServer) {
    mount_ok(
        server,
        "GET",
        &format!("{RUNS}/{RUN}"),
        "run-video-file.json",
        1,
    )
    .await;
    let events = format!("{RUNS}/{RUN}/events");
    Mock::given(method("GET"))
        .and(path(&events))
        .and(query_param_is_missing("cursor"))
        .respond_with(ok("run-events-page.json"))
        .expect(2)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(&events))
        .and(query_param("cursor", "c2VxPTU"))
        .respond_with(ok("run-events-page-empty.json"))
        .expect(1)
        .mount(server)
        .await;
}

/// Checks the typed run (the fixture).
pub fn check_run(run: &Run) {
    assert_eq!(run.run_id, RUN);
    assert_eq!(run.endpoint, RunEndpoint::Video);
    assert_eq!(run.config.as_video().unwrap().face.min_size, 40);
}

/// Checks the whole log: both pages joined, the flags of any page, no cursor.
pub fn check_log(log: &RunEventsPage) {
    let seqs: Vec<u64> = log.events.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [0, 1, 2, 4, 5]);
    assert!(log.at_cap && log.gaps);
    assert_eq!(log.capped_kinds, [RunEventKind::RateLimited]);
    assert_eq!(log.next_cursor, None);
    assert_eq!(log.events[2].limit_bytes(), Some(1_048_576));
}

/// Checks the run reads: get, both log pages, then the single page (`page_size=5`).
pub async fn check_run_reads(server: &MockServer, page: &RunEventsPage) {
    assert_eq!(page.next_cursor.as_deref(), Some("c2VxPTU"));
    let requests = server.received_requests().await.unwrap();
    let urls: Vec<String> = requests
        .iter()
        .map(|r| match r.url.query() {
            Some(q) => format!("{}?{q}", r.url.path()),
            None => r.url.path().to_owned(),
        })
        .collect();
    assert_eq!(
        urls,
        [
            format!("{RUNS}/{RUN}"),
            format!("{RUNS}/{RUN}/events"),
            format!("{RUNS}/{RUN}/events?cursor=c2VxPTU"),
            format!("{RUNS}/{RUN}/events?page_size=5"),
        ]
    );
    for req in &requests {
        assert_eq!(req.method.as_str(), "GET");
        assert!(req.body.is_empty());
        assert_common_headers(req);
        assert_eq!(header(req, "accept"), Some("application/json"));
    }
}

/// Every documented error answer: the fixture and its status.
pub const ERRORS: [(&str, u16); 13] = [
    ("error-400-audio_decode_failed.json", 400),
    ("error-400-config_invalid.json", 400),
    ("error-401-no-credentials.json", 401),
    ("error-401-rejected-key.json", 401),
    ("error-403-forbidden.json", 403),
    ("error-404-not_found.json", 404),
    ("error-405-method_not_allowed.json", 405),
    ("error-413-image_too_large.json", 413),
    ("error-415-unsupported_media_type.json", 415),
    ("error-500-internal_error.json", 500),
    ("error-503-server_busy.json", 503),
    // Not in the fixtures' set of shapes: an unknown code, and a proxy's page.
    ("", 422),
    ("", 502),
];

/// The body served for an error case.
pub fn error_body(fixture_name: &str, status: u16) -> Vec<u8> {
    match (fixture_name, status) {
        ("", 422) => {
            json!({"type": "error", "code": "quota_exhausted", "message": "no seconds left",
                            "request_id": "req-new"})
            .to_string()
            .into_bytes()
        }
        ("", _) => format!("<html>bad gateway (key {KEY})</html>").into_bytes(),
        (name, _) => fixture(name),
    }
}

/// Every request answers `status` with the case's body.
pub async fn mount_error(server: &MockServer, fixture_name: &str, status: u16) {
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(status)
                .set_body_raw(error_body(fixture_name, status), "application/json"),
        )
        .mount(server)
        .await;
}

/// Checks the typed error of one case (from any endpoint).
pub fn check_error(err: &HumeError, fixture_name: &str, status: u16) {
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(KEY), "the key leaked: {shown}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{err:?}");
    if status == 401 {
        assert!(
            matches!(err, HumeError::InvalidApiKey { .. }),
            "{fixture_name}: {err:?}"
        );
        return;
    }
    let HumeError::V1Api {
        code,
        message,
        request_id,
        ..
    } = err
    else {
        panic!("{fixture_name}: expected V1Api, got {err:?}")
    };
    assert_eq!(err.is_retryable(), status >= 500);
    match fixture_name {
        "" if status == 422 => {
            assert_eq!(
                code.as_ref(),
                Some(&RequestErrorCode::Other("quota_exhausted".into()))
            );
            assert_eq!(request_id.as_ref().unwrap(), "req-new");
        }
        "" => {
            assert_eq!(code, &None);
            assert!(message.starts_with("<html>bad gateway"), "{message}");
            assert_eq!(request_id, &None);
        }
        name => {
            let body = fixture_json(name);
            let expected = RequestErrorCode::from_wire(body["code"].as_str().unwrap());
            assert!(expected.is_known(), "{name}");
            assert_eq!(code.as_ref(), Some(&expected));
            assert_eq!(expected.http_status(), Some(status));
            assert_eq!(message, body["message"].as_str().unwrap());
            assert_eq!(
                request_id.as_ref().unwrap(),
                body["request_id"].as_str().unwrap()
            );
            assert!(err.to_string().contains(&format!(
                "code {}: {}",
                expected,
                body["message"].as_str().unwrap()
            )));
        }
    }
}

/// The inputs the local checks refuse, each with the rule it breaks; none may reach the
/// server.
pub struct BadInputs {
    /// Audio: (file, config, what the error must be).
    pub audio: Vec<(PathBuf, AudioFileConfig, Expect)>,
    /// Images: (files, config, what the error must be).
    pub video: Vec<(Vec<PathBuf>, VideoFileConfig, Expect)>,
}

/// What a refused input's error must be.
#[derive(Debug, Clone)]
pub enum Expect {
    /// `Validation` naming these fields.
    Validation(&'static [&'static str]),
    /// `InvalidMedia` for this file with this code.
    Media(PathBuf, RequestErrorCode),
    /// `LocalFile` for this path.
    LocalFile(PathBuf),
    /// `RequestTooLarge`.
    TooLarge,
}

/// Writes the refused inputs into `dir` (big files are sparse).
pub fn bad_inputs(dir: &Path) -> BadInputs {
    let ok_wav = write(dir, "ok.wav", &wav(&[1, 2, 3]));
    let ok_jpg = write(dir, "ok.jpg", &jpeg(64, 64, 0));
    let mp3 = write(dir, "song.mp3", b"ID3\x04\0\0\0\0\0\x10rest of an mp3");
    let cd = write(dir, "cd.wav", &wav_with(44_100, 2, &[1, 2, 3, 4]));
    let odd = write(dir, "odd.pcm", &[1, 2, 3]);
    let empty = write(dir, "empty.pcm", &[]);
    let missing = dir.join("missing.wav");
    let huge = write(dir, "huge.pcm", &[0, 0]);
    set_len(&huge, 25_000_002);
    let nearly = write(dir, "nearly.pcm", &[0, 0]);
    set_len(&nearly, 24_999_990);
    let png = write(dir, "face.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    let wide = write(dir, "wide.jpg", &jpeg(3841, 2160, 0));
    let heavy = write(dir, "heavy.jpg", &jpeg(100, 100, 0));
    set_len(&heavy, 2_000_001);
    let many: Vec<PathBuf> = (0..13)
        .map(|i| {
            let p = write(dir, &format!("big-{i}.jpg"), &jpeg(100, 100, 0));
            set_len(&p, 1_990_000);
            p
        })
        .collect();
    let code = RequestErrorCode::from_wire;
    BadInputs {
        audio: vec![
            (
                ok_wav.clone(),
                AudioFileConfig::new().with_measurement_timer_ms(2999),
                Expect::Validation(&["measurement_timer_ms"]),
            ),
            (
                ok_wav,
                AudioFileConfig::new().with_measurement_timer_ms(10_001),
                Expect::Validation(&["measurement_timer_ms"]),
            ),
            (
                mp3.clone(),
                AudioFileConfig::new(),
                Expect::Media(mp3, code("unsupported_media_type")),
            ),
            (
                cd.clone(),
                AudioFileConfig::new(),
                Expect::Media(cd, code("audio_decode_failed")),
            ),
            (
                odd.clone(),
                AudioFileConfig::new(),
                Expect::Media(odd, code("audio_decode_failed")),
            ),
            (
                empty.clone(),
                AudioFileConfig::new(),
                Expect::Media(empty, code("audio_decode_failed")),
            ),
            (
                huge.clone(),
                AudioFileConfig::new(),
                Expect::Media(huge, code("audio_too_long")),
            ),
            (nearly, AudioFileConfig::new(), Expect::TooLarge),
            (
                missing.clone(),
                AudioFileConfig::new(),
                Expect::LocalFile(missing),
            ),
        ],
        video: vec![
            (
                vec![],
                VideoFileConfig::new(),
                Expect::Validation(&["file"]),
            ),
            (
                vec![ok_jpg.clone()],
                VideoFileConfig::new().with_threshold(1.01).with_min_size(0),
                Expect::Validation(&["face.threshold", "face.min_size"]),
            ),
            (
                vec![ok_jpg.clone()],
                VideoFileConfig::new().with_threshold(-0.5),
                Expect::Validation(&["face.threshold"]),
            ),
            (
                vec![ok_jpg.clone(), png.clone()],
                VideoFileConfig::new(),
                Expect::Media(png, code("unsupported_media_type")),
            ),
            (
                vec![wide.clone(), ok_jpg.clone()],
                VideoFileConfig::new(),
                Expect::Media(wide, code("image_too_large")),
            ),
            (
                vec![heavy.clone()],
                VideoFileConfig::new(),
                Expect::Media(heavy, code("image_too_large")),
            ),
            (many, VideoFileConfig::new(), Expect::TooLarge),
        ],
    }
}

/// Checks one refused input's error.
pub fn check_refused(err: &HumeError, expect: &Expect) {
    match (err, expect) {
        (HumeError::Validation(errors), Expect::Validation(fields)) => {
            let got: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(&got, fields);
        }
        (HumeError::InvalidMedia { path, problem, .. }, Expect::Media(file, code)) => {
            assert_eq!(path, file);
            assert_eq!(&problem.code(), code);
            assert!(
                err.to_string()
                    .starts_with(&format!("cannot upload {}: ", file.display())),
                "{err}"
            );
        }
        (HumeError::LocalFile { path, .. }, Expect::LocalFile(file)) => assert_eq!(path, file),
        (HumeError::RequestTooLarge { bytes, limit, .. }, Expect::TooLarge) => {
            assert_eq!(*limit, 25_000_000);
            assert!(*bytes > *limit);
        }
        _ => panic!("expected {expect:?}, got {err:?}"),
    }
}

/// Two image answers for the face tracker: face ids 0 and 1 with state `fs-1`, then the same
/// faces (continued numbering) with state `fs-2`.
pub async fn mount_tracked(server: &MockServer) {
    let answer = |state: &str| {
        let mut body = fixture_json("video-file-response.json");
        body["face_state"] = json!(state);
        ResponseTemplate::new(200).set_body_json(body)
    };
    Mock::given(method("POST"))
        .and(path(VIDEO))
        .respond_with(answer("fs-1"))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(VIDEO))
        .respond_with(answer("fs-2"))
        .expect(1)
        .mount(server)
        .await;
}

/// Checks that the second batch carried the first answer's state, and both asked for one.
pub async fn check_tracked(server: &MockServer) {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    let configs: Vec<Value> = requests
        .iter()
        .map(|r| {
            let parts = multipart_parts(r);
            assert_eq!(parts[0].name, "config");
            assert_eq!(parts.len(), 3, "the config and two images");
            serde_json::from_slice(&parts[0].body).unwrap()
        })
        .collect();
    assert_eq!(
        configs,
        [
            json!({"face": {"threshold": 0.8, "return_face_state": true}}),
            json!({"face": {"threshold": 0.8, "return_face_state": true}, "face_state": "fs-1"}),
        ]
    );
}

/// The tracker's settings.
pub fn tracked_config() -> VideoFileConfig {
    VideoFileConfig::new().with_threshold(0.8)
}
