//! HTTP and WebSocket backends for the Hume clients, one per feature, each a mechanical
//! adapter between hume-core's transport contract and a library:
//!
//! - feature `ureq`: [`UreqTransport`], a blocking [`hume_core::Transport`] on ureq 3 (no tokio).
//! - feature `reqwest`: [`ReqwestTransport`], an async [`hume_core::AsyncTransport`] on reqwest
//!   (rustls) and tokio.
//! - feature `tungstenite`: [`TungsteniteTransport`], a blocking [`hume_core::WsTransport`]
//!   (realtime sessions) on tungstenite and rustls with ring and the webpki roots, as ureq.
//! - feature `tokio-tungstenite`: [`TokioTungsteniteTransport`], an async
//!   [`hume_core::AsyncWsTransport`] on tokio-tungstenite and rustls with aws-lc-rs and the
//!   platform verifier, as reqwest.
//!
//! The WebSocket backends open the TCP connection and TLS themselves (so each uses its HTTP
//! twin's TLS setup), send the handshake with exactly the request's headers, follow no
//! redirect (a refusal comes back with its status and body), bound connecting, TLS and the
//! upgrade by the request's timeout, and cap incoming messages at its limit. They use no
//! proxy.
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
#[cfg(any(feature = "tungstenite", feature = "tokio-tungstenite"))]
mod ws_common;
#[cfg(feature = "tokio-tungstenite")]
mod ws_tokio_tungstenite;
#[cfg(feature = "tungstenite")]
mod ws_tungstenite;

#[cfg(all(test, any(feature = "ureq", feature = "reqwest")))]
mod test_server;
#[cfg(all(test, any(feature = "tungstenite", feature = "tokio-tungstenite")))]
mod ws_test_server;

#[cfg(feature = "reqwest")]
pub use crate::reqwest_transport::ReqwestTransport;
#[cfg(feature = "ureq")]
pub use crate::ureq_transport::UreqTransport;
#[cfg(feature = "tokio-tungstenite")]
pub use crate::ws_tokio_tungstenite::TokioTungsteniteTransport;
#[cfg(feature = "tungstenite")]
pub use crate::ws_tungstenite::TungsteniteTransport;

/// Compile-time check that the transports can be shared across threads.
#[allow(dead_code)]
fn assert_send_sync() {
    fn is<T: Send + Sync + 'static>() {}
    #[cfg(feature = "ureq")]
    is::<UreqTransport>();
    #[cfg(feature = "reqwest")]
    is::<ReqwestTransport>();
    #[cfg(feature = "tungstenite")]
    is::<TungsteniteTransport>();
    #[cfg(feature = "tokio-tungstenite")]
    is::<TokioTungsteniteTransport>();
}
