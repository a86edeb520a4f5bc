//! QUEUED -> IN_PROGRESS -> COMPLETED with the configured timings and consistent timestamps.

use std::time::Duration;

use hume_emulator::EmulatorConfig;
use hume_models::{BatchJobDetails, BatchJobStatus};
use serde_json::json;

use crate::common::{Client, start};

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

#[tokio::test]
async fn states_and_timestamps_follow_the_timings() {
    let (queued, running) = (1000, 1000);
    let emulator = start(
        EmulatorConfig::default()
            .with_queued_duration(Duration::from_millis(queued))
            .with_in_progress_duration(Duration::from_millis(running)),
    )
    .await;
    let client = Client::new(&emulator);
    let before = now_ms();
    let id = client
        .start(&json!({"urls": ["https://m.example.com/a.mp4"]}))
        .await;
    let after = now_ms();

    let mut seen = Vec::new();
    let finished = loop {
        let raw = client.details(&id).await;
        let details = BatchJobDetails::from_value(raw.clone()).unwrap();
        let state = &details.state;
        let created = state.created_timestamp_ms.unwrap();
        assert!(
            (before..=after).contains(&created),
            "created {created} outside [{before}, {after}]"
        );
        match details.status() {
            BatchJobStatus::Queued => {
                assert!(state.started_timestamp_ms.is_none() && state.ended_timestamp_ms.is_none());
                assert!(raw["state"].get("num_predictions").is_none());
            }
            BatchJobStatus::InProgress => {
                assert_eq!(state.started_timestamp_ms, Some(created + queued as i64));
                assert!(state.ended_timestamp_ms.is_none());
                assert!(now_ms() >= created + queued as i64);
            }
            BatchJobStatus::Completed => break details,
            other => panic!("unexpected status {other}"),
        }
        if seen.last() != Some(details.status()) {
            seen.push(details.status().clone());
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    };
    assert_eq!(seen, [BatchJobStatus::Queued, BatchJobStatus::InProgress]);
    let state = &finished.state;
    let created = state.created_timestamp_ms.unwrap();
    assert_eq!(state.started_timestamp_ms, Some(created + queued as i64));
    assert_eq!(
        state.ended_timestamp_ms,
        Some(created + (queued + running) as i64)
    );
    assert_eq!(finished.run_time(), Some(Duration::from_millis(running)));
    assert!(state.num_predictions.unwrap() >= 1);
    assert_eq!(state.num_errors, Some(0));
}

#[tokio::test]
async fn failing_job_ends_failed_with_a_message() {
    let emulator = crate::common::fast().await;
    let client = Client::new(&emulator);
    let id = client.start(&json!({"urls": ["https://m.example.com/a.mp4", "https://m.example.com/fail-job/b.mp4"]})).await;
    let details = BatchJobDetails::from_value(client.wait(&id).await).unwrap();
    assert_eq!(details.status(), &BatchJobStatus::Failed);
    let message = details.state.message.clone().unwrap();
    assert!(message.contains("fail-job"), "{message}");
    assert!(details.state.ended_timestamp_ms.is_some() && details.state.num_predictions.is_none());
    for suffix in ["predictions", "artifacts"] {
        let reply = client.get(&format!("/v0/batch/jobs/{id}/{suffix}")).await;
        assert_eq!(reply.status, reqwest::StatusCode::BAD_REQUEST);
        assert_eq!(
            reply.json(),
            json!({"message": "job is not completed (status: FAILED)"})
        );
    }
}
