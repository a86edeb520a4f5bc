//! [`TokioTungsteniteTransport`]: the async WebSocket backend on tokio-tungstenite, over our
//! own tokio TCP connection and rustls (aws-lc-rs, the platform verifier: the same as the
//! reqwest backend).

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_util::{SinkExt, StreamExt};
use hume_core::realtime::CloseInfo;
use hume_core::{
    AsyncWsConnection, AsyncWsTransport, SendState, TransportError, TransportErrorKind,
    WsConnectError, WsMessage, WsRequest,
};
use rustls::ClientConfig;
use rustls::pki_types::ServerName;
use rustls_platform_verifier::BuilderVerifierExt;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::frame::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{Message, WebSocketConfig};
use tokio_tungstenite::tungstenite::{self, Error as WsError};

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
        let mut handshake = request
            .url()
            .into_client_request()
            .map_err(|e| map_error(e, SendState::NotSent))?;
        for (name, value) in request.headers() {
            handshake.headers_mut().append(name.clone(), value.clone());
        }
        let limit = usize::try_from(request.max_message_bytes()).unwrap_or(usize::MAX);
        let config = WebSocketConfig::default()
            .max_message_size(Some(limit))
            .max_frame_size(Some(limit));
        tracing::trace!(url = %request.url(), "tokio-tungstenite: connecting");
        let attempt = async {
            let stream = self.open(&request).await?;
            tokio_tungstenite::client_async_with_config(handshake, stream, Some(config))
                .await
                .map_err(|e| match e {
                    WsError::Http(response) => {
                        let (parts, body) = response.into_parts();
                        WsConnectError::refused(
                            parts.status,
                            parts.headers,
                            body.unwrap_or_default(),
                        )
                    }
                    e => map_error(e, SendState::MaybeSent).into(),
                })
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
        let message = match message {
            WsMessage::Text(text) => Message::Text(text.into()),
            WsMessage::Binary(data) => Message::Binary(data),
            WsMessage::Ping(data) => Message::Ping(data),
            WsMessage::Pong(data) => Message::Pong(data),
            WsMessage::Close(close) => {
                let frame = close.code.map(|code| CloseFrame {
                    code: CloseCode::from(code),
                    reason: close.reason.into(),
                });
                return match self.socket.close(frame).await {
                    // Closing twice, or after the peer closed, is not a failure.
                    Ok(()) | Err(WsError::ConnectionClosed | WsError::AlreadyClosed) => Ok(()),
                    Err(e) => Err(map_error(e, SendState::MaybeSent)),
                };
            }
            other => {
                return Err(TransportError::other(
                    SendState::NotSent,
                    format!("a websocket message this backend cannot send: {other:?}"),
                ));
            }
        };
        self.socket
            .send(message)
            .await
            .map_err(|e| map_error(e, SendState::MaybeSent))
    }

    async fn recv(&mut self) -> Result<Option<WsMessage>, TransportError> {
        // `StreamExt::next` on the socket is cancel-safe: a message is taken only when whole.
        loop {
            return match self.socket.next().await {
                None => Ok(None),
                Some(Ok(Message::Text(text))) => {
                    Ok(Some(WsMessage::Text(text.as_str().to_owned())))
                }
                Some(Ok(Message::Binary(data))) => Ok(Some(WsMessage::Binary(data))),
                Some(Ok(Message::Ping(data))) => Ok(Some(WsMessage::Ping(data))),
                Some(Ok(Message::Pong(data))) => Ok(Some(WsMessage::Pong(data))),
                Some(Ok(Message::Close(frame))) => Ok(Some(WsMessage::Close(close_info(frame)))),
                Some(Ok(Message::Frame(_))) => continue,
                Some(Err(e)) => Err(map_error(e, SendState::MaybeSent)),
            };
        }
    }
}

/// The peer's close frame as hume-core's [`CloseInfo`] (none: a close without a status).
fn close_info(frame: Option<CloseFrame>) -> CloseInfo {
    match frame {
        Some(frame) => CloseInfo::new(u16::from(frame.code), frame.reason.as_str()),
        None => CloseInfo::new(1005, ""),
    }
}

/// The one place tokio-tungstenite errors become [`TransportError`]s.
fn map_error(err: WsError, state: SendState) -> TransportError {
    use TransportErrorKind as K;
    let kind = match &err {
        WsError::Io(io) if io.kind() == io::ErrorKind::TimedOut => K::Timeout,
        WsError::Io(io)
            if io
                .get_ref()
                .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some()) =>
        {
            K::Tls
        }
        WsError::Io(_) | WsError::ConnectionClosed | WsError::AlreadyClosed => K::Io,
        WsError::Tls(_) => K::Tls,
        WsError::Protocol(tungstenite::error::ProtocolError::ResetWithoutClosingHandshake) => K::Io,
        _ => K::Other,
    };
    TransportError::new(kind, state, err)
}

#[cfg(test)]
mod tests;
