//! The configuration both client builders collect, turned into a validated
//! [`ClientContext`] by `build()`.

use std::time::Duration;

use hume_core::{ApiKey, BaseUrl, ClientConfig, ClientContext, HumeError, PollPolicy, RetryPolicy};

/// Environment variable naming the base URL `HumeBatchClient::from_env`
/// uses when set (e.g. a local emulator): `HUME_BASE_URL`.
pub const BASE_URL_ENV: &str = "HUME_BASE_URL";

/// Builder state shared by the blocking and async builders.
#[derive(Debug, Default)]
pub(crate) struct Settings {
    pub(crate) api_key: Option<ApiKey>,
    pub(crate) base_url: Option<String>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) poll: Option<PollPolicy>,
    pub(crate) max_redirects: Option<u32>,
    pub(crate) max_response_bytes: Option<u64>,
    pub(crate) sync_downloads: bool,
}

impl Settings {
    /// Settings from environment variables read through `var`: the key from `HUME_API_KEY`
    /// (required) and the base URL from `HUME_BASE_URL` when set and not blank.
    pub(crate) fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, HumeError> {
        let key = var(hume_core::API_KEY_ENV).ok_or_else(|| {
            HumeError::InvalidConfig(format!(
                "environment variable {} is not set",
                hume_core::API_KEY_ENV
            ))
        })?;
        Ok(Self {
            api_key: Some(ApiKey::new(key)?),
            base_url: var(BASE_URL_ENV).filter(|url| !url.trim().is_empty()),
            ..Self::default()
        })
    }

    /// Reads the process environment (see [`from_vars`](Self::from_vars)).
    pub(crate) fn from_env() -> Result<Self, HumeError> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// Validates everything into a [`ClientContext`].
    pub(crate) fn into_context(self) -> Result<ClientContext, HumeError> {
        let api_key = self.api_key.ok_or_else(|| {
            HumeError::InvalidConfig(
                "no api key: call api_key(..) on the builder, or use from_env()".into(),
            )
        })?;
        let mut config = ClientConfig::new(api_key);
        if let Some(url) = &self.base_url {
            config = config.with_base_url(BaseUrl::parse(url)?);
        }
        if let Some(timeout) = self.timeout {
            config = config.with_timeout(timeout);
        }
        if let Some(retry) = self.retry {
            config = config.with_retry(retry);
        }
        if let Some(poll) = self.poll {
            config = config.with_poll(poll);
        }
        if let Some(max) = self.max_redirects {
            config = config.with_max_redirects(max);
        }
        if let Some(max) = self.max_response_bytes {
            config = config.with_max_response_bytes(max);
        }
        ClientContext::new(config)
    }
}

#[cfg(test)]
mod tests;
