//! [`HumeBatchClient`], the async batch API client.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use hume_core::operation::{DownloadArtifacts, DownloadPredictions, Fetch, JobPager};
use hume_core::{ApiKey, AsyncTransport, BaseUrl, ClientConfig, ClientContext, HumeError};
use hume_models::{BatchJobDetails, JobId, JobRequest, ListJobsQuery, ModelConfig, Predictions};
use hume_transport::ReqwestTransport;

use super::all_jobs::AllJobs;
use super::driver::Driver;
use super::job::BatchJob;
use crate::{ApiType, ClientBuilder, SubmitJob};

/// Builds an async [`HumeBatchClient`]: the options of [`ClientBuilder`], plus
/// `transport` (any [`AsyncTransport`](crate::transport::AsyncTransport)). Building needs no
/// runtime; the client's methods need a tokio runtime with time enabled.
///
/// ```
/// use std::time::Duration;
/// use hume::{ApiKey, PollPolicy};
/// use hume::asynchronous::HumeBatchClient;
///
/// let client = HumeBatchClient::builder()
///     .api_key(ApiKey::new("my-key")?)
///     .base_url("http://127.0.0.1:8080")
///     .timeout(Duration::from_secs(30))
///     .poll_policy(PollPolicy::default().with_timeout(Duration::from_secs(900)))
///     .build()?;
/// assert_eq!(client.base_url().as_str(), "http://127.0.0.1:8080");
/// # Ok::<(), hume::HumeError>(())
/// ```
pub type HumeBatchClientBuilder = ClientBuilder<HumeBatchClient>;

/// An async client for the Hume Expression Measurement batch API (tokio).
///
/// Cheap to clone (clones share the connection pool), `Send + Sync`, and every returned
/// future is `Send`: spawn as many jobs as you like on one runtime, no thread per job. Every
/// method that talks to the API retries transient failures per the
/// [`RetryPolicy`](crate::RetryPolicy) and follows redirects (the API key only ever goes to
/// the configured origin).
///
/// ```no_run
/// use hume::HumeError;
/// use hume::asynchronous::HumeBatchClient;
/// use hume::models::FaceConfig;
///
/// async fn run() -> Result<(), HumeError> {
///     let client = HumeBatchClient::from_env()?;
///     let job = client
///         .submit_job(["https://example.com/face.jpg"], [FaceConfig::default()])
///         .await?;
///     let details = job.await_complete().await?;
///     println!("{job} is {}", details.status());
///     Ok(())
/// }
/// ```
#[derive(Clone)]
pub struct HumeBatchClient {
    ctx: Arc<ClientContext>,
    driver: Driver,
}

impl HumeBatchClient {
    /// A client with every default (`https://api.hume.ai`, 10 s timeout) and this key.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] when the key is empty or not sendable in a header.
    pub fn new(api_key: impl Into<String>) -> Result<Self, HumeError> {
        Self::builder().api_key(ApiKey::new(api_key)?).build()
    }

    /// A client configured from the environment ([`ClientConfig::from_env`]): the key from
    /// `HUME_API_KEY`, and the base URL from `HUME_BASE_URL` when that is set.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] when `HUME_API_KEY` is unset or invalid, or
    /// `HUME_BASE_URL` is not a usable URL.
    pub fn from_env() -> Result<Self, HumeError> {
        Self::from_config(ClientConfig::from_env()?)
    }

    /// A client with every option from `config`.
    ///
    /// # Errors
    /// As [`ClientBuilder::build`].
    pub fn from_config(config: ClientConfig) -> Result<Self, HumeError> {
        Self::builder().config(config).build()
    }

    /// A builder for every option.
    pub fn builder() -> HumeBatchClientBuilder {
        HumeBatchClientBuilder::new()
    }

    pub(crate) fn driver(&self) -> &Driver {
        &self.driver
    }

    /// The API this client talks to: [`ApiType::Batch`].
    pub fn api_type(&self) -> ApiType {
        ApiType::Batch
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &BaseUrl {
        self.ctx.base_url()
    }

    /// The configuration (the key stays redacted in its `Debug`).
    pub fn config(&self) -> &ClientConfig {
        self.ctx.config()
    }

    /// Starts building a job on media `urls` with the models of `configs` (the last config of
    /// a model wins; none runs every model), as the legacy Python `submit_job(urls, configs)`.
    /// Every other option is a step of the returned [`SubmitJob`]; `.await` submits it.
    pub fn submit_job<U, M>(
        &self,
        urls: impl IntoIterator<Item = U>,
        configs: impl IntoIterator<Item = M>,
    ) -> SubmitJob<Self>
    where
        U: AsRef<str>,
        M: Into<ModelConfig>,
    {
        SubmitJob::from_urls(self.clone(), urls, configs)
    }

    /// Starts from a complete [`JobRequest`] (its local files included); `.await` submits it.
    pub fn submit(&self, request: JobRequest) -> SubmitJob<Self> {
        SubmitJob::new(self.clone(), request)
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
        self.driver
            .run(Fetch::job_details(&self.ctx, job_id.as_ref()))
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
        self.driver
            .run(Fetch::job_predictions(&self.ctx, job_id.as_ref()))
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
        self.driver
            .run(Fetch::job_predictions_raw(&self.ctx, job_id.as_ref()))
            .await
    }

    /// The job's predictions JSON in memory, byte for byte as the API sent it.
    ///
    /// # Errors
    /// As [`get_job_details`](Self::get_job_details).
    pub async fn get_job_predictions_bytes(
        &self,
        job_id: impl AsRef<str>,
    ) -> Result<Vec<u8>, HumeError> {
        self.driver
            .run(Fetch::job_predictions_bytes(&self.ctx, job_id.as_ref()))
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
        self.driver
            .run(DownloadArtifacts::new(
                &self.ctx,
                job_id.as_ref(),
                path.as_ref(),
            ))
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
        self.driver
            .run(DownloadPredictions::new(
                &self.ctx,
                job_id.as_ref(),
                path.as_ref(),
            ))
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
        self.driver.run(Fetch::list_jobs(&self.ctx, query)).await
    }

    /// Every job matching `query`, fetched page by page as [`AllJobs::next`] is awaited
    /// (newest first, or oldest first for a `created_after` query), each job once.
    pub fn list_all_jobs(&self, query: ListJobsQuery) -> AllJobs {
        AllJobs::new(self.driver.clone(), JobPager::new(&self.ctx, query))
    }
}

impl crate::client::sealed::Sealed for HumeBatchClient {
    type Transport = dyn AsyncTransport;

    fn default_base_url() -> BaseUrl {
        BaseUrl::batch_default()
    }

    fn from_parts(
        ctx: ClientContext,
        transport: Option<Arc<dyn AsyncTransport>>,
    ) -> Result<Self, HumeError> {
        let transport = match transport {
            Some(transport) => transport,
            None => Arc::new(ReqwestTransport::new()?),
        };
        Ok(Self {
            ctx: Arc::new(ctx),
            driver: Driver::new(transport),
        })
    }

    fn context(&self) -> &Arc<ClientContext> {
        &self.ctx
    }
}

impl crate::Client for HumeBatchClient {}

/// One line: base URL, timeout and transport (never the key, never the backend's internals).
impl fmt::Debug for HumeBatchClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HumeBatchClient")
            .field("base_url", &self.base_url().as_str())
            .field("timeout", &self.config().timeout())
            .field("transport", &self.driver)
            .finish()
    }
}
