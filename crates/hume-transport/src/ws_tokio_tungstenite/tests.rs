use std::time::Duration;

use http::{HeaderMap, StatusCode};
use hume_core::realtime::CloseInfo;
use hume_core::{AsyncWsTransport, TransportErrorKind, WsConnectError, WsMessage, WsRequest};
use tungstenite::Message;
use tungstenite::protocol::frame::CloseFrame;

use super::*;

use crate::ws_test_server::{KEY, Script, WsTestServer, connect_err, request, transport_err};

fn transport() -> TokioTungsteniteTransport {
    TokioTungsteniteTransport::new().unwrap()
}

#[tokio::test]
async fn sends_the_headers_and_exchanges_every_kind_of_message() {
    let server = WsTestServer::start(Script::Accept(Box::new(|ws| {
        assert_eq!(ws.read().unwrap(), Message::Text("hello".into()));
        assert_eq!(ws.read().unwrap(), Message::Binary(vec![1, 2, 3].into()));
        ws.send(Message::Text("{\"type\":\"session.created\"}".into()))
            .unwrap();
        ws.send(Message::Binary(vec![9].into())).unwrap();
        ws.send(Message::Pong(vec![4].into())).unwrap();
        assert_eq!(ws.read().unwrap(), Message::Ping(vec![5].into()));
        ws.close(Some(CloseFrame {
            code: 1013.into(),
            reason: "try again later".into(),
        }))
        .unwrap();
        while ws.read().is_ok() {}
    })));
    let mut conn = transport()
        .connect(request(&server.url(), 1024))
        .await
        .unwrap();
    conn.send(WsMessage::Text("hello".into())).await.unwrap();
    conn.send(WsMessage::Binary(vec![1, 2, 3].into()))
        .await
        .unwrap();
    let mut received = Vec::new();
    while let Some(message) = conn.recv().await.unwrap() {
        if matches!(message, WsMessage::Pong(_)) {
            conn.send(WsMessage::Ping(vec![5].into())).await.unwrap();
        }
        let close = matches!(message, WsMessage::Close(_));
        received.push(message);
        if close {
            break;
        }
    }
    assert_eq!(
        received,
        [
            WsMessage::Text("{\"type\":\"session.created\"}".into()),
            WsMessage::Binary(vec![9].into()),
            WsMessage::Pong(vec![4].into()),
            WsMessage::Close(CloseInfo::new(1013, "try again later")),
        ]
    );
    // After the close nothing more is read (a frame the server sent after its close frame
    // is a protocol error, never a message).
    assert!(
        !matches!(conn.recv().await, Ok(Some(_))),
        "over after a close"
    );
    assert_eq!(server.header("x-hume-api-key").as_deref(), Some(KEY));
    assert_eq!(
        server.header("x-hume-client-name").as_deref(),
        Some("rust_sdk")
    );
    server.join();
}

#[tokio::test]
async fn a_refused_handshake_returns_status_and_body() {
    let server = WsTestServer::refusing(503, "{\"code\":\"server_busy\"}");
    match connect_err(transport().connect(request(&server.url(), 1024)).await) {
        WsConnectError::Refused { status, body, .. } => {
            assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
            assert_eq!(&body[..], b"{\"code\":\"server_busy\"}");
        }
        other => panic!("{other:?}"),
    }
    server.join();
}

#[tokio::test]
async fn recv_is_cancel_safe() {
    let (release, wait) = std::sync::mpsc::channel::<()>();
    let server = WsTestServer::start(Script::Accept(Box::new(move |ws| {
        let _ = wait.recv();
        ws.send(Message::Text("after the timer".into())).unwrap();
        let _ = ws.read();
    })));
    let mut conn = transport()
        .connect(request(&server.url(), 1024))
        .await
        .unwrap();
    // A timer wins the race; the message that comes later is still received whole.
    let raced = tokio::time::timeout(Duration::from_millis(20), conn.recv()).await;
    assert!(raced.is_err());
    release.send(()).unwrap();
    assert_eq!(
        conn.recv().await.unwrap(),
        Some(WsMessage::Text("after the timer".into()))
    );
    conn.send(WsMessage::Close(CloseInfo::new(1000, "")))
        .await
        .unwrap();
    server.join();
}

#[tokio::test]
async fn a_message_over_the_limit_fails_the_connection() {
    let server = WsTestServer::start(Script::Accept(Box::new(|ws| {
        ws.send(Message::Text("x".repeat(2048).into())).unwrap();
        let _ = ws.read();
    })));
    let mut conn = transport()
        .connect(request(&server.url(), 1024))
        .await
        .unwrap();
    let error = conn.recv().await.unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Other);
    drop(conn);
    server.join();
}

#[tokio::test]
async fn a_dropped_connection_is_an_io_error() {
    let server = WsTestServer::start(Script::Accept(Box::new(|ws| {
        ws.send(Message::Text("bye".into())).unwrap();
    })));
    let mut conn = transport()
        .connect(request(&server.url(), 1024))
        .await
        .unwrap();
    assert!(matches!(conn.recv().await, Ok(Some(WsMessage::Text(_)))));
    server.join();
    let error = conn.recv().await.unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Io);
}

#[tokio::test]
async fn nobody_listening_is_a_connect_failure() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("ws://127.0.0.1:{port}/x");
    assert_eq!(
        transport_err(transport().connect(request(&url, 1024)).await).kind(),
        TransportErrorKind::Connect
    );
}

#[tokio::test]
async fn a_silent_server_times_the_handshake_out() {
    let server = WsTestServer::start(Script::silent(Duration::from_millis(600)));
    let quick = WsRequest::new(
        &server.url(),
        HeaderMap::new(),
        Duration::from_millis(200),
        1024,
    )
    .unwrap();
    assert_eq!(
        transport_err(transport().connect(quick).await).kind(),
        TransportErrorKind::Timeout
    );
    server.join();
}

#[tokio::test]
async fn tls_to_a_server_that_does_not_speak_it_is_a_tls_failure() {
    let server = WsTestServer::start(Script::not_tls());
    let url = server.url().replace("ws://", "wss://");
    let e = transport_err(transport().connect(request(&url, 1024)).await);
    assert_eq!(e.kind(), TransportErrorKind::Tls, "{e:?}");
    server.join();
}

#[test]
fn debug_names_the_backend_only() {
    assert_eq!(format!("{:?}", transport()), "TokioTungsteniteTransport");
}
