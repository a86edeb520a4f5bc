//! What both realtime endpoints share: the [`Step`] a message produces, the [`SessionCore`]
//! (configuration lock, text messages, send-rate check, forced rate limits) and the
//! [`RealtimeEndpoint`] trait the socket driver runs, implemented by the audio and the video
//! session. Everything here is pure: time comes in as `now`, the time since the session opened.

use std::time::Duration;

use hume_models::v1::realtime::{AudioServerMessage, ErrorCode, ErrorMessage};
use hume_models::v1::{RunConfig, RunEndpoint, RunEventKind, SessionId};
use serde_json::{Map, Value};

use super::client_text::{ClientText, classify};
use super::rate::TokenBucket;
use crate::RealtimeConfig;

/// Close code of a session ended by an error (policy violation).
pub(crate) const CLOSE_POLICY: u16 = 1008;
/// Close code of a session ended by a message over the size limit (message too big).
pub(crate) const CLOSE_TOO_BIG: u16 = 1009;

/// A run event to log.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EventNote {
    pub(crate) kind: RunEventKind,
    pub(crate) detail: Option<Map<String, Value>>,
}

/// How a step ends the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StepEnd {
    /// `session.close`: answer what is pending, `session.closed` (`client_request`), close.
    ClientRequest,
    /// A session-ending error (its `error` message is in the step): `session.closed`
    /// (`error`), then close with this code.
    Fatal {
        /// The close code.
        close_code: u16,
    },
}

/// What one client message produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Step {
    /// Server messages to send, in order (JSON text).
    pub(crate) messages: Vec<String>,
    /// Run events to log.
    pub(crate) events: Vec<EventNote>,
    /// Whether the session ends after the messages.
    pub(crate) end: Option<StepEnd>,
}

impl Step {
    /// These messages.
    pub(crate) fn send(messages: Vec<String>) -> Step {
        Step {
            messages,
            ..Step::default()
        }
    }

    /// An `error` the session survives (`retryable: true`).
    pub(crate) fn error(code: ErrorCode, message: impl Into<String>) -> Step {
        Step::send(vec![error_json(code, message, true)])
    }

    /// An `error` that ends the session (`retryable: false`), then a close with `close_code`.
    pub(crate) fn fatal(code: ErrorCode, message: impl Into<String>, close_code: u16) -> Step {
        Step {
            messages: vec![error_json(code, message, false)],
            events: Vec::new(),
            end: Some(StepEnd::Fatal { close_code }),
        }
    }

    /// The session ends at the client's request.
    pub(crate) fn close() -> Step {
        Step {
            end: Some(StepEnd::ClientRequest),
            ..Step::default()
        }
    }

    /// Also logs a run event.
    pub(crate) fn with_event(
        mut self,
        kind: RunEventKind,
        detail: Option<Map<String, Value>>,
    ) -> Step {
        self.events.push(EventNote { kind, detail });
        self
    }
}

/// A details object with one entry.
pub(crate) fn detail(key: &str, value: impl Into<Value>) -> Option<Map<String, Value>> {
    let mut map = Map::new();
    map.insert(key.to_owned(), value.into());
    Some(map)
}

/// An `error` message as JSON (the same on both sockets).
pub(crate) fn error_json(code: ErrorCode, message: impl Into<String>, retryable: bool) -> String {
    AudioServerMessage::Error(ErrorMessage::new(code, message, retryable)).to_json()
}

/// The `rate_limited` answer to a frame, with its run event.
pub(crate) fn rate_limited(what: &str) -> Step {
    Step::error(
        ErrorCode::RateLimited,
        format!("{what} arrived faster than the allowed rate and was not measured; resend it after a short wait"),
    )
    .with_event(RunEventKind::RateLimited, None)
}

/// How much of the media a session took in.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Usage {
    /// Billable seconds so far (before the 10 s minimum).
    pub(crate) metered_seconds: f64,
    /// Bytes of media taken in.
    pub(crate) bytes_received: u64,
}

/// What a text message asks of an endpoint, after the shared rules.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TextAction {
    /// The answer is settled (close, `message_invalid`, an update after the first frame).
    Step(Step),
    /// A `session.update` before the first frame: the endpoint reads its fields.
    Update(Map<String, Value>),
}

/// The state both endpoints keep.
#[derive(Debug, Clone)]
pub(crate) struct SessionCore {
    /// The session's id (= its run's id).
    pub(crate) session_id: SessionId,
    locked: bool,
    checked: u64,
    rate_limit_every: Option<u64>,
    bucket: Option<TokenBucket>,
}

impl SessionCore {
    /// A session's shared state: `bucket` is its send-rate budget (`None`: no check), every
    /// `rate_limit_every`-th frame checked is refused whatever the rate.
    pub(crate) fn new(
        session_id: SessionId,
        bucket: Option<TokenBucket>,
        rate_limit_every: Option<u64>,
    ) -> SessionCore {
        SessionCore {
            session_id,
            locked: false,
            checked: 0,
            rate_limit_every,
            bucket,
        }
    }

    /// A binary message arrived: the configuration is locked from now on.
    pub(crate) fn frame_arrived(&mut self) {
        self.locked = true;
    }

    /// Has a frame arrived?
    #[cfg(test)]
    pub(crate) fn is_locked(&self) -> bool {
        self.locked
    }

    /// The send-rate check of a frame costing `cost` at `now`: `true` when it may be measured.
    pub(crate) fn admit(&mut self, now: Duration, cost: f64) -> bool {
        self.checked += 1;
        if self
            .rate_limit_every
            .is_some_and(|n| self.checked.is_multiple_of(n))
        {
            return false;
        }
        match &mut self.bucket {
            Some(bucket) => bucket.try_take(now, cost),
            None => true,
        }
    }

    /// The shared rules of a text message.
    pub(crate) fn text(&self, text: &str) -> TextAction {
        match classify(text) {
            ClientText::Close => TextAction::Step(Step::close()),
            ClientText::Invalid(reason) => {
                TextAction::Step(Step::error(ErrorCode::MessageInvalid, reason))
            }
            ClientText::Update(_) if self.locked => TextAction::Step(Step::fatal(
                ErrorCode::ConfigInvalid,
                "session.update after the first frame: configure the session before sending frames",
                CLOSE_POLICY,
            )),
            ClientText::Update(object) => TextAction::Update(object),
        }
    }
}

/// A realtime endpoint's session, as the socket driver runs it.
pub(crate) trait RealtimeEndpoint: Send + 'static {
    /// Which endpoint (the run's `endpoint`).
    const ENDPOINT: RunEndpoint;
    /// The largest message the socket takes; a larger one ends the session.
    const MAX_MESSAGE_BYTES: u64;

    /// A session that opened at time zero, with the default configuration.
    fn open(session_id: SessionId, settings: &RealtimeConfig) -> Self;

    /// `session.created`.
    fn created(&self) -> String;

    /// Handles a text message that arrived at `now`.
    fn on_text(&mut self, text: &str, now: Duration) -> Step;

    /// Handles a binary message (a frame) that arrived at `now`.
    fn on_frame(&mut self, frame: &[u8], now: Duration) -> Step;

    /// The last messages of a session ending for `reason` with a `session.closed`: what is
    /// still pending (unless an error ended it), then `session.closed` with the totals.
    fn finish(&mut self, reason: hume_models::v1::realtime::CloseReason) -> Vec<String>;

    /// The configuration in force, as the run records it.
    fn run_config(&self) -> RunConfig;

    /// What the session took in so far.
    fn usage(&self) -> Usage;
}

#[cfg(test)]
mod tests;
