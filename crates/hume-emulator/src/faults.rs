//! Fault injection: seeded, replayable failures applied to incoming requests.
//!
//! Every request draws exactly one number from a RNG seeded with the emulator's seed, so the
//! n-th request of a run gets the same fault in every run with the same seed (requests sent one
//! after the other replay exactly; concurrent requests may race for positions in the sequence).
//! The fractions are cumulative slices of `[0, 1)` in this order: 503, 429, dropped connection,
//! truncated body, slow response, dropped after processing. `reject_first` answers the first N
//! requests with 503 before any random draw is used.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Which faults to inject and how often (all off by default).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FaultConfig {
    /// Fraction of requests answered `503 Service Unavailable`.
    pub server_error: f64,
    /// Fraction of requests answered `429 Too Many Requests` with `Retry-After`.
    pub rate_limit: f64,
    /// `Retry-After` value in seconds sent with 429 responses.
    pub retry_after_secs: u64,
    /// Fraction of requests whose connection is closed without any response.
    pub drop_connection: f64,
    /// Fraction of responses that declare their full `Content-Length` but send only about
    /// half of the body, then close the connection.
    pub truncate_body: f64,
    /// Fraction of requests answered normally after `slow_delay`.
    pub slow: f64,
    /// Delay of slow responses.
    pub slow_delay: Duration,
    /// The first `reject_first` requests are answered with 503, whatever the fractions.
    pub reject_first: u64,
    /// Fraction of requests that are processed (a submit creates its job) but whose connection
    /// is then closed without the response.
    pub drop_after_processing: f64,
}

impl FaultConfig {
    /// No faults at all (same as `Default`).
    pub fn none() -> Self {
        FaultConfig::default()
    }

    /// Answers this fraction of requests with 503.
    pub fn with_server_error(mut self, fraction: f64) -> Self {
        self.server_error = fraction;
        self
    }

    /// Answers this fraction of requests with 429 and `Retry-After: retry_after_secs`.
    pub fn with_rate_limit(mut self, fraction: f64, retry_after_secs: u64) -> Self {
        self.rate_limit = fraction;
        self.retry_after_secs = retry_after_secs;
        self
    }

    /// Closes the connection of this fraction of requests without answering.
    pub fn with_drop_connection(mut self, fraction: f64) -> Self {
        self.drop_connection = fraction;
        self
    }

    /// Truncates the body of this fraction of responses.
    pub fn with_truncate_body(mut self, fraction: f64) -> Self {
        self.truncate_body = fraction;
        self
    }

    /// Delays this fraction of responses by `delay`.
    pub fn with_slow(mut self, fraction: f64, delay: Duration) -> Self {
        self.slow = fraction;
        self.slow_delay = delay;
        self
    }

    /// Processes this fraction of requests, then closes the connection without answering (a
    /// submit creates its job, but the client never learns its id).
    pub fn with_drop_after_processing(mut self, fraction: f64) -> Self {
        self.drop_after_processing = fraction;
        self
    }

    /// Rejects the first `n` requests with 503.
    pub fn with_reject_first(mut self, n: u64) -> Self {
        self.reject_first = n;
        self
    }

    /// Whether any fault can ever be injected.
    pub fn is_enabled(&self) -> bool {
        self.reject_first > 0
            || [
                self.server_error,
                self.rate_limit,
                self.drop_connection,
                self.truncate_body,
                self.slow,
                self.drop_after_processing,
            ]
            .iter()
            .any(|f| *f > 0.0)
    }
}

/// One injected fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// `503` with a JSON message body.
    ServiceUnavailable,
    /// `429` with `Retry-After`.
    RateLimited,
    /// The connection is closed without a response, before the request is processed.
    DropConnection,
    /// The request is processed, then the connection is closed without the response.
    DropAfterProcessing,
    /// The response body is cut short.
    TruncateBody,
    /// The response is delayed.
    Slow,
}

/// The seeded sequence of fault decisions of one emulator.
#[derive(Debug)]
pub struct FaultPlan {
    config: FaultConfig,
    rng: Mutex<fastrand::Rng>,
    requests: AtomicU64,
}

impl FaultPlan {
    /// A plan drawing from a RNG seeded with `seed`.
    pub fn new(config: FaultConfig, seed: u64) -> Self {
        FaultPlan {
            config,
            rng: Mutex::new(fastrand::Rng::with_seed(seed ^ 0x6661_756c_7473_2121)),
            requests: AtomicU64::new(0),
        }
    }

    /// The configuration this plan follows.
    pub fn config(&self) -> &FaultConfig {
        &self.config
    }

    /// Decides the fault (if any) of the next request.
    pub fn next_fault(&self) -> Option<Fault> {
        if !self.config.is_enabled() {
            return None;
        }
        let n = self.requests.fetch_add(1, Ordering::SeqCst);
        let draw = self.rng.lock().unwrap_or_else(|e| e.into_inner()).f64();
        if n < self.config.reject_first {
            return Some(Fault::ServiceUnavailable);
        }
        let c = &self.config;
        let slices = [
            (c.server_error, Fault::ServiceUnavailable),
            (c.rate_limit, Fault::RateLimited),
            (c.drop_connection, Fault::DropConnection),
            (c.truncate_body, Fault::TruncateBody),
            (c.slow, Fault::Slow),
            (c.drop_after_processing, Fault::DropAfterProcessing),
        ];
        let mut edge = 0.0;
        for (fraction, fault) in slices {
            edge += fraction.max(0.0);
            if draw < edge {
                return Some(fault);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
