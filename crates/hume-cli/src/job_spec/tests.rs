use serde_json::json;

use crate::args::JobSpec;
use crate::exit::{ExitKind, classify};
use crate::models::{Bcp47Tag, Granularity};

fn spec() -> JobSpec {
    JobSpec {
        urls: vec!["https://example.com/a.mp4".to_owned()],
        ..JobSpec::default()
    }
}

fn body(spec: &JobSpec) -> serde_json::Value {
    serde_json::to_value(&spec.prepare().unwrap().request).unwrap()
}

#[test]
fn no_model_flag_leaves_models_out() {
    assert_eq!(
        body(&spec()),
        json!({"urls": ["https://example.com/a.mp4"]})
    );
}

#[test]
fn every_option_reaches_the_request() {
    let spec = JobSpec {
        url_flags: vec!["https://example.com/b.zip".to_owned()],
        text: vec!["hello".to_owned()],
        face_fps_pred: Some(2.0),
        face_prob_threshold: Some(0.5),
        face_identify_faces: true,
        face_min_face_size: Some(40),
        face_facs: true,
        face_descriptions: true,
        face_save_faces: true,
        burst: true,
        prosody_granularity: Some(Granularity::Sentence),
        prosody_window_length: Some(2.0),
        prosody_window_step: Some(0.5),
        prosody_identify_speakers: true,
        language_granularity: Some(Granularity::ConversationalTurn),
        language_sentiment: true,
        language_toxicity: true,
        language_identify_speakers: true,
        ner_identify_speakers: true,
        facemesh: true,
        transcription_language: Some(Bcp47Tag::EnGb),
        transcription_identify_speakers: true,
        transcription_confidence_threshold: Some(0.7),
        callback_url: Some("https://example.com/hook".to_owned()),
        notify: true,
        ..spec()
    };
    assert_eq!(
        body(&spec),
        json!({
            "urls": ["https://example.com/a.mp4", "https://example.com/b.zip"],
            "text": ["hello"],
            "models": {
                "face": {"fps_pred": 2.0, "prob_threshold": 0.5, "identify_faces": true,
                         "min_face_size": 40, "facs": {}, "descriptions": {}, "save_faces": true},
                "burst": {},
                "prosody": {"granularity": "sentence", "window": {"length": 2.0, "step": 0.5},
                            "identify_speakers": true},
                "language": {"granularity": "conversational_turn", "identify_speakers": true,
                             "sentiment": {}, "toxicity": {}},
                "ner": {"identify_speakers": true},
                "facemesh": {}
            },
            "transcription": {"language": "en-GB", "identify_speakers": true,
                              "confidence_threshold": 0.7},
            "callback_url": "https://example.com/hook",
            "notify": true
        })
    );
}

#[test]
fn a_model_option_turns_its_model_on_and_no_transcription_sends_null() {
    let spec = JobSpec {
        language_sentiment: true,
        no_transcription: true,
        ..spec()
    };
    assert_eq!(
        body(&spec),
        json!({"urls": ["https://example.com/a.mp4"],
               "models": {"language": {"sentiment": {}}},
               "transcription": null})
    );
    let face_only = JobSpec {
        face: true,
        ..self::spec()
    };
    assert_eq!(body(&face_only)["models"], json!({"face": {}}));
}

#[test]
fn every_problem_is_reported_at_once() {
    let spec = JobSpec {
        urls: vec![],
        files: vec!["/definitely/missing.mp4".into()],
        face_prob_threshold: Some(1.5),
        ..JobSpec::default()
    };
    let err = spec.prepare().unwrap_err();
    assert_eq!(classify(&err), ExitKind::Validation);
    let text = err.to_string();
    for part in [
        "file not found: /definitely/missing.mp4",
        "models.face.prob_threshold: must be between 0 and 1, got 1.5",
    ] {
        assert!(text.contains(part), "{part} missing from {text}");
    }
}

#[test]
fn no_inputs_is_a_clear_error() {
    let err = JobSpec::default().prepare().unwrap_err();
    assert_eq!(classify(&err), ExitKind::Validation);
    assert_eq!(
        err.to_string(),
        "invalid job: nothing to process: give at least one URL, --file or --text"
    );
}

#[test]
fn existing_files_are_uploaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clip.mp3");
    std::fs::write(&path, b"ID3").unwrap();
    let spec = JobSpec {
        urls: vec![],
        files: vec![path.clone()],
        prosody: true,
        ..JobSpec::default()
    };
    let job = spec.prepare().unwrap();
    assert_eq!(job.files, vec![path]);
    assert_eq!(
        serde_json::to_value(&job.request).unwrap(),
        json!({"models": {"prosody": {}}})
    );
}
