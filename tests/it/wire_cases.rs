//! The wire-format cases both backends must pass: mounts for a [`MockServer`] and checks of
//! what it received. `wire_blocking` and `wire_async` drive them with each client.

use std::path::Path;

use hume::models::{BatchJobStatus, Direction, FaceConfig, ListJobsQuery, SortBy, When};
use hume::{BatchJobDetails, HumeError, Predictions};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{
    KEY, assert_common_headers, assert_no_null, details, header, multipart_parts, predictions,
    query_pairs,
};

/// The job id the mocks hand out.
pub const JOB: &str = "3b1a4c1e-1111-4a5b-9c7d-000000000001";

/// The legacy `submit_job` arguments of the JSON case.
pub const URL: &str = "https://example.com/face.jpg";

/// The JSON body the JSON submit case must send.
pub fn expected_submit_json() -> Value {
    json!({
        "urls": [URL],
        "text": ["so happy today"],
        "models": {"face": {"fps_pred": 1.0, "identify_faces": true}},
        "transcription": {"language": "en"},
        "callback_url": "https://hooks.example.com/done",
        "notify": true
    })
}

/// The face config of the submit cases.
pub fn face() -> FaceConfig {
    FaceConfig::default()
        .with_fps_pred(1.0)
        .with_identify_faces(true)
}

/// `POST /v0/batch/jobs` answering `{"job_id": JOB}` exactly once.
pub async fn mount_submit(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/v0/batch/jobs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"job_id": JOB})))
        .expect(1)
        .named("start job")
        .mount(server)
        .await;
}

/// Checks the JSON submit request.
pub async fn check_submit_json(server: &MockServer) {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let req = &requests[0];
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url.path(), "/v0/batch/jobs");
    assert_eq!(req.url.query(), None);
    assert_common_headers(req);
    assert_eq!(header(req, "content-type"), Some("application/json"));
    assert_eq!(header(req, "accept"), Some("application/json"));
    assert_eq!(
        header(req, "content-length"),
        Some(req.body.len().to_string().as_str())
    );
    let body: Value = serde_json::from_slice(&req.body).unwrap();
    assert_no_null(&body);
    assert_eq!(body, expected_submit_json());
}

/// Two local files for the multipart case, in `dir`.
pub fn upload_files(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let png = dir.join("face one.png");
    let txt = dir.join("notes.txt");
    std::fs::write(&png, b"\x89PNG fake image bytes").unwrap();
    std::fs::write(&txt, "hello from a text file\n").unwrap();
    (png, txt)
}

/// Checks the multipart submit request: file parts in order (field `file`, base-name file
/// names, content types from the extension), then the `json` part.
pub async fn check_submit_multipart(server: &MockServer) {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let req = &requests[0];
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url.path(), "/v0/batch/jobs");
    assert_common_headers(req);
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
    let parts = multipart_parts(req);
    assert_eq!(parts.len(), 3, "{parts:?}");
    assert_eq!(parts[0].name, "file");
    assert_eq!(parts[0].filename.as_deref(), Some("face one.png"));
    assert_eq!(parts[0].content_type.as_deref(), Some("image/png"));
    assert_eq!(parts[0].body, b"\x89PNG fake image bytes");
    assert_eq!(parts[1].name, "file");
    assert_eq!(parts[1].filename.as_deref(), Some("notes.txt"));
    assert_eq!(parts[1].content_type.as_deref(), Some("text/plain"));
    assert_eq!(parts[1].body, b"hello from a text file\n");
    assert_eq!(parts[2].name, "json");
    assert_eq!(parts[2].filename, None);
    let json: Value = serde_json::from_slice(&parts[2].body).unwrap();
    assert_no_null(&json);
    assert_eq!(
        json,
        json!({"models": {"face": {"fps_pred": 1.0, "identify_faces": true}}})
    );
}

/// Details, predictions and artifacts of [`JOB`]; predictions are served with unusual
/// formatting so a byte-for-byte download can be told from a re-serialisation.
pub async fn mount_job_reads(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path(format!("/v0/batch/jobs/{JOB}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(details(JOB, "COMPLETED")))
        .named("details")
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v0/batch/jobs/{JOB}/predictions")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(predictions_bytes(), "application/json; charset=utf-8"),
        )
        .named("predictions")
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v0/batch/jobs/{JOB}/artifacts")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(zip_bytes(), "application/zip"))
        .named("artifacts")
        .mount(server)
        .await;
}

/// The predictions body as served (pretty-printed, trailing newline).
pub fn predictions_bytes() -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&predictions()).unwrap();
    bytes.extend_from_slice(b"\n");
    bytes
}

/// A fake zip: bytes that are not UTF-8 and larger than one read.
pub fn zip_bytes() -> Vec<u8> {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend((0..300_000u32).map(|i| (i % 251) as u8));
    bytes
}

/// Checks the typed details.
pub fn check_details(details: &BatchJobDetails) {
    assert_eq!(details.job_id.as_ref().map(|id| id.as_str()), Some(JOB));
    assert_eq!(*details.status(), BatchJobStatus::Completed);
    assert_eq!(details.state.num_predictions, Some(1));
    assert_eq!(details.run_time(), Some(std::time::Duration::from_secs(3)));
    assert_eq!(details.urls(), [URL.to_owned()]);
}

/// Checks the typed predictions.
pub fn check_predictions(predictions: &Predictions) {
    let file = predictions.find_file("face.jpg").expect("face.jpg");
    let face = file.models.face.as_ref().expect("face results");
    let frame = face.predictions().next().expect("one frame");
    assert_eq!(frame.frame, 0);
    assert_eq!(frame.emotions.len(), 2);
}

/// Checks the requests of the read cases: each GET with the common headers and no body.
pub async fn check_reads(server: &MockServer, expected_paths: &[String]) {
    let requests = server.received_requests().await.unwrap();
    let paths: Vec<String> = requests.iter().map(|r| r.url.path().to_owned()).collect();
    assert_eq!(paths, expected_paths);
    for req in &requests {
        assert_eq!(req.method.as_str(), "GET");
        assert_eq!(req.url.query(), None);
        assert!(req.body.is_empty());
        assert_eq!(header(req, "content-type"), None);
        assert_common_headers(req);
        let accept = header(req, "accept").unwrap();
        if req.url.path().ends_with("/artifacts") {
            assert_eq!(accept, "application/zip, application/octet-stream, */*");
        } else {
            assert_eq!(accept, "application/json");
        }
    }
}

/// The paths of the read cases in the order both drivers call them.
pub fn read_paths() -> Vec<String> {
    let base = format!("/v0/batch/jobs/{JOB}");
    vec![
        base.clone(),
        format!("{base}/predictions"),
        format!("{base}/predictions"),
        format!("{base}/artifacts"),
        format!("{base}/predictions"),
        base,
    ]
}

/// The query of the list case.
pub fn list_query() -> ListJobsQuery {
    ListJobsQuery::new()
        .with_limit(10)
        .with_status(BatchJobStatus::Queued)
        .with_status(BatchJobStatus::InProgress)
        .with_when(When::CreatedBefore, 1_712_587_158_717)
        .with_sort_by(SortBy::Created)
        .with_direction(Direction::Desc)
}

/// `GET /v0/batch/jobs` answering two jobs.
pub async fn mount_list(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/v0/batch/jobs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            details("j-1", "QUEUED"),
            details("j-2", "IN_PROGRESS")
        ])))
        .expect(1)
        .named("list jobs")
        .mount(server)
        .await;
}

/// Checks the list request's exact query (repeated `status`) and the parsed page.
pub async fn check_list(server: &MockServer, jobs: &[BatchJobDetails]) {
    let ids: Vec<&str> = jobs
        .iter()
        .map(|j| j.job_id.as_ref().unwrap().as_str())
        .collect();
    assert_eq!(ids, ["j-1", "j-2"]);
    let requests = server.received_requests().await.unwrap();
    let req = &requests[0];
    assert_common_headers(req);
    assert_eq!(
        req.url.query(),
        Some(
            "limit=10&status=QUEUED&status=IN_PROGRESS&when=created_before\
             &timestamp_ms=1712587158717&sort_by=created&direction=desc"
        )
    );
}

/// A job created at `created_ms`.
fn job_at(id: &str, created_ms: i64) -> Value {
    let mut job = details(id, "COMPLETED");
    job["state"]["created_timestamp_ms"] = json!(created_ms);
    job
}

/// Three pages for `list_all_jobs` with limit 2: [a, b], then the jobs created at or before
/// b's millisecond (`created_before` 201, as the comparison may be strict): [b, c], then [].
pub async fn mount_pages(server: &MockServer) {
    let page = |when: Option<&str>, body: Value| {
        let mut mock = Mock::given(method("GET")).and(path("/v0/batch/jobs"));
        mock = match when {
            Some(ts) => mock.and(wiremock::matchers::query_param("timestamp_ms", ts)),
            None => mock.and(wiremock::matchers::query_param_is_missing("timestamp_ms")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
    };
    page(None, json!([job_at("a", 300), job_at("b", 200)]))
        .mount(server)
        .await;
    page(Some("201"), json!([job_at("b", 200), job_at("c", 100)]))
        .mount(server)
        .await;
    page(Some("101"), json!([])).mount(server).await;
}

/// Checks the paging requests and the de-duplicated result.
pub async fn check_pages(server: &MockServer, jobs: &[BatchJobDetails]) {
    let ids: Vec<&str> = jobs
        .iter()
        .map(|j| j.job_id.as_ref().unwrap().as_str())
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let queries: Vec<Vec<(String, String)>> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(query_pairs)
        .collect();
    let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    assert_eq!(
        queries,
        vec![
            vec![
                pair("limit", "2"),
                pair("status", "COMPLETED"),
                pair("sort_by", "created"),
                pair("direction", "desc")
            ],
            vec![
                pair("limit", "2"),
                pair("status", "COMPLETED"),
                pair("when", "created_before"),
                pair("timestamp_ms", "201"),
                pair("sort_by", "created"),
                pair("direction", "desc")
            ],
            vec![
                pair("limit", "2"),
                pair("status", "COMPLETED"),
                pair("when", "created_before"),
                pair("timestamp_ms", "101"),
                pair("sort_by", "created"),
                pair("direction", "desc")
            ],
        ]
    );
}

/// Error answers: unknown job (404 + legacy body), bad key (401 Apigee fault), validation (400),
/// and a 200 carrying `{"message":"job not found"}` on predictions.
pub async fn mount_errors(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/v0/batch/jobs/missing"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": "job not found"})))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v0/batch/jobs/missing/artifacts"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": "job not found"})))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v0/batch/jobs/ghost/predictions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"message": "job not found"})))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v0/batch/jobs/badkey"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "fault": {"faultstring": "Invalid ApiKey", "detail": {"errorcode": "oauth.v2.InvalidApiKey"}}
        })))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v0/batch/jobs"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "message": format!("too many urls; key {KEY} is fine")
        })))
        .mount(server)
        .await;
}

/// The outcomes of the error cases, in order: details(missing), artifacts(missing),
/// download predictions(ghost), details(badkey), submit.
pub fn check_errors(errors: [HumeError; 5], dir: &Path) {
    let [missing, artifacts, ghost, bad_key, submit] = errors;
    assert!(
        matches!(&missing, HumeError::JobNotFound { job_id, .. } if job_id == "missing"),
        "{missing:?}"
    );
    assert_eq!(missing.to_string(), "job not found: missing");
    assert!(
        matches!(&artifacts, HumeError::JobNotFound { .. }),
        "{artifacts:?}"
    );
    assert!(
        matches!(&ghost, HumeError::JobNotFound { job_id, .. } if job_id == "ghost"),
        "{ghost:?}"
    );
    assert!(
        matches!(&bad_key, HumeError::InvalidApiKey { status, .. } if status.as_u16() == 401),
        "{bad_key:?}"
    );
    assert!(!bad_key.is_retryable());
    match &submit {
        HumeError::Api {
            status, message, ..
        } => {
            assert_eq!(status.as_u16(), 400);
            assert!(message.starts_with("too many urls"), "{message}");
            assert!(
                !message.contains(KEY),
                "key scrubbed from the server message"
            );
        }
        other => panic!("expected Api, got {other:?}"),
    }
    assert!(!submit.job_may_exist());
    assert!(
        dir_is_empty(dir),
        "no file written for an error: {:?}",
        crate::support::dir_entries(dir)
    );
}

/// `true` when `dir` holds nothing.
pub fn dir_is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().next().is_none()
}

/// After a failed download over the truncating server (every attempt cut short): the error is
/// a body read failure (or an incomplete download), the pre-existing destination is unchanged
/// and no temp file is left.
pub fn check_truncated(result: Result<u64, HumeError>, dir: &Path, dest: &Path) {
    let err = result.expect_err("a truncated body must fail");
    assert!(
        matches!(
            &err,
            HumeError::IncompleteDownload {
                expected: 1000,
                received: 10,
                ..
            } | HumeError::Transport(_)
        ),
        "{err:?}"
    );
    assert_eq!(std::fs::read(dest).unwrap(), b"previous contents");
    assert_eq!(crate::support::dir_entries(dir), ["artifacts.zip"]);
}
