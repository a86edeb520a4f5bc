//! [`ClientBuilder`]: fills a [`ClientConfig`] step by step, then builds a client.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use hume_core::{
    ApiKey, BaseUrl, ClientConfig, ClientContext, HumeError, PollPolicy, ReconcilePolicy,
    RetryPolicy,
};

use crate::client::Client;
use crate::client::sealed::Sealed;

/// Builds a client `C` (`HumeBatchClient` or `ExpressionMeasurementClient`, in
/// `hume::blocking` or `hume::asynchronous`): every option of a [`ClientConfig`] as a step,
/// plus a custom transport (`transport`, on each client's builder) and
/// [`build`](Self::build), which validates everything.
///
/// Get one from the client (`HumeBatchClient::builder()`,
/// `ExpressionMeasurementClient::builder()`); each client module names its own
/// (`hume::blocking::HumeBatchClientBuilder`, `hume::blocking::ExpressionMeasurementClientBuilder`). A bad base URL string does not fail the step
/// that takes it: the error is kept and returned by `build`, as reqwest's builder does.
#[must_use]
pub struct ClientBuilder<C: Client> {
    config: ClientConfig,
    error: Option<HumeError>,
    transport: Option<Arc<<C as Sealed>::Transport>>,
    client: PhantomData<fn() -> C>,
}

impl<C: Client> Default for ClientBuilder<C> {
    fn default() -> Self {
        Self {
            config: ClientConfig::new(),
            error: None,
            transport: None,
            client: PhantomData,
        }
    }
}

impl<C: Client> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("config", &self.config)
            .field("error", &self.error)
            .field("transport", &self.transport)
            .finish()
    }
}

impl<C: Client> ClientBuilder<C> {
    /// A builder with every default and no API key.
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces every option with `config` (and forgets an earlier bad base URL).
    pub fn config(mut self, config: ClientConfig) -> Self {
        self.config = config;
        self.error = None;
        self
    }

    /// The API key (required).
    pub fn api_key(mut self, api_key: ApiKey) -> Self {
        self.config = self.config.with_api_key(api_key);
        self
    }

    /// The API base URL instead of the API's default (`https://api.hume.ai` for the batch
    /// API, `https://api.cloud.hume.ai` for v1), e.g. a local emulator. Checked here and by
    /// [`build`](Self::build): it must be an http(s) URL without the API path (the client
    /// appends `/v0/batch/...` or `/v1/expression/...` itself), and the key is never sent over
    /// plain http except to loopback.
    pub fn base_url(mut self, base_url: impl AsRef<str>) -> Self {
        match BaseUrl::parse(base_url.as_ref()) {
            Ok(url) => {
                self.config = self.config.with_base_url(url);
                self.error = None;
            }
            Err(err) => self.error = Some(err),
        }
        self
    }

    /// Per-request timeout (default 10 s): connecting plus the response head, and each read of
    /// the body, never a whole download.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config = self.config.with_timeout(timeout);
        self
    }

    /// Retry policy (default: jittered backoff for up to 60 s and 20 attempts; POSTs are
    /// retried only when the server cannot have processed them: not sent, 429, 503).
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.config = self.config.with_retry(retry);
        self
    }

    /// Poll policy used when awaiting jobs (default: adaptive, falling back to 1 s doubling;
    /// 300 s timeout).
    pub fn poll_policy(mut self, poll: PollPolicy) -> Self {
        self.config = self.config.with_poll(poll);
        self
    }

    /// Whether a submission that failed after it may have reached the server is reconciled
    /// (default: on, 2 s settle time; `ReconcilePolicy::disabled()` turns it off).
    pub fn reconcile_policy(mut self, reconcile: ReconcilePolicy) -> Self {
        self.config = self.config.with_reconcile(reconcile);
        self
    }

    /// Most redirects followed per request (default 5).
    pub fn max_redirects(mut self, max: u32) -> Self {
        self.config = self.config.with_max_redirects(max);
        self
    }

    /// Largest JSON response read into memory or saved as predictions (default 512 MiB).
    pub fn max_response_bytes(mut self, max: u64) -> Self {
        self.config = self.config.with_max_response_bytes(max);
        self
    }

    /// Largest artifacts download (default 16 GiB); a larger body fails, leaving nothing.
    pub fn max_download_bytes(mut self, max: u64) -> Self {
        self.config = self.config.with_max_download_bytes(max);
        self
    }

    /// Whether downloads fsync the file before renaming it into place (default `false`).
    /// The rename alone already guarantees the destination is never a partial file; the
    /// fsync adds durability across a power loss or OS crash, at a large cost in throughput.
    pub fn sync_downloads(mut self, sync: bool) -> Self {
        self.config = self.config.with_sync_downloads(sync);
        self
    }

    /// Validates the configuration and builds the client.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] for a missing key, a bad base URL, a key over plain http
    /// to a non-loopback host, a zero timeout or an invalid poll policy;
    /// [`HumeError::Transport`] if the built-in HTTP client cannot be created (TLS setup).
    pub fn build(self) -> Result<C, HumeError> {
        if let Some(err) = self.error {
            return Err(err);
        }
        let ctx = ClientContext::new(self.config, C::default_base_url())?;
        C::from_parts(ctx, self.transport)
    }

    /// Sets the transport (each client's builder takes its own transport trait).
    pub(crate) fn with_transport(mut self, transport: Arc<<C as Sealed>::Transport>) -> Self {
        self.transport = Some(transport);
        self
    }
}
