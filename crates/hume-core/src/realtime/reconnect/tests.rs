use std::time::Duration;

use http::StatusCode;
use hume_models::v1::realtime::{CloseReason, ErrorCode};

use super::*;
use crate::{HumeError, TransportError};

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

/// `delay` is `s` seconds, to the microsecond (delays come from float arithmetic).
fn approx(delay: Option<Duration>, s: f64) -> bool {
    delay.is_some_and(|d| (d.as_secs_f64() - s).abs() < 1e-6)
}

fn observed(reason: Option<CloseReason>, error: Option<ErrorCode>) -> Observed {
    Observed::new(reason, error)
}

#[test]
fn reconnect_codes_and_reasons() {
    let nothing = Observed::default();
    for kind in [EndpointKind::Audio, EndpointKind::Video] {
        for code in [1001, 1011, 1012, 1013] {
            assert!(
                should_reconnect(kind, &CloseInfo::new(code, ""), &nothing),
                "{code}"
            );
        }
        assert!(should_reconnect(kind, &CloseInfo::abnormal(), &nothing));
        assert!(should_reconnect(kind, &CloseInfo::new(1006, ""), &nothing));
        for code in [1000, 1002, 1003, 1007, 1008, 1009, 1010, 1014, 4000] {
            assert!(
                !should_reconnect(kind, &CloseInfo::new(code, ""), &nothing),
                "{code}"
            );
        }
        // A server shutting down may close with 1000.
        let shutdown = observed(Some(CloseReason::ServerShutdown), None);
        assert!(should_reconnect(kind, &CloseInfo::new(1000, ""), &shutdown));
        // An idle session ended normally: no reconnect.
        let idle = observed(Some(CloseReason::IdleTimeout), None);
        assert!(!should_reconnect(kind, &CloseInfo::new(1000, ""), &idle));
    }
}

#[test]
fn policy_violation_reconnects_only_after_an_audio_internal_error() {
    let close = CloseInfo::new(1008, "internal error");
    let internal = observed(Some(CloseReason::Error), Some(ErrorCode::InternalError));
    assert!(should_reconnect(EndpointKind::Audio, &close, &internal));
    // Video ends on internal errors only after five in a row: something is wrong for good.
    assert!(!should_reconnect(EndpointKind::Video, &close, &internal));
    for code in [
        ErrorCode::ConfigInvalid,
        ErrorCode::MessageTooLarge,
        ErrorCode::MessageInvalid,
    ] {
        let other = observed(Some(CloseReason::Error), Some(code));
        assert!(!should_reconnect(EndpointKind::Audio, &close, &other));
    }
    assert!(!should_reconnect(
        EndpointKind::Audio,
        &close,
        &Observed::default()
    ));
}

#[test]
fn handshake_statuses() {
    for code in [408, 429, 500, 502, 503, 504] {
        assert!(
            is_retryable_handshake(StatusCode::from_u16(code).unwrap()),
            "{code}"
        );
    }
    for code in [400, 401, 403, 404, 405, 410, 426] {
        assert!(
            !is_retryable_handshake(StatusCode::from_u16(code).unwrap()),
            "{code}"
        );
    }
}

#[test]
fn connect_failures() {
    assert!(!connect_failure_is_retryable(&HumeError::invalid_api_key(
        StatusCode::UNAUTHORIZED
    )));
    assert!(!connect_failure_is_retryable(&HumeError::invalid_api_key(
        StatusCode::FORBIDDEN
    )));
    assert!(connect_failure_is_retryable(
        &HumeError::realtime_handshake(StatusCode::SERVICE_UNAVAILABLE, "busy")
    ));
    assert!(connect_failure_is_retryable(
        &HumeError::realtime_handshake(StatusCode::TOO_MANY_REQUESTS, "")
    ));
    assert!(!connect_failure_is_retryable(
        &HumeError::realtime_handshake(StatusCode::NOT_FOUND, "no such endpoint")
    ));
    assert!(connect_failure_is_retryable(&HumeError::Transport(
        TransportError::connect("refused")
    )));
    assert!(!connect_failure_is_retryable(&HumeError::Transport(
        TransportError::tls("bad certificate")
    )));
}

#[test]
fn delays_grow_by_1_3_from_the_drawn_first_delay_up_to_ten_seconds() {
    let mut backoff = Backoff::with_rng(ReconnectPolicy::default(), &mut || 0.25);
    assert_eq!(backoff.first_delay(), secs(2.0));
    let delays: Vec<f64> = (0..30)
        .map(|_| backoff.next_delay(Duration::ZERO).unwrap().as_secs_f64())
        .collect();
    let expected = [2.0, 2.6, 3.38, 4.394, 5.7122, 7.42586, 9.653618, 10.0];
    for (got, want) in delays.iter().zip(expected) {
        assert!((got - want).abs() < 1e-6, "{got} vs {want}");
    }
    assert!(delays[7..].iter().all(|d| *d == 10.0));
    // 30 attempts in a row, then none.
    assert_eq!(backoff.attempts(), 30);
    assert_eq!(backoff.next_delay(Duration::ZERO), None);
}

#[test]
fn the_first_delay_is_drawn_from_one_to_five_seconds() {
    let low = Backoff::with_rng(ReconnectPolicy::default(), &mut || 0.0);
    assert_eq!(low.first_delay(), secs(1.0));
    let high = Backoff::with_rng(ReconnectPolicy::default(), &mut || 0.999_999);
    assert!(high.first_delay() < secs(5.0) && high.first_delay() > secs(4.99));
    // A broken source is clamped, never a panic or a negative delay.
    let nan = Backoff::with_rng(ReconnectPolicy::default(), &mut || f64::NAN);
    assert_eq!(nan.first_delay(), secs(1.0));
    let big = Backoff::with_rng(ReconnectPolicy::default(), &mut || 7.0);
    assert_eq!(big.first_delay(), secs(5.0));
    // fastrand stays in range.
    for _ in 0..100 {
        let d = Backoff::new(ReconnectPolicy::default()).first_delay();
        assert!(d >= secs(1.0) && d <= secs(5.0), "{d:?}");
    }
}

#[test]
fn five_seconds_of_uptime_start_the_count_again() {
    let mut backoff = Backoff::with_rng(ReconnectPolicy::default(), &mut || 0.0);
    assert!(approx(backoff.next_delay(secs(0.0)), 1.0));
    assert!(approx(backoff.next_delay(secs(1.0)), 1.3));
    // Open for 4.9 s: still the same run of attempts.
    backoff.opened(secs(10.0));
    assert!(approx(backoff.next_delay(secs(14.9)), 1.69));
    assert_eq!(backoff.attempts(), 3);
    // Open for 5 s: the count starts again.
    backoff.opened(secs(20.0));
    assert!(approx(backoff.next_delay(secs(25.0)), 1.0));
    assert_eq!(backoff.attempts(), 1);
    // An opening counts once: the next failure without an opening keeps counting.
    assert!(approx(backoff.next_delay(secs(60.0)), 1.3));
}

#[test]
fn the_budget_ends_a_run_of_quick_failures() {
    let policy = ReconnectPolicy::default().with_max_attempts(3);
    let mut backoff = Backoff::with_rng(policy, &mut || 0.0);
    for _ in 0..3 {
        backoff.opened(secs(0.0));
        assert!(backoff.next_delay(secs(1.0)).is_some());
    }
    assert_eq!(backoff.next_delay(secs(1.0)), None);
}

#[test]
fn a_disabled_policy_never_reconnects() {
    let mut backoff = Backoff::with_rng(ReconnectPolicy::disabled(), &mut || 0.5);
    assert_eq!(backoff.next_delay(Duration::ZERO), None);
    assert!(!ReconnectPolicy::disabled().is_enabled());
    assert!(!ReconnectPolicy::default().with_max_attempts(0).is_enabled());
    assert!(ReconnectPolicy::default().is_enabled());
}

#[test]
fn policy_setters() {
    let policy = ReconnectPolicy::default()
        .with_first_delay(secs(0.2), secs(0.1))
        .with_growth(f64::INFINITY)
        .with_max_delay(secs(0.5))
        .with_min_uptime(secs(1.0));
    assert_eq!(policy.first_delay(), (secs(0.1), secs(0.2)));
    assert_eq!(policy.growth(), 1.0);
    assert_eq!(policy.max_delay(), secs(0.5));
    assert_eq!(policy.min_uptime(), secs(1.0));
    assert_eq!(policy.max_attempts(), 30);
    assert_eq!(ReconnectPolicy::default().with_growth(0.5).growth(), 1.0);
    let mut backoff = Backoff::with_rng(policy.with_growth(10.0), &mut || 1.0);
    assert_eq!(backoff.next_delay(Duration::ZERO), Some(secs(0.2)));
    assert_eq!(backoff.next_delay(Duration::ZERO), Some(secs(0.5)));
}

#[test]
fn close_info_display() {
    assert_eq!(CloseInfo::abnormal().to_string(), "without a close frame");
    assert_eq!(CloseInfo::abnormal().code_or_abnormal(), 1006);
    assert_eq!(CloseInfo::new(1012, "").to_string(), "with code 1012");
    assert_eq!(
        CloseInfo::new(1013, "try again").to_string(),
        "with code 1013 (try again)"
    );
}
