//! [`Exchange`]: one logical request through redirects and retries, as a pure state machine.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};

use crate::HumeError;
use crate::http::HttpRequest;
use crate::redirect::RedirectState;
use crate::retry::{Decision, Outcome, RetryClass, RetryPolicy, RetryState, classify};
use crate::transport_error::TransportError;

/// What to do next in an [`Exchange`].
#[derive(Debug)]
pub enum ExchangeStep {
    /// The response is the outcome (any status): read its body and decode it. If reading the
    /// body fails, report that with [`Exchange::on_failure`].
    Final,
    /// Send this request now (a redirect was followed).
    Send(HttpRequest),
    /// Sleep this long, then send [`Exchange::request`] again (a retry).
    Retry(Duration),
    /// Give up with this error.
    Fail(HumeError),
}

/// One logical request through redirects and retries, as a pure state machine.
///
/// It knows no endpoint and no body type: it is fed response heads ([`on_response`]) and
/// failures ([`on_failure`]: the transport failed, or reading a body failed) and answers with
/// the next step. An attempt ends when its body has been read, so a body cut short is retried
/// in the same budget as a dropped connection (for idempotent requests: a POST that may have
/// been sent is never repeated). The operations in [`operation`](crate::operation) drive it;
/// a minimal loop looks like this:
///
/// ```
/// # use hume_core::{Exchange, ExchangeStep, HttpRequest, HumeError, RetryPolicy, Transport};
/// # use std::time::Instant;
/// fn status_of(t: &dyn Transport, req: HttpRequest) -> Result<http::StatusCode, HumeError> {
///     let mut exchange = Exchange::new(req, RetryPolicy::default(), 5);
///     let start = Instant::now();
///     let mut request = exchange.request();
///     loop {
///         let step = match t.send(request) {
///             Ok(response) => {
///                 let step = exchange.on_response(response.status, &response.headers, start.elapsed());
///                 if let ExchangeStep::Final = step {
///                     return Ok(response.status); // read and decode the body here
///                 }
///                 step
///             }
///             Err(err) => exchange.on_failure(err, start.elapsed()),
///         };
///         request = match step {
///             ExchangeStep::Final => unreachable!("handled above"),
///             ExchangeStep::Send(next) => next,
///             ExchangeStep::Retry(delay) => {
///                 std::thread::sleep(delay);
///                 exchange.request()
///             }
///             ExchangeStep::Fail(err) => return Err(err),
///         };
///     }
/// }
/// ```
///
/// [`on_response`]: Exchange::on_response
/// [`on_failure`]: Exchange::on_failure
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

    /// The request as first given (before any redirect).
    pub fn original(&self) -> &HttpRequest {
        &self.original
    }

    /// Sets (`Some`) or removes (`None`) a header on the request for the attempts to come, as
    /// first given and as currently redirected (a download resumed with `Range`).
    pub fn set_header(&mut self, name: http::HeaderName, value: Option<http::HeaderValue>) {
        for request in [&mut self.original, &mut self.current] {
            match &value {
                Some(value) => {
                    request.headers.insert(name.clone(), value.clone());
                }
                None => {
                    request.headers.remove(&name);
                }
            }
        }
    }

    /// Attempts that ended in a retry or a failure so far (redirect hops not counted).
    pub fn attempts(&self) -> u32 {
        self.retry.attempts()
    }

    /// Feeds the head of the response to [`request`](Self::request), `elapsed` after the
    /// exchange began. Redirects are followed first (same origin keeps the key); a retryable
    /// status is retried per the policy, restarting from the original request; anything else
    /// (or a retryable status once the budget is spent) is [`ExchangeStep::Final`].
    pub fn on_response(
        &mut self,
        status: StatusCode,
        headers: &HeaderMap,
        elapsed: Duration,
    ) -> ExchangeStep {
        match self.redirects.next(&self.current, status, headers) {
            Ok(Some(next)) => {
                // The target is server text: the operation logs it without the key.
                self.current = next.clone();
                return ExchangeStep::Send(next);
            }
            Ok(None) => {}
            Err(err) => return ExchangeStep::Fail(err),
        }
        let outcome = Outcome::Response { status, headers };
        let class = classify(&self.current.method, outcome, (self.now)());
        if class == RetryClass::Final {
            // The attempt ends once the body is read (a failure then comes to `on_failure`).
            return ExchangeStep::Final;
        }
        match self.retry.decide(class, elapsed) {
            Decision::RetryAfter(delay) => {
                tracing::debug!(%status, ?delay, attempt = self.retry.attempts(), "retrying");
                self.restart();
                ExchangeStep::Retry(delay)
            }
            Decision::Stop => ExchangeStep::Final,
        }
    }

    /// Feeds a failure of the current attempt, `elapsed` after the exchange began: the
    /// transport failed, or reading the response body failed (see
    /// [`body_read_error`](crate::download::body_read_error)). Retried per the policy when the
    /// request may be repeated; otherwise [`ExchangeStep::Fail`] with
    /// [`HumeError::Transport`].
    pub fn on_failure(&mut self, err: TransportError, elapsed: Duration) -> ExchangeStep {
        let class = classify(&self.current.method, Outcome::Transport(&err), (self.now)());
        match self.retry.decide(class, elapsed) {
            Decision::RetryAfter(delay) => {
                tracing::debug!(error = %err, ?delay, attempt = self.retry.attempts(), "retrying");
                self.restart();
                ExchangeStep::Retry(delay)
            }
            Decision::Stop => ExchangeStep::Fail(HumeError::Transport(err)),
        }
    }

    /// Back to the original request, with a fresh redirect budget.
    fn restart(&mut self) {
        self.current = self.original.clone();
        self.redirects = RedirectState::new(self.redirects.limit());
    }
}

#[cfg(test)]
mod tests;
