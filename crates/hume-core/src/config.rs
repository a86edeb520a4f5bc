//! Client configuration shared by the blocking and the async client, and the validated
//! [`ClientContext`] every endpoint builds its requests from.

use std::time::Duration;

use http::header::{ACCEPT, HeaderName, HeaderValue, USER_AGENT};
use http::{HeaderMap, Method};

use crate::api_key::{API_KEY_HEADER, ApiKey};
use crate::base_url::BaseUrl;
use crate::http::HttpRequest;
use crate::poll::PollPolicy;
use crate::redirect::DEFAULT_MAX_REDIRECTS;
use crate::retry::RetryPolicy;
use crate::{HumeError, error};

/// Value of `X-Hume-Client-Name`.
pub const CLIENT_NAME: &str = "rust_sdk";
/// Value of `X-Hume-Client-Version` (this crate's version).
pub const CLIENT_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Default per-request timeout (the legacy client's 10 s).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default cap on a buffered (JSON) response body: 512 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 512 * 1024 * 1024;
/// How much of an error response body is read and kept: 64 KiB.
pub const ERROR_BODY_LIMIT: u64 = 64 * 1024;

/// Everything a client is configured with. Builder-lite; checked by
/// [`ClientContext::new`].
///
/// ```
/// # use hume_core::{ApiKey, BaseUrl, ClientConfig, ClientContext, RetryPolicy};
/// # use std::time::Duration;
/// let config = ClientConfig::new(ApiKey::new("key")?)
///     .with_base_url(BaseUrl::parse("http://127.0.0.1:8080")?)
///     .with_timeout(Duration::from_secs(30))
///     .with_retry(RetryPolicy::default().with_max_attempts(5));
/// let ctx = ClientContext::new(config)?;
/// assert_eq!(ctx.config().timeout(), Duration::from_secs(30));
/// # Ok::<(), hume_core::HumeError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ClientConfig {
    api_key: ApiKey,
    base_url: BaseUrl,
    timeout: Duration,
    retry: RetryPolicy,
    poll: PollPolicy,
    max_redirects: u32,
    max_response_bytes: u64,
}

impl ClientConfig {
    /// Defaults: `https://api.hume.ai`, 10 s per request, default retry and poll policies,
    /// 5 redirects, 512 MiB buffered response limit.
    pub fn new(api_key: ApiKey) -> Self {
        Self {
            api_key,
            base_url: BaseUrl::default(),
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            poll: PollPolicy::default(),
            max_redirects: DEFAULT_MAX_REDIRECTS,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

    /// Replaces the API key.
    pub fn with_api_key(mut self, api_key: ApiKey) -> Self {
        self.api_key = api_key;
        self
    }

    /// Sets the base URL (e.g. a local emulator).
    pub fn with_base_url(mut self, base_url: BaseUrl) -> Self {
        self.base_url = base_url;
        self
    }

    /// Per-request timeout: connecting plus receiving the response head, and each read of the
    /// body (an idle timeout, so long downloads are not cut off).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
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

    /// Largest JSON response body read into memory.
    pub fn with_max_response_bytes(mut self, max: u64) -> Self {
        self.max_response_bytes = max;
        self
    }

    /// The API key.
    pub fn api_key(&self) -> &ApiKey {
        &self.api_key
    }

    /// The base URL.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// Per-request timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
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

    /// Checks the configuration.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] when the key would go over plain http to a non-loopback
    /// host, the timeout is zero, or the poll policy is invalid.
    pub fn validate(&self) -> Result<(), HumeError> {
        self.base_url.check_key_transport()?;
        if self.timeout.is_zero() {
            return Err(HumeError::InvalidConfig(
                "request timeout must be positive".into(),
            ));
        }
        self.poll.validate()
    }
}

/// A validated [`ClientConfig`] plus the headers sent with every request. Endpoint
/// `request` functions take it; clients hold one.
#[derive(Debug, Clone)]
pub struct ClientContext {
    config: ClientConfig,
    headers: HeaderMap,
}

impl ClientContext {
    /// Validates `config` and prepares the common headers: `X-Hume-Api-Key` (sensitive),
    /// `X-Hume-Client-Name: rust_sdk`, `X-Hume-Client-Version`, `User-Agent: hume-rs/<ver>`.
    ///
    /// # Errors
    /// As [`ClientConfig::validate`].
    pub fn new(config: ClientConfig) -> Result<Self, HumeError> {
        config.validate()?;
        let mut headers = HeaderMap::new();
        headers.insert(
            HeaderName::from_static(API_KEY_HEADER),
            config.api_key.header_value(),
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
        Ok(Self { config, headers })
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// The headers sent with every request.
    pub fn common_headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A request to `url` with the common headers, `Accept: application/json` and the
    /// per-request timeout.
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
        tracing::debug!(method = %req.method, url = %req.url, headers = ?req.headers, "prepared hume request");
        req
    }

    /// `body` with the API key replaced by `[redacted]`.
    pub fn scrub(&self, body: &[u8]) -> Vec<u8> {
        error::scrub(body, self.config.api_key.expose_secret())
    }

    /// At most 512 bytes of `body`, API key removed.
    pub fn excerpt(&self, body: &[u8]) -> String {
        error::excerpt(body, Some(self.config.api_key.expose_secret()))
    }
}

#[cfg(test)]
mod tests;
