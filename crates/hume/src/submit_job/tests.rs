use std::path::PathBuf;

use hume_core::mock::{MockResponse, MockTransport};
use hume_models::{FaceConfig, ModelType, ProsodyConfig, Transcription, TranscriptionConfig};
use serde_json::json;

use crate::ApiKey;
use crate::blocking::HumeBatchClient;

fn client(mock: &MockTransport) -> HumeBatchClient {
    HumeBatchClient::builder()
        .api_key(ApiKey::new("k").unwrap())
        .transport(mock.clone())
        .build()
        .unwrap()
}

#[test]
fn the_legacy_arguments_and_every_step_build_one_request() {
    let mock = MockTransport::new();
    let submit = client(&mock)
        .submit_job(
            ["https://example.com/a.mp4"],
            [
                FaceConfig::default().with_fps_pred(1.0),
                FaceConfig::default().with_fps_pred(2.0),
            ],
        )
        .model(ProsodyConfig::default())
        .url(String::from("https://example.com/b.mp4"))
        .file("a.png")
        .files(["b.wav", "c.wav"])
        .text("hello")
        .texts(vec!["again".to_owned()])
        .transcription(TranscriptionConfig::default().with_language("en"))
        .callback_url("https://hooks.example.com/done")
        .notify(true);
    let request = submit.request();
    let models = request.models.as_ref().expect("models set");
    assert_eq!(
        models.model_types(),
        vec![ModelType::Face, ModelType::Prosody]
    );
    assert_eq!(
        models.face().and_then(|f| f.fps_pred),
        Some(2.0),
        "last config wins"
    );
    assert_eq!(
        request.files(),
        ["a.png", "b.wav", "c.wav"].map(PathBuf::from)
    );
    assert_eq!(
        serde_json::to_value(request).unwrap(),
        json!({
            "urls": ["https://example.com/a.mp4", "https://example.com/b.mp4"],
            "text": ["hello", "again"],
            "models": {"face": {"fps_pred": 2.0}, "prosody": {}},
            "transcription": {"language": "en"},
            "callback_url": "https://hooks.example.com/done",
            "notify": true
        })
    );
    assert!(mock.requests().is_empty(), "nothing sent before send()");
}

#[test]
fn no_configs_leave_models_out_and_urls_take_any_string_type() {
    let mock = MockTransport::new();
    let urls = vec![String::from("https://example.com/a.jpg")];
    let submit = client(&mock).submit_job(&urls, Vec::<FaceConfig>::new());
    assert_eq!(
        serde_json::to_value(submit.request()).unwrap(),
        json!({"urls": ["https://example.com/a.jpg"]})
    );
    let urls: &[&str] = &["https://example.com/a.jpg"];
    let submit = client(&mock)
        .submit_job(urls, [FaceConfig::default()])
        .transcription(Transcription::Disabled);
    assert_eq!(
        serde_json::to_value(submit.request()).unwrap(),
        json!({"urls": ["https://example.com/a.jpg"], "models": {"face": {}}, "transcription": null})
    );
}

#[test]
fn send_posts_the_request_and_returns_the_job() {
    let mock =
        MockTransport::new().with_response(MockResponse::json(200, &json!({"job_id": "job-1"})));
    let job = client(&mock)
        .submit_job(["https://example.com/a.jpg"], [FaceConfig::default()])
        .send()
        .unwrap();
    assert_eq!(job.id(), "job-1");
    let sent = &mock.requests()[0];
    assert_eq!(sent.url, "https://api.hume.ai/v0/batch/jobs");
    assert_eq!(
        sent.json(),
        json!({"urls": ["https://example.com/a.jpg"], "models": {"face": {}}})
    );
}
