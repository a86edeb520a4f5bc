//! [`HumeBatchClient`], the async batch API client.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use hume_core::endpoints::{details, list, predictions, submit};
use hume_core::{ApiKey, BaseUrl, ClientConfig, HumeError};
use hume_models::{
    BatchJobDetails, JobId, JobRequest, ListJobsQuery, ModelConfig, Predictions,
    TranscriptionConfig,
};

use super::all_jobs::AllJobs;
use super::builder::HumeBatchClientBuilder;
use super::job::BatchJob;
use super::send::Sender;
use crate::pages::Pages;
use crate::settings::Settings;
use crate::{ApiType, submit_args};

/// An async client for the Hume Expression Measurement batch API (tokio).
///
/// Cheap to clone (clones share the connection pool), `Send + Sync`, and every returned
/// future is `Send`: spawn as many jobs as you like on one runtime, no thread per job. Every method that talks to the API retries transient failures per the
/// [`RetryPolicy`](hume_core::RetryPolicy) and follows redirects (the API key only ever goes
/// to the configured origin).
///
/// ```no_run
/// use hume::asynchronous::HumeBatchClient;
/// use hume::models::FaceConfig;
///
/// # async fn run() -> Result<(), hume::HumeError> {
/// let client = HumeBatchClient::from_env()?;
/// let job = client.submit_job(
///     &["https://example.com/face.jpg"],
///     [FaceConfig::default().into()],
///     None, None, None, &[], &[],
/// ).await?;
/// let details = job.await_complete_default().await?;
/// println!("{job} is {}", details.status());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct HumeBatchClient {
    sender: Arc<Sender>,
}

impl HumeBatchClient {
    /// A client with the default configuration (`https://api.hume.ai`, 10 s timeout).
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] when the key is empty or not sendable in a header.
    pub fn new(api_key: impl Into<String>) -> Result<Self, HumeError> {
        Self::builder().api_key(ApiKey::new(api_key)?).build()
    }

    /// A client configured from the environment: the key from `HUME_API_KEY`, and the base URL
    /// from `HUME_BASE_URL` when that is set.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] when `HUME_API_KEY` is unset or invalid, or
    /// `HUME_BASE_URL` is not a usable URL.
    pub fn from_env() -> Result<Self, HumeError> {
        HumeBatchClientBuilder::with_settings(Settings::from_env()?).build()
    }

    /// A builder for every other option.
    pub fn builder() -> HumeBatchClientBuilder {
        HumeBatchClientBuilder::new()
    }

    pub(crate) fn from_sender(sender: Sender) -> Self {
        Self {
            sender: Arc::new(sender),
        }
    }

    pub(crate) fn sender(&self) -> &Sender {
        &self.sender
    }

    /// The API this client talks to: [`ApiType::Batch`].
    pub fn api_type(&self) -> ApiType {
        ApiType::Batch
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &BaseUrl {
        self.sender.ctx.config().base_url()
    }

    /// The full configuration (the key stays redacted in its `Debug`).
    pub fn config(&self) -> &ClientConfig {
        self.sender.ctx.config()
    }

    /// Starts a job, with the arguments of the legacy Python `submit_job`.
    ///
    /// `configs` picks the models (the last config of a model wins; none runs every model),
    /// `transcription` is left out when `None`, local `files` are uploaded as multipart (streamed
    /// from disk) and otherwise the job is sent as JSON. For everything else (switching
    /// transcription off, building the request step by step) use [`submit`](Self::submit).
    ///
    /// # Errors
    /// As [`submit`](Self::submit).
    #[allow(clippy::too_many_arguments)]
    pub async fn submit_job(
        &self,
        urls: &[&str],
        configs: impl IntoIterator<Item = ModelConfig>,
        transcription: Option<TranscriptionConfig>,
        callback_url: Option<&str>,
        notify: Option<bool>,
        files: &[&Path],
        text: &[&str],
    ) -> Result<BatchJob, HumeError> {
        let (job, files) = submit_args::job_request(
            urls,
            configs,
            transcription,
            callback_url,
            notify,
            files,
            text,
        );
        self.submit(&job, &files).await
    }

    /// Starts a job from a [`JobRequest`], uploading `files` (multipart) if any.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), hume::HumeError> {
    /// # use hume::asynchronous::HumeBatchClient;
    /// use hume::models::{FaceConfig, JobRequest, Models, ProsodyConfig, Transcription};
    /// # let client = HumeBatchClient::from_env()?;
    /// let request = JobRequest::new()
    ///     .with_url("https://example.com/interview.mp4")
    ///     .with_models(Models::new().with(FaceConfig::default()).with(ProsodyConfig::default()))
    ///     .with_transcription(Transcription::Disabled);
    /// let job = client.submit(&request, &[]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`HumeError::Validation`] or [`HumeError::LocalFile`] before anything is sent;
    /// [`HumeError::InvalidApiKey`], [`HumeError::RateLimited`], [`HumeError::Api`] from the
    /// server; [`HumeError::SubmitUncertain`] when the request may have reached the server but
    /// no answer was read (**the job may or may not exist**: list jobs before resubmitting).
    pub async fn submit(&self, job: &JobRequest, files: &[PathBuf]) -> Result<BatchJob, HumeError> {
        let req = submit::request(&self.sender.ctx, job, files)?;
        let job_id = self.sender.fetch(req, submit::decode).await?;
        tracing::debug!(%job_id, "submitted batch job");
        Ok(self.get_job(job_id))
    }

    /// A handle on an existing job. No network call.
    pub fn get_job(&self, job_id: impl Into<JobId>) -> BatchJob {
        BatchJob::new(self.clone(), job_id.into())
    }

    /// The job's details: request echo, status and timestamps.
    ///
    /// # Errors
    /// [`HumeError::JobNotFound`], [`HumeError::InvalidApiKey`], other API errors, transport
    /// failures, or [`HumeError::Decode`].
    pub async fn get_job_details(
        &self,
        job_id: impl AsRef<str>,
    ) -> Result<BatchJobDetails, HumeError> {
        let job_id = JobId::new(job_id.as_ref());
        self.sender
            .fetch(
                details::request(&self.sender.ctx, &job_id),
                |ctx, s, h, b| details::decode(ctx, &job_id, s, h, b),
            )
            .await
    }

    /// The job's predictions, typed.
    ///
    /// # Errors
    /// As [`get_job_details`](Self::get_job_details).
    pub async fn get_job_predictions(
        &self,
        job_id: impl AsRef<str>,
    ) -> Result<Predictions, HumeError> {
        let job_id = JobId::new(job_id.as_ref());
        self.sender
            .fetch(
                predictions::request(&self.sender.ctx, &job_id),
                |ctx, s, h, b| predictions::decode(ctx, &job_id, s, h, b),
            )
            .await
    }

    /// The job's predictions as untyped JSON (what the legacy client returned).
    ///
    /// # Errors
    /// As [`get_job_details`](Self::get_job_details).
    pub async fn get_job_predictions_raw(
        &self,
        job_id: impl AsRef<str>,
    ) -> Result<serde_json::Value, HumeError> {
        let job_id = JobId::new(job_id.as_ref());
        self.sender
            .fetch(
                predictions::request(&self.sender.ctx, &job_id),
                |ctx, s, h, b| predictions::decode_raw(ctx, &job_id, s, h, b),
            )
            .await
    }

    /// Streams the job's artifacts (a zip) to `path` and returns the bytes written. The file
    /// appears only when complete: it is written beside `path` and renamed, so an error leaves
    /// `path` untouched.
    ///
    /// # Errors
    /// As [`get_job_details`](Self::get_job_details), plus [`HumeError::IncompleteDownload`]
    /// and [`HumeError::Io`].
    pub async fn download_job_artifacts(
        &self,
        job_id: impl AsRef<str>,
        path: impl AsRef<Path>,
    ) -> Result<u64, HumeError> {
        self.sender
            .download_artifacts(&JobId::new(job_id.as_ref()), path.as_ref())
            .await
    }

    /// Streams the job's predictions JSON to `path`, byte for byte as the API sent it, with
    /// the same all-or-nothing guarantee as
    /// [`download_job_artifacts`](Self::download_job_artifacts). Returns the bytes written.
    ///
    /// # Errors
    /// As [`download_job_artifacts`](Self::download_job_artifacts).
    pub async fn download_job_predictions(
        &self,
        job_id: impl AsRef<str>,
        path: impl AsRef<Path>,
    ) -> Result<u64, HumeError> {
        self.sender
            .download_predictions(&JobId::new(job_id.as_ref()), path.as_ref())
            .await
    }

    /// One page of jobs (only the query's set parameters are sent).
    ///
    /// # Errors
    /// API errors, transport failures, or [`HumeError::Decode`].
    pub async fn list_jobs(
        &self,
        query: &ListJobsQuery,
    ) -> Result<Vec<BatchJobDetails>, HumeError> {
        self.sender
            .fetch(list::request(&self.sender.ctx, query), list::decode)
            .await
    }

    /// Every job matching `query`, fetched page by page as [`AllJobs::next`] is awaited
    /// (newest first, or oldest first for a `created_after` query), each job once.
    pub fn list_all_jobs(&self, query: ListJobsQuery) -> AllJobs {
        AllJobs::new(self.clone(), Pages::new(query))
    }
}

impl fmt::Debug for HumeBatchClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let config = self.sender.ctx.config();
        f.debug_struct("HumeBatchClient")
            .field("base_url", &config.base_url().as_str())
            .field("api_key", config.api_key())
            .field("timeout", &config.timeout())
            .field("transport", &self.sender.transport)
            .finish()
    }
}
