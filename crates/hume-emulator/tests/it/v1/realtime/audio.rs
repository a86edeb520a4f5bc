//! `/v1/expression/audio/realtime`: the same measurements as the upload, configuration,
//! frame checks, the send rate, size limits.

use hume_emulator::{EmulatorConfig, RealtimeConfig, RunningEmulator, V1Config};
use hume_models::v1::realtime::{AudioServerMessage, CloseReason, ErrorCode};
use hume_models::v1::{AudioFileResponse, AudioMeasurement, RunStatus, Utterance};

use super::ws::{AUDIO, End, Ws, connect, ended_run, event_kinds, session_id};
use crate::v1::client::{V1, emulator, ok_json, start};
use crate::v1::media::{Signal, two_bursts};

/// 100 ms of audio.
const FRAME: usize = 3_200;

async fn relaxed() -> RunningEmulator {
    start(EmulatorConfig::default().with_v1(
        V1Config::default().with_realtime(RealtimeConfig::default().with_relaxed_pacing(true)),
    ))
    .await
}

async fn open(emulator: &RunningEmulator) -> (Ws, String) {
    let mut ws = connect(emulator, AUDIO).await;
    let id = session_id(&ws.next_json().await);
    (ws, id)
}

fn error(message: &AudioServerMessage) -> &hume_models::v1::realtime::ErrorMessage {
    match message {
        AudioServerMessage::Error(e) => e,
        other => panic!("not an error: {other:?}"),
    }
}

#[tokio::test]
async fn a_session_measures_what_the_upload_measures() {
    let emulator = relaxed().await;
    let pcm = two_bursts();
    let upload = AudioFileResponse::from_value(ok_json(
        &V1::new(&emulator)
            .audio(&pcm, "application/octet-stream", None)
            .await,
    ))
    .unwrap();

    let (mut ws, id) = open(&emulator).await;
    for frame in pcm.chunks(FRAME) {
        ws.binary(frame).await;
    }
    ws.close_session().await;
    let messages = ws.audio_until_closed().await;
    let measurements: Vec<AudioMeasurement> = messages
        .iter()
        .filter_map(|m| match m {
            AudioServerMessage::MeasurementResult(m) => Some(m.clone()),
            _ => None,
        })
        .collect();
    let utterances: Vec<Utterance> = messages
        .iter()
        .filter_map(|m| match m {
            AudioServerMessage::UtteranceEnd(u) => Some(*u),
            _ => None,
        })
        .collect();
    assert!(!measurements.is_empty());
    assert_eq!(measurements, upload.measurements);
    assert_eq!(utterances, upload.utterances);
    // utterance.start, its measurements, utterance.end, in that order.
    let mut open_utterance = None;
    for message in &messages {
        match message {
            AudioServerMessage::UtteranceStart(s) => {
                assert_eq!(open_utterance, None);
                open_utterance = Some(s.utterance_id);
            }
            AudioServerMessage::MeasurementResult(m) => {
                assert_eq!(open_utterance, Some(m.utterance_id));
            }
            AudioServerMessage::UtteranceEnd(u) => {
                assert_eq!(open_utterance.take(), Some(u.utterance_id));
            }
            _ => {}
        }
    }
    let Some(AudioServerMessage::SessionClosed(closed)) = messages.last() else {
        panic!("session.closed last");
    };
    assert_eq!(closed.session_id.as_str(), id);
    assert_eq!(closed.reason, CloseReason::ClientRequest);
    assert_eq!(closed.received.audio_duration_ms, 7_500);
    assert_eq!(closed.received.frames, (pcm.len() / FRAME) as u64);
    assert_eq!(closed.produced.utterances, 2);
    assert_eq!(closed.produced.measurements, measurements.len() as u64);
    assert_eq!(
        ws.end().await.1,
        End::Closed(1000, "client_request".to_owned())
    );

    let run = ended_run(&emulator, &id).await;
    assert_eq!(run.status, RunStatus::Ended);
    assert_eq!(
        run.metered_seconds, 10.0,
        "7.5 s of audio, billed at least 10 s"
    );
    assert_eq!(run.bytes_received, Some(pcm.len() as u64));
    assert!(event_kinds(&emulator, &id).await.is_empty());
}

#[tokio::test]
async fn configuration_applies_before_the_first_frame_only() {
    let emulator = relaxed().await;
    let (mut ws, id) = open(&emulator).await;
    ws.text(r#"{"type":"session.update","measurement_timer_ms":10000}"#)
        .await;
    match ws.next_audio().await {
        AudioServerMessage::SessionUpdated(u) => assert_eq!(u.measurement_timer_ms, 10_000),
        other => panic!("{other:?}"),
    }
    let speech = Signal::new()
        .tone(24_000, 180.0, 9000.0)
        .silence(1000)
        .pcm();
    for frame in speech.chunks(FRAME) {
        ws.binary(frame).await;
    }
    // The timer applies: intervals 10 s apart, windows meeting end to end.
    let mut intervals = Vec::new();
    while intervals.len() < 2 {
        if let AudioServerMessage::MeasurementResult(m) = ws.next_audio().await {
            intervals.push(m);
        }
    }
    assert_eq!(intervals[0].audio_end_ms, intervals[1].audio_start_ms);
    // After the first frame an update ends the session.
    ws.text(r#"{"type":"session.update","measurement_timer_ms":3000}"#)
        .await;
    let (texts, end) = ws.end().await;
    assert_eq!(end, End::Closed(1008, "error".to_owned()));
    let tail: Vec<AudioServerMessage> = texts
        .iter()
        .map(|t| AudioServerMessage::from_json(t).unwrap())
        .filter(|m| {
            matches!(
                m,
                AudioServerMessage::Error(_) | AudioServerMessage::SessionClosed(_)
            )
        })
        .collect();
    let e = error(&tail[0]);
    assert_eq!(e.code, ErrorCode::ConfigInvalid);
    assert!(!e.retryable);
    let AudioServerMessage::SessionClosed(closed) = &tail[1] else {
        panic!("{tail:?}");
    };
    assert_eq!(closed.reason, CloseReason::Error);
    let run = ended_run(&emulator, &id).await;
    assert_eq!(run.status, RunStatus::Errored);
    assert_eq!(
        (run.close_code, run.close_reason),
        (Some(1008), Some(CloseReason::Error))
    );
    assert_eq!(
        run.config.as_audio().unwrap().measurement_timer_ms,
        10_000,
        "the run records the configuration in force"
    );
}

#[tokio::test]
async fn an_invalid_update_ends_the_session_and_omitted_fields_reset() {
    let emulator = emulator().await;
    let (mut ws, _) = open(&emulator).await;
    ws.text(r#"{"type":"session.update","measurement_timer_ms":5000}"#)
        .await;
    ws.next_audio().await;
    ws.text(r#"{"type":"session.update","audio":null}"#).await;
    match ws.next_audio().await {
        AudioServerMessage::SessionUpdated(u) => assert_eq!(u.measurement_timer_ms, 3000),
        other => panic!("{other:?}"),
    }
    ws.text(r#"{"type":"session.update","timer_ms":5000}"#)
        .await;
    assert_eq!(error(&ws.next_audio().await).code, ErrorCode::ConfigInvalid);
    assert!(ws.next_audio().await.is_session_closed());
    assert_eq!(ws.end().await.1, End::Closed(1008, "error".to_owned()));
}

#[tokio::test]
async fn bad_frames_and_bad_text_are_answered_and_the_session_continues() {
    let emulator = emulator().await;
    let (mut ws, id) = open(&emulator).await;
    ws.binary(&[1, 2, 3]).await;
    let e = ws.next_audio().await;
    assert_eq!(error(&e).code, ErrorCode::InvalidAudioFrame);
    assert!(error(&e).retryable);
    ws.binary(&[]).await;
    assert_eq!(
        error(&ws.next_audio().await).code,
        ErrorCode::InvalidAudioFrame
    );
    ws.binary(&vec![0; 320_002]).await;
    assert_eq!(
        error(&ws.next_audio().await).code,
        ErrorCode::InvalidAudioFrame
    );
    ws.text("not json").await;
    assert_eq!(
        error(&ws.next_audio().await).code,
        ErrorCode::MessageInvalid
    );
    ws.text(r#"{"type":"session.created"}"#).await;
    assert_eq!(
        error(&ws.next_audio().await).code,
        ErrorCode::MessageInvalid
    );
    ws.binary(&vec![0; FRAME]).await;
    ws.close_session().await;
    match ws.next_audio().await {
        AudioServerMessage::SessionClosed(closed) => {
            assert_eq!(closed.received.frames, 1, "rejected frames are not counted");
            assert_eq!(closed.received.audio_duration_ms, 100);
        }
        other => panic!("{other:?}"),
    }
    let events = event_kinds(&emulator, &id).await;
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["invalid_audio_frame"; 3]);
    assert!(
        events[0]["detail"]["detail"]
            .as_str()
            .unwrap()
            .contains("odd")
    );
    assert_eq!(ended_run(&emulator, &id).await.status, RunStatus::Ended);
}

#[tokio::test]
async fn audio_faster_than_real_time_is_rate_limited() {
    let emulator = emulator().await;
    let (mut ws, id) = open(&emulator).await;
    // Three seconds of audio at once: the burst passes, the rest is refused frame by frame.
    for _ in 0..30 {
        ws.binary(&vec![0; FRAME]).await;
    }
    ws.close_session().await;
    let messages = ws.audio_until_closed().await;
    let limited = messages
        .iter()
        .filter(|m| matches!(m, AudioServerMessage::Error(e) if e.code == ErrorCode::RateLimited))
        .count();
    assert!(limited >= 10, "{limited} rate limited");
    let Some(AudioServerMessage::SessionClosed(closed)) = messages.last() else {
        panic!();
    };
    assert_eq!(closed.received.frames as usize, 30 - limited);
    let events = event_kinds(&emulator, &id).await;
    assert_eq!(events.len(), limited);
    assert!(events.iter().all(|e| e["kind"] == "rate_limited"));
    assert!(events[0].get("detail").is_none());
}

#[tokio::test]
async fn a_message_over_one_mib_ends_the_session() {
    let emulator = emulator().await;
    let (mut ws, id) = open(&emulator).await;
    ws.binary(&vec![0; 1_048_576]).await;
    // Exactly 1 MiB is within the message limit (but over the 10 s frame limit).
    assert_eq!(
        error(&ws.next_audio().await).code,
        ErrorCode::InvalidAudioFrame
    );
    ws.try_binary(&vec![0; 1_048_578]).await;
    let (texts, end) = ws.end().await;
    assert_eq!(end, End::Closed(1009, "error".to_owned()));
    let first = AudioServerMessage::from_json(&texts[0]).unwrap();
    assert_eq!(error(&first).code, ErrorCode::MessageTooLarge);
    assert!(!error(&first).retryable);
    assert!(
        AudioServerMessage::from_json(&texts[1])
            .unwrap()
            .is_session_closed()
    );
    let run = ended_run(&emulator, &id).await;
    assert_eq!(run.status, RunStatus::Errored);
    assert_eq!(run.close_code, Some(1009));
    let events = event_kinds(&emulator, &id).await;
    let last = events.last().unwrap();
    assert_eq!(last["kind"], "message_too_large");
    assert_eq!(last["detail"]["limit_bytes"], 1_048_576);
}

#[tokio::test]
async fn the_run_meters_the_audio_while_live() {
    let emulator = relaxed().await;
    let (mut ws, id) = open(&emulator).await;
    for _ in 0..20 {
        ws.binary(&vec![0; FRAME]).await;
    }
    // A message round trip makes sure the frames were handled.
    ws.text("{}").await;
    ws.next_audio().await;
    let live = super::ws::run(&emulator, &id).await;
    assert_eq!(live.status, RunStatus::Live);
    assert_eq!(live.metered_seconds, 2.0, "no minimum while live");
    ws.close_session().await;
    ws.end().await;
    assert_eq!(ended_run(&emulator, &id).await.metered_seconds, 10.0);
}
