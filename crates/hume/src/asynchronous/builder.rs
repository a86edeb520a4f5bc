//! [`HumeBatchClientBuilder`]: configures an async [`HumeBatchClient`].

use std::sync::Arc;
use std::time::Duration;

use hume_core::{ApiKey, AsyncTransport, HumeError, PollPolicy, RetryPolicy};
use hume_transport::ReqwestTransport;

use super::client::HumeBatchClient;
use super::send::Sender;
use crate::settings::Settings;

/// Builds an async [`HumeBatchClient`]; [`build`](Self::build) validates everything.
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
#[derive(Debug, Default)]
#[must_use]
pub struct HumeBatchClientBuilder {
    settings: Settings,
    transport: Option<Arc<dyn AsyncTransport>>,
}

impl HumeBatchClientBuilder {
    /// A builder with every default and no API key.
    pub fn new() -> Self {
        Self::default()
    }

    pub(crate) fn with_settings(settings: Settings) -> Self {
        Self {
            settings,
            transport: None,
        }
    }

    /// The API key (required).
    pub fn api_key(mut self, api_key: ApiKey) -> Self {
        self.settings.api_key = Some(api_key);
        self
    }

    /// The API base URL (default `https://api.hume.ai`), e.g. a local emulator. Checked by
    /// [`build`](Self::build): the key is never sent over plain http except to loopback.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.settings.base_url = Some(base_url.into());
        self
    }

    /// Per-request timeout (default 10 s): connecting plus the response head, and each read of
    /// the body, never a whole download.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeout = Some(timeout);
        self
    }

    /// Retry policy (default: 3 attempts with jittered backoff; POSTs are retried only when
    /// the job cannot have been created).
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.settings.retry = Some(retry);
        self
    }

    /// Poll policy used when awaiting jobs (default: 1 s doubling, 300 s timeout).
    pub fn poll_policy(mut self, poll: PollPolicy) -> Self {
        self.settings.poll = Some(poll);
        self
    }

    /// Most redirects followed per request (default 5).
    pub fn max_redirects(mut self, max: u32) -> Self {
        self.settings.max_redirects = Some(max);
        self
    }

    /// Largest JSON response read into memory (default 512 MiB).
    pub fn max_response_bytes(mut self, max: u64) -> Self {
        self.settings.max_response_bytes = Some(max);
        self
    }

    /// Whether downloads fsync the file before renaming it into place (default `false`).
    /// The rename alone already guarantees the destination is never a partial file; the
    /// fsync adds durability across a power loss or OS crash, at a large cost in throughput.
    pub fn sync_downloads(mut self, sync: bool) -> Self {
        self.settings.sync_downloads = sync;
        self
    }

    /// Sends through `transport` instead of the built-in reqwest transport (a test double,
    /// another HTTP stack, ...). An `Arc<dyn AsyncTransport>` is accepted as well.
    pub fn transport(mut self, transport: impl AsyncTransport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Validates the configuration and builds the client. Needs no runtime; the client's
    /// methods need a tokio runtime with time enabled.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] for a missing key, a bad base URL, a key over plain http
    /// to a non-loopback host, a zero timeout or an invalid poll policy;
    /// [`HumeError::Transport`] if the HTTP client cannot be created (TLS setup).
    pub fn build(self) -> Result<HumeBatchClient, HumeError> {
        let sync_downloads = self.settings.sync_downloads;
        let ctx = self.settings.into_context()?;
        let transport = match self.transport {
            Some(transport) => transport,
            None => Arc::new(ReqwestTransport::new()?),
        };
        Ok(HumeBatchClient::from_sender(Sender {
            ctx,
            transport,
            sync_downloads,
        }))
    }
}
