use std::path::{Path, PathBuf};

use hume_models::{FaceConfig, ModelType, ProsodyConfig, TranscriptionConfig};
use serde_json::json;

use super::job_request;

#[test]
fn legacy_arguments_become_a_job_request() {
    let (job, files) = job_request(
        &["https://example.com/a.mp4"],
        [
            FaceConfig::default().with_fps_pred(1.0).into(),
            ProsodyConfig::default().into(),
            FaceConfig::default().with_fps_pred(2.0).into(),
        ],
        Some(TranscriptionConfig::default().with_language("en")),
        Some("https://hooks.example.com/done"),
        Some(true),
        &[Path::new("a.png")],
        &["hello"],
    );
    let models = job.models.as_ref().expect("models set");
    assert_eq!(
        models.model_types(),
        vec![ModelType::Face, ModelType::Prosody]
    );
    assert_eq!(
        models.face().and_then(|f| f.fps_pred),
        Some(2.0),
        "last config wins"
    );
    assert_eq!(files, vec![PathBuf::from("a.png")]);
    assert_eq!(
        serde_json::to_value(&job).unwrap(),
        json!({
            "urls": ["https://example.com/a.mp4"],
            "text": ["hello"],
            "models": {"face": {"fps_pred": 2.0}, "prosody": {}},
            "transcription": {"language": "en"},
            "callback_url": "https://hooks.example.com/done",
            "notify": true
        })
    );
}

#[test]
fn unset_arguments_are_left_out() {
    let (job, files) = job_request(
        &["https://example.com/a.jpg"],
        [],
        None,
        None,
        None,
        &[],
        &[],
    );
    assert!(files.is_empty());
    assert_eq!(
        serde_json::to_value(&job).unwrap(),
        json!({"urls": ["https://example.com/a.jpg"]})
    );
}
