use hume_models::v1::realtime::{
    AudioServerMessage, AudioSessionUpdate, CloseReason, ErrorCode, VideoSessionUpdate,
    VideoSessionUpdated,
};

use super::*;
use hume_bench_data::test_media::jpeg;

use crate::realtime::testing::{
    audio_closed, audio_created, audio_error, audio_measurement, utterance_end, utterance_start,
    video_closed, video_created, video_error, video_result,
};

#[test]
fn kinds_paths_and_limits() {
    assert_eq!(Audio::KIND, EndpointKind::Audio);
    assert_eq!(Video::KIND.to_string(), "video");
    assert_eq!(EndpointKind::Audio.path(), "/v1/expression/audio/realtime");
    assert_eq!(EndpointKind::Video.path(), "/v1/expression/video/realtime");
    assert_eq!(EndpointKind::Audio.max_message_bytes(), 1_048_576);
    assert_eq!(EndpointKind::Video.max_message_bytes(), 2_000_000);
}

#[test]
fn which_errors_answer_a_frame() {
    let audio = EndpointKind::Audio;
    let video = EndpointKind::Video;
    assert!(audio.error_answers_frame(&ErrorCode::RateLimited));
    assert!(audio.error_answers_frame(&ErrorCode::InvalidAudioFrame));
    // An audio internal_error ends the session; it answers no frame.
    assert!(!audio.error_answers_frame(&ErrorCode::InternalError));
    assert!(video.error_answers_frame(&ErrorCode::InternalError));
    assert!(video.error_answers_frame(&ErrorCode::InvalidImageFrame));
    for code in [
        ErrorCode::MessageInvalid,
        ErrorCode::ConfigInvalid,
        ErrorCode::MessageTooLarge,
        ErrorCode::from("something_new"),
    ] {
        assert!(!audio.error_answers_frame(&code) && !video.error_answers_frame(&code));
    }
}

#[test]
fn client_messages() {
    let update = AudioSessionUpdate::new().with_measurement_timer_ms(5000);
    assert_eq!(
        Audio::update_message(&update),
        r#"{"type":"session.update","measurement_timer_ms":5000}"#
    );
    assert_eq!(Audio::close_message(), r#"{"type":"session.close"}"#);
    assert_eq!(Video::close_message(), r#"{"type":"session.close"}"#);
    let update = VideoSessionUpdate::new().with_min_size(20);
    assert_eq!(
        Video::update_message(&update),
        r#"{"type":"session.update","face":{"min_size":20}}"#
    );
    assert!(Audio::validate_update(&update_with_timer(100)).is_err());
    assert!(Audio::validate_update(&update_with_timer(3000)).is_ok());
    assert!(Video::validate_update(&VideoSessionUpdate::new().with_min_size(0)).is_err());
}

fn update_with_timer(ms: u32) -> AudioSessionUpdate {
    AudioSessionUpdate::new().with_measurement_timer_ms(ms)
}

#[test]
fn frames_are_checked_per_endpoint() {
    assert_eq!(
        Audio::check_frame(&[0; 320]),
        Ok(std::time::Duration::from_millis(10))
    );
    assert_eq!(
        Video::check_frame(&jpeg(8, 8, 0)),
        Ok(std::time::Duration::ZERO)
    );
    assert!(Video::check_frame(&[0; 320]).is_err());
    assert!(Audio::check_frame(&[0; 3]).is_err());
}

fn audio_signal(json: &str) -> String {
    let message = Audio::parse(json.as_bytes()).unwrap();
    format!(
        "{} {:?}",
        Audio::message_type(&message),
        Audio::signal(&message)
    )
}

fn video_signal(json: &str) -> String {
    let message = Video::parse(json.as_bytes()).unwrap();
    format!(
        "{} {:?}",
        Video::message_type(&message),
        Video::signal(&message)
    )
}

#[test]
fn what_the_session_learns_from_each_audio_message() {
    assert!(audio_signal(&audio_created("a")).starts_with("session.created Created"));
    let updated = AudioServerMessage::from(AudioSessionUpdate::new().resolve()).to_json();
    assert!(audio_signal(&updated).starts_with("session.updated Updated"));
    assert_eq!(
        audio_signal(&utterance_start(0, 98)),
        "utterance.start UtteranceStart { audio_start_ms: 98 }"
    );
    assert_eq!(
        audio_signal(&utterance_end(0, 98, 5000)),
        "utterance.end UtteranceEnd { audio_end_ms: 5000 }"
    );
    assert_eq!(
        audio_signal(&audio_measurement(0, 0, 3000)),
        "measurement.result Other"
    );
    assert!(audio_signal(&audio_error(ErrorCode::RateLimited, true)).starts_with("error Error"));
    assert!(
        audio_signal(&audio_closed("a", CloseReason::ClientRequest, 1))
            .starts_with("session.closed Closed")
    );
    assert_eq!(audio_signal(r#"{"type":"new.thing"}"#), "new.thing Other");
}

#[test]
fn what_the_session_learns_from_each_video_message() {
    let created = Video::parse(video_created("v").as_bytes()).unwrap();
    let Signal::Created { session_id, config } = Video::signal(&created) else {
        panic!("created");
    };
    assert_eq!(session_id.as_str(), "v");
    assert_eq!(config, VideoSessionUpdated::default());
    assert_eq!(
        video_signal(&video_result(3)),
        "measurement.result FrameResult"
    );
    assert!(video_signal(&video_error(ErrorCode::InternalError, true)).starts_with("error Error"));
    let closed = Video::parse(video_closed("v", CloseReason::IdleTimeout, 2).as_bytes()).unwrap();
    let Signal::Closed { reason, closed } = Video::signal(&closed) else {
        panic!("closed");
    };
    assert_eq!(*reason, CloseReason::IdleTimeout);
    assert_eq!(closed.received.frames, 2);
    assert_eq!(video_signal(r#"{"no":"type"}"#), " Other");
}
