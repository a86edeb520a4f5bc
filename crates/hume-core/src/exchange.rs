//! [`Exchange`]: one logical request through redirects and retries, as a pure state machine.
//!
//! This is the whole send loop both clients share; each only supplies `send` and `sleep`:
//!
//! ```
//! # use hume_core::{Exchange, ExchangeStep, HttpRequest, HttpResponse, HumeError, RetryPolicy, Transport, BlockingBody};
//! # use std::time::Instant;
//! fn execute(t: &dyn Transport, req: HttpRequest) -> Result<HttpResponse<BlockingBody>, HumeError> {
//!     let mut exchange = Exchange::new(req, RetryPolicy::default(), 5);
//!     let start = Instant::now();
//!     loop {
//!         let result = t.send(exchange.request());
//!         match exchange.on_result(result, start.elapsed()) {
//!             ExchangeStep::Done(result) => return result,
//!             ExchangeStep::SendAgain => {}
//!             ExchangeStep::SleepThenSend(delay) => std::thread::sleep(delay),
//!         }
//!     }
//! }
//! ```

use std::time::{Duration, SystemTime};

use crate::HumeError;
use crate::endpoints::submit;
use crate::http::{HttpRequest, HttpResponse};
use crate::redirect::RedirectState;
use crate::retry::{Decision, Outcome, RetryPolicy, RetryState, classify};
use crate::transport_error::TransportError;

/// What the client loop does next.
#[derive(Debug)]
pub enum ExchangeStep<B> {
    /// Finished: the final response (any status; decode it with the endpoint) or the error.
    Done(Result<HttpResponse<B>, HumeError>),
    /// Send [`Exchange::request`] now (a redirect was followed).
    SendAgain,
    /// Sleep, then send [`Exchange::request`] again (a retry).
    SleepThenSend(Duration),
}

/// The state of one logical request; see the module docs of `exchange.rs`.
#[derive(Debug)]
pub struct Exchange {
    original: HttpRequest,
    current: HttpRequest,
    retry: RetryState,
    redirects: RedirectState,
    now: fn() -> SystemTime,
}

impl Exchange {
    /// Starts an exchange for `req` with a retry policy and a redirect limit.
    pub fn new(req: HttpRequest, retry: RetryPolicy, max_redirects: u32) -> Self {
        Self::with_retry_state(req, RetryState::new(retry), max_redirects)
    }

    /// Like [`new`](Self::new) with a prepared [`RetryState`] (e.g. an injected RNG).
    pub fn with_retry_state(req: HttpRequest, retry: RetryState, max_redirects: u32) -> Self {
        Self {
            current: req.clone(),
            original: req,
            retry,
            redirects: RedirectState::new(max_redirects),
            now: SystemTime::now,
        }
    }

    /// Uses another wall clock for HTTP-date `Retry-After` values (tests).
    pub fn with_clock(mut self, now: fn() -> SystemTime) -> Self {
        self.now = now;
        self
    }

    /// The request to send next (cheap clone; multipart bodies re-open their files).
    pub fn request(&self) -> HttpRequest {
        self.current.clone()
    }

    /// Attempts finished so far (redirect hops not counted).
    pub fn attempts(&self) -> u32 {
        self.retry.attempts()
    }

    /// Feeds the result of sending [`request`](Self::request), `elapsed` after the exchange
    /// began. Redirects are followed first (same origin keeps the key); then retryable outcomes
    /// are retried per the policy, restarting from the original request. A final transport
    /// failure of a non-idempotent request (the submit POST) that may have been sent becomes
    /// [`HumeError::SubmitUncertain`].
    pub fn on_result<B>(
        &mut self,
        result: Result<HttpResponse<B>, TransportError>,
        elapsed: Duration,
    ) -> ExchangeStep<B> {
        if let Ok(response) = &result {
            match self
                .redirects
                .next(&self.current, response.status, &response.headers)
            {
                Ok(Some(next)) => {
                    tracing::debug!(status = %response.status, to = %next.url, "following redirect");
                    self.current = next;
                    return ExchangeStep::SendAgain;
                }
                Ok(None) => {}
                Err(err) => return ExchangeStep::Done(Err(err)),
            }
        }
        let class = classify(&self.current.method, Outcome::of(&result), (self.now)());
        match self.retry.decide(class, elapsed) {
            Decision::RetryAfter(delay) => {
                match &result {
                    Ok(r) => {
                        tracing::debug!(status = %r.status, ?delay, attempt = self.retry.attempts(), "retrying")
                    }
                    Err(e) => {
                        tracing::debug!(error = %e, ?delay, attempt = self.retry.attempts(), "retrying")
                    }
                }
                self.current = self.original.clone();
                self.redirects = RedirectState::new(self.redirects_limit());
                ExchangeStep::SleepThenSend(delay)
            }
            Decision::Stop => ExchangeStep::Done(result.map_err(|err| {
                if self.current.method.is_idempotent() {
                    HumeError::Transport(err)
                } else {
                    submit::transport_error(err)
                }
            })),
        }
    }

    fn redirects_limit(&self) -> u32 {
        self.redirects.limit()
    }
}

#[cfg(test)]
mod tests;
