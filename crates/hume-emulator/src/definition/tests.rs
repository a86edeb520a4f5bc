use serde_json::json;

use super::check;

fn fields(body: serde_json::Value) -> Vec<String> {
    check(&body).iter().map(|e| e.field.clone()).collect()
}

#[test]
fn a_conforming_request_passes() {
    let body = json!({
        "urls": ["https://x/a.mp4"], "text": ["hi"], "callback_url": null, "notify": true,
        "models": {
            "face": {"fps_pred": 0, "prob_threshold": 1, "min_face_size": 60.0, "identify_faces": true,
                     "save_faces": false, "facs": {}, "descriptions": null},
            "burst": {}, "facemesh": {}, "ner": {"identify_speakers": false},
            "prosody": {"granularity": "conversational_turn", "window": {"length": 0.5, "step": 4}},
            "language": {"granularity": "word", "sentiment": {}, "toxicity": null, "x-future": 1}
        },
        "transcription": {"language": "en-GB", "identify_speakers": true, "confidence_threshold": 0.5}
    });
    assert_eq!(fields(body), Vec::<String>::new());
    assert!(
        check(&json!({"urls": ["https://x/a"], "transcription": null, "models": null})).is_empty()
    );
    // "no" is Norwegian, a string.
    assert!(check(&json!({"transcription": {"language": "no"}})).is_empty());
}

#[test]
fn every_constrained_enum_and_integer_is_checked() {
    let body = json!({
        "models": {
            "face": {"min_face_size": 60.5, "fps_pred": -1, "prob_threshold": "high", "identify_faces": "yes", "facs": true},
            "prosody": {"granularity": "passage", "window": {"length": 0.1}},
            "language": {"granularity": "Word", "sentiment": 1},
            "smell": {}
        },
        "transcription": {"language": "xx", "confidence_threshold": 2},
        "urls": "https://x/a.mp4",
        "notify": "no"
    });
    assert_eq!(
        fields(body),
        [
            "urls",
            "notify",
            "models.face.fps_pred",
            "models.face.prob_threshold",
            "models.face.min_face_size",
            "models.face.identify_faces",
            "models.face.facs",
            "models.language.granularity",
            "models.language.sentiment",
            "models.prosody.granularity",
            "models.prosody.window.length",
            "models.smell",
            "transcription.language",
            "transcription.confidence_threshold",
        ]
    );
    for bad in [json!(-1), json!(1e10), json!("60"), json!(true)] {
        assert_eq!(
            fields(json!({"models": {"face": {"min_face_size": bad}}})),
            ["models.face.min_face_size"],
            "{bad}"
        );
    }
    // Tags are spelled as documented.
    assert_eq!(
        fields(json!({"transcription": {"language": "en-gb"}})),
        ["transcription.language"]
    );
    let errs = check(&json!({"models": {"prosody": {"granularity": "passage"}}}));
    assert!(
        errs.to_string()
            .contains("word, sentence, utterance, conversational_turn"),
        "{errs}"
    );
}

#[test]
fn null_models_are_off_but_not_all_of_them() {
    assert!(check(&json!({"models": {"face": null, "prosody": {}}})).is_empty());
    assert_eq!(
        fields(json!({"models": {"face": null, "burst": null}})),
        ["models"]
    );
    // An empty object is not "all null": it keeps meaning every model.
    assert!(check(&json!({"models": {}})).is_empty());
    assert_eq!(fields(json!([1])), ["body"]);
    assert_eq!(fields(json!({"models": {"face": 3}})), ["models.face"]);
}
