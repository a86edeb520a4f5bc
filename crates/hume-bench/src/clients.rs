//! Building the clients under test, and the runtime the async ones run on.

use std::time::Duration;

use anyhow::Context as _;
use hume::ApiKey;

use crate::cli::Server;

/// Our blocking client for `server`.
pub fn blocking(server: &Server) -> anyhow::Result<hume::blocking::HumeBatchClient> {
    hume::blocking::HumeBatchClient::builder()
        .api_key(ApiKey::new(server.key.clone())?)
        .base_url(server.base_url.clone())
        .timeout(Duration::from_secs(server.timeout_secs))
        .build()
        .context("building the blocking client")
}

/// A builder of our async client for `server` (transport and poll policy still open).
pub fn async_builder(
    server: &Server,
) -> anyhow::Result<hume::asynchronous::HumeBatchClientBuilder> {
    Ok(hume::asynchronous::HumeBatchClient::builder()
        .api_key(ApiKey::new(server.key.clone())?)
        .base_url(server.base_url.clone())
        .timeout(Duration::from_secs(server.timeout_secs)))
}

/// Our async client for `server`.
pub fn asynchronous(server: &Server) -> anyhow::Result<hume::asynchronous::HumeBatchClient> {
    async_builder(server)?
        .build()
        .context("building the async client")
}

/// The tokio runtime of async measurements: multi-threaded, as `#[tokio::main]` builds it.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the tokio runtime")
}

/// A bare ureq agent: errors as responses, no redirects, ureq's defaults otherwise (no
/// timeouts: with a global timeout ureq resolves the host on a new thread for every request,
/// which would slow the baseline down).
pub fn bare_ureq() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .new_agent()
}

/// A bare reqwest client: no redirects, reqwest's defaults otherwise.
pub fn bare_reqwest() -> anyhow::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .context("building the reqwest client")
}
