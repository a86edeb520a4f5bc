//! [`ExpressionMeasurementClient`], the blocking client of the Expression Measurement API v1.

use std::fmt;
use std::sync::Arc;

use hume_core::{ApiKey, BaseUrl, ClientConfig, ClientContext, HumeError, Transport};
use hume_transport::UreqTransport;

use super::super::driver::Driver;
use super::{AudioClient, RunsClient, VideoClient};
use crate::{ApiType, ClientBuilder};

/// Builds a blocking [`ExpressionMeasurementClient`]: the options of [`ClientBuilder`] (the
/// same ones, and the same [`ClientConfig`], as the batch client's), plus `transport` (any
/// [`Transport`](crate::transport::Transport)).
///
/// ```
/// use std::time::Duration;
/// use hume::ApiKey;
/// use hume::blocking::ExpressionMeasurementClient;
///
/// let client = ExpressionMeasurementClient::builder()
///     .api_key(ApiKey::new("my-key")?)
///     .base_url("http://127.0.0.1:8080")
///     .timeout(Duration::from_secs(60))
///     .build()?;
/// assert_eq!(client.base_url().as_str(), "http://127.0.0.1:8080");
/// # Ok::<(), hume::HumeError>(())
/// ```
pub type ExpressionMeasurementClientBuilder = ClientBuilder<ExpressionMeasurementClient>;

/// A blocking client for the Hume **Expression Measurement API v1** over HTTP
/// (`https://api.cloud.hume.ai/v1/expression/...`): audio and image uploads measured in the
/// same request, and the runs that record them.
///
/// Named as the official v1 Python SDK's client (`ExpressionMeasurementClient`), with the
/// same groups, so its documentation maps one to one: [`audio()`](Self::audio)`.measure`,
/// [`video()`](Self::video)`.measure`, [`runs()`](Self::runs)`.list` / `.get` /
/// `.events`. Cheap to clone (clones share the connection pool) and `Send + Sync`.
///
/// Every upload is checked locally before it is sent (the config's values, each file's
/// format and size from its header, the 25 MB request limit), each failure a typed
/// [`HumeError`]; files stream from disk. Requests retry per the
/// [`RetryPolicy`](crate::RetryPolicy): reads on connection failures, 429 and 5xx; uploads
/// only when the server cannot have processed them (not sent, 429, 503 `server_busy`). The
/// API key only ever goes to the configured origin.
///
/// ```no_run
/// use hume::blocking::ExpressionMeasurementClient;
/// use hume::models::v1::{AudioFileConfig, VideoFileConfig};
///
/// let client = ExpressionMeasurementClient::from_env()?;
/// let speech = client.audio().measure("speech.wav", AudioFileConfig::default())?;
/// for m in &speech.measurements {
///     println!("{}..{} ms: {:?}", m.audio_start_ms, m.audio_end_ms, m.expressions.first());
/// }
/// let faces = client.video().measure(["a.jpg", "b.jpg"], VideoFileConfig::default())?;
/// println!("{} faces", faces.faces().count());
/// # Ok::<(), hume::HumeError>(())
/// ```
#[derive(Clone)]
pub struct ExpressionMeasurementClient {
    ctx: Arc<ClientContext>,
    driver: Driver,
}

impl ExpressionMeasurementClient {
    /// A client with every default (`https://api.cloud.hume.ai`, 10 s timeout) and this key.
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
    pub fn builder() -> ExpressionMeasurementClientBuilder {
        ExpressionMeasurementClientBuilder::new()
    }

    pub(crate) fn driver(&self) -> &Driver {
        &self.driver
    }

    pub(crate) fn ctx(&self) -> &Arc<ClientContext> {
        &self.ctx
    }

    /// The API this client talks to: [`ApiType::Expression`].
    pub fn api_type(&self) -> ApiType {
        ApiType::Expression
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &BaseUrl {
        self.ctx.base_url()
    }

    /// The configuration (the key stays redacted in its `Debug`).
    pub fn config(&self) -> &ClientConfig {
        self.ctx.config()
    }

    /// Audio uploads (`POST /v1/expression/audio/file`).
    pub fn audio(&self) -> AudioClient<'_> {
        AudioClient::new(self)
    }

    /// Image uploads (`POST /v1/expression/video/file`).
    pub fn video(&self) -> VideoClient<'_> {
        VideoClient::new(self)
    }

    /// Runs: the record of every upload and realtime session (`/v1/expression/run`).
    pub fn runs(&self) -> RunsClient<'_> {
        RunsClient::new(self)
    }
}

impl ClientBuilder<ExpressionMeasurementClient> {
    /// Sends through `transport` instead of the built-in ureq transport (a proxy-aware
    /// agent, a test double such as `hume::test_util::MockTransport`, ...). An
    /// `Arc<dyn Transport>` is accepted as well.
    pub fn transport(self, transport: impl Transport + 'static) -> Self {
        self.with_transport(Arc::new(transport))
    }
}

impl crate::client::sealed::Sealed for ExpressionMeasurementClient {
    type Transport = dyn Transport;

    fn default_base_url() -> BaseUrl {
        BaseUrl::v1_default()
    }

    fn from_parts(
        ctx: ClientContext,
        transport: Option<Arc<dyn Transport>>,
    ) -> Result<Self, HumeError> {
        let transport = transport.unwrap_or_else(|| Arc::new(UreqTransport::new()));
        Ok(Self {
            ctx: Arc::new(ctx),
            driver: Driver::new(transport),
        })
    }

    fn context(&self) -> &Arc<ClientContext> {
        &self.ctx
    }
}

impl crate::Client for ExpressionMeasurementClient {}

/// One line: base URL, timeout and transport (never the key).
impl fmt::Debug for ExpressionMeasurementClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExpressionMeasurementClient")
            .field("base_url", &self.base_url().as_str())
            .field("timeout", &self.config().timeout())
            .field("transport", &self.driver)
            .finish()
    }
}
