//! A thousand jobs submitted at once all complete.

use std::sync::Arc;
use std::time::Duration;

use hume_emulator::EmulatorConfig;
use hume_models::{BatchJobStatus, JobList};
use serde_json::json;
use tokio::sync::Semaphore;

use crate::common::{Client, start};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_jobs_complete() {
    let emulator = start(
        EmulatorConfig::default()
            .with_queued_duration(Duration::from_millis(50))
            .with_in_progress_duration(Duration::from_millis(150)),
    )
    .await;
    let client = Client::new(&emulator);
    // Every submission is spawned at once; a semaphore bounds open sockets to 200.
    let gate = Arc::new(Semaphore::new(200));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..1000 {
        let client = client.clone();
        let gate = Arc::clone(&gate);
        tasks.spawn(async move {
            let _permit = gate.acquire().await.unwrap();
            let body = if i % 2 == 0 {
                json!({"urls": [format!("https://m.example.com/{i}.mp4")], "models": {"face": {}}})
            } else {
                json!({"text": [format!("Job number {i} is here.")], "models": {"language": {}}})
            };
            client.start(&body).await
        });
    }
    let mut ids = Vec::new();
    while let Some(id) = tasks.join_next().await {
        ids.push(id.unwrap());
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 1000);
    assert_eq!(emulator.job_count(), 1000);

    tokio::time::sleep(Duration::from_millis(250)).await;
    let reply = client
        .get("/v0/batch/jobs?limit=1000&status=COMPLETED")
        .await;
    let mut done = JobList::from_response(&reply.body).unwrap();
    for _ in 0..100 {
        if done.len() == 1000 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        done = JobList::from_response(
            &client
                .get("/v0/batch/jobs?limit=1000&status=COMPLETED")
                .await
                .body,
        )
        .unwrap();
    }
    assert_eq!(done.len(), 1000);
    assert!(done.iter().all(|d| d.status() == &BatchJobStatus::Completed && d.state.num_predictions >= Some(1)));
}
