//! [`AwaitOptions`]: how `BatchJob::await_complete_with` waits for a job, shared by both clients.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use hume_core::{HumeError, PollPolicy};
use hume_models::{BatchJobDetails, BatchJobStatus, JobId};

/// The default await timeout (300 s), as in the legacy Python client.
pub const DEFAULT_AWAIT_TIMEOUT: Duration = Duration::from_secs(300);

/// A callback receiving each polled [`BatchJobDetails`].
pub type ProgressFn = dyn Fn(&BatchJobDetails) + Send + Sync;

/// Options for awaiting a job. Builder-lite:
///
/// ```
/// use std::time::Duration;
/// use hume::AwaitOptions;
///
/// let options = AwaitOptions::new()
///     .with_timeout(Duration::from_secs(600))
///     .with_raise_on_failed(true)
///     .with_progress(|details| eprintln!("job is {}", details.status()));
/// assert_eq!(options.timeout(), Some(Duration::from_secs(600)));
/// ```
#[derive(Clone, Default)]
pub struct AwaitOptions {
    timeout: Option<Duration>,
    raise_on_failed: bool,
    progress: Option<Arc<ProgressFn>>,
}

impl AwaitOptions {
    /// The client's poll-policy timeout (300 s unless configured), `FAILED` returned as a
    /// value, no progress callback.
    pub fn new() -> Self {
        Self::default()
    }

    /// How long to wait in total (at least 1 s; checked when awaiting). The job keeps
    /// running after a timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Treat a job that ends `FAILED` as an error ([`HumeError::JobFailed`]) instead of
    /// returning its details.
    pub fn with_raise_on_failed(mut self, raise: bool) -> Self {
        self.raise_on_failed = raise;
        self
    }

    /// Calls `progress` with the details of every poll, the last one included.
    pub fn with_progress(
        mut self,
        progress: impl Fn(&BatchJobDetails) + Send + Sync + 'static,
    ) -> Self {
        self.progress = Some(Arc::new(progress));
        self
    }

    /// The timeout, when set (otherwise the client's poll policy decides).
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// Whether a `FAILED` job is an error.
    pub fn raise_on_failed(&self) -> bool {
        self.raise_on_failed
    }

    /// The poll policy of one await: the client's, with this timeout if set.
    pub(crate) fn policy(&self, client: &PollPolicy) -> PollPolicy {
        match self.timeout {
            Some(timeout) => client.with_timeout(timeout),
            None => *client,
        }
    }

    /// Handles one polled state: reports progress, then returns `Some` with the outcome when
    /// the job has finished, `None` when it must be polled again.
    pub(crate) fn settle(
        &self,
        job_id: &JobId,
        details: BatchJobDetails,
    ) -> Option<Result<BatchJobDetails, HumeError>> {
        if let Some(progress) = &self.progress {
            progress(&details);
        }
        if !details.is_terminal() {
            return None;
        }
        if self.raise_on_failed && *details.status() == BatchJobStatus::Failed {
            return Some(Err(HumeError::JobFailed {
                job_id: job_id.clone(),
                message: details.state.message.clone(),
            }));
        }
        Some(Ok(details))
    }
}

impl fmt::Debug for AwaitOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AwaitOptions")
            .field("timeout", &self.timeout)
            .field("raise_on_failed", &self.raise_on_failed)
            .field("progress", &self.progress.as_ref().map(|_| ".."))
            .finish()
    }
}

#[cfg(test)]
mod tests;
