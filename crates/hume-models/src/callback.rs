//! [`CallbackBody`]: what Hume POSTs to `callback_url` when a job ends.

use serde::{Deserialize, Serialize};

use crate::{BatchJobStatus, JobId, ParseError, Predictions, parse_error};

/// The webhook body sent to a job's `callback_url` when it completes or fails:
/// `{"job_id", "status", "predictions"}`, with an error message on failure.
///
/// Tolerant: a missing `status` is inferred (`COMPLETED` when predictions are present, else an
/// empty [`Unknown`](BatchJobStatus::Unknown)); the failure message may come as `message` or
/// `error`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "RawCallback")]
#[non_exhaustive]
pub struct CallbackBody {
    /// The job this is about.
    pub job_id: JobId,
    /// `COMPLETED` or `FAILED`.
    pub status: BatchJobStatus,
    /// The predictions (completed jobs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predictions: Option<Predictions>,
    /// The failure message, when sent as `message`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The failure message, when sent as `error`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Deserialize)]
struct RawCallback {
    job_id: JobId,
    #[serde(default)]
    status: Option<BatchJobStatus>,
    #[serde(default)]
    predictions: Option<Predictions>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

impl From<RawCallback> for CallbackBody {
    fn from(raw: RawCallback) -> Self {
        let status = raw.status.unwrap_or_else(|| {
            if raw.predictions.is_some() {
                BatchJobStatus::Completed
            } else {
                BatchJobStatus::Unknown(String::new())
            }
        });
        CallbackBody {
            job_id: raw.job_id,
            status,
            predictions: raw.predictions,
            message: raw.message,
            error: raw.error,
        }
    }
}

impl CallbackBody {
    /// A body about `job_id` with this status and nothing else.
    pub fn new(job_id: impl Into<JobId>, status: BatchJobStatus) -> Self {
        CallbackBody {
            job_id: job_id.into(),
            status,
            predictions: None,
            message: None,
            error: None,
        }
    }

    /// Parses a webhook body.
    pub fn from_response(body: &[u8]) -> Result<Self, ParseError> {
        parse_error::from_slice("CallbackBody", body)
    }

    /// The failure message, from `message` or `error`.
    pub fn failure_message(&self) -> Option<&str> {
        self.message.as_deref().or(self.error.as_deref())
    }
}

with_setters!(CallbackBody {
    with_predictions => Some(predictions): Predictions,
    with_message => Some(message): String,
    with_error => Some(error): String,
});
