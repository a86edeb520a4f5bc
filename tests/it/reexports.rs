//! Every foreign type in the public signatures of `hume` (and of `hume::models`, which it
//! re-exports) can be named through `hume::` paths alone: a user never needs a direct
//! dependency on `http`, `bytes`, `jiff` or `serde_json` to call the client. Each binding
//! below takes a value from a `hume` signature and names its type through `hume`.

use hume::blocking::HumeBatchClient;
use hume::test_util::{MockResponse, MockTransport, fast_config};

#[test]
fn foreign_types_in_signatures_are_reachable_through_hume() {
    // http: statuses in errors, headers and methods of requests and responses.
    let err = hume::HumeError::invalid_api_key(hume::StatusCode::UNAUTHORIZED);
    let status: Option<hume::StatusCode> = err.status();
    assert_eq!(status, Some(hume::StatusCode::UNAUTHORIZED));
    let request = hume::transport::HttpRequest::new(hume::Method::GET, "http://127.0.0.1:9/");
    let headers: &hume::HeaderMap = &request.headers;
    assert!(headers.is_empty());
    let key_header: hume::HeaderValue = hume::ApiKey::new("k").unwrap().header_value();
    assert!(key_header.is_sensitive());
    let _: Option<hume::HeaderValue> = hume::transport::RequestBody::Empty.content_type();
    let name: hume::HeaderName = hume::HeaderName::from_static("x-hume-api-key");
    assert_eq!(name.as_str(), "x-hume-api-key");

    // bytes: request bodies and async body chunks.
    let body = hume::transport::RequestBody::Json(hume::Bytes::from_static(b"{}"));
    assert_eq!(body.content_length(), 2);

    // jiff: the timestamps of job details, and their differences.
    let details =
        hume::BatchJobDetails::from_value(crate::support::details("j", "COMPLETED")).unwrap();
    let created: hume::Timestamp = details.created_time().unwrap();
    let ended: hume::Timestamp = details.ended_time().unwrap();
    let run: hume::SignedDuration = ended.duration_since(created);
    assert_eq!(run.as_secs(), 4);

    // serde_json: untyped predictions, unknown model options, parse errors.
    let mock = MockTransport::new().with_response(MockResponse::new(200).with_body("[]"));
    let client = HumeBatchClient::builder()
        .config(fast_config())
        .transport(mock)
        .build()
        .unwrap();
    let raw: hume::json::Value = client.get_job_predictions_raw("j").unwrap();
    assert!(raw.as_array().is_some_and(Vec::is_empty));
    let models = hume::models::Models::new();
    let other: &std::collections::BTreeMap<String, hume::json::Value> = models.other();
    assert!(other.is_empty());
    let parse = hume::Predictions::from_response(b"{").unwrap_err();
    let json_error: &hume::json::Error = parse.json_error();
    assert!(!json_error.to_string().is_empty());
    let _map: hume::json::Map<String, hume::json::Value> = hume::json::Map::new();
}
