use std::time::Duration;

use hume_models::v1::VideoFileConfig;
use hume_models::v1::realtime::{ErrorMessage, VideoServerMessage};
use jiff::Timestamp;

use super::*;
use crate::SessionFaults;
use crate::routes::v1::realtime::session_core::StepEnd;
use crate::routes::v1::test_media::jpeg;
use crate::routes::v1::upload::FilePart;
use crate::routes::v1::video::{check_images, measure};
use crate::synth::v1::FaceStateKey;

fn relaxed() -> RealtimeConfig {
    RealtimeConfig::default().with_relaxed_pacing(true)
}

fn session(settings: &RealtimeConfig) -> VideoSession {
    VideoSession::new(SessionId::new("v-1"), settings)
}

fn one(step: &Step) -> VideoServerMessage {
    assert_eq!(
        step.messages.len(),
        1,
        "one reply per frame: {:?}",
        step.messages
    );
    VideoServerMessage::from_json(&step.messages[0]).unwrap()
}

fn error(step: &Step) -> ErrorMessage {
    match one(step) {
        VideoServerMessage::Error(e) => e,
        other => panic!("not an error: {other:?}"),
    }
}

fn result(step: &Step) -> FrameMeasurement {
    match one(step) {
        VideoServerMessage::MeasurementResult(m) => m,
        other => panic!("not a result: {other:?}"),
    }
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// The upload endpoint's answer for these images in one request (one tracker).
fn uploaded(images: &[Vec<u8>]) -> Vec<FrameMeasurement> {
    let parts = images
        .iter()
        .map(|data| FilePart {
            filename: None,
            content_type: Some("image/jpeg".to_owned()),
            data: data.clone(),
            len: data.len() as u64,
        })
        .collect();
    let checked = check_images(parts).unwrap();
    measure(
        &checked,
        &VideoFileConfig::new(),
        &FaceStateKey::new(b"k"),
        &[0; 32],
        Timestamp::UNIX_EPOCH,
    )
    .frames
}

#[test]
fn created_reports_the_defaults() {
    match VideoServerMessage::from_json(&session(&relaxed()).created()).unwrap() {
        VideoServerMessage::SessionCreated(c) => {
            assert_eq!(c.session_id.as_str(), "v-1");
            assert_eq!((c.face.threshold, c.face.min_size), (0.9, 60));
            assert!(c.image.is_supported());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn frames_are_measured_as_the_upload_measures_them() {
    let images: Vec<Vec<u8>> = (0..6).map(|i| jpeg(640 + i * 16, 480, i as u8)).collect();
    let mut s = session(&relaxed());
    let results: Vec<FrameMeasurement> = images
        .iter()
        .map(|image| result(&s.on_frame(image, ms(0))))
        .collect();
    assert_eq!(results, uploaded(&images));
    let faces: u64 = results
        .iter()
        .map(|r| r.measured_faces().count() as u64)
        .sum();
    match VideoServerMessage::from_json(&s.finish(CloseReason::ClientRequest)[0]).unwrap() {
        VideoServerMessage::SessionClosed(closed) => {
            assert_eq!(closed.reason, CloseReason::ClientRequest);
            assert_eq!(closed.received.frames, 6);
            assert_eq!(closed.produced.measurements, faces);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.usage().metered_seconds, 2.0);
}

#[test]
fn bad_frames_get_an_error_and_no_frame_id() {
    let mut s = session(&relaxed());
    assert_eq!(result(&s.on_frame(&jpeg(640, 480, 0), ms(0))).frame_id, 0);
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let mut truncated = jpeg(640, 480, 1);
    truncated.truncate(truncated.len() - 2);
    for bad in [Vec::new(), png, truncated, jpeg(3841, 2160, 0)] {
        let step = s.on_frame(&bad, ms(0));
        let e = error(&step);
        assert_eq!(e.code, ErrorCode::InvalidImageFrame);
        assert!(e.retryable);
        assert_eq!(step.end, None);
        assert_eq!(step.events[0].kind, RunEventKind::InvalidImageFrame);
    }
    assert_eq!(result(&s.on_frame(&jpeg(640, 480, 2), ms(0))).frame_id, 1);
    // Invalid frames past the rate check count as bytes received, not as frames measured.
    let usage = s.usage();
    assert!(usage.bytes_received > 2 * jpeg(640, 480, 0).len() as u64);
    assert!((usage.metered_seconds - 2.0 / 3.0).abs() < 1e-9);
}

#[test]
fn frames_beyond_three_per_second_are_rate_limited() {
    let settings = RealtimeConfig::default().with_video_burst(3);
    let mut s = session(&settings);
    let frame = jpeg(320, 240, 0);
    for i in 0..3 {
        assert_eq!(result(&s.on_frame(&frame, ms(0))).frame_id, i);
    }
    let step = s.on_frame(&frame, ms(0));
    assert_eq!(error(&step).code, ErrorCode::RateLimited);
    assert_eq!(step.events[0].kind, RunEventKind::RateLimited);
    assert!(matches!(
        one(&s.on_frame(&frame, ms(300))),
        VideoServerMessage::Error(_)
    ));
    assert_eq!(result(&s.on_frame(&frame, ms(334))).frame_id, 3);
    // A steady 3 fps is never refused.
    for i in 1..100 {
        assert!(matches!(
            one(&s.on_frame(&frame, ms(334 + i * 334))),
            VideoServerMessage::MeasurementResult(_)
        ));
    }
}

#[test]
fn forced_rate_limits() {
    let settings = relaxed().with_faults(SessionFaults::none().with_rate_limit_every(3));
    let mut s = session(&settings);
    let frame = jpeg(320, 240, 0);
    let codes: Vec<bool> = (0..6)
        .map(|_| {
            matches!(
                one(&s.on_frame(&frame, ms(0))),
                VideoServerMessage::MeasurementResult(_)
            )
        })
        .collect();
    assert_eq!(codes, [true, true, false, true, true, false]);
}

#[test]
fn updates_change_the_face_settings_until_the_first_frame() {
    let mut s = session(&relaxed());
    let step = s.on_text(
        r#"{"type":"session.update","face":{"threshold":0.0,"min_size":1}}"#,
        ms(0),
    );
    match one(&step) {
        VideoServerMessage::SessionUpdated(u) => {
            assert_eq!((u.face.threshold, u.face.min_size), (0.0, 1));
        }
        other => panic!("{other:?}"),
    }
    let loose = result(&s.on_frame(&jpeg(640, 480, 0), ms(0)));
    let strict = result(&session(&relaxed()).on_frame(&jpeg(640, 480, 0), ms(0)));
    assert!(loose.faces.len() >= strict.faces.len());
    let config = s.run_config();
    let face = &config.as_video().unwrap().face;
    assert_eq!((face.threshold, face.min_size), (0.0, 1));

    let step = s.on_text(r#"{"type":"session.update"}"#, ms(0));
    assert_eq!(error(&step).code, ErrorCode::ConfigInvalid);
    assert_eq!(step.end, Some(StepEnd::Fatal { close_code: 1008 }));
}
