//! [`BatchJob`]: a handle on one job of the blocking client.

use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use hume_core::{HumeError, PollStep, Poller};
use hume_models::{BatchJobDetails, BatchJobStatus, JobId, Predictions};

use super::client::HumeBatchClient;
use crate::AwaitOptions;

/// A handle on one batch job: an id plus the client to ask about it. Creating one
/// ([`HumeBatchClient::get_job`]) makes no network call. Displays as `Job(id="…")`.
#[derive(Clone)]
pub struct BatchJob {
    client: HumeBatchClient,
    id: JobId,
}

impl BatchJob {
    pub(crate) fn new(client: HumeBatchClient, id: JobId) -> Self {
        Self { client, id }
    }

    /// The job id.
    pub fn id(&self) -> &JobId {
        &self.id
    }

    /// The client this handle uses.
    pub fn client(&self) -> &HumeBatchClient {
        &self.client
    }

    /// The job's current status (one details request).
    ///
    /// # Errors
    /// As [`HumeBatchClient::get_job_details`].
    pub fn get_status(&self) -> Result<BatchJobStatus, HumeError> {
        Ok(self.get_details()?.state.status)
    }

    /// The job's details.
    ///
    /// # Errors
    /// As [`HumeBatchClient::get_job_details`].
    pub fn get_details(&self) -> Result<BatchJobDetails, HumeError> {
        self.client.get_job_details(&self.id)
    }

    /// The job's predictions, typed.
    ///
    /// # Errors
    /// As [`HumeBatchClient::get_job_predictions`].
    pub fn get_predictions(&self) -> Result<Predictions, HumeError> {
        self.client.get_job_predictions(&self.id)
    }

    /// Streams the predictions JSON to `path` (all or nothing); returns the bytes written.
    ///
    /// # Errors
    /// As [`HumeBatchClient::download_job_predictions`].
    pub fn download_predictions(&self, path: impl AsRef<Path>) -> Result<u64, HumeError> {
        self.client.download_job_predictions(&self.id, path)
    }

    /// Streams the artifacts zip to `path` (all or nothing); returns the bytes written.
    ///
    /// # Errors
    /// As [`HumeBatchClient::download_job_artifacts`].
    pub fn download_artifacts(&self, path: impl AsRef<Path>) -> Result<u64, HumeError> {
        self.client.download_job_artifacts(&self.id, path)
    }

    /// Waits until the job is `COMPLETED` or `FAILED` and returns its final details (a
    /// `FAILED` job is returned, not an error). Polls at once, then after 1 s, 2 s, 4 s, …
    /// (jittered, capped by the client's [`PollPolicy`](hume_core::PollPolicy)).
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] for a timeout under 1 s; [`HumeError::AwaitTimeout`] when
    /// the job is still running after `timeout` (it keeps running); any polling error at once.
    pub fn await_complete(&self, timeout: Duration) -> Result<BatchJobDetails, HumeError> {
        self.await_complete_with(&AwaitOptions::new().with_timeout(timeout))
    }

    /// [`await_complete`](Self::await_complete) with the client's poll timeout (300 s by default).
    ///
    /// # Errors
    /// As [`await_complete`](Self::await_complete).
    pub fn await_complete_default(&self) -> Result<BatchJobDetails, HumeError> {
        self.await_complete_with(&AwaitOptions::new())
    }

    /// Waits with [`AwaitOptions`]: timeout, `FAILED` as an error, progress callback.
    ///
    /// # Errors
    /// As [`await_complete`](Self::await_complete), plus [`HumeError::JobFailed`] when
    /// `raise_on_failed` is set.
    pub fn await_complete_with(
        &self,
        options: &AwaitOptions,
    ) -> Result<BatchJobDetails, HumeError> {
        let policy = options.policy(self.client.config().poll());
        let mut poller = Poller::new(policy)?;
        let start = Instant::now();
        loop {
            if let Some(outcome) = options.settle(&self.id, self.get_details()?) {
                return outcome;
            }
            match poller.next(start.elapsed()) {
                PollStep::Sleep(delay) => std::thread::sleep(delay),
                PollStep::TimedOut => {
                    return Err(HumeError::AwaitTimeout {
                        job_id: self.id.clone(),
                        timeout: policy.timeout(),
                    });
                }
            }
        }
    }
}

impl fmt::Display for BatchJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Job(id=\"{}\")", self.id)
    }
}

impl fmt::Debug for BatchJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatchJob").field("id", &self.id).finish()
    }
}
