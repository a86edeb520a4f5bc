//! The schema traps of SPEC.md §9, one test each.

use hume_models::predictions::{Predictions, Scores, TextPosition};
use hume_models::{
    BatchJobDetails, BatchJobStatus, FaceConfig, InferenceRequest, JobRequest, Transcription,
};
use serde_json::json;

use crate::fixtures;

#[test]
fn face_time_is_a_number_but_other_models_use_intervals() {
    let face: hume_models::FacePrediction =
        serde_json::from_value(json!({"frame": 3, "time": 1.5, "prob": 1, "box": {"x":0,"y":0,"w":1,"h":1}, "emotions": []}))
            .unwrap();
    assert_eq!(face.time, 1.5);
    // An interval where face expects a number is an error, not silently zero.
    assert!(
        serde_json::from_value::<hume_models::FacePrediction>(
            json!({"time": {"begin": 0, "end": 1}})
        )
        .is_err()
    );
    let burst: hume_models::BurstPrediction = serde_json::from_value(
        json!({"time": {"begin": 1, "end": 2.5}, "emotions": [], "descriptions": []}),
    )
    .unwrap();
    assert_eq!((burst.time.begin, burst.time.end), (1.0, 2.5));
    assert!(serde_json::from_value::<hume_models::BurstPrediction>(json!({"time": 1.5})).is_err());
}

#[test]
fn explicit_null_anywhere_including_whole_model_configs() {
    let d = BatchJobDetails::from_response(&fixtures::bytes("details-legacy-nulls.json")).unwrap();
    let models = d.configs().unwrap();
    // `"burst": null` etc. parse as absent.
    assert_eq!(models.model_types(), [hume_models::ModelType::Face]);
    assert_eq!(models.face().unwrap().save_faces, None);
    assert!(d.files().is_empty(), "files: null reads as empty");
    assert_eq!(d.callback_url(), None);
    // Nulls deep in predictions.
    let p: Predictions = serde_json::from_value(json!([{
        "source": {"type": "text"},
        "results": {"errors": null, "predictions": [{
            "file": "1", "file_type": null,
            "models": {"language": {"metadata": null, "grouped_predictions": [{"id": "unknown", "predictions": [{
                "text": "hi", "position": {"begin": 0, "end": 2}, "time": null, "confidence": null,
                "speaker_confidence": null, "emotions": null, "sentiment": null, "toxicity": null
            }]}]}, "face": null}
        }]},
        "error": null
    }]))
    .unwrap();
    let pred = p.find_file("1").unwrap();
    assert!(pred.models.face.is_none());
    let lang = pred
        .models
        .language
        .as_ref()
        .unwrap()
        .predictions()
        .next()
        .unwrap();
    assert!(lang.emotions.is_empty() && lang.sentiment.is_none() && lang.time.is_none());
    assert!(p[0].file_errors().is_empty());
}

#[test]
fn whole_numbers_arrive_as_floats() {
    let d = BatchJobDetails::from_response(&fixtures::bytes("details-legacy-nulls.json")).unwrap();
    let face = d.configs().unwrap().face().unwrap();
    assert_eq!(face.min_face_size, Some(60));
    assert_eq!(face.fps_pred, Some(3.0));
    assert_eq!(face.prob_threshold, Some(0.9900000095367432));
    // Timestamps too (`1660594810000.0`).
    assert_eq!(d.state.created_timestamp_ms, Some(1_660_594_810_000));
    // And integer-typed prediction fields.
    let f: hume_models::FacePrediction =
        serde_json::from_value(json!({"frame": 7.0, "time": 0})).unwrap();
    assert_eq!(f.frame, 7);
    let bad = serde_json::from_value::<hume_models::FacePrediction>(json!({"frame": 7.5}));
    assert!(bad.is_err(), "a fractional frame number is rejected");
    // A whole min_face_size goes back out as an integer.
    let wire = serde_json::to_value(FaceConfig::default().with_min_face_size(60)).unwrap();
    assert_eq!(wire, json!({"min_face_size": 60}));
    assert!(wire["min_face_size"].is_u64());
}

#[test]
fn required_fields_missing_in_real_responses() {
    // Legacy FAILED: no type, no job_id, no text, no message.
    let d = BatchJobDetails::from_response(&fixtures::bytes("details-legacy-nulls.json")).unwrap();
    assert_eq!(d.job_type, None);
    assert_eq!(d.job_id, None);
    assert_eq!(d.user_id.as_deref(), Some("u-1"));
    assert!(d.text().is_empty());
    assert_eq!(d.status(), &BatchJobStatus::Failed);
    assert_eq!(d.state.message, None);
    assert_eq!(d.run_time(), Some(std::time::Duration::from_millis(2000)));
    // COMPLETED without counts; a details body with no request at all.
    let bare = BatchJobDetails::from_response(br#"{"state":{"status":"COMPLETED"}}"#).unwrap();
    assert_eq!(bare.state.num_predictions, None);
    assert!(bare.configs().is_none());
    // Predictions without file_type, metadata or errors.
    let p = Predictions::from_response(br#"[{"source":{"type":"url","url":"u"},"results":{"predictions":[{"file":"a","models":{}}]}}]"#).unwrap();
    assert!(p.find_file("a").unwrap().models.is_empty());
}

#[test]
fn transcription_null_differs_from_absent() {
    let absent: JobRequest = serde_json::from_str(r#"{"urls":["https://a.b/c"]}"#).unwrap();
    let null: JobRequest =
        serde_json::from_str(r#"{"urls":["https://a.b/c"],"transcription":null}"#).unwrap();
    let set: JobRequest =
        serde_json::from_str(r#"{"urls":["https://a.b/c"],"transcription":{"language":"fr"}}"#)
            .unwrap();
    assert_eq!(absent.transcription, Transcription::Default);
    assert_eq!(null.transcription, Transcription::Disabled);
    assert_eq!(
        set.transcription.config().unwrap().language,
        Some(hume_models::Bcp47Tag::Fr)
    );
    assert_ne!(absent, null);
    let absent_json = serde_json::to_value(&absent).unwrap();
    let null_json = serde_json::to_value(&null).unwrap();
    assert!(absent_json.get("transcription").is_none());
    assert_eq!(
        null_json.get("transcription"),
        Some(&serde_json::Value::Null)
    );
    // The echoed request keeps the distinction too.
    let d = BatchJobDetails::from_response(&fixtures::bytes("details-transcription-disabled.json"))
        .unwrap();
    assert!(d.request.transcription.is_disabled());
    let d = BatchJobDetails::from_response(&fixtures::bytes("details-queued.json")).unwrap();
    assert!(d.request.transcription.is_default());
    let echo = InferenceRequest::from(null);
    assert!(serde_json::to_value(&echo).unwrap()["transcription"].is_null());
}

#[test]
fn language_has_53_names_and_scores_outside_unit_range() {
    let p = Predictions::from_response(&fixtures::bytes("predictions-language.json")).unwrap();
    let l = p
        .find_file("2")
        .unwrap()
        .models
        .language
        .as_ref()
        .unwrap()
        .predictions()
        .next()
        .unwrap();
    assert_eq!(l.emotions.len(), 53);
    assert_eq!(l.emotions.score_of("Sarcasm"), Some(1.37));
    assert_eq!(l.emotions.score_of("Admiration"), Some(-0.05));
    assert_eq!(l.emotions.top().unwrap().name, "Sarcasm");
    let top3 = l.emotions.top_n(3);
    assert_eq!(top3.len(), 3);
    assert!(top3[0].value() >= top3[1].value() && top3[1].value() >= top3[2].value());
    for extra in [
        "Annoyance",
        "Disapproval",
        "Enthusiasm",
        "Gratitude",
        "Sarcasm",
    ] {
        assert!(l.emotions.score_of(extra).is_some(), "{extra}");
    }
}

#[test]
fn text_positions_are_character_offsets() {
    let text = "Café ☕ is great 😀 really";
    let p = Predictions::from_response(&fixtures::bytes("predictions-language.json")).unwrap();
    let l = p
        .find_file("2")
        .unwrap()
        .models
        .language
        .as_ref()
        .unwrap()
        .predictions()
        .next()
        .unwrap();
    assert_eq!(l.position, TextPosition::new(18, 24));
    // Byte slicing with these offsets would be wrong: the text has multi-byte characters.
    assert_ne!(text.get(18..24), Some("really"));
    assert_eq!(l.position.slice(text), Some("really"));
    assert_eq!(l.position.byte_range(text), Some(24..30));
    assert_eq!(TextPosition::new(0, 4).slice(text), Some("Café"));
    assert_eq!(TextPosition::new(5, 6).slice(text), Some("☕"));
    assert_eq!(TextPosition::new(16, 17).slice(text), Some("😀"));
    assert_eq!(TextPosition::new(24, 24).slice(text), Some(""));
    assert_eq!(TextPosition::new(0, 24).slice(text), Some(text));
    // Out of range or reversed spans give None, never a panic.
    assert_eq!(TextPosition::new(20, 25).slice(text), None);
    assert_eq!(TextPosition::new(25, 25).slice(text), None);
    assert_eq!(TextPosition::new(5, 4).slice(text), None);
    assert_eq!(TextPosition::new(u64::MAX - 1, u64::MAX).slice(text), None);
    assert_eq!(TextPosition::new(3, 9).char_len(), 6);
}

#[test]
fn predictions_arrive_in_no_fixed_order() {
    let p = Predictions::from_response(&fixtures::bytes("predictions-language.json")).unwrap();
    // Position 0 holds file "2"; lookup by file is what callers should use.
    assert_eq!(p[0].predictions()[0].file, "2");
    assert_eq!(
        p.find_file("1")
            .unwrap()
            .models
            .language
            .as_ref()
            .unwrap()
            .predictions()
            .next()
            .unwrap()
            .text,
        "Café"
    );
}

#[test]
fn score_names_read_like_strings() {
    let s = hume_models::EmotionScore::new("Joy", 0.5);
    assert_eq!(s.name, "Joy");
    assert_eq!(s.name.as_str(), "Joy");
    assert!(s.name.is_documented());
    let custom = hume_models::EmotionScore::new(String::from("AU99 Future Unit"), 0.1);
    assert!(!custom.name.is_documented());
    assert_eq!(String::from(custom.name.clone()), "AU99 Future Unit");
    assert_eq!(format!("{}", custom.name), "AU99 Future Unit");
    let mut set = std::collections::HashSet::new();
    set.insert(s.name.clone());
    assert!(set.contains("Joy"));
}
