//! Golden JSON of every request-side type: exact output, and never a `null`.

use hume_models::v1::realtime::{
    AudioClientMessage, AudioSessionUpdate, VideoClientMessage, VideoSessionUpdate,
};
use hume_models::v1::{
    AudioConfigUpdate, AudioFileConfig, FaceConfigUpdate, FaceState, ImageConfigUpdate,
    VideoFileConfig, VideoFileFaceConfig,
};
use serde_json::{Value, json};

use crate::fixtures;

fn golden<T: serde::Serialize>(value: &T, expected: Value) {
    let text = serde_json::to_string(value).unwrap();
    let got: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(got, expected, "{text}");
    assert!(
        fixtures::null_paths(&got).is_empty(),
        "nulls at {:?} in {text}",
        fixtures::null_paths(&got)
    );
}

#[test]
fn audio_file_config_golden() {
    golden(&AudioFileConfig::new(), json!({}));
    golden(
        &AudioFileConfig::new().with_measurement_timer_ms(3000),
        json!({"measurement_timer_ms": 3000}),
    );
}

#[test]
fn video_file_config_golden() {
    golden(&VideoFileConfig::new(), json!({}));
    golden(
        &VideoFileConfig::new().with_min_size(1),
        json!({"face": {"min_size": 1}}),
    );
    golden(
        &VideoFileConfig::new()
            .with_face(
                VideoFileFaceConfig::new()
                    .with_threshold(0.0)
                    .with_min_size(60)
                    .with_return_face_state(false),
            )
            .with_face_state(FaceState::new("fs1.token")),
        json!({"face": {"threshold": 0.0, "min_size": 60, "return_face_state": false},
               "face_state": "fs1.token"}),
    );
    golden(
        &VideoFileConfig::new().with_face_state(FaceState::new("t")),
        json!({"face_state": "t"}),
    );
}

#[test]
fn session_update_golden() {
    golden(
        &AudioClientMessage::from(AudioSessionUpdate::new()),
        json!({"type": "session.update"}),
    );
    golden(
        &AudioClientMessage::from(
            AudioSessionUpdate::new()
                .with_audio(
                    AudioConfigUpdate::new()
                        .with_media_type("audio/pcm".into())
                        .with_encoding("s16le".into())
                        .with_sample_rate(16_000)
                        .with_channels(1),
                )
                .with_measurement_timer_ms(10_000),
        ),
        json!({"type": "session.update",
               "audio": {"type": "audio/pcm", "encoding": "s16le", "sample_rate": 16000, "channels": 1},
               "measurement_timer_ms": 10000}),
    );
    golden(
        &VideoClientMessage::from(
            VideoSessionUpdate::new()
                .with_image(ImageConfigUpdate::new().with_media_type("image/jpeg".into()))
                .with_face(FaceConfigUpdate::new().with_threshold(1.0)),
        ),
        json!({"type": "session.update", "image": {"type": "image/jpeg"},
               "face": {"threshold": 1.0}}),
    );
    golden(
        &VideoClientMessage::from(VideoSessionUpdate::new().with_image(ImageConfigUpdate::new())),
        json!({"type": "session.update", "image": {}}),
    );
    golden(
        &AudioClientMessage::SessionClose,
        json!({"type": "session.close"}),
    );
    golden(
        &VideoClientMessage::SessionClose,
        json!({"type": "session.close"}),
    );
}

#[test]
fn request_configs_parse_back_to_themselves() {
    let audio = AudioFileConfig::new().with_measurement_timer_ms(4000);
    assert_eq!(
        AudioFileConfig::from_json(serde_json::to_string(&audio).unwrap().as_bytes()).unwrap(),
        audio
    );
    let video = VideoFileConfig::new()
        .with_threshold(0.25)
        .with_return_face_state(true)
        .with_face_state(FaceState::new("abc"));
    assert_eq!(
        VideoFileConfig::from_json(serde_json::to_string(&video).unwrap().as_bytes()).unwrap(),
        video
    );
    // A server tolerates nulls and unknown keys in what it receives.
    let lenient = VideoFileConfig::from_json(
        br#"{"face":{"threshold":null,"min_size":50,"extra":1},"face_state":null,"x":[]}"#,
    )
    .unwrap();
    assert_eq!(lenient, VideoFileConfig::new().with_min_size(50));
}

#[test]
fn empty_configs_can_be_left_out() {
    assert!(AudioFileConfig::new().is_empty());
    assert!(
        !AudioFileConfig::new()
            .with_measurement_timer_ms(3000)
            .is_empty()
    );
    assert!(VideoFileConfig::new().is_empty());
    assert!(
        VideoFileConfig::new()
            .with_face(VideoFileFaceConfig::new())
            .is_empty()
    );
    assert!(
        !VideoFileConfig::new()
            .with_return_face_state(false)
            .is_empty()
    );
    assert!(
        !VideoFileConfig::new()
            .with_face_state(FaceState::new("t"))
            .is_empty()
    );
}
