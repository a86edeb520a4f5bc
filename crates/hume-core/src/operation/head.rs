//! [`Head`]: the part every operation shares, getting a final response head through the
//! [`Exchange`]'s redirects and retries, with time measured from the exchange's start.

use std::time::Duration;

use http::{HeaderMap, StatusCode};

use super::{Action, Event, unexpected};
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

/// One exchange, event by event.
#[derive(Debug)]
pub(crate) struct Head {
    exchange: Exchange,
    started: Option<Duration>,
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
        }
    }

    /// Takes `Start`, `Response`, `TransportFailed` or `Slept`.
    pub(crate) fn on<T>(&mut self, event: Event, now: Duration) -> HeadStep<T> {
        match event {
            Event::Start => {
                self.started = Some(now);
                HeadStep::Act(Action::Send(self.exchange.request()))
            }
            Event::Slept => HeadStep::Act(Action::Send(self.exchange.request())),
            Event::Response { status, headers } => {
                let elapsed = self.elapsed(now);
                match self.exchange.on_response(status, &headers, elapsed) {
                    ExchangeStep::Final => HeadStep::Final(status, headers),
                    step => HeadStep::Act(Self::act(step)),
                }
            }
            Event::TransportFailed(err) => HeadStep::Act(self.fail(err, now)),
            other => HeadStep::Act(unexpected(&other, "waiting for a response")),
        }
    }

    /// The attempt failed after its head (reading the body): retry per the policy, or give up.
    pub(crate) fn fail<T>(&mut self, err: TransportError, now: Duration) -> Action<T> {
        let elapsed = self.elapsed(now);
        Self::act(self.exchange.on_failure(err, elapsed))
    }

    /// The request as first given.
    pub(crate) fn request(&self) -> HttpRequest {
        self.exchange.original().clone()
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

    fn act<T>(step: ExchangeStep) -> Action<T> {
        match step {
            ExchangeStep::Send(request) => Action::Send(request),
            ExchangeStep::Retry(delay) => Action::Sleep(delay),
            ExchangeStep::Fail(err) => Action::Done(Err(err)),
            // `on_failure` never answers Final; `on` handles it before calling this.
            ExchangeStep::Final => Action::Done(Err(crate::HumeError::io(
                "driving an operation",
                std::io::Error::other("a final response where none was expected"),
            ))),
        }
    }
}
