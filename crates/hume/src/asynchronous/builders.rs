//! The shared builders' async steps: [`ClientBuilder::transport`] for this client,
//! [`SubmitJob::send`] and [`AwaitCompletion::wait`], and `.await` on both builders
//! ([`IntoFuture`]).

use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::sync::Arc;

use hume_core::{AsyncTransport, HumeError};
use hume_models::BatchJobDetails;

use super::{BatchJob, HumeBatchClient};
use crate::{AwaitCompletion, ClientBuilder, SubmitJob};

/// The future of `.await` on a builder: boxed, `Send`, owning everything it needs.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = Result<T, HumeError>> + Send + 'static>>;

impl ClientBuilder<HumeBatchClient> {
    /// Sends through `transport` instead of the built-in reqwest transport (a test double
    /// such as `hume::test_util::MockTransport`, another HTTP stack, ...). An
    /// `Arc<dyn AsyncTransport>` is accepted as well. The client's methods need a tokio
    /// runtime with time enabled.
    pub fn transport(self, transport: impl AsyncTransport + 'static) -> Self {
        self.with_transport(Arc::new(transport))
    }
}

impl SubmitJob<HumeBatchClient> {
    /// Checks the request, sends it, and returns a handle on the new job (what `.await` on
    /// the builder does).
    ///
    /// # Errors
    /// [`HumeError::Validation`] or [`HumeError::LocalFile`] before anything is sent;
    /// [`HumeError::InvalidApiKey`], [`HumeError::RateLimited`], [`HumeError::Api`] from the
    /// server; [`HumeError::SubmitUncertain`] when the request may have reached the server, no
    /// answer was read, and reconciliation could not tell whether the job exists (**it may or
    /// may not**: its `candidates` are the matching jobs; list jobs before resubmitting).
    pub async fn send(self) -> Result<BatchJob, HumeError> {
        let (client, op) = self.into_parts();
        client.driver().run(op).await.map(|id| client.get_job(id))
    }
}

impl IntoFuture for SubmitJob<HumeBatchClient> {
    type Output = Result<BatchJob, HumeError>;
    type IntoFuture = BoxFuture<BatchJob>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl AwaitCompletion<HumeBatchClient> {
    /// Polls until the job ends, sleeping on tokio (what `.await` on the builder does).
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] for a timeout under 1 s (before any request);
    /// [`HumeError::AwaitTimeout`] when the job is still running at the timeout (or polls
    /// kept failing until then); [`HumeError::JobFailed`] with `raise_on_failed`;
    /// [`HumeError::InvalidApiKey`], [`HumeError::JobNotFound`] and other non-transient polling
    /// errors at once.
    pub async fn wait(self) -> Result<BatchJobDetails, HumeError> {
        let (client, op) = self.into_parts();
        client.driver().run(op).await
    }
}

impl IntoFuture for AwaitCompletion<HumeBatchClient> {
    type Output = Result<BatchJobDetails, HumeError>;
    type IntoFuture = BoxFuture<BatchJobDetails>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.wait())
    }
}
