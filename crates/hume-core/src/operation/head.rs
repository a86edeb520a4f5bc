//! [`Head`]: the part every operation shares, getting a final response head through the
//! [`Exchange`]'s redirects and retries, with time measured from the exchange's start.

use std::time::Duration;

use http::{HeaderMap, StatusCode};

use super::{Action, Event, unexpected};
use crate::HumeError;
use crate::api_key::ApiKey;
use crate::config::ClientContext;
use crate::exchange::{Exchange, ExchangeStep};
use crate::http::HttpRequest;
use crate::retry::RetryPolicy;
use crate::transport_error::TransportError;

/// What an event to a [`Head`] leads to.
pub(crate) enum HeadStep<T> {
    /// The final response head: status and headers, its body still with the driver.
    Final(StatusCode, HeaderMap),
    /// An action to return (send, sleep, or done with an error).
    Act(Action<T>),
}

/// One exchange, event by event. Errors it ends with carry no trace of the key (a
/// redirect's `Location` is server text: [`HumeError::scrubbed`]).
#[derive(Debug)]
pub(crate) struct Head {
    exchange: Exchange,
    started: Option<Duration>,
    key: ApiKey,
    /// Why the request must not be sent at all (an unsafe job id), reported at `Start`.
    refusal: Option<HumeError>,
    /// The whole exchange (every attempt, sleep and body) must end this long after `Start`.
    within: Option<Duration>,
}

impl Head {
    /// An exchange of `request` with the context's retry policy and redirect limit.
    pub(crate) fn new(ctx: &ClientContext, request: HttpRequest) -> Self {
        Self::with_retry(ctx, request, *ctx.config().retry())
    }

    /// An exchange of `request` with this retry policy and the context's redirect limit.
    pub(crate) fn with_retry(
        ctx: &ClientContext,
        request: HttpRequest,
        retry: RetryPolicy,
    ) -> Self {
        Self {
            exchange: Exchange::new(request, retry, ctx.config().max_redirects()),
            started: None,
            key: ctx.api_key().clone(),
            refusal: None,
            within: None,
        }
    }

    /// Bounds the whole exchange to `left` from its start: every attempt's timeout and
    /// deadline are cut to the time left, and retries stop when it is spent (the retry
    /// policy's own limit still applies when sooner). How an await keeps its polls inside its
    /// own deadline.
    pub(crate) fn within(mut self, ctx: &ClientContext, left: Duration) -> Self {
        let retry = *ctx.config().retry();
        let limit = retry.max_elapsed().map_or(left, |max| max.min(left));
        let request = self.exchange.original().clone();
        self.exchange = Exchange::new(
            request,
            retry.with_max_elapsed(Some(limit)),
            ctx.config().max_redirects(),
        );
        self.within = Some(left);
        self
    }

    /// `request` with its timeout and deadline cut to the time left, or the timeout error
    /// once no time is left.
    fn bounded(&self, mut request: HttpRequest, now: Duration) -> Result<HttpRequest, HumeError> {
        let Some(within) = self.within else {
            return Ok(request);
        };
        let left = within.saturating_sub(self.elapsed(now));
        if left.is_zero() {
            return Err(HumeError::Transport(TransportError::timeout(
                crate::SendState::NotSent,
                std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!("no time left ({}s allowed)", within.as_secs_f64()),
                ),
            )));
        }
        request.timeout = Some(request.timeout.map_or(left, |t| t.min(left)));
        request.deadline = Some(request.deadline.map_or(left, |d| d.min(left)));
        Ok(request)
    }

    /// The action that sends `request` (bounded), or ends with the timeout.
    fn send<T>(&self, request: HttpRequest, now: Duration) -> Action<T> {
        match self.bounded(request, now) {
            Ok(request) => Action::Send(request),
            Err(err) => Action::Done(Err(err)),
        }
    }

    /// [`new`](Self::new) for a request about `job_id`: an id that is not a safe path
    /// segment (`..`, a separator, ...) ends the operation at `Start`, before anything is sent.
    pub(crate) fn for_job(
        ctx: &ClientContext,
        job_id: &hume_models::JobId,
        request: HttpRequest,
    ) -> Self {
        let mut head = Self::new(ctx, request);
        head.refusal = job_id.check().err().map(HumeError::from);
        head
    }

    /// Takes `Start`, `Response`, `TransportFailed` or `Slept`.
    pub(crate) fn on<T>(&mut self, event: Event, now: Duration) -> HeadStep<T> {
        match event {
            Event::Start => {
                if let Some(refusal) = self.refusal.take() {
                    return HeadStep::Act(Action::Done(Err(self.scrub(refusal))));
                }
                self.started = Some(now);
                HeadStep::Act(self.send(self.exchange.request(), now))
            }
            Event::Slept => HeadStep::Act(self.send(self.exchange.request(), now)),
            Event::Response { status, headers } => {
                let elapsed = self.elapsed(now);
                match self.exchange.on_response(status, &headers, elapsed) {
                    ExchangeStep::Final => HeadStep::Final(status, headers),
                    ExchangeStep::Send(next) => {
                        tracing::debug!(%status, to = %self.key.scrub(&next.url), "following redirect");
                        HeadStep::Act(self.send(next, now))
                    }
                    step => HeadStep::Act(self.act(step)),
                }
            }
            Event::TransportFailed(err) => HeadStep::Act(self.fail(err, now)),
            other => HeadStep::Act(unexpected(&other, "waiting for a response")),
        }
    }

    /// The attempt failed after its head (reading the body): retry per the policy, or give up.
    pub(crate) fn fail<T>(&mut self, err: TransportError, now: Duration) -> Action<T> {
        let elapsed = self.elapsed(now);
        let step = self.exchange.on_failure(err, elapsed);
        self.act(step)
    }

    /// `err` without the key.
    fn scrub(&self, err: HumeError) -> HumeError {
        err.scrubbed(self.key.expose_secret())
    }

    /// Sends the request again now (after a header change), outside the retry budget.
    pub(crate) fn resend<T>(&self) -> Action<T> {
        Action::Send(self.exchange.request())
    }

    /// Sets or removes a header for the attempts to come (see [`Exchange::set_header`]).
    pub(crate) fn set_header(&mut self, name: http::HeaderName, value: Option<http::HeaderValue>) {
        self.exchange.set_header(name, value);
    }

    fn elapsed(&self, now: Duration) -> Duration {
        now.saturating_sub(self.started.unwrap_or(now))
    }

    fn act<T>(&self, step: ExchangeStep) -> Action<T> {
        match step {
            ExchangeStep::Send(request) => Action::Send(request),
            ExchangeStep::Retry(delay) => Action::Sleep(delay),
            ExchangeStep::Fail(err) => Action::Done(Err(self.scrub(err))),
            // `on_failure` never answers Final; `on` handles it before calling this.
            ExchangeStep::Final => Action::Done(Err(crate::HumeError::io(
                "driving an operation",
                std::io::Error::other("a final response where none was expected"),
            ))),
        }
    }
}

/// A request whose body is streamed to a file: no total deadline (a large download may take
/// long), only the transfer rate floor and the idle timeout.
pub(crate) fn streamed(mut request: crate::http::HttpRequest) -> crate::http::HttpRequest {
    request.deadline = None;
    request
}
