//! A run's event log (`GET /v1/expression/run/{run_id}/events`): [`RunEvent`],
//! [`RunEventKind`], [`RunEventsPage`].
//!
//! The log lists the problems a realtime session reported, in order: frames it rejected and
//! failures it hit. A run that went well has none; file runs record none.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::open_enum::open_enum;
use crate::{ParseError, parse_error};

open_enum!(
    /// What a run event records.
    RunEventKind, "run event kind", {
        /// An audio frame was rejected (`detail` says why).
        InvalidAudioFrame => "invalid_audio_frame",
        /// An image frame was rejected (`detail` says why).
        InvalidImageFrame => "invalid_image_frame",
        /// A frame was sent faster than the allowed rate and not measured.
        RateLimited => "rate_limited",
        /// A measurement failed (`retryable`, `consecutive`).
        InferenceFailed => "inference_failed",
        /// A message exceeded the size limit (`limit_bytes`).
        MessageTooLarge => "message_too_large",
        /// Recording of the session's video stopped (`reason`).
        VideoRecordingAbandoned => "video_recording_abandoned",
    }
);

/// One entry in a run's event log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RunEvent {
    /// The entry's position in the log.
    pub seq: u64,
    /// When the event was recorded.
    pub at: Timestamp,
    /// What happened.
    pub kind: RunEventKind,
    /// Details depending on `kind`: `detail` (why a frame was rejected), `limit_bytes` (the
    /// limit a message exceeded), `retryable` and `consecutive` (whether a failed measurement
    /// was temporary and how many failed in a row), `reason` (why recording stopped). Absent
    /// for `rate_limited`. Typed accessors: [`RunEvent::reject_detail`],
    /// [`RunEvent::limit_bytes`], [`RunEvent::retryable`], [`RunEvent::consecutive`],
    /// [`RunEvent::reason`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<Map<String, Value>>,
}

impl RunEvent {
    /// An event without details.
    pub fn new(seq: u64, at: Timestamp, kind: RunEventKind) -> Self {
        RunEvent {
            seq,
            at,
            kind,
            detail: None,
        }
    }

    /// Sets the details object.
    pub fn with_detail(mut self, detail: impl Into<Option<Map<String, Value>>>) -> Self {
        self.detail = detail.into();
        self
    }

    fn field(&self, key: &str) -> Option<&Value> {
        self.detail.as_ref()?.get(key)
    }

    /// Why a frame was rejected (the `detail` key of the details).
    pub fn reject_detail(&self) -> Option<&str> {
        self.field("detail")?.as_str()
    }

    /// The size limit a message exceeded, in bytes.
    pub fn limit_bytes(&self) -> Option<u64> {
        self.field("limit_bytes")?.as_u64()
    }

    /// Whether a failed measurement was temporary.
    pub fn retryable(&self) -> Option<bool> {
        self.field("retryable")?.as_bool()
    }

    /// How many measurements had failed in a row.
    pub fn consecutive(&self) -> Option<u64> {
        self.field("consecutive")?.as_u64()
    }

    /// Why recording stopped.
    pub fn reason(&self) -> Option<&str> {
        self.field("reason")?.as_str()
    }
}

/// One page of a run's event log.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RunEventsPage {
    /// The entries, in `seq` order.
    pub events: Vec<RunEvent>,
    /// Whether some kind of event used up its per-run logging limit, so later events of that
    /// kind (if any) were not logged. Unreliable when `gaps` is true. `capped_kinds` names
    /// the kinds.
    pub at_cap: bool,
    /// The kinds that used up their limit (empty when none did).
    #[serde(default)]
    pub capped_kinds: Vec<RunEventKind>,
    /// Whether entries are missing: events that were numbered but never stored.
    pub gaps: bool,
    /// Absent on the last page; otherwise pass it back unchanged as `cursor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

impl RunEventsPage {
    /// A page (for servers and tests).
    pub fn new(
        events: Vec<RunEvent>,
        at_cap: bool,
        capped_kinds: Vec<RunEventKind>,
        gaps: bool,
        next_cursor: Option<String>,
    ) -> Self {
        RunEventsPage {
            events,
            at_cap,
            capped_kinds,
            gaps,
            next_cursor,
        }
    }

    /// Parses a response body.
    pub fn from_response(body: &[u8]) -> Result<Self, ParseError> {
        parse_error::from_slice("RunEventsPage", body)
    }

    /// Is this the last page?
    pub fn is_last(&self) -> bool {
        self.next_cursor.is_none()
    }
}
