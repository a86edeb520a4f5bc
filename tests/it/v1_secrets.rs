//! The API key never shows through the v1 client either: not in its `Debug`, not in an error
//! whose body echoes it (the v1 error shape, a body of another shape, an unreadable success).

use hume::HumeError;
use hume::models::v1::{ErrorResponse, RequestErrorCode};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{KEY, blocking};
use crate::v1_support::{v1_async_client, v1_blocking_client};
use crate::v1_wire_cases::{RUN, RUNS};

/// Every text form of an error: Display, Debug and each source's.
fn texts(err: &HumeError) -> Vec<String> {
    let mut out = vec![err.to_string(), format!("{err:?}")];
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        out.push(s.to_string());
        out.push(format!("{s:?}"));
        source = s.source();
    }
    out
}

async fn mount_echoes(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path(format!("{RUNS}/{RUN}")))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "type": "error", "code": "invalid_request",
            "message": format!("bad key {KEY} in request"), "request_id": "req-1", "echo": KEY
        })))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{RUNS}/{RUN}/events")))
        .respond_with(ResponseTemplate::new(200).set_body_string(format!("not json {KEY}")))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(RUNS))
        .respond_with(ResponseTemplate::new(502).set_body_json(json!({"upstream": KEY})))
        .mount(server)
        .await;
}

fn check(errors: [HumeError; 3]) {
    let [invalid, decode, foreign] = &errors;
    assert_eq!(invalid.v1_code(), Some(&RequestErrorCode::InvalidRequest));
    if let HumeError::V1Api { message, body, .. } = invalid {
        assert_eq!(message, "bad key [redacted] in request");
        assert!(matches!(**body, ErrorResponse::Error(_)));
    }
    assert!(
        matches!(decode, HumeError::Decode { excerpt, .. } if excerpt == "not json [redacted]")
    );
    assert!(
        matches!(foreign, HumeError::V1Api { code: None, .. }),
        "{foreign:?}"
    );
    for err in &errors {
        for text in texts(err) {
            assert!(!text.contains(KEY), "key leaked in {text:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_errors_never_show_the_key() {
    let server = MockServer::start().await;
    mount_echoes(&server).await;
    let client = v1_blocking_client(&server.uri());
    assert!(!format!("{client:?}").contains(KEY));
    let errors = blocking(move || {
        [
            client.runs().get(RUN).unwrap_err(),
            client.runs().events(RUN).unwrap_err(),
            client.runs().list(&Default::default()).unwrap_err(),
        ]
    })
    .await;
    check(errors);
}

#[tokio::test]
async fn async_errors_never_show_the_key() {
    let server = MockServer::start().await;
    mount_echoes(&server).await;
    let client = v1_async_client(&server.uri());
    assert!(!format!("{client:?}").contains(KEY));
    check([
        client.runs().get(RUN).await.unwrap_err(),
        client.runs().events(RUN).await.unwrap_err(),
        client.runs().list(&Default::default()).await.unwrap_err(),
    ]);
}
