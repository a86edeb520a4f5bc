//! Callbacks POSTed to a tiny local axum server.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use hume_models::{BatchJobStatus, CallbackBody, Predictions};
use serde_json::json;
use tokio::sync::Mutex;

use crate::common::{Client, fast};

type Store = Arc<Mutex<Vec<(String, Bytes)>>>;

async fn receiver() -> (String, Store) {
    let store: Store = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = axum::Router::new()
        .route(
            "/hook",
            axum::routing::post(|State(store): State<Store>, headers: axum::http::HeaderMap, body: Bytes| async move {
                let ct = headers.get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
                store.lock().await.push((ct, body));
                "ok"
            }),
        )
        .with_state(Arc::clone(&store));
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("{base}/hook"), store)
}

async fn wait_for(store: &Store, n: usize) -> Vec<(String, Bytes)> {
    for _ in 0..500 {
        if store.lock().await.len() >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    store.lock().await.clone()
}

#[tokio::test]
async fn completed_and_failed_jobs_call_back() {
    let (hook, store) = receiver().await;
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let ok = client
        .start(&json!({"urls": ["https://m.example.com/a.jpg"], "callback_url": hook}))
        .await;
    let received = wait_for(&store, 1).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].0, "application/json");
    let body = CallbackBody::from_response(&received[0].1).unwrap();
    assert_eq!(body.job_id.as_str(), ok);
    assert_eq!(body.status, BatchJobStatus::Completed);
    let expected = Predictions::from_value(client.predictions(&ok).await).unwrap();
    assert_eq!(body.predictions.as_ref(), Some(&expected));

    let failed = client
        .start(&json!({"urls": ["https://m.example.com/fail-job.mp4"], "callback_url": hook}))
        .await;
    let received = wait_for(&store, 2).await;
    let body = CallbackBody::from_response(&received[1].1).unwrap();
    assert_eq!(body.job_id.as_str(), failed);
    assert_eq!(body.status, BatchJobStatus::Failed);
    assert!(body.predictions.is_none());
    assert!(
        body.failure_message()
            .is_some_and(|m| m.contains("fail-job"))
    );
}

#[tokio::test]
async fn non_loopback_callbacks_are_accepted_but_not_sent() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let id = client
        .start(&json!({"text": ["Hi."], "callback_url": "https://hooks.example.com/x"}))
        .await;
    let details = client.wait(&id).await;
    assert_eq!(
        details["request"]["callback_url"],
        "https://hooks.example.com/x"
    );
}
