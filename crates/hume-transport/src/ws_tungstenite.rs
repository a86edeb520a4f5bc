//! [`TungsteniteTransport`]: the blocking WebSocket backend on tungstenite, over our own TCP
//! connection and rustls (ring, the webpki roots: the same as the ureq backend).

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hume_core::{
    SendState, TransportError, WsConnectError, WsConnection, WsMessage, WsRequest, WsTransport,
};
use rustls::pki_types::ServerName;
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};
use tungstenite::handshake::HandshakeError;
use tungstenite::protocol::WebSocket;

use crate::ws_common::{Outgoing, already_closed, handshake, handshake_error, incoming, map_error};

/// A blocking WebSocket transport: resolves and connects with the request's timeout, speaks
/// TLS with rustls (ring provider, the webpki roots, as the ureq HTTP backend), sends the
/// handshake with exactly the request's headers, follows no redirect and caps incoming
/// messages at [`WsRequest::max_message_bytes`]. No proxy is used. Cheap to clone.
#[derive(Clone)]
pub struct TungsteniteTransport {
    tls: Arc<ClientConfig>,
}

/// Just the name: the TLS configuration is not printed.
impl std::fmt::Debug for TungsteniteTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TungsteniteTransport")
    }
}

impl TungsteniteTransport {
    /// A transport with its TLS configuration.
    ///
    /// # Errors
    /// A [`TransportError`] (kind `Tls`) if rustls refuses the configuration.
    pub fn new() -> Result<Self, TransportError> {
        let mut roots = RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(TransportError::tls)?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(Self { tls: Arc::new(tls) })
    }
}

impl WsTransport for TungsteniteTransport {
    fn connect(&self, request: WsRequest) -> Result<Box<dyn WsConnection>, WsConnectError> {
        let deadline = Instant::now() + request.timeout();
        let tcp = connect_tcp(&request, deadline)?;
        let control = tcp
            .try_clone()
            .map_err(|e| TransportError::io(SendState::NotSent, e))?;
        set_timeouts(&control, remaining(deadline)?)?;
        let stream = if request.is_tls() {
            let name = ServerName::try_from(request.host().to_owned())
                .map_err(|e| TransportError::other(SendState::NotSent, e))?;
            let conn =
                ClientConnection::new(self.tls.clone(), name).map_err(TransportError::tls)?;
            Stream::Tls(Box::new(StreamOwned::new(conn, tcp)))
        } else {
            Stream::Plain(tcp)
        };
        let (handshake, config) = handshake(&request)?;
        tracing::trace!(url = %request.url(), "tungstenite: connecting");
        let (socket, _response) =
            match tungstenite::client::client_with_config(handshake, stream, Some(config)) {
                Ok(done) => done,
                Err(HandshakeError::Interrupted(_)) => {
                    return Err(TransportError::timeout(
                        SendState::MaybeSent,
                        "the websocket handshake timed out",
                    )
                    .into());
                }
                Err(HandshakeError::Failure(e)) => return Err(handshake_error(e)),
            };
        // Reads wait as long as each `recv` says; a send that cannot go out within the
        // handshake timeout means a dead connection.
        control
            .set_read_timeout(None)
            .and_then(|()| control.set_write_timeout(Some(request.timeout())))
            .map_err(|e| TransportError::io(SendState::MaybeSent, e))?;
        Ok(Box::new(TungsteniteConnection {
            socket,
            control,
            closed: false,
        }))
    }
}

/// Resolves the host and connects to the first address that answers before `deadline`.
fn connect_tcp(request: &WsRequest, deadline: Instant) -> Result<TcpStream, TransportError> {
    let addrs: Vec<SocketAddr> = (request.host(), request.port())
        .to_socket_addrs()
        .map_err(TransportError::connect)?
        .collect();
    let mut last = None;
    for addr in addrs {
        let left = remaining(deadline)?;
        match TcpStream::connect_timeout(&addr, left) {
            Ok(tcp) => {
                // Frames are small and paced: send each at once.
                tcp.set_nodelay(true)
                    .map_err(|e| TransportError::io(SendState::NotSent, e))?;
                return Ok(tcp);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(match last {
        Some(e) if e.kind() == io::ErrorKind::TimedOut => {
            TransportError::timeout(SendState::NotSent, e)
        }
        Some(e) => TransportError::connect(e),
        None => TransportError::connect(format!("{} resolved to no address", request.host())),
    })
}

/// Time left before `deadline`, or a timeout error.
fn remaining(deadline: Instant) -> Result<Duration, TransportError> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(TransportError::timeout(
            SendState::NotSent,
            "the websocket handshake timed out",
        ));
    }
    Ok(left)
}

fn set_timeouts(tcp: &TcpStream, timeout: Duration) -> Result<(), TransportError> {
    tcp.set_read_timeout(Some(timeout))
        .and_then(|()| tcp.set_write_timeout(Some(timeout)))
        .map_err(|e| TransportError::io(SendState::NotSent, e))
}

/// The byte stream under the WebSocket: plain TCP or rustls over TCP.
enum Stream {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ClientConnection, TcpStream>>),
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

/// An open connection; `control` is a second handle on the same socket, for its timeouts.
struct TungsteniteConnection {
    socket: WebSocket<Stream>,
    control: TcpStream,
    closed: bool,
}

impl std::fmt::Debug for TungsteniteConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TungsteniteConnection")
            .field("closed", &self.closed)
            .finish_non_exhaustive()
    }
}

impl WsConnection for TungsteniteConnection {
    fn send(&mut self, message: WsMessage) -> Result<(), TransportError> {
        match crate::ws_common::outgoing(message)? {
            Outgoing::Message(message) => self
                .socket
                .send(message)
                .map_err(|e| map_error(e, SendState::MaybeSent)),
            Outgoing::Close(frame) => {
                match self.socket.close(frame).and_then(|()| self.socket.flush()) {
                    Err(e) if !already_closed(&e) => Err(map_error(e, SendState::MaybeSent)),
                    _ => Ok(()),
                }
            }
        }
    }

    fn recv(&mut self, timeout: Option<Duration>) -> Result<Option<WsMessage>, TransportError> {
        if self.closed {
            return Err(TransportError::io(
                SendState::MaybeSent,
                io::Error::from(io::ErrorKind::NotConnected),
            ));
        }
        let io_error = |e| TransportError::io(SendState::MaybeSent, e);
        match timeout {
            Some(Duration::ZERO) => self.control.set_nonblocking(true).map_err(io_error)?,
            limit => self.control.set_read_timeout(limit).map_err(io_error)?,
        }
        let read = self.socket.read();
        if timeout == Some(Duration::ZERO) {
            self.control.set_nonblocking(false).map_err(io_error)?;
        }
        match read.map(incoming) {
            Ok(Some(WsMessage::Close(close))) => {
                self.closed = true;
                // tungstenite queued the answering close frame; send it now (best effort).
                let _ = self.socket.flush();
                Ok(Some(WsMessage::Close(close)))
            }
            Ok(message) => Ok(message),
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                Ok(None)
            }
            Err(e) => {
                self.closed = true;
                Err(map_error(e, SendState::MaybeSent))
            }
        }
    }
}

#[cfg(test)]
mod tests;
