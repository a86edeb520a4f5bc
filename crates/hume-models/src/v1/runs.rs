//! Runs (`GET /v1/expression/run` and `GET /v1/expression/run/{run_id}`): [`RunSummary`],
//! [`Run`], [`RunsPage`], and the [`RunStatus`], [`RunMode`], [`RunEndpoint`] enums.
//!
//! Every file request and realtime session is recorded as a run: its id is the file
//! response's `run_id` or the session's `session_id`.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::open_enum::open_enum;
use super::{RunConfig, RunId, realtime::CloseReason};
use crate::{ParseError, parse_error};

open_enum!(
    /// Where a run is in its life.
    RunStatus, "run status", {
        /// A realtime session still open.
        Live => "live",
        /// Finished normally.
        Ended => "ended",
        /// Finished with an error, or the server stopped hearing from it.
        Errored => "errored",
    }
);

open_enum!(
    /// How the media reached the API.
    RunMode, "run mode", {
        /// A realtime WebSocket session.
        Realtime => "realtime",
        /// A file request.
        File => "file",
    }
);

open_enum!(
    /// What a run measured.
    RunEndpoint, "run endpoint", {
        /// Audio (speech).
        Audio => "audio",
        /// Images or video frames (faces).
        Video => "video",
    }
);

/// A run as the list returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RunSummary {
    /// The run's id: a realtime session's `session_id`, or a file response's `run_id`.
    pub run_id: RunId,
    /// The Hume user who made the run.
    pub user_id: String,
    /// Where the run is in its life.
    pub status: RunStatus,
    /// What the run measured.
    pub endpoint: RunEndpoint,
    /// How the media reached the API.
    pub mode: RunMode,
    /// When the run started.
    pub started_at: Timestamp,
    /// When it ended; `None` (`null`) while in progress. For a run `errored` because the server
    /// stopped hearing from it, the last time it heard from it.
    #[serde(default)]
    pub ended_at: Option<Timestamp>,
    /// Bytes of media the server took in (a realtime video frame counts once it passes the
    /// send-rate check, even if then rejected as invalid). `None` until the run ends, and for a
    /// run whose end was never recorded.
    #[serde(default)]
    pub bytes_received: Option<u64>,
    /// How far the server got storing the run's media, in bytes (media that failed to store
    /// included, so it can exceed what was kept). `None` when media was not being stored or
    /// no figure has been reported yet.
    #[serde(default)]
    pub bytes_recorded: Option<u64>,
    /// Billable seconds: audio duration taken in, or 1/3 s per image or frame taken in; at
    /// least 10 s for a run that took in any media (applied at the end); updated while a
    /// realtime run is live; 0 for a failed file request.
    pub metered_seconds: f64,
}

impl RunSummary {
    /// A run summary with no end, byte counts unknown (for servers and tests).
    pub fn new(
        run_id: impl Into<RunId>,
        user_id: impl Into<String>,
        status: RunStatus,
        endpoint: RunEndpoint,
        mode: RunMode,
        started_at: Timestamp,
        metered_seconds: f64,
    ) -> Self {
        RunSummary {
            run_id: run_id.into(),
            user_id: user_id.into(),
            status,
            endpoint,
            mode,
            started_at,
            ended_at: None,
            bytes_received: None,
            bytes_recorded: None,
            metered_seconds,
        }
    }

    /// Sets `ended_at`.
    pub fn with_ended_at(mut self, ended_at: impl Into<Option<Timestamp>>) -> Self {
        self.ended_at = ended_at.into();
        self
    }

    /// Sets `bytes_received`.
    pub fn with_bytes_received(mut self, bytes: impl Into<Option<u64>>) -> Self {
        self.bytes_received = bytes.into();
        self
    }

    /// Sets `bytes_recorded`.
    pub fn with_bytes_recorded(mut self, bytes: impl Into<Option<u64>>) -> Self {
        self.bytes_recorded = bytes.into();
        self
    }

    /// `ended_at − started_at`, when the run has ended.
    pub fn duration(&self) -> Option<jiff::SignedDuration> {
        Some(self.ended_at?.duration_since(self.started_at))
    }
}

/// A run in full (`GET /v1/expression/run/{run_id}`): the summary fields plus how a realtime
/// session closed and the configuration the run ran under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Run {
    /// The run's id.
    pub run_id: RunId,
    /// The Hume user who made the run.
    pub user_id: String,
    /// Where the run is in its life.
    pub status: RunStatus,
    /// What the run measured.
    pub endpoint: RunEndpoint,
    /// How the media reached the API.
    pub mode: RunMode,
    /// When the run started.
    pub started_at: Timestamp,
    /// When it ended; `None` (`null`) while in progress.
    #[serde(default)]
    pub ended_at: Option<Timestamp>,
    /// The WebSocket close code a realtime session ended with (1011 when the connection was
    /// lost without a close frame). Absent for file runs, live runs, a client close frame
    /// without a code, or when the server stopped before recording it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_code: Option<u16>,
    /// Why a realtime session closed: `client_request`, `server_shutdown`, `idle_timeout` or
    /// `error` when the server closed it (`error` also for a lost connection); otherwise the
    /// reason text of the client's close frame, kept in [`CloseReason::Other`]. Absent in the
    /// same cases as `close_code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_reason: Option<CloseReason>,
    /// Bytes of media the server took in; `None` until the run ends.
    #[serde(default)]
    pub bytes_received: Option<u64>,
    /// Bytes of media the server stored (or tried to); `None` when not stored or not known.
    #[serde(default)]
    pub bytes_recorded: Option<u64>,
    /// Billable seconds (see [`RunSummary::metered_seconds`]).
    pub metered_seconds: f64,
    /// The configuration the run ran under, defaults included.
    pub config: RunConfig,
}

impl Run {
    /// A run from its summary and configuration, without close details (for servers and
    /// tests).
    pub fn new(summary: RunSummary, config: RunConfig) -> Self {
        Run {
            run_id: summary.run_id,
            user_id: summary.user_id,
            status: summary.status,
            endpoint: summary.endpoint,
            mode: summary.mode,
            started_at: summary.started_at,
            ended_at: summary.ended_at,
            close_code: None,
            close_reason: None,
            bytes_received: summary.bytes_received,
            bytes_recorded: summary.bytes_recorded,
            metered_seconds: summary.metered_seconds,
            config,
        }
    }

    /// Sets the close code and reason.
    pub fn with_close(
        mut self,
        code: impl Into<Option<u16>>,
        reason: impl Into<Option<CloseReason>>,
    ) -> Self {
        self.close_code = code.into();
        self.close_reason = reason.into();
        self
    }

    /// Parses a response body.
    pub fn from_response(body: &[u8]) -> Result<Self, ParseError> {
        parse_error::from_slice("Run", body)
    }

    /// Parses an already-decoded JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<Self, ParseError> {
        parse_error::from_value("Run", value)
    }

    /// The summary fields (what the list returns for this run).
    pub fn summary(&self) -> RunSummary {
        RunSummary {
            run_id: self.run_id.clone(),
            user_id: self.user_id.clone(),
            status: self.status.clone(),
            endpoint: self.endpoint.clone(),
            mode: self.mode.clone(),
            started_at: self.started_at,
            ended_at: self.ended_at,
            bytes_received: self.bytes_received,
            bytes_recorded: self.bytes_recorded,
            metered_seconds: self.metered_seconds,
        }
    }
}

/// One page of runs (`GET /v1/expression/run`), newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RunsPage {
    /// The runs, newest first.
    pub runs: Vec<RunSummary>,
    /// Absent on the last page; otherwise pass it back unchanged as `cursor`
    /// ([`ListRunsQuery::with_cursor`](super::ListRunsQuery::with_cursor)) for the next one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

impl RunsPage {
    /// A page.
    pub fn new(runs: Vec<RunSummary>, next_cursor: Option<String>) -> Self {
        RunsPage { runs, next_cursor }
    }

    /// Parses a response body.
    pub fn from_response(body: &[u8]) -> Result<Self, ParseError> {
        parse_error::from_slice("RunsPage", body)
    }

    /// Is this the last page?
    pub fn is_last(&self) -> bool {
        self.next_cursor.is_none()
    }
}
