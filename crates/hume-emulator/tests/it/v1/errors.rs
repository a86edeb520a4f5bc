//! Wrong methods, unknown paths, non-multipart bodies, request ids, fault injection on v1, and
//! v0 still served beside v1.

use std::time::Duration;

use hume_emulator::{EmulatorConfig, FaultConfig};
use reqwest::{Method, StatusCode};

use super::client::{V1, assert_error, emulator, ok_json, request_id, start};

#[tokio::test]
async fn wrong_methods_are_405_and_unknown_paths_404() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    for (method, path) in [
        (Method::GET, "/v1/expression/audio/file"),
        (Method::PUT, "/v1/expression/video/file"),
        (Method::POST, "/v1/expression/run"),
        (Method::DELETE, "/v1/expression/run/abc"),
        (Method::POST, "/v1/expression/run/abc/events"),
    ] {
        let body = assert_error(
            &client.send(method.clone(), path, None).await,
            405,
            "method_not_allowed",
        );
        assert!(body["message"].as_str().unwrap().contains(path), "{body}");
    }
    for path in [
        "/v1/expression/nope",
        "/v1/expression/run/abc/events/more",
        "/v1/expression/audio/realtime/more",
        "/v1/anything",
    ] {
        assert_error(&client.get(path).await, 404, "not_found");
    }
    // The realtime paths are WebSocket endpoints: a plain GET is a bad request there.
    assert_error(
        &client.get("/v1/expression/audio/realtime").await,
        400,
        "invalid_request",
    );
    // Without a key, a wrong method or path is a 401 first.
    let anonymous = client.clone().with_key(None);
    assert_eq!(
        anonymous.get("/v1/expression/audio/file").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn every_response_has_a_fresh_request_id() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    let a = client.get("/v1/expression/run").await;
    let b = client.get("/v1/expression/run").await;
    assert_ne!(request_id(&a), request_id(&b));
    let reply = client
        .images(&[&super::media::jpeg(320, 240, 0)], None)
        .await;
    assert_eq!(
        ok_json(&reply)["request_id"].as_str().unwrap(),
        request_id(&reply)
    );
    assert_eq!(reply.headers["content-type"], "application/json");
}

#[tokio::test]
async fn faults_answer_with_v1_bodies() {
    let emulator =
        start(EmulatorConfig::default().with_faults(FaultConfig::none().with_reject_first(1)))
            .await;
    let client = V1::new(&emulator);
    let busy = client.get("/v1/expression/run").await;
    let body = assert_error(&busy, 503, "server_busy");
    assert!(
        body["message"].as_str().unwrap().contains("injected"),
        "{body}"
    );
    ok_json(&client.get("/v1/expression/run").await);

    let limited =
        start(EmulatorConfig::default().with_faults(FaultConfig::none().with_rate_limit(1.0, 4)))
            .await;
    let reply = V1::new(&limited).get("/v1/expression/run").await;
    assert_error(&reply, 429, "server_busy");
    assert_eq!(reply.headers["retry-after"], "4");

    let slow = start(
        EmulatorConfig::default()
            .with_faults(FaultConfig::none().with_slow(1.0, Duration::from_millis(50))),
    )
    .await;
    ok_json(&V1::new(&slow).get("/v1/expression/run").await);
}

#[tokio::test]
async fn v0_and_v1_share_the_port() {
    let emulator = emulator().await;
    let v1 = V1::new(&emulator);
    ok_json(&v1.get("/v1/expression/run").await);
    let v0 = crate::common::Client::new(&emulator);
    let jobs = v0.get("/v0/batch/jobs").await;
    assert_eq!(jobs.status, StatusCode::OK);
    assert!(
        !jobs.headers.contains_key("x-request-id"),
        "v0 is untouched"
    );
    // v0's own bodies for v0 paths.
    let missing = v0.get("/v0/nope").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json(), serde_json::json!({"message": "not found"}));
}

#[tokio::test]
async fn the_upload_delay_holds_answers_back() {
    let emulator =
        start(EmulatorConfig::default().with_v1(
            hume_emulator::V1Config::default().with_upload_delay(Duration::from_millis(300)),
        ))
        .await;
    let client = V1::new(&emulator);
    let started = std::time::Instant::now();
    ok_json(
        &client
            .images(&[&super::media::jpeg(320, 240, 0)], None)
            .await,
    );
    assert!(started.elapsed() >= Duration::from_millis(300));
    // Refusals are not delayed.
    let started = std::time::Instant::now();
    assert_error(
        &client.images(&[b"x"], None).await,
        415,
        "unsupported_media_type",
    );
    assert!(started.elapsed() < Duration::from_millis(300));
}
