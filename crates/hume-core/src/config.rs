//! [`ClientConfig`], every option a client has, and the validated [`ClientContext`] every
//! endpoint builds its requests from.

use std::time::Duration;

use http::header::{ACCEPT, HeaderName, HeaderValue, USER_AGENT};
use http::{HeaderMap, Method};

use crate::api_key::{API_KEY_ENV, API_KEY_HEADER, ApiKey};
use crate::base_url::BaseUrl;
use std::sync::Arc;

use crate::http::HttpRequest;
use crate::job_durations::JobDurations;
use crate::poll::PollPolicy;
use crate::reconcile::{ReconcilePolicy, SubmitRegistry};
use crate::redirect::DEFAULT_MAX_REDIRECTS;
use crate::retry::RetryPolicy;
use crate::transfer_rate::MinTransferRate;
use crate::{HumeError, error};

/// Value of `X-Hume-Client-Name`.
pub const CLIENT_NAME: &str = "rust_sdk";
/// Value of `X-Hume-Client-Version` (this crate's version).
pub const CLIENT_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Default per-request timeout (the legacy client's 10 s).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default total time of one attempt at a request whose body is read whole: 2 minutes.
pub const DEFAULT_REQUEST_DEADLINE: Duration = Duration::from_secs(120);
/// Default cap on a buffered (JSON) response body: 512 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 512 * 1024 * 1024;
/// Default cap on a download streamed to a file (artifacts): 16 GiB.
pub const DEFAULT_MAX_DOWNLOAD_BYTES: u64 = 16 * 1024 * 1024 * 1024;
/// How much of an error response body is read and kept: 64 KiB.
pub const ERROR_BODY_LIMIT: u64 = 64 * 1024;
/// Environment variable [`ClientConfig::from_env`] reads the base URL from, when it is set and
/// not blank: `HUME_BASE_URL`.
pub const BASE_URL_ENV: &str = "HUME_BASE_URL";

/// Every option a client has, in one value. Builder-lite (`with_*`), checked when a client
/// is built ([`ClientContext::new`]).
///
/// The API key is optional here and required when the client is built. The base URL is
/// optional too: each client has its API's default (`https://api.hume.ai` for the batch API).
///
/// ```
/// # use hume_core::{ApiKey, BaseUrl, ClientConfig, RetryPolicy};
/// # use std::time::Duration;
/// let config = ClientConfig::new()
///     .with_api_key(ApiKey::new("key")?)
///     .with_base_url(BaseUrl::parse("http://127.0.0.1:8080")?)
///     .with_timeout(Duration::from_secs(30))
///     .with_retry(RetryPolicy::default().with_max_attempts(5));
/// assert_eq!(config.timeout(), Duration::from_secs(30));
/// # Ok::<(), hume_core::HumeError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ClientConfig {
    api_key: Option<ApiKey>,
    base_url: Option<BaseUrl>,
    timeout: Duration,
    retry: RetryPolicy,
    poll: PollPolicy,
    max_redirects: u32,
    max_response_bytes: u64,
    max_download_bytes: u64,
    sync_downloads: bool,
    request_deadline: Duration,
    min_rate: Option<MinTransferRate>,
    reconcile: ReconcilePolicy,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            api_key: None,
            base_url: None,
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            poll: PollPolicy::default(),
            max_redirects: DEFAULT_MAX_REDIRECTS,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_download_bytes: DEFAULT_MAX_DOWNLOAD_BYTES,
            sync_downloads: false,
            request_deadline: DEFAULT_REQUEST_DEADLINE,
            min_rate: Some(MinTransferRate::default()),
            reconcile: ReconcilePolicy::default(),
        }
    }
}

impl ClientConfig {
    /// Defaults: no API key yet, the API's own base URL, 10 s per request, the default retry,
    /// poll and reconcile policies, 5 redirects, a 512 MiB buffered response limit (also for
    /// saved predictions), a 16 GiB artifacts limit, downloads not fsynced.
    pub fn new() -> Self {
        Self::default()
    }

    /// The key from `HUME_API_KEY`, and the base URL from `HUME_BASE_URL` when that is set
    /// and not blank; every other option at its default.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] when `HUME_API_KEY` is unset or invalid, or
    /// `HUME_BASE_URL` is not a usable base URL.
    pub fn from_env() -> Result<Self, HumeError> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env) with the variables read through `var`.
    pub(crate) fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, HumeError> {
        let key = var(API_KEY_ENV).ok_or_else(|| {
            HumeError::InvalidConfig(format!("environment variable {API_KEY_ENV} is not set"))
        })?;
        let mut config = Self::new().with_api_key(ApiKey::new(key)?);
        if let Some(url) = var(BASE_URL_ENV).filter(|url| !url.trim().is_empty()) {
            config = config.with_base_url(BaseUrl::parse(&url)?);
        }
        Ok(config)
    }

    /// Sets the API key.
    pub fn with_api_key(mut self, api_key: ApiKey) -> Self {
        self.api_key = Some(api_key);
        self
    }

    /// Sets the base URL (e.g. a local emulator) instead of the API's default.
    pub fn with_base_url(mut self, base_url: BaseUrl) -> Self {
        self.base_url = Some(base_url);
        self
    }

    /// Per-request timeout: connecting plus receiving the response head, and each read of the
    /// body (an idle timeout, so long downloads are not cut off).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Total time one attempt at a request whose body is read whole (details, lists,
    /// predictions into memory) may take, from connecting to its last byte (default 2
    /// minutes). Downloads to a file are bounded by the transfer rate floor instead.
    pub fn with_request_deadline(mut self, deadline: Duration) -> Self {
        self.request_deadline = deadline;
        self
    }

    /// The slowest a response body may arrive (default 1 KiB per 10 s; `None`: no floor). A
    /// body dripping slower fails like a timeout.
    pub fn with_min_transfer_rate(mut self, rate: Option<MinTransferRate>) -> Self {
        self.min_rate = rate;
        self
    }

    /// Retry policy for every request.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Default polling policy for awaiting jobs.
    pub fn with_poll(mut self, poll: PollPolicy) -> Self {
        self.poll = poll;
        self
    }

    /// Most redirects followed per request (0 turns redirects into errors).
    pub fn with_max_redirects(mut self, max: u32) -> Self {
        self.max_redirects = max;
        self
    }

    /// Largest JSON response body read into memory, or saved to a file (predictions).
    pub fn with_max_response_bytes(mut self, max: u64) -> Self {
        self.max_response_bytes = max;
        self
    }

    /// Largest artifacts download saved to a file (default 16 GiB): a larger announced or
    /// streamed body fails and leaves nothing behind.
    pub fn with_max_download_bytes(mut self, max: u64) -> Self {
        self.max_download_bytes = max;
        self
    }

    /// Whether downloads fsync the file before renaming it into place (default `false`).
    /// The rename alone already guarantees the destination is never a partial file; the
    /// fsync adds durability across a power loss or OS crash, at a large cost in throughput.
    pub fn with_sync_downloads(mut self, sync: bool) -> Self {
        self.sync_downloads = sync;
        self
    }

    /// Whether and how a submission that failed after it may have reached the server is
    /// reconciled (on by default; see [`reconcile`](crate::reconcile)).
    pub fn with_reconcile(mut self, reconcile: ReconcilePolicy) -> Self {
        self.reconcile = reconcile;
        self
    }

    /// The reconcile policy.
    pub fn reconcile(&self) -> &ReconcilePolicy {
        &self.reconcile
    }

    /// The API key, once set.
    pub fn api_key(&self) -> Option<&ApiKey> {
        self.api_key.as_ref()
    }

    /// The base URL, when set (otherwise the client uses its API's default).
    pub fn base_url(&self) -> Option<&BaseUrl> {
        self.base_url.as_ref()
    }

    /// Per-request timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Total time of one attempt at a request whose body is read whole.
    pub fn request_deadline(&self) -> Duration {
        self.request_deadline
    }

    /// The transfer rate floor of response bodies.
    pub fn min_transfer_rate(&self) -> Option<MinTransferRate> {
        self.min_rate
    }

    /// Retry policy.
    pub fn retry(&self) -> &RetryPolicy {
        &self.retry
    }

    /// Polling policy.
    pub fn poll(&self) -> &PollPolicy {
        &self.poll
    }

    /// Redirect limit.
    pub fn max_redirects(&self) -> u32 {
        self.max_redirects
    }

    /// Buffered response limit.
    pub fn max_response_bytes(&self) -> u64 {
        self.max_response_bytes
    }

    /// Artifacts download limit.
    pub fn max_download_bytes(&self) -> u64 {
        self.max_download_bytes
    }

    /// Whether downloads fsync before the rename.
    pub fn sync_downloads(&self) -> bool {
        self.sync_downloads
    }
}

/// A validated [`ClientConfig`] with its base URL resolved, plus the headers sent with every
/// request, and what a client learns as it runs: the durations of the jobs it has seen
/// complete ([`JobDurations`], for adaptive polling) and the job ids its submits returned
/// ([`SubmitRegistry`], for reconciliation). Endpoint `request` functions and operations take
/// it; clients hold one (clones share what is learned).
#[derive(Debug, Clone)]
pub struct ClientContext {
    config: ClientConfig,
    api_key: ApiKey,
    base_url: BaseUrl,
    headers: HeaderMap,
    durations: Arc<JobDurations>,
    submissions: Arc<SubmitRegistry>,
}

impl ClientContext {
    /// Validates `config`, resolves its base URL (`default_base_url` when unset) and prepares
    /// the common headers: `X-Hume-Api-Key` (sensitive), `X-Hume-Client-Name: rust_sdk`,
    /// `X-Hume-Client-Version`, `User-Agent: hume-rs/<ver>`.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] when the key is missing, the key would go over plain http
    /// to a non-loopback host (see [`BaseUrl::check_key_transport`]) or through a proxy
    /// named by the environment (see [`ProxyConfig`](crate::ProxyConfig)), the timeout is
    /// zero, or the poll policy is invalid.
    pub fn new(config: ClientConfig, default_base_url: BaseUrl) -> Result<Self, HumeError> {
        let api_key = config.api_key.clone().ok_or_else(|| {
            HumeError::InvalidConfig(format!(
                "no api key: set one with api_key(..) on the builder or with_api_key(..) on the \
                 config, or read {API_KEY_ENV} with from_env()"
            ))
        })?;
        let base_url = config.base_url.clone().unwrap_or(default_base_url);
        base_url.check_key_transport()?;
        // The transports read the same variables: a base URL they would have to refuse is a
        // configuration error now, before anything is sent.
        crate::proxy::ProxyConfig::from_env().route(base_url.as_str())?;
        if config.timeout.is_zero() || config.request_deadline.is_zero() {
            return Err(HumeError::InvalidConfig(
                "request timeout and deadline must be positive".into(),
            ));
        }
        config.poll.validate()?;
        let mut headers = HeaderMap::new();
        headers.insert(
            HeaderName::from_static(API_KEY_HEADER),
            api_key.header_value(),
        );
        headers.insert(
            HeaderName::from_static("x-hume-client-name"),
            HeaderValue::from_static(CLIENT_NAME),
        );
        headers.insert(
            HeaderName::from_static("x-hume-client-version"),
            HeaderValue::from_static(CLIENT_VERSION),
        );
        headers.insert(
            USER_AGENT,
            HeaderValue::from_static(concat!("hume-rs/", env!("CARGO_PKG_VERSION"))),
        );
        Ok(Self {
            config,
            api_key,
            base_url,
            headers,
            durations: Arc::new(JobDurations::new()),
            submissions: Arc::new(SubmitRegistry::new()),
        })
    }

    /// The API key requests carry.
    pub(crate) fn api_key(&self) -> &ApiKey {
        &self.api_key
    }

    /// The durations of the jobs this client has seen complete.
    pub fn durations(&self) -> &JobDurations {
        &self.durations
    }

    /// The job ids this client's submits returned, and its submissions in flight.
    pub fn submissions(&self) -> &Arc<SubmitRegistry> {
        &self.submissions
    }

    /// The configuration, as given.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// The base URL requests go to (the configured one, or the API's default).
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// The headers sent with every request.
    pub fn common_headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A request to `url` with the common headers, `Accept: application/json`, the
    /// per-request timeout, the request deadline and the transfer rate floor.
    pub fn request(&self, method: Method, url: String) -> HttpRequest {
        self.request_accepting(method, url, HeaderValue::from_static("application/json"))
    }

    /// Like [`request`](Self::request) with another `Accept` value.
    pub fn request_accepting(
        &self,
        method: Method,
        url: String,
        accept: HeaderValue,
    ) -> HttpRequest {
        let mut req = HttpRequest::new(method, url);
        req.headers = self.headers.clone();
        req.headers.insert(ACCEPT, accept);
        req.timeout = Some(self.config.timeout);
        req.deadline = Some(self.config.request_deadline);
        req.min_rate = self.config.min_rate;
        tracing::debug!(method = %req.method, url = %req.url, headers = ?req.headers, "prepared hume request");
        req
    }

    /// `body` with the API key replaced by `[redacted]`, literal or escaped (see
    /// [`scrub`](crate::scrub::scrub)).
    pub fn scrub(&self, body: &[u8]) -> Vec<u8> {
        crate::scrub::scrub(body, self.api_key.expose_secret()).into_owned()
    }

    /// `err` with the API key removed from all the server text it carries
    /// ([`HumeError::scrubbed`]).
    pub fn scrub_error(&self, err: HumeError) -> HumeError {
        err.scrubbed(self.api_key.expose_secret())
    }

    /// At most 512 bytes of `body`, API key removed.
    pub fn excerpt(&self, body: &[u8]) -> String {
        error::excerpt(body, Some(self.api_key.expose_secret()))
    }
}

#[cfg(test)]
mod tests;
