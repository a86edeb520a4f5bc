//! `/v1/expression/video/realtime`: one reply per frame, `frame_id`, face settings, the send
//! rate, size limits.

use hume_emulator::{EmulatorConfig, RealtimeConfig, RunningEmulator, V1Config};
use hume_models::v1::realtime::{CloseReason, ErrorCode, VideoServerMessage};
use hume_models::v1::{RunStatus, VideoFileResponse};

use super::ws::{End, VIDEO, Ws, connect, ended_run, event_kinds, session_id};
use crate::v1::client::{V1, emulator, ok_json, start};
use crate::v1::media::{big_jpeg, jpeg};

async fn relaxed() -> RunningEmulator {
    start(EmulatorConfig::default().with_v1(
        V1Config::default().with_realtime(RealtimeConfig::default().with_relaxed_pacing(true)),
    ))
    .await
}

async fn open(emulator: &RunningEmulator) -> (Ws, String) {
    let mut ws = connect(emulator, VIDEO).await;
    let id = session_id(&ws.next_json().await);
    (ws, id)
}

#[tokio::test]
async fn every_frame_gets_one_reply_in_order() {
    let emulator = relaxed().await;
    let images: Vec<Vec<u8>> = (0..8).map(|i| jpeg(640 + i * 32, 480, i as u8)).collect();
    let refs: Vec<&[u8]> = images.iter().map(Vec::as_slice).collect();
    let upload =
        VideoFileResponse::from_value(ok_json(&V1::new(&emulator).images(&refs, None).await))
            .unwrap();

    let (mut ws, id) = open(&emulator).await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    // The frames, with a PNG and an empty message among them.
    let mut sent: Vec<Option<usize>> = Vec::new();
    for (i, image) in images.iter().enumerate() {
        ws.binary(image).await;
        sent.push(Some(i));
        if i == 2 {
            ws.binary(&png).await;
            sent.push(None);
        }
        if i == 5 {
            ws.binary(&[]).await;
            sent.push(None);
        }
    }
    ws.close_session().await;
    let mut results = Vec::new();
    for expected in &sent {
        match (ws.next_video().await, expected) {
            (VideoServerMessage::MeasurementResult(m), Some(_)) => results.push(m),
            (VideoServerMessage::Error(e), None) => {
                assert_eq!(e.code, ErrorCode::InvalidImageFrame);
                assert!(e.retryable);
            }
            (other, _) => panic!("{other:?} for {expected:?}"),
        }
    }
    // frame_id counts results; the faces are the upload's, face ids tracked the same way.
    assert_eq!(
        results.iter().map(|r| r.frame_id).collect::<Vec<_>>(),
        (0..8).collect::<Vec<u64>>()
    );
    assert_eq!(results, upload.measurements);
    let faces: u64 = results
        .iter()
        .map(|r| r.measured_faces().count() as u64)
        .sum();
    match ws.next_video().await {
        VideoServerMessage::SessionClosed(closed) => {
            assert_eq!(closed.reason, CloseReason::ClientRequest);
            assert_eq!(closed.received.frames, 8);
            assert_eq!(closed.produced.measurements, faces);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        ws.end().await.1,
        End::Closed(1000, "client_request".to_owned())
    );
    let run = ended_run(&emulator, &id).await;
    assert_eq!(run.status, RunStatus::Ended);
    assert_eq!(
        run.metered_seconds, 10.0,
        "8 frames are 2.67 s, billed at least 10 s"
    );
    let kinds: Vec<String> = event_kinds(&emulator, &id)
        .await
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, ["invalid_image_frame", "invalid_image_frame"]);
}

#[tokio::test]
async fn face_settings_apply_before_the_first_frame() {
    let emulator = emulator().await;
    let (mut ws, id) = open(&emulator).await;
    ws.text(r#"{"type":"session.update","face":{"threshold":0.5,"min_size":20}}"#)
        .await;
    match ws.next_video().await {
        VideoServerMessage::SessionUpdated(u) => {
            assert_eq!((u.face.threshold, u.face.min_size), (0.5, 20));
        }
        other => panic!("{other:?}"),
    }
    ws.binary(&jpeg(640, 480, 0)).await;
    assert!(matches!(
        ws.next_video().await,
        VideoServerMessage::MeasurementResult(_)
    ));
    let live = super::ws::run(&emulator, &id).await;
    let face = &live.config.as_video().unwrap().face;
    assert_eq!((face.threshold, face.min_size), (0.5, 20));
    ws.text(r#"{"type":"session.update"}"#).await;
    match ws.next_video().await {
        VideoServerMessage::Error(e) => assert_eq!(e.code, ErrorCode::ConfigInvalid),
        other => panic!("{other:?}"),
    }
    assert!(ws.next_video().await.is_session_closed());
    assert_eq!(ws.end().await.1, End::Closed(1008, "error".to_owned()));
}

#[tokio::test]
async fn frames_faster_than_three_per_second_are_rate_limited() {
    let emulator = emulator().await;
    let (mut ws, id) = open(&emulator).await;
    let frame = jpeg(320, 240, 0);
    for _ in 0..8 {
        ws.binary(&frame).await;
    }
    let mut answers = Vec::new();
    for _ in 0..8 {
        answers.push(match ws.next_video().await {
            VideoServerMessage::MeasurementResult(m) => Some(m.frame_id),
            VideoServerMessage::Error(e) => {
                assert_eq!(e.code, ErrorCode::RateLimited);
                None
            }
            other => panic!("{other:?}"),
        });
    }
    // The burst of three passes at once; sent back to back, the rest are refused.
    assert_eq!(&answers[..3], [Some(0), Some(1), Some(2)]);
    let limited = answers.iter().filter(|a| a.is_none()).count();
    assert!(limited >= 1, "{answers:?}");
    let events = event_kinds(&emulator, &id).await;
    assert_eq!(events.len(), limited);
    ws.close_session().await;
    ws.end().await;
}

#[tokio::test]
async fn a_message_over_two_megabytes_ends_the_session() {
    let emulator = emulator().await;
    let (mut ws, id) = open(&emulator).await;
    ws.try_binary(&big_jpeg(2_000_001)).await;
    let (texts, end) = ws.end().await;
    assert_eq!(end, End::Closed(1009, "error".to_owned()));
    match VideoServerMessage::from_json(&texts[0]).unwrap() {
        VideoServerMessage::Error(e) => {
            assert_eq!(e.code, ErrorCode::MessageTooLarge);
            assert!(!e.retryable);
        }
        other => panic!("{other:?}"),
    }
    let run = ended_run(&emulator, &id).await;
    assert_eq!(
        (run.status, run.close_code),
        (RunStatus::Errored, Some(1009))
    );
    let events = event_kinds(&emulator, &id).await;
    assert_eq!(events[0]["detail"]["limit_bytes"], 2_000_000);
}
