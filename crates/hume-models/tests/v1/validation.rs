//! Local checks: every documented limit, every problem reported at once.

use hume_models::v1::realtime::{AudioSessionUpdate, VideoSessionUpdate};
use hume_models::v1::{
    AudioConfigUpdate, AudioFileConfig, FaceConfigUpdate, FaceState, ImageConfigUpdate,
    ListRunsQuery, RunEventsQuery, VideoFileConfig, limits, validation,
};

fn fields(errors: hume_models::ValidationErrors) -> Vec<String> {
    errors.iter().map(|e| e.field.clone()).collect()
}

#[test]
fn measurement_timer_bounds_are_inclusive() {
    for ok in [3000, 3001, 6500, 9999, 10_000] {
        assert!(
            AudioFileConfig::new()
                .with_measurement_timer_ms(ok)
                .validate()
                .is_ok(),
            "{ok}"
        );
        assert!(
            AudioSessionUpdate::new()
                .with_measurement_timer_ms(ok)
                .validate()
                .is_ok(),
            "{ok}"
        );
    }
    for bad in [0, 1, 2999, 10_001, u32::MAX] {
        let errors = AudioFileConfig::new()
            .with_measurement_timer_ms(bad)
            .validate()
            .unwrap_err();
        assert_eq!(fields(errors.clone()), ["measurement_timer_ms"], "{bad}");
        assert!(errors.to_string().contains(&bad.to_string()), "{errors}");
        assert!(
            AudioSessionUpdate::new()
                .with_measurement_timer_ms(bad)
                .validate()
                .is_err(),
            "{bad}"
        );
    }
    assert!(AudioFileConfig::new().validate().is_ok());
}

#[test]
fn face_threshold_and_min_size() {
    for ok in [0.0, 0.5, 0.9, 1.0] {
        assert!(
            VideoFileConfig::new().with_threshold(ok).validate().is_ok(),
            "{ok}"
        );
        assert!(
            VideoSessionUpdate::new()
                .with_threshold(ok)
                .validate()
                .is_ok(),
            "{ok}"
        );
    }
    for bad in [-0.01, 1.0001, f64::NAN, f64::INFINITY, -f64::INFINITY] {
        assert_eq!(
            fields(
                VideoFileConfig::new()
                    .with_threshold(bad)
                    .validate()
                    .unwrap_err()
            ),
            ["face.threshold"],
            "{bad}"
        );
        assert!(
            VideoSessionUpdate::new()
                .with_threshold(bad)
                .validate()
                .is_err(),
            "{bad}"
        );
    }
    assert!(VideoFileConfig::new().with_min_size(1).validate().is_ok());
    assert_eq!(
        fields(
            VideoFileConfig::new()
                .with_min_size(0)
                .validate()
                .unwrap_err()
        ),
        ["face.min_size"]
    );
    assert!(
        VideoSessionUpdate::new()
            .with_min_size(0)
            .validate()
            .is_err()
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let errors = VideoFileConfig::new()
        .with_threshold(2.0)
        .with_min_size(0)
        .with_face_state(FaceState::new(""))
        .validate()
        .unwrap_err();
    assert_eq!(
        fields(errors),
        ["face.threshold", "face.min_size", "face_state"]
    );

    let update = AudioSessionUpdate::new()
        .with_audio(
            AudioConfigUpdate::new()
                .with_media_type("audio/mpeg".into())
                .with_encoding("f32le".into())
                .with_sample_rate(44_100)
                .with_channels(2),
        )
        .with_measurement_timer_ms(100);
    let errors = update.validate().unwrap_err();
    assert_eq!(
        fields(errors.clone()),
        [
            "audio.type",
            "audio.encoding",
            "audio.sample_rate",
            "audio.channels",
            "measurement_timer_ms"
        ]
    );
    // The same function is callable directly.
    assert_eq!(validation::audio_session_update(&update), errors);
    assert!(errors.to_string().contains("\"audio/mpeg\""), "{errors}");

    let errors = VideoSessionUpdate::new()
        .with_image(ImageConfigUpdate::new().with_media_type("image/png".into()))
        .with_face(
            FaceConfigUpdate::new()
                .with_threshold(-1.0)
                .with_min_size(0),
        )
        .validate()
        .unwrap_err();
    assert_eq!(
        fields(errors),
        ["image.type", "face.threshold", "face.min_size"]
    );
}

#[test]
fn the_supported_format_passes() {
    let update = AudioSessionUpdate::new().with_audio(
        AudioConfigUpdate::new()
            .with_media_type("audio/pcm".into())
            .with_encoding("s16le".into())
            .with_sample_rate(limits::AUDIO_SAMPLE_RATE)
            .with_channels(limits::AUDIO_CHANNELS),
    );
    assert!(update.validate().is_ok());
    assert!(update.resolve().audio.is_supported());
    let update = VideoSessionUpdate::new()
        .with_image(ImageConfigUpdate::new().with_media_type("image/jpeg".into()));
    assert!(update.validate().is_ok());
    assert!(update.resolve().image.is_supported());
}

#[test]
fn run_queries() {
    assert!(ListRunsQuery::new().validate().is_ok());
    assert!(ListRunsQuery::new().with_page_size(1).validate().is_ok());
    let after: jiff::Timestamp = "2026-10-21T00:00:00Z".parse().unwrap();
    let before: jiff::Timestamp = "2026-10-22T00:00:00Z".parse().unwrap();
    assert!(
        ListRunsQuery::new()
            .with_started_after(after)
            .with_started_before(before)
            .validate()
            .is_ok()
    );
    let errors = ListRunsQuery::new()
        .with_page_size(0)
        .with_cursor("")
        .with_user_id("")
        .with_started_after(before)
        .with_started_before(after)
        .validate()
        .unwrap_err();
    assert_eq!(
        fields(errors),
        ["page_size", "cursor", "user_id", "started_after"]
    );
    // An empty range (same instant) matches nothing either.
    assert!(
        ListRunsQuery::new()
            .with_started_after(after)
            .with_started_before(after)
            .validate()
            .is_err()
    );

    assert!(RunEventsQuery::new().with_page_size(50).validate().is_ok());
    let errors = RunEventsQuery::new()
        .with_page_size(0)
        .with_cursor("")
        .validate()
        .unwrap_err();
    assert_eq!(fields(errors), ["page_size", "cursor"]);
}

#[test]
fn documented_limits() {
    // Decimal megabytes (see limits' module docs).
    assert_eq!(limits::MAX_IMAGE_BYTES, 2_000_000);
    assert_eq!(limits::MAX_VIDEO_MESSAGE_BYTES, 2_000_000);
    assert_eq!(limits::MAX_REQUEST_BYTES, 25_000_000);
    assert_eq!(limits::MAX_AUDIO_MESSAGE_BYTES, 1 << 20);
    assert_eq!(limits::MAX_IMAGE_PIXELS, 3840 * 2160);
    // 10 s of 16 kHz mono s16le is the documented "320KB".
    assert_eq!(limits::MAX_AUDIO_FRAME_BYTES, 320_000);
    assert_eq!(
        u64::from(limits::MAX_AUDIO_FRAME_MS) * u64::from(limits::AUDIO_BYTES_PER_SECOND) / 1000,
        u64::from(limits::MAX_AUDIO_FRAME_BYTES)
    );
    assert_eq!(limits::MAX_VIDEO_FRAMES_PER_SECOND, 3);
    assert_eq!(
        (
            limits::MIN_MEASUREMENT_TIMER_MS,
            limits::MAX_MEASUREMENT_TIMER_MS
        ),
        (3000, 10_000)
    );
    assert_eq!(limits::DEFAULT_FACE_THRESHOLD, 0.9);
    assert_eq!(limits::DEFAULT_FACE_MIN_SIZE, 60);
    assert_eq!(limits::FACE_STATE_TTL_SECS, 86_400);
}
