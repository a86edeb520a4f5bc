//! [`BatchJob`]: a handle on one job of the async client.

use std::fmt;
use std::path::Path;

use hume_core::HumeError;
use hume_models::{BatchJobDetails, BatchJobStatus, JobId, Predictions};

use super::client::HumeBatchClient;
use crate::AwaitCompletion;

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
    pub async fn get_status(&self) -> Result<BatchJobStatus, HumeError> {
        Ok(self.get_details().await?.state.status)
    }

    /// The job's details.
    ///
    /// # Errors
    /// As [`HumeBatchClient::get_job_details`].
    pub async fn get_details(&self) -> Result<BatchJobDetails, HumeError> {
        self.client.get_job_details(&self.id).await
    }

    /// The job's predictions, typed.
    ///
    /// # Errors
    /// As [`HumeBatchClient::get_job_predictions`].
    pub async fn get_predictions(&self) -> Result<Predictions, HumeError> {
        self.client.get_job_predictions(&self.id).await
    }

    /// Streams the predictions JSON to `path` (all or nothing); returns the bytes written.
    ///
    /// # Errors
    /// As [`HumeBatchClient::download_job_predictions`].
    pub async fn download_predictions(&self, path: impl AsRef<Path>) -> Result<u64, HumeError> {
        self.client.download_job_predictions(&self.id, path).await
    }

    /// Streams the artifacts zip to `path` (all or nothing); returns the bytes written.
    ///
    /// # Errors
    /// As [`HumeBatchClient::download_job_artifacts`].
    pub async fn download_artifacts(&self, path: impl AsRef<Path>) -> Result<u64, HumeError> {
        self.client.download_job_artifacts(&self.id, path).await
    }

    /// Waits until the job is `COMPLETED` or `FAILED`: set the options on the returned
    /// [`AwaitCompletion`] (timeout, raise on failed, progress), then `.await` it.
    pub fn await_complete(&self) -> AwaitCompletion<HumeBatchClient> {
        AwaitCompletion::new(self.client.clone(), self.id.clone())
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
