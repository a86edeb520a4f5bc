//! The WebSocket capability beside the HTTP [`Transport`](crate::Transport) traits: what a
//! realtime session needs from a socket, and nothing of any WebSocket library.
//!
//! - [`WsRequest`]: the handshake to make (a `ws://` or `wss://` URL, headers, a handshake
//!   timeout, the largest message to accept). Its constructor refuses to send a sensitive
//!   header (the API key) over plain `ws://` to anything but a loopback host.
//! - [`WsTransport`] (blocking) and [`AsyncWsTransport`]: one method each, `connect`, which
//!   returns an open [`WsConnection`] / [`AsyncWsConnection`], or a [`WsConnectError`]: the
//!   handshake refused with an HTTP status and body, or a [`TransportError`].
//! - [`WsMessage`]: what goes over an open connection (text, binary, ping, pong, close).
//!
//! Backends (`hume-transport`: tungstenite, tokio-tungstenite) send the handshake exactly as
//! prepared, follow no redirects (a 3xx is a refusal like any other status), answer the
//! server's pings themselves and enforce [`WsRequest::max_message_bytes`] on what they
//! receive.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use url::Url;

use crate::HumeError;
use crate::base_url::is_loopback_url;
use crate::realtime::CloseInfo;
use crate::transport_error::TransportError;

/// A WebSocket handshake to make: URL, headers, timeout and message limit. Built with
/// [`WsRequest::new`], which checks the URL; read with the getters.
#[derive(Debug, Clone)]
pub struct WsRequest {
    url: Url,
    headers: HeaderMap,
    timeout: Duration,
    max_message_bytes: u64,
}

impl WsRequest {
    /// A handshake to `url` with `headers`, connecting, upgrading and (for `wss`) negotiating
    /// TLS within `timeout`, accepting messages of at most `max_message_bytes`.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] when `url` is not a `ws://` or `wss://` URL with a host,
    /// holds credentials or a fragment, or is plain `ws://` to a host that is not loopback
    /// while a header is marked sensitive (the API key never travels unencrypted off the
    /// machine); also for a zero timeout.
    pub fn new(
        url: &str,
        headers: HeaderMap,
        timeout: Duration,
        max_message_bytes: u64,
    ) -> Result<Self, HumeError> {
        let invalid =
            |why: &str| HumeError::InvalidConfig(format!("invalid websocket url {url:?}: {why}"));
        let parsed = Url::parse(url).map_err(|e| invalid(&e.to_string()))?;
        if parsed.scheme() != "ws" && parsed.scheme() != "wss" {
            return Err(invalid("scheme must be ws or wss"));
        }
        if parsed.host().is_none() {
            return Err(invalid("missing host"));
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(invalid("credentials in the url are not allowed"));
        }
        if parsed.fragment().is_some() {
            return Err(invalid("a fragment is not allowed"));
        }
        let secret = headers.values().any(http::HeaderValue::is_sensitive);
        if secret && parsed.scheme() == "ws" && !is_loopback_url(&parsed) {
            return Err(HumeError::InvalidConfig(format!(
                "refusing to send the api key over plain ws:// to non-loopback host {}; use wss:// (an https base url)",
                parsed.host_str().unwrap_or_default()
            )));
        }
        if timeout.is_zero() {
            return Err(HumeError::InvalidConfig(
                "websocket handshake timeout must be positive".into(),
            ));
        }
        Ok(Self {
            url: parsed,
            headers,
            timeout,
            max_message_bytes,
        })
    }

    /// The `ws://` or `wss://` URL.
    pub fn url(&self) -> &str {
        self.url.as_str()
    }

    /// `true` for `wss://`.
    pub fn is_tls(&self) -> bool {
        self.url.scheme() == "wss"
    }

    /// The host to connect to (without brackets for an IPv6 address).
    pub fn host(&self) -> &str {
        match self.url.host_str() {
            Some(host) => host.trim_start_matches('[').trim_end_matches(']'),
            None => "",
        }
    }

    /// The port to connect to (the scheme's default, 80 or 443, when the URL has none).
    pub fn port(&self) -> u16 {
        self.url
            .port_or_known_default()
            .unwrap_or(if self.is_tls() { 443 } else { 80 })
    }

    /// The headers to send with the handshake (the key marked sensitive).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// How long connecting, TLS and the upgrade may take together.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The largest message (text or binary) to accept from the server.
    pub fn max_message_bytes(&self) -> u64 {
        self.max_message_bytes
    }
}

/// One WebSocket message, either way.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WsMessage {
    /// A text message.
    Text(String),
    /// A binary message.
    Binary(Bytes),
    /// A ping (a backend answers the server's pings itself; receiving one is informational).
    Ping(Bytes),
    /// A pong.
    Pong(Bytes),
    /// A close frame: sent, to close; received, the peer closed (code `None`: no status).
    Close(CloseInfo),
}

impl fmt::Debug for WsMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WsMessage::Text(text) => f.debug_tuple("Text").field(text).finish(),
            // A frame's bytes would flood a log: its length is enough.
            WsMessage::Binary(data) => write!(f, "Binary({} bytes)", data.len()),
            WsMessage::Ping(data) => write!(f, "Ping({} bytes)", data.len()),
            WsMessage::Pong(data) => write!(f, "Pong({} bytes)", data.len()),
            WsMessage::Close(close) => f.debug_tuple("Close").field(close).finish(),
        }
    }
}

/// Why a WebSocket connection could not be opened.
#[derive(Debug)]
#[non_exhaustive]
pub enum WsConnectError {
    /// The server answered the handshake with this status instead of `101 Switching
    /// Protocols` (a redirect included: it is not followed).
    Refused {
        /// The status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The response body (what the backend read of it; may be empty).
        body: Bytes,
    },
    /// No handshake answer: connect, TLS, timeout, i/o or protocol failure.
    Transport(TransportError),
}

impl WsConnectError {
    /// A [`Refused`](Self::Refused) handshake.
    pub fn refused(status: StatusCode, headers: HeaderMap, body: impl Into<Bytes>) -> Self {
        Self::Refused {
            status,
            headers,
            body: body.into(),
        }
    }
}

impl fmt::Display for WsConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Refused { status, .. } => write!(f, "websocket handshake refused with {status}"),
            Self::Transport(e) => write!(f, "websocket connection failed: {e}"),
        }
    }
}

impl StdError for WsConnectError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Self::Refused { .. } => None,
            Self::Transport(e) => Some(e),
        }
    }
}

impl From<TransportError> for WsConnectError {
    fn from(e: TransportError) -> Self {
        Self::Transport(e)
    }
}

/// A blocking WebSocket client: opens one connection per call.
///
/// Implementations send the handshake with exactly [`WsRequest::headers`] (plus the
/// WebSocket and `Host` headers), follow no redirects, and finish connecting, TLS and the
/// upgrade within [`WsRequest::timeout`].
pub trait WsTransport: Send + Sync + fmt::Debug {
    /// Opens a connection.
    ///
    /// # Errors
    /// [`WsConnectError::Refused`] with the status and body of a refused handshake;
    /// [`WsConnectError::Transport`] when no answer came.
    fn connect(&self, request: WsRequest) -> Result<Box<dyn WsConnection>, WsConnectError>;
}

/// An open blocking WebSocket connection.
pub trait WsConnection: Send + fmt::Debug {
    /// Sends one message (and flushes it). [`WsMessage::Close`] starts the closing handshake;
    /// keep calling [`recv`](Self::recv) for the peer's close frame.
    ///
    /// # Errors
    /// A [`TransportError`] when the connection failed; it is unusable afterwards.
    fn send(&mut self, message: WsMessage) -> Result<(), TransportError>;

    /// Waits for the next message: up to `timeout` (`Some(Duration::ZERO)`: only what has
    /// arrived already), or without a limit (`None`). `Ok(None)` when the time ran out.
    /// After a received [`WsMessage::Close`] the connection is over.
    ///
    /// # Errors
    /// A [`TransportError`] when the connection failed or ended without a close frame.
    fn recv(&mut self, timeout: Option<Duration>) -> Result<Option<WsMessage>, TransportError>;
}

/// An async WebSocket client; the same contract as [`WsTransport`].
#[async_trait::async_trait]
pub trait AsyncWsTransport: Send + Sync + fmt::Debug {
    /// Opens a connection.
    ///
    /// # Errors
    /// As [`WsTransport::connect`].
    async fn connect(
        &self,
        request: WsRequest,
    ) -> Result<Box<dyn AsyncWsConnection>, WsConnectError>;
}

/// An open async WebSocket connection.
#[async_trait::async_trait]
pub trait AsyncWsConnection: Send + fmt::Debug {
    /// Sends one message (and flushes it), as [`WsConnection::send`].
    ///
    /// # Errors
    /// A [`TransportError`] when the connection failed.
    async fn send(&mut self, message: WsMessage) -> Result<(), TransportError>;

    /// The next message; `Ok(None)` once the connection has ended after a close frame.
    ///
    /// **Cancel-safe**: a driver `select!`s it against a timer and user commands, so dropping
    /// the future before it completes must lose no message.
    ///
    /// # Errors
    /// A [`TransportError`] when the connection failed or ended without a close frame.
    async fn recv(&mut self) -> Result<Option<WsMessage>, TransportError>;
}

impl<T: WsTransport + ?Sized> WsTransport for std::sync::Arc<T> {
    fn connect(&self, request: WsRequest) -> Result<Box<dyn WsConnection>, WsConnectError> {
        (**self).connect(request)
    }
}

#[async_trait::async_trait]
impl<T: AsyncWsTransport + ?Sized> AsyncWsTransport for std::sync::Arc<T> {
    async fn connect(
        &self,
        request: WsRequest,
    ) -> Result<Box<dyn AsyncWsConnection>, WsConnectError> {
        (**self).connect(request).await
    }
}

#[cfg(test)]
mod tests;
