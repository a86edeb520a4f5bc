use super::*;
use http::HeaderValue;

const S: fn(u64) -> Duration = Duration::from_secs;
const MS: fn(u64) -> Duration = Duration::from_millis;

fn retryable() -> RetryClass {
    RetryClass::Retryable { server_delay: None }
}

#[test]
fn exponential_capped_without_jitter() {
    let policy = RetryPolicy::default()
        .with_multiplier(2.0)
        .with_max_attempts(10)
        .with_initial_backoff(MS(100))
        .with_max_backoff(S(1))
        .with_max_elapsed(None)
        .with_jitter(false);
    let mut state = RetryState::new(policy);
    let delays: Vec<_> = (0..9)
        .map(|_| state.decide(retryable(), Duration::ZERO))
        .collect();
    let expected: Vec<_> = [100, 200, 400, 800, 1000, 1000, 1000, 1000, 1000]
        .into_iter()
        .map(|ms| Decision::RetryAfter(MS(ms)))
        .collect();
    assert_eq!(delays, expected);
    // The tenth attempt is the last one: no sleep after it.
    assert_eq!(state.decide(retryable(), Duration::ZERO), Decision::Stop);
    assert_eq!(state.attempts(), 10);
}

#[test]
fn full_jitter_uses_injected_rng() {
    let policy = RetryPolicy::default()
        .with_multiplier(2.0)
        .with_max_attempts(4)
        .with_initial_backoff(S(1))
        .with_max_backoff(S(60));
    let mut values = vec![0.5, 0.0, 0.999].into_iter();
    let mut state = RetryState::with_rng(policy, move || values.next().unwrap());
    assert_eq!(
        state.decide(retryable(), S(0)),
        Decision::RetryAfter(MS(500))
    );
    assert_eq!(
        state.decide(retryable(), S(0)),
        Decision::RetryAfter(Duration::ZERO)
    );
    assert_eq!(
        state.decide(retryable(), S(0)),
        Decision::RetryAfter(S(4).mul_f64(0.999))
    );
    assert_eq!(state.decide(retryable(), S(0)), Decision::Stop);
}

#[test]
fn backoff_overflow_falls_back_to_max() {
    let policy = RetryPolicy::default()
        .with_multiplier(2.0)
        .with_initial_backoff(Duration::MAX / 2)
        .with_max_backoff(S(30));
    assert_eq!(policy.backoff(0), S(30));
    assert_eq!(policy.backoff(5), S(30));
    assert_eq!(policy.backoff(40), S(30));
    assert_eq!(policy.backoff(u32::MAX), S(30));
    let small = RetryPolicy::default()
        .with_multiplier(2.0)
        .with_initial_backoff(MS(1))
        .with_max_backoff(S(30));
    assert_eq!(small.backoff(3), MS(8));
    assert_eq!(small.backoff(64), S(30));
}

#[test]
fn final_outcome_stops_immediately() {
    let mut state = RetryState::new(RetryPolicy::default());
    assert_eq!(state.decide(RetryClass::Final, S(0)), Decision::Stop);
}

#[test]
fn server_delay_wins_but_is_capped_by_max_and_deadline() {
    let policy = RetryPolicy::default()
        .with_multiplier(2.0)
        .with_max_attempts(5)
        .with_max_backoff(S(10))
        .with_max_elapsed(Some(S(30)));
    let mut state = RetryState::with_rng(policy, || panic!("no jitter for server delays"));
    let server = |d| RetryClass::Retryable {
        server_delay: Some(d),
    };
    assert_eq!(state.decide(server(S(3)), S(0)), Decision::RetryAfter(S(3)));
    assert_eq!(
        state.decide(server(S(120)), S(0)),
        Decision::RetryAfter(S(10))
    );
    assert_eq!(
        state.decide(server(S(8)), S(25)),
        Decision::RetryAfter(S(5))
    );
    // Past the deadline: do not sleep, surface the last outcome (e.g. RateLimited).
    assert_eq!(state.decide(server(S(1)), S(30)), Decision::Stop);
}

#[test]
fn backoff_is_clamped_to_remaining_deadline() {
    let policy = RetryPolicy::default()
        .with_multiplier(2.0)
        .with_max_attempts(5)
        .with_initial_backoff(S(4))
        .with_max_elapsed(Some(S(5)))
        .with_jitter(false);
    let mut state = RetryState::new(policy);
    assert_eq!(state.decide(retryable(), S(3)), Decision::RetryAfter(S(2)));
    assert_eq!(state.decide(retryable(), S(6)), Decision::Stop);
}

#[test]
fn none_policy_never_retries() {
    let mut state = RetryState::new(RetryPolicy::none());
    assert_eq!(state.decide(retryable(), S(0)), Decision::Stop);
    assert_eq!(
        RetryPolicy::default()
            .with_multiplier(2.0)
            .with_max_attempts(0)
            .max_attempts(),
        1
    );
}

fn response_class(method: Method, status: u16, headers: &HeaderMap) -> RetryClass {
    let outcome = Outcome::Response {
        status: StatusCode::from_u16(status).unwrap(),
        headers,
    };
    classify(&method, outcome, SystemTime::UNIX_EPOCH)
}

#[test]
fn get_retries_429_and_5xx_only() {
    let h = HeaderMap::new();
    for status in [429, 500, 502, 503, 504] {
        assert_eq!(
            response_class(Method::GET, status, &h),
            retryable(),
            "{status}"
        );
    }
    for status in [200, 204, 301, 400, 401, 403, 404, 409, 422] {
        assert_eq!(
            response_class(Method::GET, status, &h),
            RetryClass::Final,
            "{status}"
        );
    }
}

#[test]
fn post_retries_only_429_and_503() {
    let h = HeaderMap::new();
    assert_eq!(response_class(Method::POST, 429, &h), retryable());
    assert_eq!(response_class(Method::POST, 503, &h), retryable());
    for status in [200, 400, 500, 502, 504] {
        assert_eq!(
            response_class(Method::POST, status, &h),
            RetryClass::Final,
            "{status}"
        );
    }
}

#[test]
fn transport_failures_by_method_and_send_state() {
    let now = SystemTime::UNIX_EPOCH;
    let cases = [
        (TransportError::connect("refused"), true, true),
        (
            TransportError::timeout(SendState::NotSent, "connect timeout"),
            true,
            true,
        ),
        (
            TransportError::timeout(SendState::MaybeSent, "read timeout"),
            true,
            false,
        ),
        (
            TransportError::io(SendState::MaybeSent, "reset"),
            true,
            false,
        ),
        (
            TransportError::io(SendState::NotSent, "reset before write"),
            true,
            true,
        ),
        (TransportError::tls("bad cert"), false, false),
        (
            TransportError::other(SendState::NotSent, "bad request"),
            false,
            false,
        ),
    ];
    for (err, get, post) in cases {
        let got_get = classify(&Method::GET, Outcome::Transport(&err), now) != RetryClass::Final;
        let got_post = classify(&Method::POST, Outcome::Transport(&err), now) != RetryClass::Final;
        assert_eq!((got_get, got_post), (get, post), "{err:?}");
    }
}

#[test]
fn retry_after_seconds_and_http_date() {
    let now = SystemTime::UNIX_EPOCH + S(1_700_000_000);
    let mut h = HeaderMap::new();
    h.insert(RETRY_AFTER, HeaderValue::from_static(" 7 "));
    assert_eq!(parse_retry_after(&h, now), Some(S(7)));
    h.insert(
        RETRY_AFTER,
        HeaderValue::from_str(&httpdate::fmt_http_date(now + S(42))).unwrap(),
    );
    assert_eq!(parse_retry_after(&h, now), Some(S(42)));
    h.insert(
        RETRY_AFTER,
        HeaderValue::from_str(&httpdate::fmt_http_date(now - S(42))).unwrap(),
    );
    assert_eq!(parse_retry_after(&h, now), Some(Duration::ZERO));
    h.insert(
        RETRY_AFTER,
        HeaderValue::from_static("99999999999999999999999"),
    );
    assert_eq!(
        parse_retry_after(&h, now),
        Some(Duration::from_secs(u64::MAX))
    );
    h.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
    assert_eq!(parse_retry_after(&h, now), None);
    h.insert(RETRY_AFTER, HeaderValue::from_static("-3"));
    assert_eq!(parse_retry_after(&h, now), None);
    assert_eq!(parse_retry_after(&HeaderMap::new(), now), None);

    h.insert(RETRY_AFTER, HeaderValue::from_static("12"));
    assert_eq!(
        response_class(Method::GET, 429, &h),
        RetryClass::Retryable {
            server_delay: Some(S(12))
        }
    );
    // A huge server value is still capped by the decision.
    h.insert(
        RETRY_AFTER,
        HeaderValue::from_static("99999999999999999999999"),
    );
    let class = classify(
        &Method::GET,
        Outcome::Response {
            status: StatusCode::TOO_MANY_REQUESTS,
            headers: &h,
        },
        now,
    );
    let mut state = RetryState::new(
        RetryPolicy::default()
            .with_multiplier(2.0)
            .with_max_backoff(S(10)),
    );
    assert_eq!(state.decide(class, S(0)), Decision::RetryAfter(S(10)));
}

#[test]
fn the_default_budget_is_a_minute_of_retries() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.max_attempts(), 20);
    assert_eq!(policy.max_elapsed(), Some(S(60)));
    // Every attempt failing, with the largest jitter factor: the deadline ends it.
    let mut state = RetryState::with_rng(policy, || 1.0);
    let mut elapsed = Duration::ZERO;
    let mut attempts = 1;
    while let Decision::RetryAfter(delay) =
        state.decide(RetryClass::Retryable { server_delay: None }, elapsed)
    {
        elapsed += delay;
        attempts += 1;
    }
    assert!(elapsed <= S(60), "{elapsed:?}");
    assert!((9..=20).contains(&attempts), "{attempts} attempts");
}

#[test]
fn waits_a_server_named_do_not_raise_the_backoff() {
    let policy = RetryPolicy::default()
        .with_multiplier(2.0)
        .with_max_attempts(10)
        .with_initial_backoff(MS(100))
        .with_max_backoff(S(10))
        .with_max_elapsed(None)
        .with_jitter(false);
    let mut state = RetryState::new(policy);
    let told = RetryClass::Retryable {
        server_delay: Some(S(1)),
    };
    let delays: Vec<_> = [retryable(), told, told, retryable(), told, retryable()]
        .into_iter()
        .map(|class| state.decide(class, Duration::ZERO))
        .collect();
    let expected: Vec<_> = [100, 1000, 1000, 200, 1000, 400]
        .into_iter()
        .map(|ms| Decision::RetryAfter(MS(ms)))
        .collect();
    assert_eq!(delays, expected);
    assert_eq!(state.attempts(), 6);
}

#[test]
fn the_default_backoff_grows_by_half_up_to_ten_seconds() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.multiplier(), 1.5);
    let backoffs: Vec<_> = (0..12).map(|n| policy.backoff(n).as_micros()).collect();
    assert_eq!(
        backoffs,
        [
            250_000, 375_000, 562_500, 843_750, 1_265_625, 1_898_437, 2_847_656, 4_271_484,
            6_407_226, 9_610_839, 10_000_000, 10_000_000
        ]
    );
    assert_eq!(policy.backoff(u32::MAX), S(10), "overflow gives the cap");
}

#[test]
fn multipliers_out_of_range_are_clamped() {
    let at = |m: f64| RetryPolicy::default().with_multiplier(m).multiplier();
    assert_eq!(at(0.5), 1.0);
    assert_eq!(at(100.0), 16.0);
    assert_eq!(at(f64::NAN), 1.5);
    assert_eq!(at(f64::INFINITY), 16.0);
    let constant = RetryPolicy::default().with_multiplier(1.0);
    assert_eq!(constant.backoff(30), MS(250));
}
