//! What the two WebSocket backends share (both speak tungstenite 0.30 underneath): the
//! handshake request and limits, the refusal of an upgrade, message conversion both ways and
//! the error mapping. Each backend keeps its own sockets, TLS and timeouts.

use std::io;

use hume_core::realtime::CloseInfo;
use hume_core::{
    SendState, TransportError, TransportErrorKind, WsConnectError, WsMessage, WsRequest,
};
use tungstenite::client::IntoClientRequest;
use tungstenite::handshake::client::{Request, Response};
use tungstenite::protocol::frame::CloseFrame;
use tungstenite::protocol::frame::coding::CloseCode;
use tungstenite::protocol::{Message, WebSocketConfig};

/// The handshake for `request`: its URL with exactly its headers, and a configuration that
/// caps incoming messages and frames at [`WsRequest::max_message_bytes`].
pub(crate) fn handshake(request: &WsRequest) -> Result<(Request, WebSocketConfig), TransportError> {
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
    Ok((handshake, config))
}

/// A failed handshake: a refusal (the server answered the upgrade with an HTTP response)
/// keeps its status, headers and body; anything else is a transport error.
pub(crate) fn handshake_error(err: tungstenite::Error) -> WsConnectError {
    match err {
        tungstenite::Error::Http(response) => refused(*response),
        e => map_error(e, SendState::MaybeSent).into(),
    }
}

fn refused(response: Response) -> WsConnectError {
    let (parts, body) = response.into_parts();
    WsConnectError::refused(parts.status, parts.headers, body.unwrap_or_default())
}

/// What sending a [`WsMessage`] means to tungstenite.
pub(crate) enum Outgoing {
    /// A message to send.
    Message(Message),
    /// A close handshake to start, with this frame (none: a close without a status).
    Close(Option<CloseFrame>),
}

/// `message` for tungstenite, or an error (before anything is sent) for a kind no backend
/// sends.
pub(crate) fn outgoing(message: WsMessage) -> Result<Outgoing, TransportError> {
    Ok(match message {
        WsMessage::Text(text) => Outgoing::Message(Message::Text(text.into())),
        WsMessage::Binary(data) => Outgoing::Message(Message::Binary(data)),
        WsMessage::Ping(data) => Outgoing::Message(Message::Ping(data)),
        WsMessage::Pong(data) => Outgoing::Message(Message::Pong(data)),
        WsMessage::Close(close) => Outgoing::Close(close.code.map(|code| CloseFrame {
            code: CloseCode::from(code),
            reason: close.reason.into(),
        })),
        other => {
            return Err(TransportError::other(
                SendState::NotSent,
                format!("a websocket message this backend cannot send: {other:?}"),
            ));
        }
    })
}

/// Whether a close failed only because the connection was already closed (closing twice, or
/// after the peer closed, is not a failure).
pub(crate) fn already_closed(err: &tungstenite::Error) -> bool {
    matches!(
        err,
        tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed
    )
}

/// A received tungstenite message as a [`WsMessage`] (none: a raw frame, which a reader
/// never yields).
pub(crate) fn incoming(message: Message) -> Option<WsMessage> {
    Some(match message {
        Message::Text(text) => WsMessage::Text(text.as_str().to_owned()),
        Message::Binary(data) => WsMessage::Binary(data),
        Message::Ping(data) => WsMessage::Ping(data),
        Message::Pong(data) => WsMessage::Pong(data),
        Message::Close(frame) => WsMessage::Close(close_info(frame)),
        Message::Frame(_) => return None,
    })
}

/// The peer's close frame as hume-core's [`CloseInfo`] (none: a close without a status).
fn close_info(frame: Option<CloseFrame>) -> CloseInfo {
    match frame {
        Some(frame) => CloseInfo::new(u16::from(frame.code), frame.reason.as_str()),
        None => CloseInfo::new(1005, ""),
    }
}

/// The one place tungstenite errors become [`TransportError`]s.
pub(crate) fn map_error(err: tungstenite::Error, state: SendState) -> TransportError {
    use TransportErrorKind as K;
    use tungstenite::Error as E;
    let kind = match &err {
        E::Io(io)
            if io.kind() == io::ErrorKind::TimedOut || io.kind() == io::ErrorKind::WouldBlock =>
        {
            K::Timeout
        }
        E::Io(io) if is_tls_io(io) => K::Tls,
        E::Io(_) | E::ConnectionClosed | E::AlreadyClosed => K::Io,
        E::Tls(_) => K::Tls,
        E::Protocol(tungstenite::error::ProtocolError::ResetWithoutClosingHandshake) => K::Io,
        _ => K::Other,
    };
    TransportError::new(kind, state, err)
}

/// An i/o error that carries a rustls error (a failed TLS handshake or record).
fn is_tls_io(err: &io::Error) -> bool {
    err.get_ref()
        .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some())
}
