use std::time::Duration;

use http::{HeaderMap, HeaderValue, StatusCode};
use hume_core::realtime::CloseInfo;
use hume_core::{TransportErrorKind, WsConnectError, WsMessage, WsRequest, WsTransport};
use tungstenite::Message;
use tungstenite::protocol::frame::CloseFrame;

use super::*;

use crate::ws_test_server::{KEY, Script, WsTestServer, connect_err, request, transport_err};

fn transport() -> TungsteniteTransport {
    TungsteniteTransport::new().unwrap()
}

#[test]
fn sends_the_headers_and_exchanges_every_kind_of_message() {
    let server = WsTestServer::start(Script::Accept(Box::new(|ws| {
        assert_eq!(ws.read().unwrap(), Message::Text("hello".into()));
        assert_eq!(ws.read().unwrap(), Message::Binary(vec![1, 2, 3].into()));
        ws.send(Message::Text("{\"type\":\"session.created\"}".into()))
            .unwrap();
        ws.send(Message::Binary(vec![9].into())).unwrap();
        ws.send(Message::Ping(vec![4].into())).unwrap();
        // The client's ping, and the pong it sent for ours.
        let mut seen = Vec::new();
        while seen.len() < 2 {
            match ws.read().unwrap() {
                m @ (Message::Ping(_) | Message::Pong(_)) => seen.push(m),
                other => panic!("unexpected {other:?}"),
            }
        }
        assert!(seen.contains(&Message::Pong(vec![4].into())), "{seen:?}");
        ws.close(Some(CloseFrame {
            code: 1012.into(),
            reason: "restart".into(),
        }))
        .unwrap();
        while ws.read().is_ok() {}
    })));
    let mut conn = transport().connect(request(&server.url(), 1024)).unwrap();
    conn.send(WsMessage::Text("hello".into())).unwrap();
    conn.send(WsMessage::Binary(vec![1, 2, 3].into())).unwrap();
    let mut received = Vec::new();
    loop {
        match conn.recv(Some(Duration::from_secs(5))).unwrap() {
            Some(WsMessage::Ping(data)) => {
                received.push(WsMessage::Ping(data));
                conn.send(WsMessage::Ping(vec![5].into())).unwrap();
            }
            Some(WsMessage::Close(close)) => {
                received.push(WsMessage::Close(close));
                break;
            }
            Some(message) => received.push(message),
            None => panic!("timed out"),
        }
    }
    // The pong to the client's ping may come before the close or not at all.
    assert!(received.contains(&WsMessage::Pong(vec![5].into())) || received.len() == 4);
    received.retain(|m| !matches!(m, WsMessage::Pong(_)));
    assert_eq!(
        received,
        [
            WsMessage::Text("{\"type\":\"session.created\"}".into()),
            WsMessage::Binary(vec![9].into()),
            WsMessage::Ping(vec![4].into()),
            WsMessage::Close(CloseInfo::new(1012, "restart")),
        ]
    );
    assert!(
        conn.recv(Some(Duration::ZERO)).is_err(),
        "over after a close"
    );
    assert_eq!(server.header("x-hume-api-key").as_deref(), Some(KEY));
    assert_eq!(
        server.header("x-hume-client-name").as_deref(),
        Some("rust_sdk")
    );
    server.join();
}

#[test]
fn a_refused_handshake_returns_status_and_body() {
    let server = WsTestServer::refusing(401, "{\"message\":\"Invalid API key\"}");
    let error = connect_err(transport().connect(request(&server.url(), 1024)));
    match error {
        WsConnectError::Refused { status, body, .. } => {
            assert_eq!(status, StatusCode::UNAUTHORIZED);
            assert_eq!(&body[..], b"{\"message\":\"Invalid API key\"}");
        }
        other => panic!("{other:?}"),
    }
    server.join();
}

#[test]
fn recv_waits_at_most_its_timeout_and_polls_with_zero() {
    let (release, wait) = std::sync::mpsc::channel::<()>();
    let server = WsTestServer::start(Script::Accept(Box::new(move |ws| {
        let _ = wait.recv();
        ws.send(Message::Text("late".into())).unwrap();
        let _ = ws.read();
    })));
    let mut conn = transport().connect(request(&server.url(), 1024)).unwrap();
    assert_eq!(conn.recv(Some(Duration::ZERO)).unwrap(), None);
    assert_eq!(conn.recv(Some(Duration::from_millis(20))).unwrap(), None);
    release.send(()).unwrap();
    assert_eq!(
        conn.recv(None).unwrap(),
        Some(WsMessage::Text("late".into()))
    );
    conn.send(WsMessage::Close(CloseInfo::new(1000, "")))
        .unwrap();
    server.join();
}

#[test]
fn a_message_over_the_limit_fails_the_connection() {
    let server = WsTestServer::start(Script::Accept(Box::new(|ws| {
        ws.send(Message::Binary(vec![0; 2048].into())).unwrap();
        let _ = ws.read();
    })));
    let mut conn = transport().connect(request(&server.url(), 1024)).unwrap();
    let error = conn.recv(Some(Duration::from_secs(5))).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Other);
    drop(conn);
    server.join();
}

#[test]
fn a_dropped_connection_is_an_io_error() {
    let server = WsTestServer::start(Script::Accept(Box::new(|ws| {
        ws.send(Message::Text("bye".into())).unwrap();
        // Dropping the socket resets the connection without a close frame.
    })));
    let mut conn = transport().connect(request(&server.url(), 1024)).unwrap();
    assert!(matches!(conn.recv(None), Ok(Some(WsMessage::Text(_)))));
    server.join();
    let error = conn.recv(Some(Duration::from_secs(5))).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Io);
}

#[test]
fn nobody_listening_is_a_connect_failure() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("ws://127.0.0.1:{port}/x");
    assert_eq!(
        transport_err(transport().connect(request(&url, 1024))).kind(),
        TransportErrorKind::Connect
    );
}

#[test]
fn a_silent_server_times_the_handshake_out() {
    let server = WsTestServer::start(Script::silent(Duration::from_millis(600)));
    let mut headers = HeaderMap::new();
    headers.insert("x", HeaderValue::from_static("y"));
    let quick = WsRequest::new(&server.url(), headers, Duration::from_millis(200), 1024).unwrap();
    assert_eq!(
        transport_err(transport().connect(quick)).kind(),
        TransportErrorKind::Timeout
    );
    server.join();
}

#[test]
fn tls_to_a_server_that_does_not_speak_it_is_a_tls_failure() {
    let server = WsTestServer::start(Script::not_tls());
    let url = server.url().replace("ws://", "wss://");
    let e = transport_err(transport().connect(request(&url, 1024)));
    assert!(
        matches!(e.kind(), TransportErrorKind::Tls | TransportErrorKind::Io),
        "{e:?}"
    );
    server.join();
}

#[test]
fn debug_names_the_backend_only() {
    assert_eq!(format!("{:?}", transport()), "TungsteniteTransport");
}
