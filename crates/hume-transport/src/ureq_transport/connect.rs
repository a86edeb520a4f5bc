//! Marking the failures that happen before any byte of a request is sent.
//!
//! ureq reports a failed DNS lookup as the resolver's raw `io::Error` and a failed TLS
//! handshake as an `io::Error` of kind `InvalidData`: the same shapes as a connection reset or
//! a corrupt record *after* the request went out. Telling them apart by their text would be
//! guesswork, so the agent is built from ureq's own default parts wrapped in two adapters that
//! know the phase:
//!
//! - [`Resolve`] turns every lookup failure into `Error::HostNotFound` (what ureq's resolver
//!   contract asks for; its default resolver passes raw I/O errors through);
//! - [`Connect`] wraps every failure of the connector chain (TCP connect, proxy `CONNECT`, TLS
//!   handshake) in a [`ConnectFailed`] carried by `Error::Other`, with the kind it deserves.
//!
//! [`map_error`](super::map_error) then knows: those failures happened before the request was
//! written, so they are [`SendState::NotSent`](hume_core::SendState::NotSent).

use std::fmt;
use std::io;

use hume_core::TransportErrorKind;
use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{ConnectionDetails, Connector, NextTimeout};

/// A resolver whose failures are all `Error::HostNotFound` (timeouts stay timeouts).
#[derive(Debug)]
pub(crate) struct Resolve<R>(pub(crate) R);

impl<R: Resolver> Resolver for Resolve<R> {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        self.0
            .resolve(uri, config, timeout)
            .map_err(|err| match err {
                err @ (ureq::Error::Timeout(_) | ureq::Error::BadUri(_)) => err,
                other => {
                    tracing::debug!(error = %other, "ureq: name lookup failed");
                    ureq::Error::HostNotFound
                }
            })
    }
}

/// A failure of the connector chain: the request was never written.
#[derive(Debug)]
pub(crate) struct ConnectFailed {
    /// `Connect`, `Tls` or `Timeout`.
    pub(crate) kind: TransportErrorKind,
    /// What ureq reported.
    pub(crate) source: ureq::Error,
}

impl fmt::Display for ConnectFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "connecting failed: {}", self.source)
    }
}

impl std::error::Error for ConnectFailed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// A connector whose failures are [`ConnectFailed`] (inside `Error::Other`).
#[derive(Debug)]
pub(crate) struct Connect<C>(pub(crate) C);

impl<C: Connector<()>> Connector<()> for Connect<C> {
    type Out = C::Out;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<()>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        self.0.connect(details, chained).map_err(|source| {
            let https = details.uri.scheme_str() == Some("https");
            let kind = connect_kind(&source, https);
            ureq::Error::Other(Box::new(ConnectFailed { kind, source }))
        })
    }
}

/// The kind of a connect-phase failure. Over https, an `InvalidData` I/O error is the TLS
/// layer rejecting what the peer sent (rustls reports handshake failures that way).
pub(crate) fn connect_kind(err: &ureq::Error, https: bool) -> TransportErrorKind {
    use ureq::Error as E;
    match err {
        E::Timeout(_) => TransportErrorKind::Timeout,
        E::Io(io) if io.kind() == io::ErrorKind::TimedOut => TransportErrorKind::Timeout,
        E::Tls(_) | E::Rustls(_) | E::Pem(_) | E::TlsRequired => TransportErrorKind::Tls,
        E::Io(io) if https && io.kind() == io::ErrorKind::InvalidData => TransportErrorKind::Tls,
        _ => TransportErrorKind::Connect,
    }
}
