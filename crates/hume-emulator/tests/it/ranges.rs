//! Byte ranges on predictions and artifacts: what a client resumes a cut download with.

use hume_emulator::EmulatorConfig;
use reqwest::StatusCode;
use serde_json::json;

use crate::common::{Client, KEY, fast, start};

async fn get_with(client: &Client, path: &str, headers: &[(&str, &str)]) -> crate::common::Reply {
    let mut request = client
        .http
        .get(format!("{}{path}", client.base))
        .header("X-Hume-Api-Key", KEY);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    crate::common::Reply {
        status: response.status(),
        headers: response.headers().clone(),
        body: response.bytes().await.unwrap().to_vec(),
    }
}

#[tokio::test]
async fn predictions_and_artifacts_resume_from_any_offset() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let id = client
        .start(&json!({"urls": ["https://m.example.com/a.mp4"]}))
        .await;
    client.wait(&id).await;
    for path in [
        format!("/v0/batch/jobs/{id}/predictions"),
        format!("/v0/batch/jobs/{id}/artifacts"),
    ] {
        let whole = get_with(&client, &path, &[]).await;
        assert_eq!(whole.status, StatusCode::OK, "{path}");
        assert_eq!(whole.headers["accept-ranges"], "bytes");
        let etag = whole.headers["etag"].to_str().unwrap().to_owned();
        let len = whole.body.len();
        let cut = len / 3;
        let rest = get_with(
            &client,
            &path,
            &[("range", &format!("bytes={cut}-")), ("if-range", &etag)],
        )
        .await;
        assert_eq!(rest.status, StatusCode::PARTIAL_CONTENT, "{path}");
        assert_eq!(
            rest.headers["content-range"].to_str().unwrap(),
            format!("bytes {cut}-{}/{len}", len - 1)
        );
        let mut joined = whole.body[..cut].to_vec();
        joined.extend_from_slice(&rest.body);
        assert_eq!(joined, whole.body, "{path}: the parts join into the whole");

        let stale = get_with(
            &client,
            &path,
            &[("range", "bytes=5-"), ("if-range", "\"not-this\"")],
        )
        .await;
        assert_eq!(stale.status, StatusCode::OK);
        assert_eq!(stale.body, whole.body);

        let past = get_with(&client, &path, &[("range", &format!("bytes={len}-"))]).await;
        assert_eq!(past.status, StatusCode::RANGE_NOT_SATISFIABLE);
        assert_eq!(
            past.headers["content-range"].to_str().unwrap(),
            format!("bytes */{len}")
        );
    }
}

#[tokio::test]
async fn padded_artifacts_offer_no_ranges() {
    let emulator = start(
        EmulatorConfig::default()
            .with_artifact_padding(1024)
            .with_queued_duration(std::time::Duration::ZERO)
            .with_in_progress_duration(std::time::Duration::ZERO),
    )
    .await;
    let client = Client::new(&emulator);
    let id = client
        .start(&json!({"urls": ["https://m.example.com/a.png"]}))
        .await;
    client.wait(&id).await;
    let path = format!("/v0/batch/jobs/{id}/artifacts");
    let whole = get_with(&client, &path, &[]).await;
    assert!(whole.headers.get("accept-ranges").is_none());
    let ranged = get_with(&client, &path, &[("range", "bytes=10-")]).await;
    assert_eq!(ranged.status, StatusCode::OK);
    assert_eq!(ranged.body, whole.body);
}
