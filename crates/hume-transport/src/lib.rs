//! HTTP backends for the Hume batch client, one per feature, each a mechanical adapter
//! between hume-core's transport contract and an HTTP library:
//!
//! - feature `ureq`: [`UreqTransport`], a blocking [`hume_core::Transport`] on ureq 3 (no tokio).
//! - feature `reqwest`: [`ReqwestTransport`], an async [`hume_core::AsyncTransport`] on reqwest
//!   (rustls) and tokio.
//!
//! Both send requests exactly as hume-core prepared them, never follow redirects (hume-core does,
//! dropping the API key across origins), return every status as a response (error bodies are
//! kept), stream multipart uploads from disk with an exact `Content-Length`, stream response
//! bodies, route proxies by [`hume_core::ProxyConfig`] (the environment's proxies, loopback
//! targets always direct, plain http through a proxy refused) and reuse connections. Each maps its library's
//! errors to [`hume_core::TransportError`] in one function. No ureq or reqwest type is public.
//!
//! Timeouts: [`hume_core::HttpRequest::timeout`] bounds connecting plus receiving the response
//! head, and each read of the response body (an idle timeout);
//! [`hume_core::HttpRequest::deadline`], when set, bounds the whole attempt, body included
//! (never set for a download, which the clients bound by a transfer rate floor instead).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "reqwest")]
mod reqwest_transport;
#[cfg(feature = "ureq")]
mod ureq_transport;

#[cfg(all(test, any(feature = "ureq", feature = "reqwest")))]
mod test_server;

#[cfg(feature = "reqwest")]
pub use crate::reqwest_transport::ReqwestTransport;
#[cfg(feature = "ureq")]
pub use crate::ureq_transport::UreqTransport;

/// Compile-time check that the transports can be shared across threads.
#[allow(dead_code)]
fn assert_send_sync() {
    fn is<T: Send + Sync + 'static>() {}
    #[cfg(feature = "ureq")]
    is::<UreqTransport>();
    #[cfg(feature = "reqwest")]
    is::<ReqwestTransport>();
}
