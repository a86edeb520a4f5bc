use std::time::Duration;

use hume_models::v1::realtime::{AudioServerMessage, ErrorMessage};
use hume_models::v1::{MeasurementTrigger, RunConfig};

use super::*;
use crate::SessionFaults;
use crate::routes::v1::realtime::session_core::StepEnd;
use crate::synth::v1::analyze_file;
use crate::synth::v1::test_signal::Signal;

fn relaxed() -> RealtimeConfig {
    RealtimeConfig::default().with_relaxed_pacing(true)
}

fn session(settings: &RealtimeConfig) -> AudioSession {
    AudioSession::new(SessionId::new("s-1"), settings)
}

fn parse(messages: &[String]) -> Vec<AudioServerMessage> {
    messages
        .iter()
        .map(|m| AudioServerMessage::from_json(m).unwrap())
        .collect()
}

fn error(step: &Step) -> ErrorMessage {
    match parse(&step.messages).as_slice() {
        [AudioServerMessage::Error(e)] => e.clone(),
        other => panic!("not one error: {other:?}"),
    }
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// 0.5 s silence, 1 s tone, 1 s silence, 4 s tone, 1 s silence.
fn two_bursts() -> Vec<u8> {
    Signal::new()
        .silence(500)
        .tone(1000, 220.0, 8000.0)
        .silence(1000)
        .tone(4000, 330.0, 8000.0)
        .silence(1000)
        .pcm()
}

#[test]
fn created_reports_the_defaults() {
    let s = session(&relaxed());
    match AudioServerMessage::from_json(&s.created()).unwrap() {
        AudioServerMessage::SessionCreated(c) => {
            assert_eq!(c.session_id.as_str(), "s-1");
            assert_eq!(c.measurement_timer_ms, 3000);
            assert!(c.audio.is_supported());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn frames_in_pieces_give_what_the_upload_gives() {
    let pcm = two_bursts();
    let upload = analyze_file(&pcm, MeasurementTimer::default());
    let mut s = session(&relaxed());
    let mut messages = Vec::new();
    // 100 ms frames, as a client streams them.
    for (i, frame) in pcm.chunks(3200).enumerate() {
        let step = s.on_frame(frame, ms(i as u64 * 100));
        assert!(step.events.is_empty() && step.end.is_none());
        messages.extend(step.messages);
    }
    messages.extend(s.finish(CloseReason::ClientRequest));
    let parsed = parse(&messages);
    let measurements: Vec<_> = parsed
        .iter()
        .filter_map(|m| match m {
            AudioServerMessage::MeasurementResult(m) => Some(m.clone()),
            _ => None,
        })
        .collect();
    let expected: Vec<_> = upload
        .measurements
        .into_iter()
        .map(wire_measurement)
        .collect();
    assert_eq!(measurements, expected);
    let utterances: Vec<_> = parsed
        .iter()
        .filter_map(|m| match m {
            AudioServerMessage::UtteranceEnd(u) => {
                Some((u.utterance_id, u.audio_start_ms, u.audio_end_ms))
            }
            _ => None,
        })
        .collect();
    let expected: Vec<_> = upload
        .utterances
        .iter()
        .map(|u| (u.utterance_id, u.start_ms, u.end_ms))
        .collect();
    assert_eq!(utterances, expected);
    // Each utterance.start precedes its measurements; session.closed is last with the totals.
    let Some(AudioServerMessage::SessionClosed(closed)) = parsed.last() else {
        panic!("session.closed last");
    };
    assert_eq!(closed.reason, CloseReason::ClientRequest);
    assert_eq!(closed.received.audio_duration_ms, 7_500);
    assert_eq!(closed.received.frames, 75);
    assert_eq!(closed.produced.utterances, 2);
    assert_eq!(closed.produced.measurements, measurements.len() as u64);
    assert!(matches!(parsed[0], AudioServerMessage::UtteranceStart(_)));
    assert_eq!(s.usage().metered_seconds, 7.5);
    assert_eq!(s.usage().bytes_received, pcm.len() as u64);
}

#[test]
fn close_during_speech_ends_the_utterance_with_its_final_measurement() {
    let pcm = Signal::new().silence(200).tone(2000, 200.0, 8000.0).pcm();
    let mut s = session(&relaxed());
    let step = s.on_frame(&pcm, ms(0));
    assert!(matches!(
        parse(&step.messages).as_slice(),
        [AudioServerMessage::UtteranceStart(_)]
    ));
    let closing = parse(&s.finish(CloseReason::ClientRequest));
    assert!(matches!(
        &closing[0],
        AudioServerMessage::MeasurementResult(m) if m.trigger == MeasurementTrigger::SpeechEnded
    ));
    assert!(matches!(closing[1], AudioServerMessage::UtteranceEnd(_)));
    assert!(matches!(closing[2], AudioServerMessage::SessionClosed(_)));
}

#[test]
fn an_error_ending_leaves_the_utterance_open() {
    let pcm = Signal::new().tone(1000, 200.0, 8000.0).pcm();
    let mut s = session(&relaxed());
    s.on_frame(&pcm, ms(0));
    let closing = parse(&s.finish(CloseReason::Error));
    assert_eq!(closing.len(), 1);
    let AudioServerMessage::SessionClosed(closed) = &closing[0] else {
        panic!("{closing:?}");
    };
    assert_eq!(closed.reason, CloseReason::Error);
}

#[test]
fn bad_frames_are_refused_and_logged() {
    let mut s = session(&relaxed());
    for frame in [
        Vec::new(),
        vec![0u8; 3],
        vec![0u8; MAX_AUDIO_FRAME_BYTES as usize + 2],
    ] {
        let step = s.on_frame(&frame, ms(0));
        let e = error(&step);
        assert_eq!(e.code, ErrorCode::InvalidAudioFrame);
        assert!(e.retryable);
        assert_eq!(step.end, None);
        assert_eq!(step.events[0].kind, RunEventKind::InvalidAudioFrame);
        assert!(
            step.events[0]
                .detail
                .as_ref()
                .unwrap()
                .contains_key("detail")
        );
    }
    // A frame of exactly 10 s is fine.
    let step = s.on_frame(&vec![0u8; MAX_AUDIO_FRAME_BYTES as usize], ms(0));
    assert!(step.messages.is_empty(), "silence produces nothing");
    let closed = parse(&s.finish(CloseReason::ClientRequest));
    let AudioServerMessage::SessionClosed(closed) = &closed[0] else {
        panic!();
    };
    assert_eq!(
        (closed.received.frames, closed.received.audio_duration_ms),
        (1, 10_000)
    );
}

#[test]
fn updates_before_the_first_frame_apply_and_reset_omitted_fields() {
    let mut s = session(&relaxed());
    let step = s.on_text(
        r#"{"type":"session.update","measurement_timer_ms":5000}"#,
        ms(0),
    );
    match parse(&step.messages).as_slice() {
        [AudioServerMessage::SessionUpdated(u)] => assert_eq!(u.measurement_timer_ms, 5000),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        s.run_config(),
        RunConfig::from(AudioRunConfig::new(Default::default(), 5000))
    );
    // Omitted: back to 3000.
    let step = s.on_text(r#"{"type":"session.update"}"#, ms(0));
    match parse(&step.messages).as_slice() {
        [AudioServerMessage::SessionUpdated(u)] => assert_eq!(u.measurement_timer_ms, 3000),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_update_after_a_frame_or_an_invalid_one_ends_the_session() {
    let mut s = session(&relaxed());
    let step = s.on_text(
        r#"{"type":"session.update","measurement_timer_ms":100}"#,
        ms(0),
    );
    assert_eq!(error(&step).code, ErrorCode::ConfigInvalid);
    assert_eq!(step.end, Some(StepEnd::Fatal { close_code: 1008 }));

    let mut s = session(&relaxed());
    s.on_frame(&[0u8; 3], ms(0)); // even a refused frame locks the configuration
    let step = s.on_text(r#"{"type":"session.update"}"#, ms(0));
    assert_eq!(error(&step).code, ErrorCode::ConfigInvalid);
    assert!(!error(&step).retryable);
    assert!(step.end.is_some());
}

#[test]
fn frames_faster_than_real_time_are_rate_limited_on_the_server_clock() {
    let settings = RealtimeConfig::default().with_audio_burst(ms(500));
    let mut s = session(&settings);
    let frame = vec![0u8; 3200]; // 100 ms
    // The burst: five frames at once.
    for _ in 0..5 {
        assert!(s.on_frame(&frame, ms(0)).messages.is_empty());
    }
    let step = s.on_frame(&frame, ms(0));
    assert_eq!(error(&step).code, ErrorCode::RateLimited);
    assert!(error(&step).retryable);
    assert_eq!(step.events[0].kind, RunEventKind::RateLimited);
    // 100 ms later one more frame fits.
    assert!(s.on_frame(&frame, ms(100)).messages.is_empty());
    // Rejected audio is not counted.
    assert_eq!(s.usage().bytes_received, 6 * 3200);
}

#[test]
fn real_time_frames_are_never_rate_limited() {
    let mut s = session(&RealtimeConfig::default());
    let frame = vec![0u8; 3200];
    for i in 0..300 {
        assert!(
            s.on_frame(&frame, ms(i * 100)).messages.is_empty(),
            "frame {i}"
        );
    }
}

#[test]
fn forced_rate_limits_apply_even_when_relaxed() {
    let settings = relaxed().with_faults(SessionFaults::none().with_rate_limit_every(2));
    let mut s = session(&settings);
    let frame = vec![0u8; 3200];
    assert!(s.on_frame(&frame, ms(0)).messages.is_empty());
    assert_eq!(
        error(&s.on_frame(&frame, ms(0))).code,
        ErrorCode::RateLimited
    );
    // An invalid frame is refused before the rate check and does not count.
    assert_eq!(
        error(&s.on_frame(&[1], ms(0))).code,
        ErrorCode::InvalidAudioFrame
    );
    assert!(s.on_frame(&frame, ms(0)).messages.is_empty());
}

#[test]
fn text_messages_other_than_update_and_close() {
    let mut s = session(&relaxed());
    let step = s.on_text("hello", ms(0));
    assert_eq!(error(&step).code, ErrorCode::MessageInvalid);
    assert_eq!(step.end, None);
    assert_eq!(
        s.on_text(r#"{"type":"session.close"}"#, ms(0)).end,
        Some(StepEnd::ClientRequest)
    );
}
