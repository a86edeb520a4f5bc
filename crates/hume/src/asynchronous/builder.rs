//! [`HumeBatchClientBuilder`]: configures an async [`HumeBatchClient`].

use std::sync::Arc;

use hume_core::{AsyncTransport, HumeError};
use hume_transport::ReqwestTransport;

use super::client::HumeBatchClient;
use super::send::Sender;
use crate::builder::ClientBuilder;

/// Builds an async [`HumeBatchClient`]; its `build` validates everything.
///
/// The options both clients share are the methods of [`ClientBuilder`]; this type adds
/// `transport` and `build`.
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
pub type HumeBatchClientBuilder = ClientBuilder<dyn AsyncTransport>;

impl ClientBuilder<dyn AsyncTransport> {
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
