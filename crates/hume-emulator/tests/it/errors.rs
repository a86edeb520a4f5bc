//! Every error body, byte for byte where the spec fixes it.

use std::time::Duration;

use hume_emulator::EmulatorConfig;
use hume_models::ApiErrorBody;
use reqwest::StatusCode;
use serde_json::json;

use crate::common::{Client, fast, start};

#[tokio::test]
async fn missing_and_wrong_keys() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    for path in [
        "/v0/batch/jobs",
        "/v0/batch/jobs/x",
        "/v0/batch/jobs/x/predictions",
        "/v0/batch/jobs/x/artifacts",
    ] {
        let missing = client.clone().with_key(None).get(path).await;
        assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            missing.json(),
            json!({"fault":{"faultstring":"Failed to resolve API Key variable request.header.X-Hume-Api-Key","detail":{"errorcode":"steps.oauth.v2.FailedToResolveAPIKey"}}})
        );
        let wrong = client.clone().with_key(Some("nope")).get(path).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            wrong.json(),
            json!({"fault":{"faultstring":"Invalid ApiKey","detail":{"errorcode":"oauth.v2.InvalidApiKey"}}})
        );
        assert!(ApiErrorBody::parse(&wrong.body).is_invalid_api_key());
    }
    let post = client
        .clone()
        .with_key(Some("nope"))
        .post_json(&json!({"urls": ["https://a/b.mp4"]}))
        .await;
    assert_eq!(post.status, StatusCode::UNAUTHORIZED);
    assert_eq!(emulator.job_count(), 0);
}

#[tokio::test]
async fn any_key_mode_and_custom_key() {
    let any = start(EmulatorConfig::default().with_any_api_key()).await;
    let client = Client::new(&any);
    assert_eq!(
        client
            .clone()
            .with_key(Some("whatever"))
            .get("/v0/batch/jobs")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        client
            .clone()
            .with_key(Some(""))
            .get("/v0/batch/jobs")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let custom = start(EmulatorConfig::default().with_api_key("s3cret")).await;
    let client = Client::new(&custom);
    assert_eq!(
        client
            .clone()
            .with_key(Some("s3cret"))
            .get("/v0/batch/jobs")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        client.get("/v0/batch/jobs").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn unknown_job_is_404_everywhere() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    for suffix in ["", "/predictions", "/artifacts"] {
        let reply = client
            .get(&format!("/v0/batch/jobs/no-such-job{suffix}"))
            .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert_eq!(reply.json(), json!({"message": "job not found"}));
        assert!(ApiErrorBody::parse(&reply.body).is_job_not_found());
    }
}

#[tokio::test]
async fn invalid_requests_list_every_problem() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let reply = client
        .post_json(&json!({
            "urls": ["ftp://x/a.mp4"],
            "models": {"face": {"fps_pred": -1, "prob_threshold": 1.5}, "prosody": {"window": {"length": 0.1}}},
            "callback_url": "not a url"
        }))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let body = reply.json();
    assert_eq!(body["message"], "invalid request");
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for expected in [
        "urls[0]",
        "callback_url",
        "models.face.fps_pred",
        "models.face.prob_threshold",
        "models.prosody.window.length",
    ] {
        assert!(
            fields.contains(&expected),
            "{expected} missing from {fields:?}"
        );
    }
    assert!(
        body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["message"].as_str().is_some_and(|m| !m.is_empty()))
    );

    let empty = client.post_json(&json!({})).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert_eq!(empty.json()["errors"][0]["field"], "urls");

    let too_many: Vec<String> = (0..101)
        .map(|i| format!("https://m.example.com/{i}.mp4"))
        .collect();
    let reply = client.post_json(&json!({ "urls": too_many })).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);

    let malformed = client
        .post_raw("application/json", b"{not json".to_vec())
        .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(malformed.json()["errors"][0]["field"], "body");

    let wrong_type = client.post_raw("text/plain", b"hello".to_vec()).await;
    assert_eq!(wrong_type.status, StatusCode::BAD_REQUEST);
    assert_eq!(emulator.job_count(), 0);
}

#[tokio::test]
async fn predictions_and_artifacts_of_unfinished_jobs_are_400() {
    let emulator =
        start(EmulatorConfig::default().with_queued_duration(Duration::from_secs(3600))).await;
    let client = Client::new(&emulator);
    let id = client
        .start(&json!({"urls": ["https://m.example.com/a.mp4"]}))
        .await;
    for suffix in ["predictions", "artifacts"] {
        let reply = client.get(&format!("/v0/batch/jobs/{id}/{suffix}")).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            reply.json(),
            json!({"message": "job is not completed (status: QUEUED)"})
        );
    }
}

#[tokio::test]
async fn unknown_routes_and_methods() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    // (Paths under /v1 belong to the v1 API and get its bodies: see `v1::errors`.)
    let reply = client.get("/v2/whatever").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json(), json!({"message": "not found"}));
    let reply = client.send_delete("/v0/batch/jobs").await;
    assert_eq!(reply, StatusCode::METHOD_NOT_ALLOWED);
}

impl Client {
    async fn send_delete(&self, path: &str) -> StatusCode {
        self.http
            .delete(format!("{}{path}", self.base))
            .header("X-Hume-Api-Key", crate::common::KEY)
            .send()
            .await
            .unwrap()
            .status()
    }
}

/// The fields a 400 names.
fn error_fields(reply: &crate::common::Reply) -> Vec<String> {
    reply.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn enums_and_integers_are_validated_like_the_definition() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let url = "https://m.example.com/a.mp4";
    for (body, field) in [
        (
            json!({"urls": [url], "models": {"face": {"min_face_size": 60.5}}}),
            "models.face.min_face_size",
        ),
        (
            json!({"urls": [url], "models": {"face": {"min_face_size": -1}}}),
            "models.face.min_face_size",
        ),
        (
            json!({"urls": [url], "models": {"prosody": {"granularity": "passage"}}}),
            "models.prosody.granularity",
        ),
        (
            json!({"urls": [url], "models": {"language": {"granularity": "passage"}}}),
            "models.language.granularity",
        ),
        (
            json!({"urls": [url], "transcription": {"language": "xx"}}),
            "transcription.language",
        ),
        (
            json!({"urls": [url], "models": {"smell": {}}}),
            "models.smell",
        ),
        (json!({"urls": [url], "models": {"face": null}}), "models"),
    ] {
        let reply = client.post_json(&body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(reply.json()["message"], "invalid request");
        assert_eq!(error_fields(&reply), [field], "{body}");
    }
    // The multipart `json` part is held to the same rules.
    let reply = client
        .post_multipart(&[
            crate::common::Part::Json(r#"{"models": {"face": {"min_face_size": 60.5}}}"#),
            crate::common::Part::File {
                name: "a.jpg",
                content_type: None,
                data: b"jpeg",
            },
        ])
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(error_fields(&reply), ["models.face.min_face_size"]);
    // Whole numbers are integers.
    let ok = client
        .post_json(&json!({"urls": [url], "models": {"face": {"min_face_size": 60.0}}}))
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(emulator.job_count(), 1);
}

#[tokio::test]
async fn list_status_names_are_upper_case_as_documented() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    for bad in [
        "?status=completed",
        "?status=COMPLETED&status=Failed",
        "?direction=DESC",
        "?sort_by=Created",
    ] {
        let reply = client.get(&format!("/v0/batch/jobs{bad}")).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{bad}");
        let fields = error_fields(&reply);
        assert_eq!(fields.len(), 1, "{bad}: {fields:?}");
    }
    let ok = client
        .get("/v0/batch/jobs?status=COMPLETED&direction=desc")
        .await;
    assert_eq!(ok.status, StatusCode::OK);
}
