//! [`ClientBuilder`]: the options both clients share, in one place. Each client module names
//! its builder (`hume::blocking::HumeBatchClientBuilder`,
//! `hume::asynchronous::HumeBatchClientBuilder`) as this type over its own transport trait and
//! adds only `transport` and `build`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use hume_core::{ApiKey, PollPolicy, RetryPolicy};

use crate::settings::Settings;

/// Collects a client's configuration; `T` is the transport trait object of the client it
/// builds (`dyn Transport` or `dyn AsyncTransport`). Use it through
/// `hume::blocking::HumeBatchClientBuilder` or `hume::asynchronous::HumeBatchClientBuilder`,
/// whose `build` validates everything.
#[must_use]
pub struct ClientBuilder<T: ?Sized> {
    pub(crate) settings: Settings,
    pub(crate) transport: Option<Arc<T>>,
}

impl<T: ?Sized> Default for ClientBuilder<T> {
    fn default() -> Self {
        Self {
            settings: Settings::default(),
            transport: None,
        }
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for ClientBuilder<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("settings", &self.settings)
            .field("transport", &self.transport)
            .finish()
    }
}

impl<T: ?Sized> ClientBuilder<T> {
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
}
