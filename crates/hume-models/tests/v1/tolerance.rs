//! Tolerance: unknown fields anywhere, unknown enum values, nulls where the server may omit.

use hume_models::v1::realtime::{AudioServerMessage, VideoServerMessage};
use hume_models::v1::{
    AudioFileResponse, MeasurementTrigger, Run, RunEndpoint, RunEventKind, RunEventsPage, RunMode,
    RunStatus, RunsPage, VideoFileResponse,
};
use serde_json::{Value, json};

use crate::fixtures;

/// Adds unknown fields of every JSON kind to every object, except inside `detail` (a free-form
/// map whose content is the data itself).
fn with_unknown_fields(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                if k != "detail" {
                    with_unknown_fields(child);
                }
            }
            map.insert(
                "x_added_later".into(),
                json!({"nested": [1, 2.5, null, "s"]}),
            );
            map.insert("x_flag".into(), json!(true));
            map.insert("x_none".into(), Value::Null);
        }
        Value::Array(items) => items.iter_mut().for_each(with_unknown_fields),
        _ => {}
    }
}

fn noisy(name: &str) -> Vec<u8> {
    let mut v = fixtures::value(name);
    with_unknown_fields(&mut v);
    serde_json::to_vec(&v).unwrap()
}

#[test]
fn unknown_fields_are_ignored_everywhere() {
    for name in fixtures::named("audio-file-response") {
        assert_eq!(
            AudioFileResponse::from_response(&noisy(&name)).unwrap(),
            AudioFileResponse::from_response(&fixtures::bytes(&name)).unwrap(),
            "{name}"
        );
    }
    for name in fixtures::named("video-file-response") {
        assert_eq!(
            VideoFileResponse::from_response(&noisy(&name)).unwrap(),
            VideoFileResponse::from_response(&fixtures::bytes(&name)).unwrap(),
            "{name}"
        );
    }
    for name in fixtures::named("runs-page") {
        assert_eq!(
            RunsPage::from_response(&noisy(&name)).unwrap(),
            RunsPage::from_response(&fixtures::bytes(&name)).unwrap(),
            "{name}"
        );
    }
    for name in fixtures::named("run-events-page") {
        assert_eq!(
            RunEventsPage::from_response(&noisy(&name)).unwrap(),
            RunEventsPage::from_response(&fixtures::bytes(&name)).unwrap(),
            "{name}"
        );
    }
    for name in ["run-audio-realtime.json", "run-video-file.json"] {
        assert_eq!(
            Run::from_response(&noisy(name)).unwrap(),
            Run::from_response(&fixtures::bytes(name)).unwrap(),
            "{name}"
        );
    }
    for name in fixtures::named("error-") {
        assert_eq!(
            hume_models::v1::ErrorResponse::parse(&noisy(&name)).code(),
            hume_models::v1::ErrorResponse::parse(&fixtures::bytes(&name)).code(),
            "{name}"
        );
    }
    let noisy_audio: Value = serde_json::from_slice(&noisy("realtime-audio-server.json")).unwrap();
    let plain = fixtures::value("realtime-audio-server.json");
    for (a, b) in noisy_audio
        .as_array()
        .unwrap()
        .iter()
        .zip(plain.as_array().unwrap())
    {
        assert_eq!(
            AudioServerMessage::from_value(a.clone()).unwrap(),
            AudioServerMessage::from_value(b.clone()).unwrap()
        );
    }
    let noisy_video: Value = serde_json::from_slice(&noisy("realtime-video-server.json")).unwrap();
    let plain = fixtures::value("realtime-video-server.json");
    for (a, b) in noisy_video
        .as_array()
        .unwrap()
        .iter()
        .zip(plain.as_array().unwrap())
    {
        assert_eq!(
            VideoServerMessage::from_value(a.clone()).unwrap(),
            VideoServerMessage::from_value(b.clone()).unwrap()
        );
    }
}

#[test]
fn unknown_enum_values_are_kept_not_rejected() {
    let mut v = fixtures::value("audio-file-response.json");
    v["measurements"][0]["trigger"] = "voice_activity".into();
    let r = AudioFileResponse::from_response(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(
        r.measurements[0].trigger,
        MeasurementTrigger::Other("voice_activity".into())
    );
    assert_eq!(
        serde_json::to_value(&r).unwrap()["measurements"][0]["trigger"],
        "voice_activity"
    );

    let mut v = fixtures::value("runs-page.json");
    v["runs"][0]["status"] = "paused".into();
    v["runs"][0]["mode"] = "stream".into();
    v["runs"][0]["endpoint"] = "text".into();
    let page = RunsPage::from_response(&serde_json::to_vec(&v).unwrap()).unwrap();
    let run = &page.runs[0];
    assert_eq!(run.status, RunStatus::Other("paused".into()));
    assert_eq!(run.mode, RunMode::Other("stream".into()));
    assert_eq!(run.endpoint, RunEndpoint::Other("text".into()));
    assert!(!run.status.is_known());

    let mut v = fixtures::value("run-events-page.json");
    v["events"][1]["kind"] = "session_resumed".into();
    v["capped_kinds"] = json!(["session_resumed", "rate_limited"]);
    let page = RunEventsPage::from_response(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(
        page.events[1].kind,
        RunEventKind::Other("session_resumed".into())
    );
    assert_eq!(page.capped_kinds[0].as_str(), "session_resumed");
    assert_eq!(page.capped_kinds[1], RunEventKind::RateLimited);
}

#[test]
fn new_score_names_are_just_names() {
    let mut v = fixtures::value("audio-file-response.json");
    v["measurements"][0]["expressions"][0]["name"] = "schadenfreude (mild)".into();
    let r = AudioFileResponse::from_response(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(
        r.measurements[0].expressions[0].name,
        "schadenfreude (mild)"
    );
}

#[test]
fn nulls_are_accepted_where_the_server_may_omit() {
    let mut v = fixtures::value("video-file-response.json");
    v["face_state"] = Value::Null;
    let r = VideoFileResponse::from_response(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert!(r.face_state.is_none());

    let mut v = fixtures::value("runs-page.json");
    v["next_cursor"] = Value::Null;
    let runs = v["runs"][1].as_object_mut().unwrap();
    runs.remove("ended_at");
    runs.remove("bytes_received");
    runs.remove("bytes_recorded");
    let page = RunsPage::from_response(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert!(page.is_last());
    assert_eq!(page.runs[1].ended_at, None);
    assert_eq!(page.runs[1].bytes_received, None);

    let mut v = fixtures::value("run-audio-realtime.json");
    v["close_code"] = Value::Null;
    v["close_reason"] = Value::Null;
    let run = Run::from_value(v).unwrap();
    assert_eq!((run.close_code, run.close_reason), (None, None));

    let mut v = fixtures::value("run-events-page.json");
    v.as_object_mut().unwrap().remove("capped_kinds");
    v["events"][0]["detail"] = Value::Null;
    let page = RunEventsPage::from_response(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert!(page.capped_kinds.is_empty());
    assert_eq!(page.events[0].detail, None);
}

#[test]
fn required_fields_stay_required() {
    for (field, name) in [
        ("request_id", "audio-file-response.json"),
        ("run_id", "video-file-response.json"),
        ("measurements", "audio-file-response.json"),
    ] {
        let mut v = fixtures::value(name);
        v.as_object_mut().unwrap().remove(field);
        let body = serde_json::to_vec(&v).unwrap();
        let err = if name.starts_with("audio") {
            AudioFileResponse::from_response(&body)
                .map(|_| ())
                .unwrap_err()
        } else {
            VideoFileResponse::from_response(&body)
                .map(|_| ())
                .unwrap_err()
        };
        assert!(err.to_string().contains(field), "{err}");
    }
}
