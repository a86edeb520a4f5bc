//! v1 authentication: API keys, bearer tokens, both, forbidden keys, and the 401 bodies.

use hume_emulator::{EmulatorConfig, V1Config};
use reqwest::StatusCode;
use serde_json::json;

use super::client::{V1, assert_error, emulator, ok_json, request_id, start};

const PATHS: &[&str] = &[
    "/v1/expression/run",
    "/v1/expression/run/x",
    "/v1/expression/run/x/events",
];

#[tokio::test]
async fn missing_and_rejected_credentials_are_401_with_the_documented_bodies() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    for path in PATHS {
        let missing = client.clone().with_key(None).get(path).await;
        assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
        let body = missing.json();
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .contains("missing credential"),
            "{body}"
        );
        assert!(
            body.get("request_id").is_none()
                && body.get("code").is_none()
                && body.get("type").is_none()
        );
        request_id(&missing);

        let wrong = client.clone().with_key(Some("wrong-key")).get(path).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            wrong.json(),
            json!({"message": "invalid API key", "request_id": request_id(&wrong)})
        );

        let bad_token = client
            .clone()
            .with_key(None)
            .with_bearer(Some("bad-token"))
            .get(path)
            .await;
        assert_eq!(bad_token.status, StatusCode::UNAUTHORIZED);
        assert!(
            bad_token.json().get("request_id").is_none(),
            "no request_id for a rejected token"
        );
    }
    // Uploads are refused before their body matters, and record no run.
    let upload = client
        .clone()
        .with_key(Some("wrong"))
        .images(&[b"x"], None)
        .await;
    assert_eq!(upload.status, StatusCode::UNAUTHORIZED);
    assert_eq!(emulator.run_count(), 0);
    // Another scheme than Bearer.
    let basic = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(format!("{}/v1/expression/run", client.base))
        .header("Authorization", "Basic dGVzdC1rZXk6")
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), StatusCode::UNAUTHORIZED);
    assert!(basic.headers().contains_key("x-request-id"));
    let body: serde_json::Value = serde_json::from_slice(&basic.bytes().await.unwrap()).unwrap();
    assert!(
        body["message"].as_str().unwrap().contains("Bearer"),
        "{body}"
    );
}

#[tokio::test]
async fn bearer_tokens_and_both_headers() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    let token_only = client
        .clone()
        .with_key(None)
        .with_bearer(Some(super::client::KEY));
    ok_json(&token_only.get("/v1/expression/run").await);
    // The official SDK's async client sends both when given a token: either may be the good one.
    ok_json(
        &client
            .clone()
            .with_key(Some("stale"))
            .with_bearer(Some(super::client::KEY))
            .get("/v1/expression/run")
            .await,
    );
    ok_json(
        &client
            .clone()
            .with_bearer(Some("whatever"))
            .get("/v1/expression/run")
            .await,
    );
    let neither = client
        .clone()
        .with_key(Some("a"))
        .with_bearer(Some("b"))
        .get("/v1/expression/run")
        .await;
    assert_eq!(neither.status, StatusCode::UNAUTHORIZED);
    // The same credential is the same user whichever header carried it.
    let reply = token_only
        .images(&[&super::media::jpeg(320, 240, 0)], None)
        .await;
    let via_token = ok_json(&reply)["run_id"].as_str().unwrap().to_owned();
    let reply = client
        .images(&[&super::media::jpeg(320, 240, 0)], None)
        .await;
    let via_key = ok_json(&reply)["run_id"].as_str().unwrap().to_owned();
    let user = |id: String| {
        let client = client.clone();
        async move { ok_json(&client.get(&format!("/v1/expression/run/{id}")).await)["user_id"].clone() }
    };
    assert_eq!(user(via_token).await, user(via_key).await);
}

#[tokio::test]
async fn a_forbidden_key_gets_403() {
    let emulator = start(
        EmulatorConfig::default()
            .with_any_api_key()
            .with_v1(V1Config::default().with_forbidden_key("no-v1-access")),
    )
    .await;
    let client = V1::new(&emulator).with_key(Some("no-v1-access"));
    for path in PATHS {
        assert_error(&client.get(path).await, 403, "forbidden");
    }
    assert_error(&client.images(&[b"x"], None).await, 403, "forbidden");
    assert_eq!(emulator.run_count(), 0);
    ok_json(
        &V1::new(&emulator)
            .with_key(Some("fine"))
            .get("/v1/expression/run")
            .await,
    );
}
