//! Failures of a transport to complete an HTTP exchange, and whether the request left.

use std::error::Error as StdError;
use std::fmt;

/// What kind of failure a transport hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// Could not connect (DNS, refused, unreachable, proxy connect).
    Connect,
    /// A timeout fired.
    Timeout,
    /// An I/O error while sending or receiving.
    Io,
    /// TLS handshake or certificate failure.
    Tls,
    /// Anything else (invalid request, protocol error, backend-specific failure).
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Connect => "connection failed",
            Self::Timeout => "request timed out",
            Self::Io => "i/o error",
            Self::Tls => "tls error",
            Self::Other => "http transport error",
        })
    }
}

/// Whether a failed request may have reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SendState {
    /// The request certainly did not reach the server (e.g. the connection was never made).
    NotSent,
    /// The request may have been received and acted on.
    MaybeSent,
}

impl fmt::Display for SendState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotSent => "request not sent",
            Self::MaybeSent => "request may have been sent",
        })
    }
}

/// A transport failure: kind, send state and the backend's own error as `source`.
///
/// Display shows this layer only (`connection failed (request not sent)`); the backend's
/// message is available through [`Error::source`](std::error::Error::source).
pub struct TransportError {
    kind: TransportErrorKind,
    send_state: SendState,
    source: Box<dyn StdError + Send + Sync + 'static>,
}

impl TransportError {
    /// A transport error of any kind.
    pub fn new(
        kind: TransportErrorKind,
        send_state: SendState,
        source: impl Into<Box<dyn StdError + Send + Sync + 'static>>,
    ) -> Self {
        Self {
            kind,
            send_state,
            source: source.into(),
        }
    }

    /// A connect failure: the request was not sent.
    pub fn connect(source: impl Into<Box<dyn StdError + Send + Sync + 'static>>) -> Self {
        Self::new(TransportErrorKind::Connect, SendState::NotSent, source)
    }

    /// A timeout.
    pub fn timeout(
        send_state: SendState,
        source: impl Into<Box<dyn StdError + Send + Sync + 'static>>,
    ) -> Self {
        Self::new(TransportErrorKind::Timeout, send_state, source)
    }

    /// An I/O failure.
    pub fn io(
        send_state: SendState,
        source: impl Into<Box<dyn StdError + Send + Sync + 'static>>,
    ) -> Self {
        Self::new(TransportErrorKind::Io, send_state, source)
    }

    /// A TLS failure (the request was not sent: TLS precedes it).
    pub fn tls(source: impl Into<Box<dyn StdError + Send + Sync + 'static>>) -> Self {
        Self::new(TransportErrorKind::Tls, SendState::NotSent, source)
    }

    /// Any other failure.
    pub fn other(
        send_state: SendState,
        source: impl Into<Box<dyn StdError + Send + Sync + 'static>>,
    ) -> Self {
        Self::new(TransportErrorKind::Other, send_state, source)
    }

    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether the request may have reached the server.
    pub fn send_state(&self) -> SendState {
        self.send_state
    }

    /// `true` if the request may have been received by the server.
    pub fn may_have_been_sent(&self) -> bool {
        self.send_state == SendState::MaybeSent
    }

    /// `true` for [`TransportErrorKind::Timeout`].
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }

    /// `true` for [`TransportErrorKind::Connect`].
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }

    /// The backend error.
    pub fn into_source(self) -> Box<dyn StdError + Send + Sync + 'static> {
        self.source
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("kind", &self.kind)
            .field("send_state", &self.send_state)
            .field("source", &self.source)
            .finish()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.kind, self.send_state)
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&*self.source)
    }
}
