//! Every response fixture: parse, serialise, compare with the fixture (numbers by value).

use hume_models::v1::realtime::{
    AudioClientMessage, AudioServerMessage, VideoClientMessage, VideoServerMessage,
};
use hume_models::v1::{
    AudioFileResponse, AuthenticationError, ErrorBody, Run, RunEventsPage, RunsPage,
    VideoFileResponse,
};
use serde_json::Value;

use crate::fixtures;

/// Parses a fixture with the function its name calls for and serialises the result.
fn reserialise(name: &str) -> Value {
    let bytes = fixtures::bytes(name);
    let to = |r: Result<Value, serde_json::Error>| r.expect("serialises");
    if name.starts_with("audio-file-response") {
        to(serde_json::to_value(
            AudioFileResponse::from_response(&bytes).unwrap(),
        ))
    } else if name.starts_with("video-file-response") {
        to(serde_json::to_value(
            VideoFileResponse::from_response(&bytes).unwrap(),
        ))
    } else if name.starts_with("runs-page") {
        to(serde_json::to_value(
            RunsPage::from_response(&bytes).unwrap(),
        ))
    } else if name.starts_with("run-events-page") {
        to(serde_json::to_value(
            RunEventsPage::from_response(&bytes).unwrap(),
        ))
    } else if name.starts_with("run-") {
        to(serde_json::to_value(Run::from_response(&bytes).unwrap()))
    } else if name.starts_with("error-401") {
        to(serde_json::to_value(
            AuthenticationError::from_response(&bytes).unwrap(),
        ))
    } else if name.starts_with("error-") {
        to(serde_json::to_value(
            ErrorBody::from_response(&bytes).unwrap(),
        ))
    } else if name.starts_with("realtime-") {
        let items = match fixtures::value(name) {
            Value::Array(items) => items,
            other => panic!("{name}: {other}"),
        };
        let out: Vec<Value> = items
            .into_iter()
            .map(|v| {
                let m = if name.starts_with("realtime-audio-server") {
                    serde_json::to_value(AudioServerMessage::from_value(v).unwrap())
                } else if name.starts_with("realtime-video-server") {
                    serde_json::to_value(VideoServerMessage::from_value(v).unwrap())
                } else if name.starts_with("realtime-audio-client") {
                    serde_json::to_value(AudioClientMessage::from_value(v).unwrap())
                } else if name.starts_with("realtime-video-client") {
                    serde_json::to_value(VideoClientMessage::from_value(v).unwrap())
                } else {
                    panic!("no parser for {name}")
                };
                to(m)
            })
            .collect();
        Value::Array(out)
    } else {
        panic!("no parser for fixture {name}")
    }
}

#[test]
fn every_fixture_serialises_back_to_itself() {
    let names = fixtures::named("");
    assert!(names.len() >= 25, "{names:?}");
    for name in names {
        let got = reserialise(&name);
        let want = fixtures::value(&name);
        assert!(
            fixtures::same_json(&got, &want),
            "{name} changed in a round trip\n got: {got}\nwant: {want}"
        );
    }
}

#[test]
fn every_fixture_is_one_of_ours() {
    // Guard: a fixture nobody parses would silently test nothing.
    for name in fixtures::named("") {
        let known = [
            "audio-file-response",
            "video-file-response",
            "runs-page",
            "run-events-page",
            "run-",
            "error-",
            "realtime-audio-server",
            "realtime-video-server",
            "realtime-audio-client",
            "realtime-video-client",
        ];
        assert!(known.iter().any(|p| name.starts_with(p)), "{name}");
    }
}
