use hume::models::v1::{AudioMeasurement, MeasurementTrigger, Score};
use hume::realtime::{
    Audio, AudioServerMessage, ErrorCode, ErrorMessage, SessionEvent, Video, VideoServerMessage,
};
use serde_json::{Value, json};

use super::render::{self, Line, Tally};
use super::*;

fn measurement() -> AudioServerMessage {
    AudioServerMessage::MeasurementResult(AudioMeasurement::new(
        4,
        1,
        2000,
        3600,
        MeasurementTrigger::SpeechEnded,
        vec![
            Score::new("joy", 0.25),
            Score::new("anger", 0.6214),
            Score::new("calmness", 0.5),
        ],
        vec![Score::new("clear", 0.7688)],
    ))
}

fn frame_result() -> VideoServerMessage {
    serde_json::from_value(json!({
    "type": "measurement.result", "frame_id": 7, "faces": [
        {"face_id": 3, "bbox": [1.0, 2.0, 60.0, 80.0], "confidence": 0.95,
         "expressions": [{"name": "joy", "probability": 0.8}, {"name": "awe", "probability": 0.3}],
         "descriptions": [{"name": "smile", "probability": 0.4}]},
        {"face_id": null, "bbox": [100.0, 2.0, 130.0, 40.0], "confidence": 0.91,
         "expressions": null, "descriptions": null}
    ]}))
    .expect("a frame result")
}

fn error(code: ErrorCode) -> ErrorMessage {
    ErrorMessage::new(code, "that frame", true)
}

#[test]
fn an_audio_measurement_is_one_line_of_its_top_scores() {
    let lines = render::event::<Audio>(&SessionEvent::Message(measurement()), false, 2);
    assert_eq!(
        lines,
        [Line::Out(
            "utterance 1 measurement 4 2.000-3.600 s (speech_ended): anger 0.6214, calmness 0.5; \
             voice: clear 0.7688"
                .into()
        )]
    );
}

#[test]
fn a_video_reply_names_its_frame_time_and_each_measured_face() {
    let event = SessionEvent::<Video>::Reply {
        tag: 1333,
        message: frame_result(),
    };
    let lines = render::event(&event, false, 1);
    assert_eq!(
        lines,
        [
            Line::Out("frame at 1.333 s (frame_id 7): 2 faces, 1 measured".into()),
            Line::Out("  face 3  0.95  joy 0.8  | smile 0.4".into()),
        ]
    );
    let failed = SessionEvent::<Video>::Reply {
        tag: 333,
        message: VideoServerMessage::Error(error(ErrorCode::InvalidImageFrame)),
    };
    assert_eq!(
        render::event(&failed, false, 1),
        [Line::Problem(
            "frame at 0.333 s: invalid_image_frame: that frame".into()
        )]
    );
}

/// The one stdout line of `lines`, parsed.
fn only_json(lines: Vec<Line>) -> Value {
    match lines.as_slice() {
        [Line::Out(line)] => serde_json::from_str(line).expect("json"),
        other => panic!("one stdout line expected: {other:?}"),
    }
}

#[test]
fn json_lines_carry_the_server_message_and_the_frame_time() {
    let event = SessionEvent::<Video>::Reply {
        tag: 667,
        message: frame_result(),
    };
    let value = only_json(render::event(&event, true, 3));
    assert_eq!(value["event"], "reply");
    assert_eq!(value["frame_ms"], 667);
    assert_eq!(value["message"]["type"], "measurement.result");
    assert_eq!(value["message"]["faces"][0]["face_id"], 3);

    let message = SessionEvent::<Audio>::Message(measurement());
    let value = only_json(render::event(&message, true, 3));
    assert_eq!(value["event"], "message");
    // Every score, not only the top ones.
    assert_eq!(
        value["message"]["expressions"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn the_tally_counts_frames_answered_with_an_error_but_not_rate_limits() {
    let mut tally = Tally::default();
    assert_eq!(tally.failure(), None);
    tally.count(&SessionEvent::<Video>::Reply {
        tag: 0,
        message: frame_result(),
    });
    tally.count(&SessionEvent::<Video>::Reply {
        tag: 0,
        message: VideoServerMessage::Error(error(ErrorCode::RateLimited)),
    });
    assert_eq!(tally.failure(), None);
    tally.count(&SessionEvent::<Audio>::Reply {
        tag: 0,
        message: AudioServerMessage::Error(error(ErrorCode::InvalidAudioFrame)),
    });
    tally.refused += 1;
    assert_eq!(
        tally.failure().as_deref(),
        Some("2 frames not measured: 1 refused before sending, 1 answered with an error")
    );
}

#[test]
fn max_reconnects_sets_the_policy() {
    let args = |n| SessionArgs {
        max_reconnects: n,
        top: 3,
    };
    assert!(
        !args(Some(0))
            .config(StreamMode::Recording)
            .reconnect()
            .is_enabled()
    );
    let five = args(Some(5)).config(StreamMode::Live);
    assert_eq!(five.reconnect().max_attempts(), 5);
    assert_eq!(five.mode(), StreamMode::Live);
    assert_eq!(
        args(None).config(StreamMode::Recording).reconnect(),
        ReconnectPolicy::default()
    );
}

#[test]
fn seconds_have_three_decimals() {
    assert_eq!(render::secs(0), "0.000");
    assert_eq!(render::secs(1005), "1.005");
    assert_eq!(render::secs(62_500), "62.500");
}
