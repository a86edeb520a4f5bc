//! The happy path through every endpoint, parsed with the hume-models types.

use hume_models::{
    BatchJobDetails, BatchJobStatus, JobList, ModelType, Predictions, StartJobResponse,
};
use reqwest::StatusCode;
use serde_json::json;

use crate::common::{Client, fast};

#[tokio::test]
async fn start_details_predictions_and_list() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let reply = client
        .post_json(&json!({"urls": ["https://media.example.com/a.mp4"], "notify": true}))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let started = StartJobResponse::from_response(&reply.body).unwrap();
    let id = started.job_id.as_str().to_owned();
    assert_eq!(id.len(), 36, "a UUID");

    let details_json = client.wait(&id).await;
    let details = BatchJobDetails::from_value(details_json.clone()).unwrap();
    assert_eq!(details.status(), &BatchJobStatus::Completed);
    assert_eq!(details.job_type.as_deref(), Some("INFERENCE"));
    assert_eq!(details.urls(), ["https://media.example.com/a.mp4"]);
    assert_eq!(details.notify(), Some(true));
    // Server defaults echoed, with explicit nulls.
    let models = &details_json["request"]["models"];
    assert_eq!(models["face"]["fps_pred"].as_f64(), Some(3.0));
    assert_eq!(models["face"]["min_face_size"], json!(60));
    assert_eq!(models["face"]["facs"], json!(null));
    assert_eq!(models["language"]["granularity"], json!("word"));
    assert_eq!(models["prosody"]["granularity"], json!("utterance"));
    assert_eq!(models["prosody"]["window"], json!(null));
    assert_eq!(models["burst"], json!({}));
    assert_eq!(details_json["request"]["callback_url"], json!(null));
    assert_eq!(details_json["request"]["files"], json!([]));
    assert_eq!(
        details.configs().unwrap().model_types().len(),
        ModelType::ALL.len()
    );

    let predictions = Predictions::from_value(client.predictions(&id).await).unwrap();
    assert_eq!(predictions.len(), 1);
    let counted: usize = predictions.iter().map(|s| s.predictions().len()).sum();
    assert_eq!(details.state.num_predictions, Some(counted as u64));
    assert_eq!(details.state.num_errors, Some(0));

    let list = client.get("/v0/batch/jobs").await;
    assert_eq!(list.status, StatusCode::OK);
    let jobs = JobList::from_response(&list.body).unwrap();
    assert_eq!(jobs.len(), 1);
    assert_eq!(
        jobs[0].job_id.as_ref().map(|j| j.as_str()),
        Some(id.as_str())
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn models_given_are_the_models_run() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let id = client
        .start(&json!({"urls": ["https://m.example.com/a.mp4"], "models": {"burst": {}, "face": {"fps_pred": 1}}}))
        .await;
    let details = client.wait(&id).await;
    let models = details["request"]["models"].as_object().unwrap();
    // Every model is echoed; those not asked for as null.
    let mut on: Vec<&str> = models
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, _)| k.as_str())
        .collect();
    on.sort_unstable();
    assert_eq!(on, ["burst", "face"]);
    assert_eq!(models.len(), ModelType::ALL.len());
    let predictions = Predictions::from_value(client.predictions(&id).await).unwrap();
    let m = &predictions[0].predictions()[0].models;
    assert_eq!(m.model_types(), vec![ModelType::Face, ModelType::Burst]);
}

#[tokio::test]
async fn dropping_the_emulator_closes_its_port() {
    let emulator = fast().await;
    let addr = emulator.addr();
    let client = Client::new(&emulator);
    assert_eq!(client.get("/v0/batch/jobs").await.status, StatusCode::OK);
    drop(emulator);
    let mut closed = false;
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            closed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(closed, "the listener is closed after drop");
}

#[tokio::test]
async fn a_partial_models_request_is_echoed_with_the_others_null() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let id = client
        .start(&json!({"urls": ["https://m.example.com/a.mp4"], "models": {"face": {"identify_faces": true}}}))
        .await;
    let details_json = client.wait(&id).await;
    let models = &details_json["request"]["models"];
    for off in ["burst", "prosody", "language", "ner", "facemesh"] {
        assert_eq!(models[off], json!(null), "{off}");
    }
    assert_eq!(models["face"]["min_face_size"], json!(60));
    // The same shape as the live 2023 response parses: only face ran.
    let details = BatchJobDetails::from_value(details_json).unwrap();
    assert_eq!(details.configs().unwrap().model_types(), [ModelType::Face]);
    let predictions = Predictions::from_value(client.predictions(&id).await).unwrap();
    for (_, p) in predictions.iter_predictions() {
        assert_eq!(p.models.model_types(), [ModelType::Face]);
    }
}

#[tokio::test]
async fn an_explicit_null_model_is_off() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let id = client
        .start(&json!({"urls": ["https://m.example.com/a.mp4"], "models": {"face": null, "prosody": {}}}))
        .await;
    let details_json = client.wait(&id).await;
    let models = &details_json["request"]["models"];
    assert_eq!(models["face"], json!(null));
    assert_eq!(models["prosody"]["granularity"], json!("utterance"));
    let predictions = Predictions::from_value(client.predictions(&id).await).unwrap();
    for (_, p) in predictions.iter_predictions() {
        assert_eq!(p.models.model_types(), [ModelType::Prosody]);
    }
}
