//! Golden tests of the exact request JSON.

use hume_models::config::{
    BurstConfig, FaceConfig, FacemeshConfig, Granularity, LanguageConfig, NerConfig, ProsodyConfig,
    Window,
};
use hume_models::{Bcp47Tag, JobRequest, Models, Transcription, TranscriptionConfig};
use serde_json::json;

use crate::fixtures;

fn wire(request: &JobRequest) -> serde_json::Value {
    serde_json::to_value(request).expect("serialises")
}

#[test]
fn minimal_request_has_only_urls() {
    let request = JobRequest::new().with_url("https://example.com/media/faces.zip");
    let got = wire(&request);
    assert_eq!(got, fixtures::value("start-job-request-minimal.json"));
    assert!(fixtures::null_paths(&got).is_empty());
}

#[test]
fn omitted_models_means_all_models_and_is_absent_on_the_wire() {
    let got = wire(&JobRequest::new().with_url("https://example.com/a.png"));
    assert!(got.get("models").is_none(), "models must be omitted: {got}");
    // An empty Models is different: it sends `{}`.
    let got = wire(
        &JobRequest::new()
            .with_url("https://example.com/a.png")
            .with_models(Models::new())
            .with_notify(false),
    );
    assert_eq!(got, fixtures::value("start-job-request-empty-models.json"));
}

#[test]
fn all_models_request_matches_golden() {
    let models = Models::new()
        .with(
            FaceConfig::default()
                .with_fps_pred(5.0)
                .with_prob_threshold(0.25)
                .with_identify_faces(true)
                .with_min_face_size(78)
                .with_facs(true)
                .with_descriptions(true)
                .with_save_faces(false),
        )
        .with(BurstConfig::new())
        .with(
            ProsodyConfig::default()
                .with_granularity(Granularity::Word)
                .with_window(Window::new(4.0, 1.0))
                .with_identify_speakers(true),
        )
        .with(
            LanguageConfig::default()
                .with_granularity(Granularity::ConversationalTurn)
                .with_identify_speakers(true)
                .with_sentiment(true)
                .with_toxicity(true),
        )
        .with(NerConfig::default().with_identify_speakers(true))
        .with(FacemeshConfig::new());
    let request = JobRequest::new()
        .with_urls(["https://example.com/a.png", "https://example.com/b.mp3"])
        .with_text(["I am happy", "Я рад"])
        .with_models(models)
        .with_transcription(
            TranscriptionConfig::default()
                .with_language(Bcp47Tag::Es419)
                .with_identify_speakers(false)
                .with_confidence_threshold(0.5),
        )
        .with_callback_url("https://example.com/hume-callback")
        .with_notify(true);
    let got = wire(&request);
    assert_eq!(got, fixtures::value("start-job-request-all-models.json"));
    assert!(fixtures::null_paths(&got).is_empty(), "{got}");
    // min_face_size goes out as an integer, as the API types it.
    assert!(got["models"]["face"]["min_face_size"].is_u64());
    request.validate().expect("golden request is valid");
}

#[test]
fn disabled_transcription_is_the_only_null() {
    let request = JobRequest::new()
        .with_text(["hello"])
        .with_models(LanguageConfig::default().with_granularity(Granularity::Sentence))
        .with_transcription(Transcription::Disabled);
    let got = wire(&request);
    assert_eq!(
        got,
        fixtures::value("start-job-request-transcription-disabled.json")
    );
    assert_eq!(
        fixtures::null_paths(&got),
        vec!["$.transcription".to_owned()]
    );
}

#[test]
fn empty_configs_send_empty_objects_never_nulls() {
    let request = JobRequest::new()
        .with_url("https://example.com/a.mp4")
        .with_models(Models::all());
    let got = wire(&request);
    assert_eq!(
        got["models"],
        json!({"face": {}, "burst": {}, "prosody": {}, "language": {}, "ner": {}, "facemesh": {}})
    );
    assert!(fixtures::null_paths(&got).is_empty());
    // Switched-off sub-features are omitted, not sent as null.
    let face = FaceConfig::default().with_facs(true).with_facs(false);
    assert_eq!(serde_json::to_value(&face).unwrap(), json!({}));
}

#[test]
fn later_config_for_the_same_model_replaces_the_earlier_one() {
    let mut models = Models::new()
        .with(FaceConfig::default().with_fps_pred(1.0))
        .with(FaceConfig::default().with_fps_pred(7.0));
    assert_eq!(models.model_types(), vec![hume_models::ModelType::Face]);
    assert_eq!(models.face().unwrap().fps_pred, Some(7.0));
    let replaced = models.insert(FaceConfig::default().with_identify_faces(true));
    assert!(matches!(replaced, Some(hume_models::ModelConfig::Face(c)) if c.fps_pred == Some(7.0)));
    assert_eq!(
        serde_json::to_value(&models).unwrap(),
        json!({"face": {"identify_faces": true}})
    );
    // Duplicate keys on the wire: the later one wins too.
    let parsed: Models =
        serde_json::from_str(r#"{"face":{"fps_pred":1},"face":{"fps_pred":2}}"#).unwrap();
    assert_eq!(parsed.face().unwrap().fps_pred, Some(2.0));
}

#[test]
fn golden_requests_parse_back_to_the_same_value() {
    for name in fixtures::named("start-job-request-") {
        let bytes = fixtures::bytes(&name);
        let request: JobRequest = serde_json::from_slice(&bytes).expect(&name);
        assert_eq!(wire(&request), fixtures::value(&name), "{name}");
    }
}

#[test]
fn legacy_null_urls_parse_as_empty() {
    let request: JobRequest =
        serde_json::from_str(r#"{"urls":null,"models":{"prosody":{"identify_speakers":true}}}"#)
            .unwrap();
    assert!(request.urls.is_empty());
    assert_eq!(
        request.models.unwrap().prosody().unwrap().identify_speakers,
        Some(true)
    );
}

#[test]
fn bcp47_tags_cover_the_documented_29_and_keep_others() {
    assert_eq!(Bcp47Tag::ALL.len(), 29);
    for tag in &Bcp47Tag::ALL {
        let parsed: Bcp47Tag = tag.as_str().parse().unwrap();
        assert_eq!(&parsed, tag);
        assert!(parsed.is_documented());
        assert_eq!(serde_json::to_value(tag).unwrap(), json!(tag.as_str()));
    }
    assert_eq!("no".parse::<Bcp47Tag>().unwrap(), Bcp47Tag::No);
    assert_eq!("EN-gb".parse::<Bcp47Tag>().unwrap(), Bcp47Tag::EnGb);
    assert_eq!(Bcp47Tag::HiLatn.as_str(), "hi-Latn");
    let other: Bcp47Tag = serde_json::from_value(json!("gsw-CH")).unwrap();
    assert_eq!(other, Bcp47Tag::Other("gsw-CH".into()));
    assert!(!other.is_documented());
    assert_eq!(serde_json::to_value(&other).unwrap(), json!("gsw-CH"));
}

#[test]
fn granularity_wire_names() {
    let all: Vec<_> = Granularity::ALL.iter().map(|g| g.to_string()).collect();
    assert_eq!(
        all,
        ["word", "sentence", "utterance", "conversational_turn"]
    );
    let g: Granularity = serde_json::from_value(json!("passage")).unwrap();
    assert_eq!(g, Granularity::Other("passage".into()));
    assert_eq!(serde_json::to_value(&g).unwrap(), json!("passage"));
}

#[test]
fn models_set_operations() {
    use hume_models::{ModelConfig, ModelType};
    let mut models: Models = [
        ModelConfig::from(NerConfig::default()),
        ModelConfig::from(BurstConfig::new()),
    ]
    .into_iter()
    .collect();
    assert_eq!(models.model_types(), [ModelType::Burst, ModelType::Ner]);
    assert!(models.contains(ModelType::Ner) && !models.contains(ModelType::Face));
    assert_eq!(
        models.get(ModelType::Burst),
        Some(ModelConfig::Burst(BurstConfig::new()))
    );
    assert_eq!(models.get(ModelType::Face), None);
    assert_eq!(models.configs().len(), 2);
    assert!(matches!(
        models.remove(ModelType::Ner),
        Some(ModelConfig::Ner(_))
    ));
    assert_eq!(models.len(), 1);
    // Unknown keys go to `other`, known keys are typed.
    models
        .insert_other("hologram", json!({"depth": 2}))
        .unwrap();
    models
        .insert_other("face", json!({"fps_pred": 4, "identify_faces": true}))
        .unwrap();
    assert_eq!(models.face().unwrap().fps_pred, Some(4.0));
    assert_eq!(models.other().len(), 1);
    assert!(
        models
            .insert_other("face", json!({"fps_pred": "fast"}))
            .is_err()
    );
    let wire = serde_json::to_value(&models).unwrap();
    assert_eq!(wire["hologram"], json!({"depth": 2}));
    let back: Models = serde_json::from_value(wire).unwrap();
    assert_eq!(back, models);
    assert!(!back.is_empty());
    assert!(Models::new().is_empty());
    // ModelType strings.
    for t in ModelType::ALL {
        assert_eq!(t.as_str().parse::<ModelType>().unwrap(), t);
        assert_eq!(ModelConfig::default_for(t).model_type(), t);
    }
    assert!("hologram".parse::<ModelType>().is_err());
    // ModelConfig serialises as a one-key object.
    assert_eq!(
        serde_json::to_value(ModelConfig::from(
            NerConfig::default().with_identify_speakers(true)
        ))
        .unwrap(),
        json!({"ner": {"identify_speakers": true}})
    );
}

#[test]
fn local_files_are_part_of_the_request_but_not_of_its_json() {
    let request = JobRequest::new()
        .with_url("https://example.com/a.mp4")
        .with_file("clips/a.wav")
        .with_file("b.wav");
    assert_eq!(
        request.files(),
        [
            std::path::PathBuf::from("clips/a.wav"),
            std::path::PathBuf::from("b.wav")
        ]
    );
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        serde_json::json!({"urls": ["https://example.com/a.mp4"]})
    );
    let replaced = request.clone().with_files(["c.wav"]);
    assert_eq!(replaced.files(), [std::path::PathBuf::from("c.wav")]);
    let parsed: JobRequest =
        serde_json::from_value(serde_json::to_value(&request).unwrap()).unwrap();
    assert!(parsed.files().is_empty(), "files never come from JSON");
    assert_ne!(parsed, request, "equality compares the files too");
}
