//! The constructors and `with_*` setters other crates use to build the `#[non_exhaustive]`
//! types: each builds exactly what parsing the equivalent JSON gives.

use hume_models::predictions::{
    BoundingBox, BurstPrediction, EmotionScore, FacePrediction, FacemeshPrediction, FileError,
    GroupedPredictions, InferencePrediction, InferenceResults, LanguagePrediction, ModelResult,
    ModelsPredictions, NerPrediction, Predictions, ProsodyPrediction, Source, SourceResult,
    TextPosition, TimeInterval, TranscriptionMetadata,
};
use hume_models::{
    BatchJobDetails, BatchJobState, BatchJobStatus, CallbackBody, FileInfo, InferenceRequest,
    JobId, JobRequest, StartJobResponse,
};
use serde_json::json;

fn joy(score: f64) -> Vec<EmotionScore> {
    vec![EmotionScore::new("Joy", score)]
}

#[test]
fn predictions_built_with_setters_equal_the_parsed_json() {
    let face = FacePrediction::default()
        .with_frame(3u32)
        .with_time(0.1)
        .with_prob(0.99)
        .with_bbox(BoundingBox::new(1.0, 2.0, 3.0, 4.0))
        .with_emotions(joy(0.5))
        .with_facs(joy(0.25));
    let burst = BurstPrediction::default()
        .with_time(TimeInterval::new(1.0, 2.0))
        .with_emotions(joy(0.5))
        .with_descriptions(vec![EmotionScore::new("Laugh", 0.75)]);
    let prosody = ProsodyPrediction::default()
        .with_text("hi")
        .with_time(TimeInterval::new(0.0, 1.0))
        .with_confidence(0.9)
        .with_emotions(joy(0.5));
    let language = LanguagePrediction::default()
        .with_text("hi")
        .with_position(TextPosition::new(0, 2))
        .with_time(TimeInterval::new(0.0, 1.0))
        .with_speaker_confidence(0.5)
        .with_emotions(joy(0.5))
        .with_sentiment(vec![EmotionScore::new("5", 1.0)]);
    let ner = NerPrediction::default()
        .with_entity("Paris")
        .with_position(TextPosition::new(3, 8))
        .with_entity_confidence(0.8)
        .with_support(2.0)
        .with_uri("https://en.wikipedia.org/wiki/Paris")
        .with_link_word("Paris")
        .with_emotions(joy(0.5));
    let metadata = TranscriptionMetadata::new(0.75).with_detected_language("fr");
    let models = ModelsPredictions::default()
        .with_face(ModelResult::new(vec![GroupedPredictions::new(
            "face_0",
            vec![face],
        )]))
        .with_burst(ModelResult::new(vec![GroupedPredictions::new(
            "unknown",
            vec![burst],
        )]))
        .with_prosody(
            ModelResult::new(vec![GroupedPredictions::new("unknown", vec![prosody])])
                .with_metadata(metadata.clone()),
        )
        .with_language(ModelResult::new(vec![GroupedPredictions::new(
            "unknown",
            vec![language],
        )]))
        .with_ner(ModelResult::new(vec![GroupedPredictions::new(
            "unknown",
            vec![ner],
        )]))
        .with_facemesh(ModelResult::new(vec![GroupedPredictions::new(
            "unknown",
            vec![FacemeshPrediction::new(joy(0.5))],
        )]))
        .with_other("future_model", json!({"x": 1}));
    let built = Predictions(vec![
        SourceResult::new(
            Source::file(Some("a.mp4".into()), None, "00"),
            InferenceResults::new(
                vec![InferencePrediction::new("a.mp4", models).with_file_type("video")],
                vec![FileError::new("b.mp4", "broken")],
            ),
        ),
        SourceResult::failed(Source::url("https://example.com/x"), "unreachable"),
    ]);

    let scores = json!([{"name": "Joy", "score": 0.5}]);
    let wire = json!([
        {"source": {"type": "file", "filename": "a.mp4", "md5sum": "00"},
         "results": {"errors": [{"file": "b.mp4", "message": "broken"}], "predictions": [{
            "file": "a.mp4", "file_type": "video", "models": {
                "face": {"metadata": null, "grouped_predictions": [{"id": "face_0", "predictions": [{
                    "frame": 3, "time": 0.1, "prob": 0.99, "box": {"x": 1, "y": 2, "w": 3, "h": 4},
                    "emotions": scores, "facs": [{"name": "Joy", "score": 0.25}], "descriptions": null}]}]},
                "burst": {"metadata": null, "grouped_predictions": [{"id": "unknown", "predictions": [{
                    "time": {"begin": 1, "end": 2}, "emotions": scores,
                    "descriptions": [{"name": "Laugh", "score": 0.75}]}]}]},
                "prosody": {"metadata": {"confidence": 0.75, "detected_language": "fr"},
                    "grouped_predictions": [{"id": "unknown", "predictions": [{
                    "text": "hi", "time": {"begin": 0, "end": 1}, "confidence": 0.9,
                    "speaker_confidence": null, "emotions": scores}]}]},
                "language": {"metadata": null, "grouped_predictions": [{"id": "unknown", "predictions": [{
                    "text": "hi", "position": {"begin": 0, "end": 2}, "time": {"begin": 0, "end": 1},
                    "confidence": null, "speaker_confidence": 0.5, "emotions": scores,
                    "sentiment": [{"name": "5", "score": 1.0}], "toxicity": null}]}]},
                "ner": {"metadata": null, "grouped_predictions": [{"id": "unknown", "predictions": [{
                    "entity": "Paris", "position": {"begin": 3, "end": 8}, "entity_confidence": 0.8,
                    "support": 2, "uri": "https://en.wikipedia.org/wiki/Paris", "link_word": "Paris",
                    "time": null, "confidence": null, "speaker_confidence": null, "emotions": scores}]}]},
                "facemesh": {"metadata": null, "grouped_predictions": [{"id": "unknown",
                    "predictions": [{"emotions": scores}]}]},
                "future_model": {"x": 1}
            }}]}},
        {"source": {"type": "url", "url": "https://example.com/x"}, "error": "unreachable"}
    ]);
    let parsed = Predictions::from_value(wire.clone()).expect("parses");
    assert_eq!(built, parsed);
    assert_eq!(
        serde_json::to_value(&built).expect("serialises"),
        serde_json::to_value(&parsed).expect("serialises")
    );
}

#[test]
fn job_types_built_with_constructors_equal_the_parsed_json() {
    let request = JobRequest::new().with_url("https://example.com/a.mp4");
    let files = vec![
        FileInfo::new("0123")
            .with_filename("clip.mp4")
            .with_content_type("video/mp4"),
    ];
    let state = BatchJobState::new(BatchJobStatus::Failed)
        .with_created_timestamp_ms(1)
        .with_started_timestamp_ms(2)
        .with_ended_timestamp_ms(3)
        .with_message("boom");
    assert_eq!(state, BatchJobState::failed(1, 2, 3, "boom"));
    let details = BatchJobDetails::new(
        "job-1",
        InferenceRequest::from_job_request(request, files),
        state,
    )
    .with_job_type("INFERENCE");
    let wire = json!({
        "type": "INFERENCE", "job_id": "job-1",
        "request": {"urls": ["https://example.com/a.mp4"], "text": [], "callback_url": null,
            "files": [{"filename": "clip.mp4", "content_type": "video/mp4", "md5sum": "0123"}]},
        "state": {"status": "FAILED", "created_timestamp_ms": 1, "started_timestamp_ms": 2,
            "ended_timestamp_ms": 3, "message": "boom"}
    });
    assert_eq!(details, BatchJobDetails::from_value(wire).expect("parses"));
    assert_eq!(details.job_id, Some(JobId::new("job-1")));

    let completed = BatchJobState::new(BatchJobStatus::Completed)
        .with_num_predictions(4u32)
        .with_num_errors(0u32);
    assert_eq!(
        (completed.num_predictions, completed.num_errors),
        (Some(4), Some(0))
    );

    assert_eq!(
        StartJobResponse::new("job-1"),
        StartJobResponse::from_response(br#"{"job_id":"job-1"}"#).expect("parses")
    );
    let callback = CallbackBody::new("job-1", BatchJobStatus::Failed).with_message("boom");
    assert_eq!(
        callback,
        CallbackBody::from_response(br#"{"job_id":"job-1","status":"FAILED","message":"boom"}"#)
            .expect("parses")
    );
    assert_eq!(callback.failure_message(), Some("boom"));
    let completed = CallbackBody::new("job-1", BatchJobStatus::Completed)
        .with_predictions(Predictions::default())
        .with_error("unused");
    assert_eq!(completed.error.as_deref(), Some("unused"));
    assert!(completed.predictions.is_some());
}
