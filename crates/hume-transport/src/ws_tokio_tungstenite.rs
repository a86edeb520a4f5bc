//! [`TokioTungsteniteTransport`]: the async WebSocket backend on tokio-tungstenite, over our
//! own tokio TCP connection and rustls (aws-lc-rs, the platform verifier: the same as the
//! reqwest backend).

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_util::{SinkExt, StreamExt};
use hume_core::{
    AsyncWsConnection, AsyncWsTransport, SendState, TransportError, WsConnectError, WsMessage,
    WsRequest,
};
use rustls::ClientConfig;
use rustls::pki_types::ServerName;
use rustls_platform_verifier::BuilderVerifierExt;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;
use tokio_tungstenite::WebSocketStream;

use crate::ws_common::{Outgoing, already_closed, handshake, handshake_error, incoming, map_error};

/// An async WebSocket transport: connects with tokio, speaks TLS with rustls (aws-lc-rs
/// provider, the platform's certificate verifier, as the reqwest HTTP backend), sends the
/// handshake with exactly the request's headers within its timeout, follows no redirect and
/// caps incoming messages at [`WsRequest::max_message_bytes`]. No proxy is used. Needs a
/// tokio runtime with the time and net drivers. Cheap to clone.
#[derive(Clone)]
pub struct TokioTungsteniteTransport {
    tls: TlsConnector,
}

/// Just the name: the TLS configuration is not printed.
impl std::fmt::Debug for TokioTungsteniteTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokioTungsteniteTransport")
    }
}

impl TokioTungsteniteTransport {
    /// A transport with its TLS configuration.
    ///
    /// # Errors
    /// A [`TransportError`] (kind `Tls`) if rustls or the platform verifier cannot be set up.
    pub fn new() -> Result<Self, TransportError> {
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let tls = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(TransportError::tls)?
            .with_platform_verifier()
            .map_err(TransportError::tls)?
            .with_no_client_auth();
        Ok(Self {
            tls: TlsConnector::from(Arc::new(tls)),
        })
    }

    async fn open(&self, request: &WsRequest) -> Result<Stream, TransportError> {
        let tcp = TcpStream::connect((request.host(), request.port()))
            .await
            .map_err(|e| match e.kind() {
                io::ErrorKind::TimedOut => TransportError::timeout(SendState::NotSent, e),
                _ => TransportError::connect(e),
            })?;
        // Frames are small and paced: send each at once.
        tcp.set_nodelay(true)
            .map_err(|e| TransportError::io(SendState::NotSent, e))?;
        if !request.is_tls() {
            return Ok(Stream::Plain(tcp));
        }
        let name = ServerName::try_from(request.host().to_owned())
            .map_err(|e| TransportError::other(SendState::NotSent, e))?;
        let tls = self
            .tls
            .connect(name, tcp)
            .await
            .map_err(TransportError::tls)?;
        Ok(Stream::Tls(Box::new(tls)))
    }
}

#[async_trait::async_trait]
impl AsyncWsTransport for TokioTungsteniteTransport {
    async fn connect(
        &self,
        request: WsRequest,
    ) -> Result<Box<dyn AsyncWsConnection>, WsConnectError> {
        let (handshake, config) = handshake(&request)?;
        tracing::trace!(url = %request.url(), "tokio-tungstenite: connecting");
        let attempt = async {
            let stream = self.open(&request).await?;
            tokio_tungstenite::client_async_with_config(handshake, stream, Some(config))
                .await
                .map_err(handshake_error)
        };
        let (socket, _response) = tokio::time::timeout(request.timeout(), attempt)
            .await
            .map_err(|_| {
                TransportError::timeout(SendState::MaybeSent, "the websocket handshake timed out")
            })??;
        Ok(Box::new(TokioTungsteniteConnection { socket }))
    }
}

/// The byte stream under the WebSocket: plain TCP or rustls over TCP.
enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// An open connection.
struct TokioTungsteniteConnection {
    socket: WebSocketStream<Stream>,
}

impl std::fmt::Debug for TokioTungsteniteConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokioTungsteniteConnection")
    }
}

#[async_trait::async_trait]
impl AsyncWsConnection for TokioTungsteniteConnection {
    async fn send(&mut self, message: WsMessage) -> Result<(), TransportError> {
        match crate::ws_common::outgoing(message)? {
            Outgoing::Message(message) => self
                .socket
                .send(message)
                .await
                .map_err(|e| map_error(e, SendState::MaybeSent)),
            Outgoing::Close(frame) => match self.socket.close(frame).await {
                Err(e) if !already_closed(&e) => Err(map_error(e, SendState::MaybeSent)),
                _ => Ok(()),
            },
        }
    }

    async fn recv(&mut self) -> Result<Option<WsMessage>, TransportError> {
        // `StreamExt::next` on the socket is cancel-safe: a message is taken only when whole.
        loop {
            return match self.socket.next().await {
                None => Ok(None),
                Some(Ok(message)) => match incoming(message) {
                    Some(message) => Ok(Some(message)),
                    None => continue,
                },
                Some(Err(e)) => Err(map_error(e, SendState::MaybeSent)),
            };
        }
    }
}

#[cfg(test)]
mod tests;
