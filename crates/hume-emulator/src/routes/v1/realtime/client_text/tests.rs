use serde_json::json;

use super::*;

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

#[test]
fn classifies_updates_closes_and_everything_else() {
    assert!(matches!(
        classify(r#"{"type":"session.update","measurement_timer_ms":5000}"#),
        ClientText::Update(_)
    ));
    assert_eq!(
        classify(r#"{"type":"session.close","extra":1}"#),
        ClientText::Close
    );
    for bad in [
        "not json",
        "[1,2]",
        r#""session.close""#,
        r#"{"kind":"session.close"}"#,
        r#"{"type":7}"#,
        r#"{"type":"session.created"}"#,
    ] {
        assert!(
            matches!(classify(bad), ClientText::Invalid(_)),
            "{bad} is message_invalid"
        );
    }
}

#[test]
fn audio_updates_are_read_strictly() {
    let update = audio_update(object(json!({
        "type": "session.update",
        "measurement_timer_ms": 6000,
        "audio": {"type": "audio/pcm", "encoding": "s16le", "sample_rate": 16000, "channels": 1},
    })))
    .unwrap();
    assert_eq!(update.measurement_timer_ms, Some(6000));
    // null is "omitted" (the official SDK sends explicit nulls).
    let update = audio_update(object(
        json!({"type": "session.update", "audio": null, "measurement_timer_ms": null}),
    ))
    .unwrap();
    assert_eq!(update, AudioSessionUpdate::new());

    let unknown = audio_update(object(json!({"type": "session.update", "timer_ms": 5000})));
    assert!(unknown.unwrap_err().contains("unknown field `timer_ms`"));
    let nested = audio_update(object(
        json!({"type": "session.update", "audio": {"rate": 16000}}),
    ));
    assert!(nested.unwrap_err().contains("`audio.rate`"));
    for bad in [
        json!({"type": "session.update", "measurement_timer_ms": 2999}),
        json!({"type": "session.update", "measurement_timer_ms": "3000"}),
        json!({"type": "session.update", "audio": {"sample_rate": 44100}}),
        json!({"type": "session.update", "audio": {"encoding": "f32le"}}),
        json!({"type": "session.update", "audio": 5}),
    ] {
        assert!(audio_update(object(bad.clone())).is_err(), "{bad}");
    }
}

#[test]
fn video_updates_are_read_strictly() {
    let update = video_update(object(json!({
        "type": "session.update",
        "image": {"type": "image/jpeg"},
        "face": {"threshold": 0.5, "min_size": 20},
    })))
    .unwrap();
    let resolved = update.resolve();
    assert_eq!((resolved.face.threshold, resolved.face.min_size), (0.5, 20));
    for bad in [
        json!({"type": "session.update", "face": {"return_face_state": true}}),
        json!({"type": "session.update", "face_state": "abc"}),
        json!({"type": "session.update", "face": {"threshold": 1.5}}),
        json!({"type": "session.update", "face": {"min_size": 0}}),
        json!({"type": "session.update", "image": {"type": "image/png"}}),
    ] {
        assert!(video_update(object(bad.clone())).is_err(), "{bad}");
    }
}
