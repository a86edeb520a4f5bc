use hume_models::{
    FaceConfig, FileInfo, Granularity, LanguageConfig, ProsodyConfig, TranscriptionConfig,
};
use serde_json::json;

use super::*;

/// The echo the emulator (and, per SPEC.md, the API) gives for `sent`: every default filled
/// in, explicit nulls, `0.99` as an f32.
fn echo_of(value: serde_json::Value) -> InferenceRequest {
    serde_json::from_value(value).unwrap()
}

fn face_job() -> JobRequest {
    JobRequest::new()
        .with_url("https://example.com/a.mp4")
        .with_url("https://example.com/b.mp4")
        .with_models(Models::new().with(FaceConfig::default().with_identify_faces(true)))
        .with_callback_url("http://127.0.0.1:9/hook")
}

fn face_echo() -> serde_json::Value {
    json!({
        "models": {"face": {"fps_pred": 3.0, "prob_threshold": 0.9900000095367432,
                            "identify_faces": true, "min_face_size": 60, "save_faces": false,
                            "facs": null, "descriptions": null},
                   "burst": null, "prosody": null, "language": null, "ner": null, "facemesh": null},
        "urls": ["https://example.com/b.mp4", "https://example.com/a.mp4"],
        "text": [], "files": [],
        "callback_url": "http://127.0.0.1:9/hook",
        "notify": false
    })
}

#[test]
fn the_echo_of_the_request_sent_matches_defaults_and_all() {
    assert!(echoes(&echo_of(face_echo()), &face_job(), &[]));
}

#[test]
fn any_difference_in_what_was_set_does_not_match() {
    let job = face_job();
    let mut changes: Vec<serde_json::Value> = Vec::new();
    let mut e = face_echo();
    e["urls"] = json!(["https://example.com/a.mp4"]);
    changes.push(e);
    let mut e = face_echo();
    e["urls"] = json!(["https://example.com/a.mp4", "https://example.com/c.mp4"]);
    changes.push(e);
    let mut e = face_echo();
    e["models"]["face"]["identify_faces"] = json!(false);
    changes.push(e);
    let mut e = face_echo();
    e["models"]["prosody"] = json!({"granularity": "utterance"});
    changes.push(e);
    let mut e = face_echo();
    e["callback_url"] = json!(null);
    changes.push(e);
    let mut e = face_echo();
    e["notify"] = json!(true);
    changes.push(e);
    let mut e = face_echo();
    e["text"] = json!(["hello"]);
    changes.push(e);
    let mut e = face_echo();
    e["files"] = json!([{"filename": "x.wav", "md5sum": "00"}]);
    changes.push(e);
    for (i, echo) in changes.into_iter().enumerate() {
        assert!(!echoes(&echo_of(echo), &job, &[]), "change {i} matched");
    }
}

#[test]
fn no_models_means_every_model() {
    let sent = JobRequest::new().with_text(["hi"]);
    let all = json!({
        "models": {"face": {}, "burst": {}, "prosody": {}, "language": {}, "ner": {}, "facemesh": {}},
        "text": ["hi"], "urls": [], "files": []
    });
    assert!(echoes(&echo_of(all), &sent, &[]));
    assert!(echoes(&echo_of(json!({"text": ["hi"]})), &sent, &[]));
    let some = json!({"models": {"language": {}}, "text": ["hi"]});
    assert!(!echoes(&echo_of(some), &sent, &[]));
    let empty = sent.clone().with_models(Models::new());
    assert!(echoes(
        &echo_of(
            json!({"models": {"face": {}, "burst": {}, "prosody": {}, "language": {}, "ner": {}, "facemesh": {}}, "text": ["hi"]})
        ),
        &empty,
        &[]
    ));
}

#[test]
fn options_the_client_left_out_may_be_anything() {
    let sent = JobRequest::new().with_text(["hi"]).with_models(
        Models::new()
            .with(LanguageConfig::default())
            .with(ProsodyConfig::default().with_granularity(Granularity::Word)),
    );
    let echo = json!({
        "models": {"language": {"granularity": "word", "identify_speakers": false, "sentiment": null},
                   "prosody": {"granularity": "word", "identify_speakers": false, "window": null}},
        "text": ["hi"]
    });
    assert!(echoes(&echo_of(echo.clone()), &sent, &[]));
    let mut other = echo;
    other["models"]["prosody"]["granularity"] = json!("utterance");
    assert!(!echoes(&echo_of(other), &sent, &[]));
}

#[test]
fn transcription_three_states() {
    let base = JobRequest::new().with_url("https://example.com/a.wav");
    let echo = |t: serde_json::Value| {
        let mut v = json!({"models": {"face": {}, "burst": {}, "prosody": {}, "language": {}, "ner": {}, "facemesh": {}},
                           "urls": ["https://example.com/a.wav"]});
        if !t.is_null() || t == json!("null") {
            v["transcription"] = t;
        }
        echo_of(v)
    };
    let disabled = base.clone().with_transcription(Transcription::Disabled);
    let english = base
        .clone()
        .with_transcription(TranscriptionConfig::default().with_language("en"));
    let mut null_echo = echo(json!(null));
    null_echo.transcription = Transcription::Disabled;
    assert!(echoes(&null_echo, &disabled, &[]));
    assert!(echoes(&echo(json!(null)), &disabled, &[]), "not echoed");
    assert!(!echoes(&echo(json!({"language": "en"})), &disabled, &[]));
    assert!(echoes(
        &echo(json!({"language": "en", "identify_speakers": false})),
        &english,
        &[]
    ));
    assert!(!echoes(&echo(json!({"language": "fr"})), &english, &[]));
    assert!(!echoes(&null_echo, &english, &[]));
    assert!(
        echoes(&echo(json!({"language": "fr"})), &base, &[]),
        "left to the server"
    );
}

#[test]
fn files_match_by_name_and_md5_in_any_order() {
    let sent = JobRequest::new()
        .with_file("/tmp/a/clip.wav")
        .with_file("/tmp/b/clip.wav");
    let keys = [
        FileKey {
            name: "clip.wav".into(),
            md5: "aaaa".into(),
        },
        FileKey {
            name: "clip.wav".into(),
            md5: "bbbb".into(),
        },
    ];
    let echo = |files: Vec<FileInfo>| {
        let mut e = echo_of(
            json!({"models": {"face": {}, "burst": {}, "prosody": {}, "language": {}, "ner": {}, "facemesh": {}}}),
        );
        e.files = files;
        e
    };
    let info = |name: Option<&str>, md5: &str| {
        let info = FileInfo::new(md5).with_content_type("audio/wav");
        match name {
            Some(name) => info.with_filename(name),
            None => info,
        }
    };
    assert!(echoes(
        &echo(vec![
            info(Some("clip.wav"), "BBBB"),
            info(Some("clip.wav"), "aaaa")
        ]),
        &sent,
        &keys
    ));
    assert!(echoes(
        &echo(vec![info(None, "bbbb"), info(None, "aaaa")]),
        &sent,
        &keys
    ));
    assert!(!echoes(
        &echo(vec![
            info(Some("clip.wav"), "aaaa"),
            info(Some("clip.wav"), "aaaa")
        ]),
        &sent,
        &keys
    ));
    assert!(!echoes(
        &echo(vec![
            info(Some("other.wav"), "aaaa"),
            info(Some("clip.wav"), "bbbb")
        ]),
        &sent,
        &keys
    ));
    assert!(!echoes(
        &echo(vec![info(Some("clip.wav"), "aaaa")]),
        &sent,
        &keys
    ));
}
