//! [`AwaitCompletion`]: the await builder both clients' jobs return.

use std::time::Duration;

use hume_core::operation::AwaitJob;
use hume_models::{BatchJobDetails, JobId};

use crate::client::Client;

/// The default await timeout (300 s), as in the legacy Python client.
pub const DEFAULT_AWAIT_TIMEOUT: Duration = Duration::from_secs(300);

/// Waiting for a job to end: options as named steps, then `.wait()` on the blocking client
/// or `.await` on the async one. Returns the final details of a `COMPLETED` or `FAILED` job.
///
/// Polls at once, then after 1 s, 2 s, 4 s, … (jittered, per the client's
/// [`PollPolicy`](crate::PollPolicy)); once the client has seen jobs complete, near the job's
/// expected end instead ([`PollSchedule::Adaptive`](crate::PollSchedule::Adaptive), the
/// default). Transient failures of a poll (5xx, 429, connection errors, bodies cut short) are
/// waited out until the deadline; 401, 403 and 404 end the await at once. The timeout is the
/// client's poll timeout (300 s by default) unless [`timeout`](Self::timeout) sets one; under
/// 1 s is refused before any request. When it runs out the error is
/// [`HumeError::AwaitTimeout`](crate::HumeError::AwaitTimeout) (the job, its last status, the
/// last failure if polls were failing, how to resume) and the job keeps running.
///
/// ```no_run
/// use std::time::Duration;
/// use hume::blocking::HumeBatchClient;
///
/// let client = HumeBatchClient::from_env()?;
/// let details = client
///     .get_job("7d6f1b2e-0000-4000-8000-00000000abcd")
///     .await_complete()
///     .timeout(Duration::from_secs(600))
///     .raise_on_failed(true)
///     .on_progress(|details| eprintln!("job is {}", details.status()))
///     .wait()?;
/// println!("ended {}", details.status());
/// # Ok::<(), hume::HumeError>(())
/// ```
#[must_use = "nothing is polled until `.wait()` (blocking) or `.await` (async)"]
#[derive(Debug)]
pub struct AwaitCompletion<C: Client> {
    client: C,
    op: AwaitJob,
}

impl<C: Client> AwaitCompletion<C> {
    /// Awaits `job_id` with `client`.
    pub(crate) fn new(client: C, job_id: JobId) -> Self {
        let op = AwaitJob::new(client.context(), job_id);
        Self { client, op }
    }

    /// How long to wait in total (at least 1 s). The job keeps running after a timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.op = self.op.with_timeout(timeout);
        self
    }

    /// Treat a job that ends `FAILED` as an error ([`HumeError::JobFailed`](crate::HumeError::JobFailed))
    /// instead of returning its details.
    pub fn raise_on_failed(mut self, raise: bool) -> Self {
        self.op = self.op.with_raise_on_failed(raise);
        self
    }

    /// Calls `progress` with the details of every poll, the last one included.
    pub fn on_progress(mut self, progress: impl FnMut(&BatchJobDetails) + Send + 'static) -> Self {
        self.op = self.op.with_progress(progress);
        self
    }

    /// The client and the await operation (for each client's `wait`).
    pub(crate) fn into_parts(self) -> (C, AwaitJob) {
        (self.client, self.op)
    }
}
