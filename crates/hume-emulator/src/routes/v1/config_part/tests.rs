use hume_models::v1::{FaceState, RequestErrorCode};

use super::*;

fn audio_error(json: &str) -> String {
    let error = audio_config(Some(json.as_bytes())).unwrap_err();
    assert_eq!(error.code, RequestErrorCode::ConfigInvalid, "{json}");
    error.message
}

fn video_error(json: &str) -> String {
    let error = video_config(Some(json.as_bytes())).unwrap_err();
    assert_eq!(error.code, RequestErrorCode::ConfigInvalid, "{json}");
    error.message
}

#[test]
fn audio_configs() {
    assert_eq!(audio_config(None).unwrap(), AudioFileConfig::new());
    assert_eq!(audio_config(Some(b"{}")).unwrap(), AudioFileConfig::new());
    assert_eq!(
        audio_config(Some(b"{\"measurement_timer_ms\": null}")).unwrap(),
        AudioFileConfig::new()
    );
    assert_eq!(
        audio_config(Some(b"{\"measurement_timer_ms\": 10000}")).unwrap(),
        AudioFileConfig::new().with_measurement_timer_ms(10_000)
    );
    assert!(audio_error("{\"timer_ms\": 3000}").contains("unknown field `timer_ms`"));
    assert!(audio_error("{\"measurement_timer_ms\": 2999}").contains("measurement_timer_ms"));
    assert!(audio_error("{\"measurement_timer_ms\": 10001}").contains("10001"));
    assert!(audio_error("{\"measurement_timer_ms\": \"5000\"}").contains("not valid"));
    assert!(audio_error("{\"measurement_timer_ms\": 5000.5}").contains("not valid"));
    assert!(audio_error("[]").contains("JSON object"));
    assert!(audio_error("null").contains("JSON object"));
    assert!(audio_error("{").contains("not JSON"));
    assert!(audio_error("").contains("not JSON"));
}

#[test]
fn video_configs() {
    assert_eq!(video_config(None).unwrap(), VideoFileConfig::new());
    let full = video_config(Some(
        br#"{"face": {"threshold": 0.5, "min_size": 1, "return_face_state": true}, "face_state": "tok"}"#,
    ))
    .unwrap();
    assert_eq!(
        full,
        VideoFileConfig::new()
            .with_threshold(0.5)
            .with_min_size(1)
            .with_return_face_state(true)
            .with_face_state(FaceState::new("tok"))
    );
    // Nulls are unset fields; an empty token is accepted (and later ignored).
    let nulls = video_config(Some(
        br#"{"face": {"threshold": null, "min_size": null, "return_face_state": null}, "face_state": null}"#,
    ))
    .unwrap();
    assert_eq!(nulls.face.unwrap().threshold, None);
    assert_eq!(
        video_config(Some(br#"{"face": null, "face_state": ""}"#))
            .unwrap()
            .face_state,
        Some(FaceState::new(""))
    );
    assert!(video_error(r#"{"faces": {}}"#).contains("unknown field `faces`"));
    assert!(
        video_error(r#"{"face": {"min_face_size": 3}}"#)
            .contains("unknown field `face.min_face_size`")
    );
    assert!(video_error(r#"{"face": []}"#).contains("face must be a JSON object"));
    assert!(video_error(r#"{"face": {"threshold": 1.5}}"#).contains("face.threshold"));
    assert!(video_error(r#"{"face": {"threshold": -0.1}}"#).contains("face.threshold"));
    assert!(video_error(r#"{"face": {"min_size": 0}}"#).contains("face.min_size"));
    assert!(video_error(r#"{"face": {"min_size": -3}}"#).contains("not valid"));
    assert!(video_error(r#"{"face_state": 5}"#).contains("not valid"));
    assert!(video_error(r#"{"face": {"return_face_state": "yes"}}"#).contains("not valid"));
}
