//! Retry policy and a pure retry state machine (classification, then decision).
//!
//! A client's loop is: send, [`classify`] the outcome, ask [`RetryState::decide`], then either
//! return the outcome ([`Decision::Stop`]) or sleep and send again
//! ([`Decision::RetryAfter`]). Nothing here sleeps or reads a clock: elapsed time and the
//! wall-clock "now" (for HTTP-date `Retry-After`) are passed in, and the jitter source is
//! injectable, so tests are exact and instant.

use std::fmt;
use std::time::{Duration, SystemTime};

use http::{HeaderMap, Method, StatusCode, header::RETRY_AFTER};

use crate::transport_error::{SendState, TransportError, TransportErrorKind};

/// How often and how long to retry failed requests.
///
/// Builder-lite: `RetryPolicy::default().with_max_attempts(5)`. Defaults: backoff from 250 ms
/// growing 1.5× per retry up to 10 s, with full jitter, for at most 60 s and 20 attempts: a
/// call rides out a minute of transient failures (about 15 attempts when every one fails and
/// every wait is the longest), then reports the last one. Each attempt includes reading the
/// response body.
///
/// The growth is gentler than doubling (gRPC uses 1.6, Google's API clients 1.3). Against
/// failures that come and go, such as a third of requests failing at random, doubling makes
/// the unlucky call that meets seven failures in a row wait half a minute; a server that keeps
/// failing still sees each client slow to one attempt per 5 s on average. A server's
/// `Retry-After` names the wait itself: it is honoured (up to the maximum backoff) and does
/// not raise the backoff of the retries that follow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    multiplier: f64,
    max_backoff: Duration,
    max_elapsed: Option<Duration>,
    jitter: bool,
}

/// The default growth of the backoff per retry.
const DEFAULT_MULTIPLIER: f64 = 1.5;

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 20,
            initial_backoff: Duration::from_millis(250),
            multiplier: DEFAULT_MULTIPLIER,
            max_backoff: Duration::from_secs(10),
            max_elapsed: Some(Duration::from_secs(60)),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries (one attempt).
    pub fn none() -> Self {
        Self::default().with_max_attempts(1)
    }

    /// Total attempts including the first (0 is treated as 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Backoff before the first retry (before jitter).
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// How much each backoff grows over the one before (default 1.5; 2.0 doubles). Values
    /// below 1 are taken as 1 (a constant backoff), above 16 as 16; not a number keeps the
    /// default.
    pub fn with_multiplier(mut self, multiplier: f64) -> Self {
        self.multiplier = if multiplier.is_nan() {
            DEFAULT_MULTIPLIER
        } else {
            multiplier.clamp(1.0, 16.0)
        };
        self
    }

    /// Cap for any single delay, including a server's `Retry-After`.
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// Give up retrying once this much time has passed since the first attempt
    /// (`None`: no limit other than the attempt count).
    pub fn with_max_elapsed(mut self, max_elapsed: Option<Duration>) -> Self {
        self.max_elapsed = max_elapsed;
        self
    }

    /// Full jitter on (the default) or off (delays are exactly the capped exponential).
    pub fn with_jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// Total attempts including the first.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Backoff before the first retry.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// Growth of the backoff per retry.
    pub fn multiplier(&self) -> f64 {
        self.multiplier
    }

    /// Cap for any single delay.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// Overall retry deadline.
    pub fn max_elapsed(&self) -> Option<Duration> {
        self.max_elapsed
    }

    /// Whether full jitter is applied.
    pub fn jitter(&self) -> bool {
        self.jitter
    }

    /// The un-jittered backoff before retry number `retry` (0-based):
    /// `min(initial × multiplier^retry, max)`, where any overflow yields `max`.
    pub fn backoff(&self, retry: u32) -> Duration {
        let exponent = i32::try_from(retry).unwrap_or(i32::MAX);
        let secs = self.initial_backoff.as_secs_f64() * self.multiplier.powi(exponent);
        Duration::try_from_secs_f64(secs).map_or(self.max_backoff, |d| d.min(self.max_backoff))
    }
}

/// What an attempt produced, as far as retrying is concerned.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// The transport failed.
    Transport(&'a TransportError),
    /// A response head arrived.
    Response {
        /// Its status.
        status: StatusCode,
        /// Its headers (for `Retry-After`).
        headers: &'a HeaderMap,
    },
}

impl<'a> Outcome<'a> {
    /// The outcome of a transport call, whatever the body type.
    pub fn of<B>(result: &'a Result<crate::http::HttpResponse<B>, TransportError>) -> Self {
        match result {
            Ok(resp) => Self::Response {
                status: resp.status,
                headers: &resp.headers,
            },
            Err(err) => Self::Transport(err),
        }
    }
}

/// The label a classifier puts on an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryClass {
    /// Success or a failure that retrying cannot fix.
    Final,
    /// A transient failure; `server_delay` is the server's `Retry-After`, if any.
    Retryable {
        /// Delay requested by the server.
        server_delay: Option<Duration>,
    },
}

/// Labels an outcome.
///
/// Idempotent requests ([`Method::is_idempotent`]: GET, HEAD, PUT, DELETE, ...): connect, i/o
/// and timeout failures, 429 and every 5xx are retryable. Other requests (the submit POST, which would duplicate a job): only failures
/// where the request was [`SendState::NotSent`], and 429 or 503. `now` converts an HTTP-date
/// `Retry-After` into a delay.
pub fn classify(method: &Method, outcome: Outcome<'_>, now: SystemTime) -> RetryClass {
    let idempotent = method.is_idempotent();
    match outcome {
        Outcome::Transport(err) => {
            let transient = matches!(
                err.kind(),
                TransportErrorKind::Connect | TransportErrorKind::Io | TransportErrorKind::Timeout
            );
            let retry = transient && (idempotent || err.send_state() == SendState::NotSent);
            if retry {
                RetryClass::Retryable { server_delay: None }
            } else {
                RetryClass::Final
            }
        }
        Outcome::Response { status, headers } => {
            let retry = if idempotent {
                status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
            } else {
                status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE
            };
            if retry {
                RetryClass::Retryable {
                    server_delay: parse_retry_after(headers, now),
                }
            } else {
                RetryClass::Final
            }
        }
    }
}

/// Parses `Retry-After` as delay-seconds or an HTTP date (relative to `now`; a past date is
/// zero). Unparseable values are ignored.
pub fn parse_retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Absurdly long digit strings saturate rather than fail.
        return Some(Duration::from_secs(
            value.parse::<u64>().unwrap_or(u64::MAX),
        ));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// What the client loop should do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Return the last outcome to the caller.
    Stop,
    /// Sleep this long, then send the request again.
    RetryAfter(Duration),
}

/// The retry state of one logical request.
pub struct RetryState {
    policy: RetryPolicy,
    attempts: u32,
    /// Retries whose delay was a backoff (not a server's `Retry-After`): the exponent.
    backoffs: u32,
    rng: Box<dyn FnMut() -> f64 + Send + Sync>,
}

impl fmt::Debug for RetryState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryState")
            .field("policy", &self.policy)
            .field("attempts", &self.attempts)
            .field("backoffs", &self.backoffs)
            .finish()
    }
}

impl RetryState {
    /// A fresh state using `fastrand` for jitter.
    pub fn new(policy: RetryPolicy) -> Self {
        Self::with_rng(policy, fastrand::f64)
    }

    /// A fresh state with an injected random source returning values in `[0, 1)`.
    pub fn with_rng(policy: RetryPolicy, rng: impl FnMut() -> f64 + Send + Sync + 'static) -> Self {
        Self {
            policy,
            attempts: 0,
            backoffs: 0,
            rng: Box::new(rng),
        }
    }

    /// Attempts recorded so far.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Records one finished attempt labelled `class`, `elapsed` after the first attempt
    /// started, and decides what to do.
    ///
    /// Stops on [`RetryClass::Final`], after `max_attempts`, or when the deadline
    /// (`max_elapsed`) has passed. Otherwise the delay is the server's `Retry-After` if given,
    /// else the full-jitter backoff `rand[0,1) × min(initial × multiplier^n, max)`, where `n`
    /// counts the earlier retries that backed off (those that waited a server's `Retry-After`
    /// do not count: the server said when to come back, which is no sign that it is
    /// overloaded for longer); either way capped at `max_backoff` and at the time left before
    /// the deadline.
    pub fn decide(&mut self, class: RetryClass, elapsed: Duration) -> Decision {
        self.attempts = self.attempts.saturating_add(1);
        let RetryClass::Retryable { server_delay } = class else {
            return Decision::Stop;
        };
        if self.attempts >= self.policy.max_attempts {
            return Decision::Stop;
        }
        let remaining = match self.policy.max_elapsed {
            Some(max) => match max.checked_sub(elapsed) {
                Some(left) if !left.is_zero() => left,
                _ => return Decision::Stop,
            },
            None => Duration::MAX,
        };
        let delay = match server_delay {
            Some(server) => server.min(self.policy.max_backoff),
            None => {
                let base = self.policy.backoff(self.backoffs);
                self.backoffs = self.backoffs.saturating_add(1);
                if self.policy.jitter {
                    let factor = (self.rng)();
                    let factor = if factor.is_finite() {
                        factor.clamp(0.0, 1.0)
                    } else {
                        1.0
                    };
                    base.mul_f64(factor)
                } else {
                    base
                }
            }
        };
        Decision::RetryAfter(delay.min(remaining))
    }
}

#[cfg(test)]
mod tests;
