//! The shared builders' blocking steps: [`ClientBuilder::transport`] and `build` for this
//! client, [`SubmitJob::send`] and [`AwaitCompletion::wait`].

use std::sync::Arc;

use hume_core::{HumeError, Transport};
use hume_models::BatchJobDetails;

use super::{BatchJob, HumeBatchClient};
use crate::{AwaitCompletion, ClientBuilder, SubmitJob};

impl ClientBuilder<HumeBatchClient> {
    /// Sends through `transport` instead of the built-in ureq transport (a proxy-aware
    /// agent, a test double such as `hume::test_util::MockTransport`, ...). An
    /// `Arc<dyn Transport>` is accepted as well.
    pub fn transport(self, transport: impl Transport + 'static) -> Self {
        self.with_transport(Arc::new(transport))
    }
}

impl SubmitJob<HumeBatchClient> {
    /// Checks the request, sends it, and returns a handle on the new job.
    ///
    /// # Errors
    /// [`HumeError::Validation`] or [`HumeError::LocalFile`] before anything is sent;
    /// [`HumeError::InvalidApiKey`], [`HumeError::RateLimited`], [`HumeError::Api`] from the
    /// server; [`HumeError::SubmitUncertain`] when the request may have reached the server, no
    /// answer was read, and reconciliation could not tell whether the job exists (**it may or
    /// may not**: its `candidates` are the matching jobs; list jobs before resubmitting).
    pub fn send(self) -> Result<BatchJob, HumeError> {
        let (client, op) = self.into_parts();
        client.driver().run(op).map(|id| client.get_job(id))
    }
}

impl AwaitCompletion<HumeBatchClient> {
    /// Polls until the job ends, sleeping on this thread.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] for a timeout under 1 s (before any request);
    /// [`HumeError::AwaitTimeout`] when the job is still running at the timeout (or polls
    /// kept failing until then); [`HumeError::JobFailed`] with `raise_on_failed`;
    /// [`HumeError::InvalidApiKey`], [`HumeError::JobNotFound`] and other non-transient polling
    /// errors at once.
    pub fn wait(self) -> Result<BatchJobDetails, HumeError> {
        let (client, op) = self.into_parts();
        client.driver().run(op)
    }
}
