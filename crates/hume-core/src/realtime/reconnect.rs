//! When a realtime session reconnects, and how soon: [`should_reconnect`] (the decision, from
//! the close and what the session said before it), [`connect_failure_is_retryable`] (which
//! failed attempts may be made again) and [`Backoff`] (the delays, with an attempt budget that
//! starts again after a connection stays up).
//!
//! The rules are the official v1 SDKs' (`reconnect/_policy.py`), so every client of the API
//! reconnects on the same schedule:
//!
//! | the connection ended with | reconnect? |
//! |---|---|
//! | `session.closed` with reason `server_shutdown` (even a normal 1000 close) | yes |
//! | close code 1001 (going away), 1011 (server error), 1012 (restart), 1013 (try again later) | yes |
//! | no close frame at all (1006: dropped, or failed by the client after unanswered pings) | yes |
//! | 1008 after an audio `internal_error` ("open a new connection", says the API reference) | yes |
//! | 1008 after anything else (`config_invalid`, video `internal_error` ...), 1000, any other code | no |
//! | anything, once the client has sent `session.close` | no |
//!
//! A failed attempt is made again after a network failure, a timeout, or a 408, 429 or 5xx
//! handshake status; never after 401/403 (an invalid key) or another 4xx, which fail the same
//! way every time. The first connection of a session is never retried: a wrong key or URL
//! would only fail 30 more times.
//!
//! Delays: the first is drawn once, uniformly from 1–5 s (so clients restarted together do not
//! reconnect together), each next one 1.3× the one before, capped at 10 s; at most 30 attempts
//! in a row, counted again from zero once a connection has stayed open 5 s.

use std::fmt;
use std::time::Duration;

use http::StatusCode;
use hume_models::v1::realtime::{CloseReason, ErrorCode};

use super::endpoint::EndpointKind;
use crate::HumeError;

/// Close codes after which a session reconnects: going away (1001), abnormal closure with no
/// close frame (1006), server error (1011), service restart (1012), try again later (1013).
pub const RECONNECT_CLOSE_CODES: [u16; 5] = [1001, 1006, 1011, 1012, 1013];

/// The close code reported for a connection that ended without a close frame.
pub const ABNORMAL_CLOSURE: u16 = 1006;

/// The policy-violation close code; reconnects only after an audio `internal_error`.
pub const POLICY_VIOLATION: u16 = 1008;

/// How a connection ended, as the driver saw it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CloseInfo {
    /// The code of the peer's close frame; `None` when the connection ended without one
    /// (dropped, reset, or failed by the client itself), which counts as 1006.
    pub code: Option<u16>,
    /// The close frame's reason text (empty without one).
    pub reason: String,
}

impl CloseInfo {
    /// A close frame with this code and reason.
    pub fn new(code: u16, reason: impl Into<String>) -> Self {
        CloseInfo {
            code: Some(code),
            reason: reason.into(),
        }
    }

    /// A connection that ended without a close frame.
    pub fn abnormal() -> Self {
        CloseInfo::default()
    }

    /// The code, or 1006 when there was no close frame.
    pub fn code_or_abnormal(&self) -> u16 {
        self.code.unwrap_or(ABNORMAL_CLOSURE)
    }
}

impl fmt::Display for CloseInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            None => f.write_str("without a close frame"),
            Some(code) if self.reason.is_empty() => write!(f, "with code {code}"),
            Some(code) => write!(f, "with code {code} ({})", self.reason),
        }
    }
}

/// What the session said before its connection ended, for [`should_reconnect`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Observed {
    /// The `reason` of the session's `session.closed`, if one came.
    pub closed_reason: Option<CloseReason>,
    /// The code of the session's last `error` message, if any.
    pub last_error: Option<ErrorCode>,
}

impl Observed {
    /// What a session said: its `session.closed` reason and last error code.
    pub fn new(closed_reason: Option<CloseReason>, last_error: Option<ErrorCode>) -> Self {
        Observed {
            closed_reason,
            last_error,
        }
    }
}

/// Does a session of `endpoint` whose connection ended with `close`, having said `observed`,
/// reconnect? See the [module docs](self) for the table. (Whether the client had sent
/// `session.close`, which rules every reconnect out, is the caller's to check.)
pub fn should_reconnect(endpoint: EndpointKind, close: &CloseInfo, observed: &Observed) -> bool {
    if observed.closed_reason == Some(CloseReason::ServerShutdown) {
        return true;
    }
    match close.code_or_abnormal() {
        POLICY_VIOLATION => {
            endpoint == EndpointKind::Audio && observed.last_error == Some(ErrorCode::InternalError)
        }
        code => RECONNECT_CLOSE_CODES.contains(&code),
    }
}

/// May a handshake refused with `status` succeed if made again? Yes for anything but a 4xx,
/// and for 408 (request timeout) and 429 (too many requests).
pub fn is_retryable_handshake(status: StatusCode) -> bool {
    !status.is_client_error()
        || status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
}

/// May a failed connection attempt succeed if made again? A refused handshake by its status
/// ([`is_retryable_handshake`]; an invalid key never), a transport failure if it was a connect,
/// i/o or timeout failure.
pub fn connect_failure_is_retryable(error: &HumeError) -> bool {
    match error.status() {
        Some(status) => is_retryable_handshake(status),
        None => error.is_retryable(),
    }
}

/// How a session reconnects. Builder-lite; the default is the official SDKs' policy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReconnectPolicy {
    enabled: bool,
    max_attempts: u32,
    first_delay_min: Duration,
    first_delay_max: Duration,
    growth: f64,
    max_delay: Duration,
    min_uptime: Duration,
}

impl Default for ReconnectPolicy {
    /// On: first delay 1–5 s, ×1.3 each attempt, capped at 10 s, 30 attempts in a row, the
    /// count reset after 5 s of uptime.
    fn default() -> Self {
        ReconnectPolicy {
            enabled: true,
            max_attempts: 30,
            first_delay_min: Duration::from_secs(1),
            first_delay_max: Duration::from_secs(5),
            growth: 1.3,
            max_delay: Duration::from_secs(10),
            min_uptime: Duration::from_secs(5),
        }
    }
}

impl ReconnectPolicy {
    /// Never reconnect: a session ends with its first connection.
    pub fn disabled() -> Self {
        ReconnectPolicy {
            enabled: false,
            ..Self::default()
        }
    }

    /// Attempts in a row before giving up (0 disables reconnecting).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// The range the first delay is drawn from (uniformly; `min > max` is read as `max..min`).
    pub fn with_first_delay(mut self, min: Duration, max: Duration) -> Self {
        self.first_delay_min = min.min(max);
        self.first_delay_max = min.max(max);
        self
    }

    /// Factor from one delay to the next (at least 1; a non-finite value counts as 1).
    pub fn with_growth(mut self, growth: f64) -> Self {
        self.growth = if growth.is_finite() {
            growth.max(1.0)
        } else {
            1.0
        };
        self
    }

    /// Cap of one delay.
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Uptime after which the attempt count starts again.
    pub fn with_min_uptime(mut self, uptime: Duration) -> Self {
        self.min_uptime = uptime;
        self
    }

    /// Does the session reconnect at all?
    pub fn is_enabled(&self) -> bool {
        self.enabled && self.max_attempts > 0
    }

    /// Attempts in a row before giving up.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The first delay's range.
    pub fn first_delay(&self) -> (Duration, Duration) {
        (self.first_delay_min, self.first_delay_max)
    }

    /// Factor from one delay to the next.
    pub fn growth(&self) -> f64 {
        self.growth
    }

    /// Cap of one delay.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// Uptime after which the attempt count starts again.
    pub fn min_uptime(&self) -> Duration {
        self.min_uptime
    }
}

/// The reconnect delays of one session: pure, with an injectable random source for the first
/// delay. Call [`opened`](Self::opened) when a connection opens and
/// [`next_delay`](Self::next_delay) before each attempt.
pub struct Backoff {
    policy: ReconnectPolicy,
    first_delay: Duration,
    made: u32,
    opened_at: Option<Duration>,
}

impl fmt::Debug for Backoff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Backoff")
            .field("first_delay", &self.first_delay)
            .field("made", &self.made)
            .field("opened_at", &self.opened_at)
            .finish()
    }
}

impl Backoff {
    /// A backoff drawing its first delay with `fastrand`.
    pub fn new(policy: ReconnectPolicy) -> Self {
        Self::with_rng(policy, &mut fastrand::f64)
    }

    /// A backoff drawing its first delay from `rng` (values in `[0, 1)`; others are clamped).
    pub fn with_rng(policy: ReconnectPolicy, rng: &mut dyn FnMut() -> f64) -> Self {
        let r = rng();
        let r = if r.is_finite() {
            r.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let (min, max) = policy.first_delay();
        let first_delay = min + (max - min).mul_f64(r);
        Backoff {
            policy,
            first_delay,
            made: 0,
            opened_at: None,
        }
    }

    /// The first delay drawn.
    pub fn first_delay(&self) -> Duration {
        self.first_delay
    }

    /// Attempts made in the current run of attempts.
    pub fn attempts(&self) -> u32 {
        self.made
    }

    /// A connection opened at `now`.
    pub fn opened(&mut self, now: Duration) {
        self.opened_at = Some(now);
    }

    /// The delay before the next attempt, or `None` when no attempts are left. A connection
    /// that stayed open [`min_uptime`](ReconnectPolicy::min_uptime) or more (opened, then
    /// ended at `now`) starts the count again.
    pub fn next_delay(&mut self, now: Duration) -> Option<Duration> {
        if let Some(opened_at) = self.opened_at.take()
            && now.saturating_sub(opened_at) >= self.policy.min_uptime
        {
            self.made = 0;
        }
        if !self.policy.is_enabled() || self.made >= self.policy.max_attempts {
            return None;
        }
        self.made += 1;
        let factor = self
            .policy
            .growth
            .powi(i32::try_from(self.made - 1).unwrap_or(i32::MAX));
        let delay = Duration::try_from_secs_f64(self.first_delay.as_secs_f64() * factor)
            .unwrap_or(self.policy.max_delay);
        Some(delay.min(self.policy.max_delay))
    }
}

#[cfg(test)]
mod tests;
