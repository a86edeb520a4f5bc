//! Endpoint tests: each request goes through the mock transport, each scripted answer through
//! the endpoint's decoder.

use std::path::PathBuf;
use std::time::Duration;

use http::{HeaderMap, Method, StatusCode};
use hume_models::{
    ApiErrorBody, BatchJobStatus, Direction, FaceConfig, JobId, JobRequest, ListJobsQuery, Models,
    SortBy, When,
};
use serde_json::json;

use super::*;
use crate::config::ClientConfig;
use crate::mock::{MockResponse, MockTransport};
use crate::transport::Transport;
use crate::transport_error::{SendState, TransportError};
use crate::{ApiKey, BaseUrl};

const KEY: &str = "sk-endpoint-secret-0123";

fn ctx() -> ClientContext {
    let config = ClientConfig::new()
        .with_api_key(ApiKey::new(KEY).unwrap())
        .with_base_url(BaseUrl::parse("http://127.0.0.1:4010").unwrap());
    ClientContext::new(config, BaseUrl::batch_default()).unwrap()
}

fn job() -> JobId {
    JobId::new("7d6f1b2e-0000-4000-8000-00000000abcd")
}

/// Sends `req` through a mock scripted with `resp`; returns status, headers and body.
fn exchange(
    req: crate::HttpRequest,
    resp: MockResponse,
) -> (MockTransport, StatusCode, HeaderMap, Vec<u8>) {
    let mock = MockTransport::new().with_response(resp);
    let mut out = mock.send(req).unwrap();
    let body = out.body.read_to_vec_limited(1 << 20).unwrap();
    mock.assert_all_used();
    (mock, out.status, out.headers, body)
}

fn details_json(id: &str, status: &str, created: i64) -> serde_json::Value {
    json!({
        "type": "INFERENCE",
        "job_id": id,
        "request": {"urls": ["https://example.com/a.mp4"], "models": {"face": {}}, "files": [], "text": []},
        "state": {"status": status, "created_timestamp_ms": created}
    })
}

fn fault() -> serde_json::Value {
    json!({"fault": {"faultstring": "Invalid ApiKey", "detail": {"errorcode": "oauth.v2.InvalidApiKey"}}})
}

#[test]
fn details_request_and_success() {
    let ctx = ctx();
    let req = details::request(&ctx, &job());
    assert_eq!(req.method, Method::GET);
    assert_eq!(
        req.url,
        format!("http://127.0.0.1:4010/v0/batch/jobs/{}", job())
    );
    let (mock, status, headers, body) = exchange(
        req,
        MockResponse::json(
            200,
            &details_json(job().as_str(), "COMPLETED", 1_700_000_000_000),
        ),
    );
    let rec = &mock.requests()[0];
    assert_eq!(rec.header("x-hume-api-key"), Some(KEY));
    assert_eq!(rec.header("x-hume-client-name"), Some("rust_sdk"));
    assert_eq!(rec.header("accept"), Some("application/json"));
    assert_eq!(rec.timeout, Some(Duration::from_secs(10)));
    assert!(rec.body.is_empty());
    let details = details::decode(&ctx, &job(), status, &headers, &body).unwrap();
    assert_eq!(details.status(), &BatchJobStatus::Completed);
    assert_eq!(details.job_id, Some(job()));
}

#[test]
fn details_error_mapping() {
    let ctx = ctx();
    let decode = |resp: MockResponse| {
        let (_, status, headers, body) = exchange(details::request(&ctx, &job()), resp);
        details::decode(&ctx, &job(), status, &headers, &body).unwrap_err()
    };
    let not_found = json!({"message": "job not found"});
    for err in [
        decode(MockResponse::new(404)),
        decode(MockResponse::json(404, &not_found)),
        decode(MockResponse::json(200, &not_found)),
    ] {
        assert!(
            matches!(&err, HumeError::JobNotFound { job_id } if *job_id == job()),
            "{err:?}"
        );
        assert_eq!(err.to_string(), format!("job not found: {}", job()));
    }
    for (status, body) in [
        (401, fault()),
        (200, fault()),
        (403, json!({"message": "forbidden"})),
    ] {
        let err = decode(MockResponse::json(status, &body));
        assert!(
            matches!(err, HumeError::InvalidApiKey { status: s } if s.as_u16() == status),
            "{err:?}"
        );
    }
    let err = decode(
        MockResponse::json(429, &json!({"message": "slow down"})).with_header("retry-after", "5"),
    );
    assert!(
        matches!(err, HumeError::RateLimited { retry_after: Some(d) } if d == Duration::from_secs(5)),
        "{err:?}"
    );
    assert!(err.is_retryable());
    let err = decode(MockResponse::new(502).with_body("<html>bad gateway</html>"));
    match &err {
        HumeError::Api {
            status,
            message,
            body,
        } => {
            assert_eq!(*status, StatusCode::BAD_GATEWAY);
            assert_eq!(message, "<html>bad gateway</html>");
            assert!(matches!(body, ApiErrorBody::Text(_)));
        }
        other => panic!("{other:?}"),
    }
    assert!(err.is_retryable());
    assert_eq!(
        err.to_string(),
        "api error 502 Bad Gateway: <html>bad gateway</html>"
    );
}

#[test]
fn undecodable_success_is_decode_error_with_path_and_scrubbed_excerpt() {
    let ctx = ctx();
    let body = json!({"job_id": "x", "state": {"status": 42}, "echo": KEY});
    let (_, status, headers, bytes) = exchange(
        details::request(&ctx, &job()),
        MockResponse::json(200, &body),
    );
    let err = details::decode(&ctx, &job(), status, &headers, &bytes).unwrap_err();
    match &err {
        HumeError::Decode {
            what,
            status,
            message,
            excerpt,
        } => {
            assert_eq!(*what, "job details");
            assert_eq!(*status, StatusCode::OK);
            assert!(message.contains("state"), "{message}");
            assert!(
                !excerpt.contains(KEY) && excerpt.contains("[redacted]"),
                "{excerpt}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string()
            .starts_with("cannot decode job details response (200 OK): ")
    );
}

#[test]
fn predictions_typed_and_raw() {
    let ctx = ctx();
    let req = predictions::request(&ctx, &job());
    assert_eq!(
        req.url,
        format!("http://127.0.0.1:4010/v0/batch/jobs/{}/predictions", job())
    );
    let body = json!([{
        "source": {"type": "url", "url": "https://example.com/a.jpg"},
        "results": {"predictions": [{"file": "a.jpg", "models": {}}], "errors": []}
    }]);
    let (_, status, headers, bytes) = exchange(req, MockResponse::json(200, &body));
    let typed = predictions::decode(&ctx, &job(), status, &headers, &bytes).unwrap();
    assert_eq!(typed.len(), 1);
    let raw = predictions::decode_raw(&ctx, &job(), status, &headers, &bytes).unwrap();
    assert_eq!(raw, body);
    let err =
        predictions::decode_raw(&ctx, &job(), StatusCode::OK, &headers, b"{not json").unwrap_err();
    assert!(
        matches!(
            err,
            HumeError::Decode {
                what: "predictions",
                ..
            }
        ),
        "{err:?}"
    );
    let nf = serde_json::to_vec(&json!({"message": "job not found"})).unwrap();
    let err = predictions::decode(&ctx, &job(), StatusCode::OK, &headers, &nf).unwrap_err();
    assert!(matches!(err, HumeError::JobNotFound { .. }));
}

#[test]
fn artifacts_download_or_error() {
    let ctx = ctx();
    let req = artifacts::request(&ctx, &job());
    assert!(req.url.ends_with("/artifacts"));
    assert_eq!(
        req.headers["accept"],
        "application/zip, application/octet-stream, */*"
    );
    let (_, status, headers, bytes) = exchange(
        req.clone(),
        MockResponse::new(200)
            .with_header("content-type", "application/zip")
            .with_body("PK\x03\x04"),
    );
    assert!(artifacts::is_download(status, &headers));
    assert_eq!(bytes, b"PK\x03\x04");
    let (_, status, headers, bytes) = exchange(
        req.clone(),
        MockResponse::json(200, &json!({"message": "job not found"})),
    );
    assert!(!artifacts::is_download(status, &headers));
    assert!(matches!(
        artifacts::error(&ctx, &job(), status, &headers, &bytes),
        HumeError::JobNotFound { .. }
    ));
    let (_, status, headers, bytes) =
        exchange(req.clone(), MockResponse::json(200, &json!({"odd": true})));
    assert!(matches!(
        artifacts::error(&ctx, &job(), status, &headers, &bytes),
        HumeError::Decode {
            what: "artifacts",
            ..
        }
    ));
    let (_, status, headers, bytes) = exchange(
        req,
        MockResponse::json(400, &json!({"message": "job not completed"})),
    );
    assert!(!artifacts::is_download(status, &headers));
    let err = artifacts::error(&ctx, &job(), status, &headers, &bytes);
    assert_eq!(
        err.to_string(),
        "api error 400 Bad Request: job not completed"
    );
}

#[test]
fn list_request_and_decode() {
    let ctx = ctx();
    let query = ListJobsQuery::new()
        .with_limit(2)
        .with_status(BatchJobStatus::Queued)
        .with_status(BatchJobStatus::InProgress)
        .with_when(When::CreatedBefore, 1_700_000_000_000)
        .with_sort_by(SortBy::Created)
        .with_direction(Direction::Desc);
    let req = list::request(&ctx, &query);
    assert_eq!(
        req.url,
        "http://127.0.0.1:4010/v0/batch/jobs?limit=2&status=QUEUED&status=IN_PROGRESS&when=created_before&timestamp_ms=1700000000000&sort_by=created&direction=desc"
    );
    assert_eq!(
        list::request(&ctx, &ListJobsQuery::new()).url,
        "http://127.0.0.1:4010/v0/batch/jobs"
    );
    let page = json!([
        details_json("a", "QUEUED", 3),
        details_json("b", "IN_PROGRESS", 2)
    ]);
    let (_, status, headers, bytes) = exchange(req, MockResponse::json(200, &page));
    let jobs = list::decode(&ctx, status, &headers, &bytes).unwrap();
    assert_eq!(jobs.len(), 2);
    let validation = json!({"message": "invalid request", "errors": [{"field": "limit", "message": "must be positive"}]});
    let bytes = serde_json::to_vec(&validation).unwrap();
    match list::decode(&ctx, StatusCode::BAD_REQUEST, &HeaderMap::new(), &bytes).unwrap_err() {
        HumeError::Api {
            status,
            body,
            message,
        } => {
            assert_eq!(status, StatusCode::BAD_REQUEST);
            assert_eq!(body.validation_errors().len(), 1);
            assert!(message.contains("limit"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // A 404 on the list endpoint is not about a job.
    assert!(matches!(
        list::decode(&ctx, StatusCode::NOT_FOUND, &HeaderMap::new(), b"").unwrap_err(),
        HumeError::Api { .. }
    ));
}

#[test]
fn submit_json() {
    let ctx = ctx();
    let job_req = JobRequest::new()
        .with_url("https://example.com/a.mp4")
        .with_models(Models::new().with(FaceConfig::default().with_fps_pred(3.0)));
    let req = submit::request(&ctx, &job_req).unwrap();
    assert_eq!(req.method, Method::POST);
    assert_eq!(req.url, "http://127.0.0.1:4010/v0/batch/jobs");
    assert_eq!(req.headers["content-type"], "application/json");
    let (mock, status, headers, bytes) =
        exchange(req, MockResponse::json(200, &json!({"job_id": "new-job"})));
    assert_eq!(
        mock.requests()[0].json(),
        json!({"urls": ["https://example.com/a.mp4"], "models": {"face": {"fps_pred": 3.0}}})
    );
    assert_eq!(
        submit::decode(&ctx, status, &headers, &bytes).unwrap(),
        JobId::new("new-job")
    );
}

#[test]
fn submit_multipart_streams_files() {
    let ctx = ctx();
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("clip.wav");
    std::fs::write(&a, vec![1u8; 5000]).unwrap();
    let job_req = JobRequest::new()
        .with_models(Models::new().with(FaceConfig::default()))
        .with_file(&a);
    let req = submit::request(&ctx, &job_req).unwrap();
    let crate::RequestBody::Multipart(m) = &req.body else {
        panic!("expected multipart")
    };
    assert_eq!(req.headers["content-type"], m.content_type());
    let (mock, ..) = exchange(req, MockResponse::json(200, &json!({"job_id": "j"})));
    let rec = &mock.requests()[0];
    assert_eq!(rec.body.len() as u64, rec.declared_length);
    let text = String::from_utf8_lossy(&rec.body);
    assert!(text.contains("name=\"file\"; filename=\"clip.wav\""));
    assert!(text.contains("name=\"json\"\r\n\r\n{\"models\":{\"face\":{}}}\r\n"));
}

#[test]
fn submit_rejects_invalid_jobs_and_missing_files_before_sending() {
    let ctx = ctx();
    let err = submit::request(&ctx, &JobRequest::new()).unwrap_err();
    assert!(matches!(err, HumeError::Validation(_)), "{err:?}");
    let err = submit::request(&ctx, &JobRequest::new().with_url("ftp://x/y")).unwrap_err();
    assert!(matches!(err, HumeError::Validation(_)), "{err:?}");
    let missing = PathBuf::from("/definitely/not/here.mp4");
    let err = submit::request(&ctx, &JobRequest::new().with_file(&missing)).unwrap_err();
    match err {
        HumeError::LocalFile { path, source } => {
            assert_eq!(path, missing);
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("{other:?}"),
    }
    let dir = tempfile::tempdir().unwrap();
    let err = submit::request(&ctx, &JobRequest::new().with_file(dir.path())).unwrap_err();
    assert!(matches!(err, HumeError::LocalFile { .. }));
}

#[test]
fn submit_outcomes() {
    let ctx = ctx();
    let h = HeaderMap::new();
    let err = submit::decode(&ctx, StatusCode::INTERNAL_SERVER_ERROR, &h, b"oops").unwrap_err();
    assert!(err.job_may_exist() && !err.is_retryable(), "{err:?}");
    assert_eq!(err.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    let err = submit::decode(&ctx, StatusCode::OK, &h, b"{\"jobid\":1}").unwrap_err();
    assert!(err.job_may_exist(), "{err:?}");
    let err = submit::decode(&ctx, StatusCode::SERVICE_UNAVAILABLE, &h, b"").unwrap_err();
    assert!(matches!(err, HumeError::Api { .. }) && !err.job_may_exist());
    let err = submit::decode(
        &ctx,
        StatusCode::UNAUTHORIZED,
        &h,
        &serde_json::to_vec(&fault()).unwrap(),
    )
    .unwrap_err();
    assert!(matches!(err, HumeError::InvalidApiKey { .. }));
    let body = serde_json::to_vec(
        &ApiErrorBody::validation({
            let mut v = hume_models::ValidationErrors::new();
            v.push("urls", "too many");
            v
        })
        .to_json(),
    )
    .unwrap();
    let err = submit::decode(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &h, &body).unwrap_err();
    assert!(
        matches!(&err, HumeError::Api { body, .. } if body.validation_errors()[0].field == "urls"),
        "{err:?}"
    );
    let err = submit::transport_error(TransportError::io(SendState::MaybeSent, "reset"));
    assert!(err.job_may_exist());
    assert!(err.to_string().contains("may or may not exist"));
    let err = submit::transport_error(TransportError::connect("refused"));
    assert!(!err.job_may_exist() && matches!(err, HumeError::Transport(_)));
}

#[test]
fn submit_refuses_a_job_id_that_is_not_a_safe_path_segment() {
    let ctx = ctx();
    let h = HeaderMap::new();
    for id in ["../../x", "/abs", "..", "a\\b", "C:x"] {
        let body = serde_json::to_vec(&json!({ "job_id": id })).unwrap();
        let err = submit::decode(&ctx, StatusCode::OK, &h, &body).unwrap_err();
        assert!(matches!(err, HumeError::InvalidId(_)), "{id}: {err:?}");
    }
    let body = serde_json::to_vec(&json!({ "job_id": format!("{KEY}/..") })).unwrap();
    let err = submit::decode(&ctx, StatusCode::OK, &h, &body).unwrap_err();
    assert!(!format!("{err} {err:?}").contains(KEY), "{err:?}");
    let ok = submit::decode(&ctx, StatusCode::OK, &h, br#"{"job_id":"j-1"}"#).unwrap();
    assert_eq!(ok, "j-1");
}

#[test]
fn predictions_prefix_arrays_are_predictions_objects_are_not() {
    use predictions::{PEEK_LIMIT, Prefix, classify_prefix};
    assert_eq!(classify_prefix(b""), Prefix::Undecided);
    assert_eq!(classify_prefix(b"  \n\t"), Prefix::Undecided);
    assert_eq!(classify_prefix(b"[{\"source\""), Prefix::Predictions);
    assert_eq!(classify_prefix(b"\n  []"), Prefix::Predictions);
    assert_eq!(
        classify_prefix(b"{\"message\":\"job not found\"}"),
        Prefix::NotPredictions
    );
    assert_eq!(classify_prefix(b"<html>"), Prefix::NotPredictions);
    assert_eq!(
        classify_prefix(&vec![b' '; PEEK_LIMIT]),
        Prefix::NotPredictions
    );
}

#[test]
fn predictions_bytes_are_kept_unchanged_or_become_the_error() {
    let ctx = ctx();
    let h = HeaderMap::new();
    let body = b"[ {\"z\": 1.50, \"a\": 2} ]\n";
    let kept = predictions::decode_bytes(&ctx, &job(), StatusCode::OK, &h, body).unwrap();
    assert_eq!(
        kept, body,
        "byte for byte: key order, number format, whitespace"
    );
    let nf = serde_json::to_vec(&json!({"message": "job not found"})).unwrap();
    let err = predictions::decode_bytes(&ctx, &job(), StatusCode::OK, &h, &nf).unwrap_err();
    assert!(matches!(err, HumeError::JobNotFound { .. }), "{err:?}");
    let err = predictions::decode_bytes(&ctx, &job(), StatusCode::OK, &h, b"").unwrap_err();
    assert!(matches!(err, HumeError::Decode { .. }), "{err:?}");
    let err = predictions::decode_bytes(
        &ctx,
        &job(),
        StatusCode::BAD_REQUEST,
        &h,
        b"{\"message\":\"job not completed\"}",
    )
    .unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::BAD_REQUEST));
}
