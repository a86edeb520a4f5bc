//! Realtime messages: every type both ways, unknown types, the configuration rules.

use hume_models::v1::realtime::{
    AudioClientMessage, AudioProduced, AudioReceived, AudioServerMessage, AudioSessionClosed,
    AudioSessionCreated, AudioSessionUpdate, CloseReason, ErrorCode, ErrorMessage, UtteranceStart,
    VideoClientMessage, VideoProduced, VideoReceived, VideoServerMessage, VideoSessionClosed,
    VideoSessionCreated, VideoSessionUpdate, message_type,
};
use hume_models::v1::{
    AudioConfig, AudioConfigUpdate, AudioMeasurement, FaceConfig, FaceConfigUpdate,
    FrameMeasurement, ImageConfig, MeasurementTrigger, Score, Utterance,
};
use serde_json::{Value, json};

use crate::fixtures;

fn messages(name: &str) -> Vec<Value> {
    match fixtures::value(name) {
        Value::Array(items) => items,
        other => panic!("{name} is not an array: {other}"),
    }
}

#[test]
fn every_audio_server_message_parses_and_serialises_back() {
    let expected_types = [
        "session.created",
        "session.updated",
        "utterance.start",
        "error",
        "measurement.result",
        "error",
        "measurement.result",
        "utterance.end",
        "session.closed",
    ];
    let all = messages("realtime-audio-server.json");
    assert_eq!(all.len(), expected_types.len());
    for (raw, ty) in all.iter().zip(expected_types) {
        let m = AudioServerMessage::from_json(&raw.to_string()).unwrap();
        assert!(!matches!(m, AudioServerMessage::Unknown(_)), "{raw}");
        assert_eq!(m.type_name(), ty);
        fixtures::assert_serialises_to(&m, raw);
        // serde path too.
        let via_serde: AudioServerMessage = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(via_serde, m);
        assert_eq!(AudioServerMessage::from_json(&m.to_json()).unwrap(), m);
    }

    let parsed: Vec<AudioServerMessage> = all
        .into_iter()
        .map(|v| AudioServerMessage::from_value(v).unwrap())
        .collect();
    match &parsed[0] {
        AudioServerMessage::SessionCreated(c) => {
            assert_eq!(c.session_id, "run_01JAB6R2SESSION000000000AA");
            assert_eq!(c.session_id.run_id(), "run_01JAB6R2SESSION000000000AA");
            assert_eq!(c.audio, AudioConfig::default());
            assert_eq!(c.measurement_timer_ms, 3000);
            assert_eq!(*c, AudioSessionCreated::with_defaults(c.session_id.clone()));
        }
        other => panic!("{other:?}"),
    }
    match &parsed[1] {
        AudioServerMessage::SessionUpdated(u) => assert_eq!(u.measurement_timer_ms, 5000),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        parsed[2],
        AudioServerMessage::UtteranceStart(UtteranceStart::new(0, 98))
    );
    match &parsed[3] {
        AudioServerMessage::Error(e) => {
            assert_eq!(e.code, ErrorCode::InvalidAudioFrame);
            assert!(e.retryable);
            assert!(e.code.answers_audio_frame());
        }
        other => panic!("{other:?}"),
    }
    match &parsed[4] {
        AudioServerMessage::MeasurementResult(m) => {
            assert_eq!(m.audio_end_ms, 5098);
            assert_eq!(m.trigger, MeasurementTrigger::Interval);
            assert_eq!(m.voice_attributes[0].name, "loud");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        parsed[7],
        AudioServerMessage::UtteranceEnd(Utterance::new(0, 98, 8211))
    );
    assert!(parsed[8].is_session_closed());
    assert_eq!(
        parsed[8],
        AudioServerMessage::SessionClosed(AudioSessionClosed::new(
            "run_01JAB6R2SESSION000000000AA",
            CloseReason::ClientRequest,
            AudioReceived::new(9000, 90),
            AudioProduced::new(1, 2),
        ))
    );
}

#[test]
fn every_video_server_message_parses_and_serialises_back() {
    let all = messages("realtime-video-server.json");
    let parsed: Vec<VideoServerMessage> = all
        .iter()
        .map(|v| VideoServerMessage::from_json(&v.to_string()).unwrap())
        .collect();
    for (m, raw) in parsed.iter().zip(&all) {
        assert!(!matches!(m, VideoServerMessage::Unknown(_)), "{raw}");
        assert_eq!(m.type_name(), raw["type"].as_str().unwrap());
        fixtures::assert_serialises_to(m, raw);
    }
    assert_eq!(
        parsed[0],
        VideoServerMessage::SessionCreated(VideoSessionCreated::with_defaults(
            "run_01JAB7CAMERA0000000000000"
        ))
    );
    match &parsed[1] {
        VideoServerMessage::SessionUpdated(u) => {
            assert_eq!(u.face, FaceConfig::new(0.75, 60));
            assert_eq!(u.image, ImageConfig::default());
        }
        other => panic!("{other:?}"),
    }
    // Pairing replies with frames: results and frame errors answer a frame, others do not.
    let answers: Vec<bool> = parsed
        .iter()
        .map(VideoServerMessage::answers_frame)
        .collect();
    assert_eq!(answers, [false, false, true, true, true, true, false]);
    match &parsed[5] {
        VideoServerMessage::Error(e) => {
            assert_eq!(e.code, ErrorCode::InternalError);
            assert!(!e.retryable);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        parsed[6],
        VideoServerMessage::SessionClosed(VideoSessionClosed::new(
            "run_01JAB7CAMERA0000000000000",
            CloseReason::IdleTimeout,
            VideoReceived::new(3),
            VideoProduced::new(1),
        ))
    );
}

#[test]
fn unknown_message_types_are_kept_as_raw_json() {
    for raw in [
        json!({"type": "session.warning", "detail": {"lag_ms": 900}}),
        json!({"no_type": true}),
        json!({"type": 7}),
        json!([1, 2, 3]),
        json!("session.created"),
        json!(null),
    ] {
        let text = raw.to_string();
        for parsed in [
            serde_json::to_value(AudioServerMessage::from_json(&text).unwrap()).unwrap(),
            serde_json::to_value(VideoServerMessage::from_json(&text).unwrap()).unwrap(),
            serde_json::to_value(AudioClientMessage::from_json(&text).unwrap()).unwrap(),
            serde_json::to_value(VideoClientMessage::from_json(&text).unwrap()).unwrap(),
        ] {
            assert_eq!(parsed, raw);
        }
        match AudioServerMessage::from_json(&text).unwrap() {
            AudioServerMessage::Unknown(v) => assert_eq!(v, raw),
            other => panic!("{other:?}"),
        }
    }
    let m = VideoServerMessage::from_json(r#"{"type":"frame.skipped","frame":3}"#).unwrap();
    assert_eq!(m.type_name(), "frame.skipped");
    assert!(!m.answers_frame());
    assert_eq!(AudioServerMessage::from_json("{}").unwrap().type_name(), "");
}

#[test]
fn a_known_type_with_bad_fields_is_an_error_naming_the_field() {
    let err = AudioServerMessage::from_json(
        r#"{"type":"utterance.start","utterance_id":"zero","audio_start_ms":98}"#,
    )
    .unwrap_err();
    assert_eq!(err.target(), "UtteranceStart");
    assert_eq!(err.path(), "utterance_id");
    let err =
        VideoServerMessage::from_json(r#"{"type":"measurement.result","frame_id":0}"#).unwrap_err();
    assert!(err.to_string().contains("faces"), "{err}");
    // Not JSON at all.
    let err = AudioServerMessage::from_json("{\"type\":").unwrap_err();
    assert!(err.is_eof());
}

#[test]
fn unknown_enum_values_inside_messages_are_kept() {
    let m = AudioServerMessage::from_json(
        r#"{"type":"error","code":"quota_exceeded","message":"x","retryable":false}"#,
    )
    .unwrap();
    match m {
        AudioServerMessage::Error(e) => {
            assert_eq!(e.code, ErrorCode::Other("quota_exceeded".into()));
            assert!(!e.code.answers_audio_frame() && !e.code.answers_video_frame());
        }
        other => panic!("{other:?}"),
    }
    let m = VideoServerMessage::from_json(
        r#"{"type":"session.closed","session_id":"s","reason":"maintenance",
            "received":{"frames":0},"produced":{"measurements":0}}"#,
    )
    .unwrap();
    match m {
        VideoServerMessage::SessionClosed(c) => assert_eq!(c.reason.as_str(), "maintenance"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn client_messages_parse_for_the_server() {
    let audio: Vec<AudioClientMessage> = messages("realtime-audio-client.json")
        .into_iter()
        .map(|v| AudioClientMessage::from_value(v).unwrap())
        .collect();
    assert_eq!(
        audio[0],
        AudioClientMessage::SessionUpdate(AudioSessionUpdate::new())
    );
    assert_eq!(
        audio[1],
        AudioClientMessage::SessionUpdate(
            AudioSessionUpdate::new()
                .with_measurement_timer_ms(4000)
                .with_audio(
                    AudioConfigUpdate::new()
                        .with_media_type("audio/pcm".into())
                        .with_encoding("s16le".into())
                        .with_sample_rate(16000)
                        .with_channels(1)
                )
        )
    );
    assert_eq!(audio[2], AudioClientMessage::SessionClose);

    let video: Vec<VideoClientMessage> = messages("realtime-video-client.json")
        .into_iter()
        .map(|v| VideoClientMessage::from_value(v).unwrap())
        .collect();
    assert_eq!(video[0].type_name(), message_type::SESSION_UPDATE);
    match &video[1] {
        VideoClientMessage::SessionUpdate(u) => {
            assert_eq!(
                u.face,
                Some(
                    FaceConfigUpdate::new()
                        .with_threshold(0.6)
                        .with_min_size(24)
                )
            );
            assert!(u.validate().is_ok());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(video[2], VideoClientMessage::SessionClose);
    // A bad update is an error the server answers with config_invalid.
    let err =
        AudioClientMessage::from_json(r#"{"type":"session.update","measurement_timer_ms":-3}"#)
            .unwrap_err();
    assert_eq!(err.path(), "measurement_timer_ms");
}

#[test]
fn client_messages_serialise_exactly() {
    assert_eq!(
        AudioClientMessage::SessionClose.to_json(),
        r#"{"type":"session.close"}"#
    );
    assert_eq!(
        VideoClientMessage::SessionClose.to_json(),
        r#"{"type":"session.close"}"#
    );
    assert_eq!(
        AudioClientMessage::from(AudioSessionUpdate::new()).to_json(),
        r#"{"type":"session.update"}"#
    );
    let update =
        AudioSessionUpdate::new().with_audio(AudioConfigUpdate::new().with_sample_rate(16000));
    assert_eq!(
        AudioClientMessage::from(update).to_json(),
        r#"{"type":"session.update","audio":{"sample_rate":16000}}"#
    );
    let update = VideoSessionUpdate::new()
        .with_min_size(30)
        .with_threshold(0.5);
    assert_eq!(
        VideoClientMessage::from(update).to_json(),
        r#"{"type":"session.update","face":{"threshold":0.5,"min_size":30}}"#
    );
}

#[test]
fn an_omitted_field_resets_to_its_default() {
    // The first update sets a timer; a later update without it does not keep it.
    let first = AudioSessionUpdate::new().with_measurement_timer_ms(8000);
    assert_eq!(first.resolve().measurement_timer_ms, 8000);
    let second = AudioSessionUpdate::new().with_audio(AudioConfigUpdate::new());
    assert_eq!(second.resolve().measurement_timer_ms, 3000);
    assert_eq!(second.resolve().audio, AudioConfig::default());

    // Nested fields too: a face update with only min_size resets the threshold.
    let v = VideoSessionUpdate::new().with_min_size(20).resolve();
    assert_eq!(v.face, FaceConfig::new(0.9, 20));
    assert_eq!(
        VideoSessionUpdate::new().resolve().face,
        FaceConfig::default()
    );

    // The created message reports the same defaults.
    assert_eq!(
        AudioSessionCreated::with_defaults("s").config(),
        AudioSessionUpdate::new().resolve()
    );
    assert_eq!(
        VideoSessionCreated::with_defaults("s").config(),
        VideoSessionUpdate::new().resolve()
    );
}

#[test]
fn built_server_messages_round_trip() {
    let msgs: Vec<AudioServerMessage> = vec![
        AudioSessionCreated::with_defaults("sess").into(),
        AudioSessionUpdate::new()
            .with_measurement_timer_ms(9000)
            .resolve()
            .into(),
        UtteranceStart::new(3, 41_000).into(),
        AudioMeasurement::new(
            12,
            3,
            41_000,
            44_000,
            MeasurementTrigger::Interval,
            vec![Score::new("joy", 0.5)],
            vec![],
        )
        .into(),
        Utterance::new(3, 41_000, 45_500).into(),
        ErrorMessage::new(ErrorCode::RateLimited, "slow down", true).into(),
        AudioSessionClosed::new(
            "sess",
            CloseReason::ServerShutdown,
            AudioReceived::new(60_000, 600),
            AudioProduced::new(4, 21),
        )
        .into(),
    ];
    for m in msgs {
        let back = AudioServerMessage::from_json(&m.to_json()).unwrap();
        assert_eq!(back, m);
        assert!(fixtures::null_paths(&serde_json::to_value(&m).unwrap()).is_empty());
    }
    let frame: VideoServerMessage = FrameMeasurement::new(0, vec![]).into();
    assert_eq!(
        frame.to_json(),
        r#"{"type":"measurement.result","frame_id":0,"faces":[]}"#
    );
}
