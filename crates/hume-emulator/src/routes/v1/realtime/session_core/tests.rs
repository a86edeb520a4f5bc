use std::time::Duration;

use hume_models::v1::realtime::AudioServerMessage;

use super::*;

fn core(bucket: Option<TokenBucket>, every: Option<u64>) -> SessionCore {
    SessionCore::new(SessionId::new("s-1"), bucket, every)
}

fn error_of(json: &str) -> ErrorMessage {
    match AudioServerMessage::from_json(json).unwrap() {
        AudioServerMessage::Error(e) => e,
        other => panic!("not an error: {other:?}"),
    }
}

#[test]
fn updates_pass_until_the_first_frame() {
    let mut core = core(None, None);
    assert!(matches!(
        core.text(r#"{"type":"session.update"}"#),
        TextAction::Update(_)
    ));
    core.frame_arrived();
    assert!(core.is_locked());
    let TextAction::Step(step) = core.text(r#"{"type":"session.update"}"#) else {
        panic!("an update after a frame is settled here");
    };
    assert_eq!(
        step.end,
        Some(StepEnd::Fatal {
            close_code: CLOSE_POLICY
        })
    );
    let error = error_of(&step.messages[0]);
    assert_eq!(error.code, ErrorCode::ConfigInvalid);
    assert!(!error.retryable);
}

#[test]
fn close_and_invalid_messages() {
    let core = core(None, None);
    assert_eq!(
        core.text(r#"{"type":"session.close"}"#),
        TextAction::Step(Step::close())
    );
    let TextAction::Step(step) = core.text("{}") else {
        panic!("settled");
    };
    assert_eq!(step.end, None, "message_invalid does not end the session");
    let error = error_of(&step.messages[0]);
    assert_eq!(error.code, ErrorCode::MessageInvalid);
    assert!(error.retryable);
}

#[test]
fn forced_rate_limits_hit_every_nth_frame() {
    let mut core = core(None, Some(3));
    let admitted: Vec<bool> = (0..7).map(|_| core.admit(Duration::ZERO, 1.0)).collect();
    assert_eq!(admitted, [true, true, false, true, true, false, true]);
}

#[test]
fn the_bucket_decides_otherwise() {
    let mut core = core(Some(TokenBucket::full(3.0, 1.0, Duration::ZERO)), None);
    assert!(core.admit(Duration::ZERO, 1.0));
    assert!(!core.admit(Duration::from_millis(100), 1.0));
    assert!(core.admit(Duration::from_millis(334), 1.0));
}

#[test]
fn rate_limited_steps_log_an_event() {
    let step = rate_limited("the frame");
    assert_eq!(step.events[0].kind, RunEventKind::RateLimited);
    assert_eq!(error_of(&step.messages[0]).code, ErrorCode::RateLimited);
    assert!(error_of(&step.messages[0]).retryable);
}
