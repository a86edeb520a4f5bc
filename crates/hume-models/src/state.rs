//! [`BatchJobState`]: a job's status and timestamps.

use serde::{Deserialize, Serialize};

use crate::BatchJobStatus;

/// The `state` object of a job. The definition makes it a union keyed by `status` (which is
/// often the *last* key); here every other field is optional, because old and real data omit
/// fields the definition calls required (counts on COMPLETED, `message` on FAILED).
///
/// All timestamps are Unix milliseconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchJobState {
    /// The job's status.
    pub status: BatchJobStatus,
    /// When the job was created.
    #[serde(
        default,
        deserialize_with = "crate::de::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_timestamp_ms: Option<i64>,
    /// When the job started running.
    #[serde(
        default,
        deserialize_with = "crate::de::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub started_timestamp_ms: Option<i64>,
    /// When the job ended.
    #[serde(
        default,
        deserialize_with = "crate::de::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub ended_timestamp_ms: Option<i64>,
    /// Number of predictions (COMPLETED only).
    #[serde(
        default,
        deserialize_with = "crate::de::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub num_predictions: Option<u64>,
    /// Number of per-file errors (COMPLETED only).
    #[serde(
        default,
        deserialize_with = "crate::de::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub num_errors: Option<u64>,
    /// Why the job failed (FAILED only; may be missing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl BatchJobState {
    /// A state with this status and no other fields.
    pub fn new(status: BatchJobStatus) -> Self {
        BatchJobState {
            status,
            created_timestamp_ms: None,
            started_timestamp_ms: None,
            ended_timestamp_ms: None,
            num_predictions: None,
            num_errors: None,
            message: None,
        }
    }

    /// A QUEUED state.
    pub fn queued(created_ms: i64) -> Self {
        BatchJobState {
            created_timestamp_ms: Some(created_ms),
            ..BatchJobState::new(BatchJobStatus::Queued)
        }
    }

    /// An IN_PROGRESS state.
    pub fn in_progress(created_ms: i64, started_ms: i64) -> Self {
        BatchJobState {
            created_timestamp_ms: Some(created_ms),
            started_timestamp_ms: Some(started_ms),
            ..BatchJobState::new(BatchJobStatus::InProgress)
        }
    }

    /// A COMPLETED state with its counts.
    pub fn completed(
        created_ms: i64,
        started_ms: i64,
        ended_ms: i64,
        num_predictions: u64,
        num_errors: u64,
    ) -> Self {
        BatchJobState {
            created_timestamp_ms: Some(created_ms),
            started_timestamp_ms: Some(started_ms),
            ended_timestamp_ms: Some(ended_ms),
            num_predictions: Some(num_predictions),
            num_errors: Some(num_errors),
            ..BatchJobState::new(BatchJobStatus::Completed)
        }
    }

    /// A FAILED state with its message.
    pub fn failed(
        created_ms: i64,
        started_ms: i64,
        ended_ms: i64,
        message: impl Into<String>,
    ) -> Self {
        BatchJobState {
            created_timestamp_ms: Some(created_ms),
            started_timestamp_ms: Some(started_ms),
            ended_timestamp_ms: Some(ended_ms),
            message: Some(message.into()),
            ..BatchJobState::new(BatchJobStatus::Failed)
        }
    }

    /// `ended − started`, when both are present and ended is not earlier.
    pub fn run_time(&self) -> Option<std::time::Duration> {
        let (s, e) = (self.started_timestamp_ms?, self.ended_timestamp_ms?);
        let ms = u64::try_from(e.checked_sub(s)?).ok()?;
        Some(std::time::Duration::from_millis(ms))
    }
}

with_setters!(BatchJobState {
    with_created_timestamp_ms => Some(created_timestamp_ms): i64,
    with_started_timestamp_ms => Some(started_timestamp_ms): i64,
    with_ended_timestamp_ms => Some(ended_timestamp_ms): i64,
    with_num_predictions => Some(num_predictions): u64,
    with_num_errors => Some(num_errors): u64,
    with_message => Some(message): String,
});
