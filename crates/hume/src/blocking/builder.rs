//! [`HumeBatchClientBuilder`]: configures a blocking [`HumeBatchClient`].

use std::sync::Arc;

use hume_core::{HumeError, Transport};
use hume_transport::UreqTransport;

use super::client::HumeBatchClient;
use super::send::Sender;
use crate::builder::ClientBuilder;

/// Builds a blocking [`HumeBatchClient`]; its `build` validates everything.
///
/// The options both clients share are the methods of [`ClientBuilder`]; this type adds
/// `transport` and `build`.
///
/// ```
/// use std::time::Duration;
/// use hume::{ApiKey, RetryPolicy};
/// use hume::blocking::HumeBatchClient;
///
/// let client = HumeBatchClient::builder()
///     .api_key(ApiKey::new("my-key")?)
///     .base_url("http://127.0.0.1:8080")
///     .timeout(Duration::from_secs(30))
///     .retry_policy(RetryPolicy::default().with_max_attempts(5))
///     .build()?;
/// assert_eq!(client.base_url().as_str(), "http://127.0.0.1:8080");
/// # Ok::<(), hume::HumeError>(())
/// ```
pub type HumeBatchClientBuilder = ClientBuilder<dyn Transport>;

impl ClientBuilder<dyn Transport> {
    /// Sends through `transport` instead of the built-in ureq transport (a proxy-aware
    /// agent, a test double, ...). An `Arc<dyn Transport>` is accepted as well.
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Validates the configuration and builds the client.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] for a missing key, a bad base URL, a key over plain http
    /// to a non-loopback host, a zero timeout or an invalid poll policy.
    pub fn build(self) -> Result<HumeBatchClient, HumeError> {
        let sync_downloads = self.settings.sync_downloads;
        let ctx = self.settings.into_context()?;
        let transport = self
            .transport
            .unwrap_or_else(|| Arc::new(UreqTransport::new()));
        Ok(HumeBatchClient::from_sender(Sender {
            ctx,
            transport,
            sync_downloads,
        }))
    }
}
