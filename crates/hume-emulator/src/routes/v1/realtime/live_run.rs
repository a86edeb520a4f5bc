//! [`LiveRun`]: the run record of a realtime session while it is open and once it ended.
//!
//! Recorded `live` (mode `realtime`, no `ended_at`, no byte counts) before `session.created`
//! is sent, so a client can look its session up at once; `metered_seconds` follows the media
//! taken in, and `config` the configuration in force. When the session ends: `ended_at`, the
//! status, close code and reason of its [`Ending`], `bytes_received`, and metered seconds with
//! the 10 s minimum when any media was taken in (0 otherwise). Events (rejected frames, rate
//! limits, a message over the limit) go to the run's event log as they happen.

use std::sync::Arc;

use hume_models::v1::limits::MIN_METERED_SECONDS;
use hume_models::v1::{Run, RunConfig, RunEndpoint, RunId, RunMode, RunStatus, RunSummary};
use jiff::Timestamp;

use super::ending::Ending;
use super::session_core::{EventNote, Usage};
use crate::state::AppState;
use crate::v1::{Caller, now};

/// The run of one open session.
#[derive(Debug)]
pub(crate) struct LiveRun {
    state: Arc<AppState>,
    run_id: String,
    started_at: Timestamp,
}

impl LiveRun {
    /// Records the run of a session that opened now.
    pub(crate) fn open(
        state: Arc<AppState>,
        run_id: RunId,
        caller: &Caller,
        endpoint: RunEndpoint,
        config: RunConfig,
    ) -> LiveRun {
        let started_at = now();
        let summary = RunSummary::new(
            run_id.clone(),
            caller.user_id.clone(),
            RunStatus::Live,
            endpoint,
            RunMode::Realtime,
            started_at,
            0.0,
        );
        state.v1.runs.insert(Run::new(summary, config));
        LiveRun {
            state,
            run_id: run_id.as_str().to_owned(),
            started_at,
        }
    }

    /// Logs run events.
    pub(crate) fn log(&self, events: Vec<EventNote>) {
        for event in events {
            self.state
                .v1
                .runs
                .record_event(&self.run_id, event.kind, event.detail, now());
        }
    }

    /// Brings the live record up to date: metered seconds and configuration.
    pub(crate) fn progress(&self, usage: Usage, config: RunConfig) {
        self.state.v1.runs.update(&self.run_id, |run| {
            run.metered_seconds = usage.metered_seconds;
            run.config = config;
        });
    }

    /// Records how the session ended.
    pub(crate) fn finish(self, ending: &Ending, usage: Usage, config: RunConfig) {
        let (close_code, close_reason, status) = ending.record();
        let metered = if usage.metered_seconds > 0.0 {
            usage.metered_seconds.max(MIN_METERED_SECONDS)
        } else {
            0.0
        };
        let ended_at = now().max(self.started_at);
        self.state.v1.runs.update(&self.run_id, |run| {
            run.status = status;
            run.ended_at = Some(ended_at);
            run.close_code = close_code;
            run.close_reason = close_reason;
            run.bytes_received = Some(usage.bytes_received);
            run.metered_seconds = metered;
            run.config = config;
        });
        tracing::debug!(run_id = %self.run_id, ?ending, "realtime session ended");
    }
}
