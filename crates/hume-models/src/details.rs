//! [`BatchJobDetails`]: one job (`GET /v0/batch/jobs/{id}` and each list item).

use serde::{Deserialize, Serialize};

use crate::{
    BatchJobState, BatchJobStatus, FileInfo, InferenceRequest, JobId, Models, ParseError,
    parse_error,
};

/// One job: its id, the echoed request and its state.
///
/// Tolerates every historical shape: no `type` or `job_id` (legacy), `user_id` (2023–24),
/// `null` model entries, missing counts, unknown statuses and unknown fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchJobDetails {
    /// Job type (wire `type`), `"INFERENCE"` for expression measurement.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub job_type: Option<String>,
    /// The job's id (missing in legacy data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_id: Option<JobId>,
    /// The owner's id (2023–2024 responses only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The echoed request.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub request: InferenceRequest,
    /// Status and timestamps.
    pub state: BatchJobState,
}

impl BatchJobDetails {
    /// The job `job_id` with this echoed request and state (no `type`, no `user_id`).
    pub fn new(job_id: impl Into<JobId>, request: InferenceRequest, state: BatchJobState) -> Self {
        BatchJobDetails {
            job_type: None,
            job_id: Some(job_id.into()),
            user_id: None,
            request,
            state,
        }
    }

    /// Parses a response body.
    pub fn from_response(body: &[u8]) -> Result<Self, ParseError> {
        parse_error::from_slice("BatchJobDetails", body)
    }

    /// Parses an already-decoded JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<Self, ParseError> {
        parse_error::from_value("BatchJobDetails", value)
    }

    /// The job's status.
    pub fn status(&self) -> &BatchJobStatus {
        &self.state.status
    }

    /// Has the job finished (completed or failed)?
    pub fn is_terminal(&self) -> bool {
        self.state.status.is_terminal()
    }

    /// `ended − started` (None unless both are known).
    pub fn run_time(&self) -> Option<std::time::Duration> {
        self.state.run_time()
    }

    /// When the job was created.
    pub fn created_time(&self) -> Option<jiff::Timestamp> {
        ms_to_timestamp(self.state.created_timestamp_ms)
    }

    /// When the job started running.
    pub fn started_time(&self) -> Option<jiff::Timestamp> {
        ms_to_timestamp(self.state.started_timestamp_ms)
    }

    /// When the job ended.
    pub fn ended_time(&self) -> Option<jiff::Timestamp> {
        ms_to_timestamp(self.state.ended_timestamp_ms)
    }

    /// The model configurations echoed back (with server defaults).
    pub fn configs(&self) -> Option<&Models> {
        self.request.models.as_ref()
    }

    /// The submitted URLs.
    pub fn urls(&self) -> &[String] {
        &self.request.urls
    }

    /// The uploaded files.
    pub fn files(&self) -> &[FileInfo] {
        &self.request.files
    }

    /// The submitted raw text items.
    pub fn text(&self) -> &[String] {
        &self.request.text
    }

    /// The completion webhook, if one was set.
    pub fn callback_url(&self) -> Option<&str> {
        self.request.callback_url.as_deref()
    }

    /// Whether the owner is emailed when the job ends.
    pub fn notify(&self) -> Option<bool> {
        self.request.notify
    }
}

with_setters!(BatchJobDetails {
    with_job_type => Some(job_type): String,
    with_user_id => Some(user_id): String,
    with_request => request: InferenceRequest,
    with_state => state: BatchJobState,
});

fn ms_to_timestamp(ms: Option<i64>) -> Option<jiff::Timestamp> {
    jiff::Timestamp::from_millisecond(ms?).ok()
}
