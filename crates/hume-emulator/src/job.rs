//! One emulated job: what was submitted, and its lifecycle computed from timestamps.
//!
//! A job is `QUEUED` from `created_ms`, `IN_PROGRESS` from `started_ms` and terminal from
//! `ended_ms`; the status is derived from the clock on every read, so jobs cost no task and
//! no timer (only jobs with a callback get one sleeping task).

use std::sync::OnceLock;

use hume_models::{BatchJobState, BatchJobStatus, FileInfo, JobId, JobRequest};

/// A file received in a multipart upload. Only its size and md5 are kept, plus the text of
/// small text files (so language predictions can use the real words).
#[derive(Debug, Clone)]
pub(crate) struct UploadedFile {
    /// Name, content type and md5sum as echoed in details and predictions.
    pub(crate) info: FileInfo,
    /// Bytes received.
    pub(crate) size: u64,
    /// The decoded text of a `.txt` / `text/*` file of at most [`crate::upload::MAX_KEPT_TEXT`]
    /// bytes.
    pub(crate) text: Option<String>,
}

/// An emulated job.
#[derive(Debug)]
pub(crate) struct Job {
    /// Submission order (ties in list sorting).
    pub(crate) seq: u64,
    /// The job id.
    pub(crate) id: JobId,
    /// The request with server defaults filled in.
    pub(crate) request: JobRequest,
    /// Uploaded files, in upload order.
    pub(crate) files: Vec<UploadedFile>,
    /// Creation time, Unix ms.
    pub(crate) created_ms: i64,
    /// Start time, Unix ms.
    pub(crate) started_ms: i64,
    /// End time, Unix ms.
    pub(crate) ended_ms: i64,
    /// `Some(message)` when the job ends `FAILED`.
    pub(crate) failure: Option<String>,
    /// `(num_predictions, num_errors)`, computed on first need.
    pub(crate) counts: OnceLock<(u64, u64)>,
}

impl Job {
    /// The status at `now_ms`.
    pub(crate) fn status_at(&self, now_ms: i64) -> BatchJobStatus {
        if now_ms < self.started_ms {
            BatchJobStatus::Queued
        } else if now_ms < self.ended_ms {
            BatchJobStatus::InProgress
        } else if self.failure.is_some() {
            BatchJobStatus::Failed
        } else {
            BatchJobStatus::Completed
        }
    }

    /// The wire state at `now_ms`; `counts` is only called for a completed job.
    pub(crate) fn state_at(
        &self,
        now_ms: i64,
        counts: impl FnOnce() -> (u64, u64),
    ) -> BatchJobState {
        match self.status_at(now_ms) {
            BatchJobStatus::Queued => BatchJobState::queued(self.created_ms),
            BatchJobStatus::InProgress => {
                BatchJobState::in_progress(self.created_ms, self.started_ms)
            }
            BatchJobStatus::Failed => BatchJobState::failed(
                self.created_ms,
                self.started_ms,
                self.ended_ms,
                self.failure.clone().unwrap_or_default(),
            ),
            _ => {
                let (predictions, errors) = counts();
                BatchJobState::completed(
                    self.created_ms,
                    self.started_ms,
                    self.ended_ms,
                    predictions,
                    errors,
                )
            }
        }
    }

    /// The uploaded files' wire descriptions.
    pub(crate) fn file_infos(&self) -> Vec<FileInfo> {
        self.files.iter().map(|f| f.info.clone()).collect()
    }
}

/// Milliseconds since the Unix epoch, now.
pub(crate) fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

#[cfg(test)]
mod tests;
