//! List filters, sorting and limits.

use std::time::Duration;

use hume_models::JobList;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Client, fast};

async fn ids(client: &Client, query: &str) -> Vec<String> {
    let reply = client.get(&format!("/v0/batch/jobs{query}")).await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "{query}: {}",
        String::from_utf8_lossy(&reply.body)
    );
    JobList::from_response(&reply.body)
        .unwrap()
        .iter()
        .map(|d| d.job_id.as_ref().unwrap().as_str().to_owned())
        .collect()
}

#[tokio::test]
async fn filters_sorting_and_limits() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let mut submitted = Vec::new();
    for i in 0..6 {
        let url = if i % 3 == 2 {
            format!("https://m.example.com/fail-job/{i}.mp4")
        } else {
            format!("https://m.example.com/{i}.mp4")
        };
        submitted.push(client.start(&json!({ "urls": [url] })).await);
        tokio::time::sleep(Duration::from_millis(4)).await;
    }
    for id in &submitted {
        client.wait(id).await;
    }
    let newest_first: Vec<String> = submitted.iter().rev().cloned().collect();
    assert_eq!(ids(&client, "").await, newest_first);
    assert_eq!(
        ids(&client, "?direction=desc&sort_by=created").await,
        newest_first
    );
    assert_eq!(ids(&client, "?direction=asc").await, submitted);
    assert_eq!(ids(&client, "?limit=2").await, newest_first[..2]);
    assert_eq!(ids(&client, "?limit=2&direction=asc").await, submitted[..2]);
    assert!(ids(&client, "?limit=0").await.is_empty());

    let failed = vec![submitted[5].clone(), submitted[2].clone()];
    assert_eq!(ids(&client, "?status=FAILED").await, failed);
    assert_eq!(
        ids(&client, "?status=FAILED&status=COMPLETED").await,
        newest_first
    );
    assert!(
        ids(&client, "?status=QUEUED&status=IN_PROGRESS")
            .await
            .is_empty()
    );

    let details = client.details(&submitted[3]).await;
    let t = details["state"]["created_timestamp_ms"].as_i64().unwrap();
    assert_eq!(
        ids(
            &client,
            &format!("?when=created_before&timestamp_ms={t}&direction=asc")
        )
        .await,
        submitted[..3]
    );
    assert_eq!(
        ids(
            &client,
            &format!("?when=created_after&timestamp_ms={t}&direction=asc")
        )
        .await,
        submitted[4..]
    );
    assert_eq!(
        ids(&client, "?when=created_before").await,
        newest_first,
        "timestamp defaults to now"
    );
    assert_eq!(
        ids(&client, "?sort_by=ended&direction=asc").await,
        submitted
    );
    assert_eq!(
        ids(&client, "?sort_by=started&direction=desc&limit=1").await,
        newest_first[..1]
    );

    for bad in [
        "?status=DONE",
        "?limit=abc",
        "?sort_by=name",
        "?direction=up",
        "?when=yesterday",
    ] {
        let reply = client.get(&format!("/v0/batch/jobs{bad}")).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(reply.json()["message"], "invalid request");
    }
}

#[tokio::test]
async fn default_limit_is_50() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    for i in 0..55 {
        client
            .start(&json!({ "text": [format!("Text {i}.")] }))
            .await;
    }
    assert_eq!(ids(&client, "").await.len(), 50);
    assert_eq!(ids(&client, "?limit=100").await.len(), 55);
}

/// Jobs created in one burst (most share a creation millisecond) with both comparisons.
#[tokio::test]
async fn created_before_and_after_are_strict_or_inclusive_as_configured() {
    use hume_emulator::{EmulatorConfig, ListBounds};
    for bounds in [ListBounds::Strict, ListBounds::Inclusive] {
        let emulator =
            crate::common::start(EmulatorConfig::default().with_list_bounds(bounds)).await;
        let client = Client::new(&emulator);
        let request = hume_models::JobRequest::new().with_url("https://m.example.com/a.mp4");
        emulator.create_jobs(&request, 30).await.unwrap();
        let all = client.get("/v0/batch/jobs?limit=100").await.json();
        let created: Vec<i64> = all
            .as_array()
            .unwrap()
            .iter()
            .map(|j| j["state"]["created_timestamp_ms"].as_i64().unwrap())
            .collect();
        assert_eq!(created.len(), 30);
        let t = created[created.len() / 2];
        let at_t = created.iter().filter(|c| **c == t).count();
        let before = created.iter().filter(|c| **c < t).count();
        let after = created.iter().filter(|c| **c > t).count();
        let inclusive = usize::from(bounds == ListBounds::Inclusive) * at_t;
        let count = |reply: Value| reply.as_array().unwrap().len();
        assert_eq!(
            count(
                client
                    .get(&format!(
                        "/v0/batch/jobs?limit=100&when=created_before&timestamp_ms={t}"
                    ))
                    .await
                    .json()
            ),
            before + inclusive,
            "{}",
            bounds.as_str()
        );
        assert_eq!(
            count(
                client
                    .get(&format!(
                        "/v0/batch/jobs?limit=100&when=created_after&timestamp_ms={t}"
                    ))
                    .await
                    .json()
            ),
            after + inclusive,
            "{}",
            bounds.as_str()
        );
    }
}
