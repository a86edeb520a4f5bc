use std::time::Duration;

use http::{HeaderMap, HeaderValue, StatusCode};

use super::*;
use crate::ApiKey;

const SECOND: Duration = Duration::from_secs(1);

fn with_key() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-hume-api-key",
        ApiKey::new("sk-ws-secret").unwrap().header_value(),
    );
    headers
}

#[test]
fn wss_anywhere_and_ws_to_loopback_carry_the_key() {
    for url in [
        "wss://api.cloud.hume.ai/v1/expression/audio/realtime",
        "ws://127.0.0.1:9000/v1/expression/audio/realtime",
        "ws://localhost:9000/x",
        "ws://[::1]:9000/x",
    ] {
        let request = WsRequest::new(url, with_key(), SECOND, 1024).unwrap();
        assert_eq!(request.url(), url);
    }
}

#[test]
fn plain_ws_to_another_host_never_carries_the_key() {
    let error = WsRequest::new("ws://api.example.com/x", with_key(), SECOND, 1024).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid configuration: refusing to send the api key over plain ws:// to non-loopback \
         host api.example.com; use wss:// (an https base url)"
    );
    // Without a secret there is nothing to protect.
    WsRequest::new("ws://api.example.com/x", HeaderMap::new(), SECOND, 1024).unwrap();
}

#[test]
fn other_urls_are_refused() {
    for (url, why) in [
        ("https://api.example.com/x", "scheme must be ws or wss"),
        ("wss://user:pw@api.example.com/x", "credentials"),
        ("wss://api.example.com/x#frag", "fragment"),
        ("not a url", "relative URL"),
    ] {
        let error = WsRequest::new(url, HeaderMap::new(), SECOND, 1024).unwrap_err();
        assert!(error.to_string().contains(why), "{url}: {error}");
    }
    let zero = WsRequest::new("wss://a.example/x", HeaderMap::new(), Duration::ZERO, 1);
    assert!(zero.unwrap_err().to_string().contains("timeout"));
}

#[test]
fn host_and_port_default_by_scheme() {
    let tls = WsRequest::new("wss://a.example/x", HeaderMap::new(), SECOND, 1).unwrap();
    assert_eq!(
        (tls.host(), tls.port(), tls.is_tls()),
        ("a.example", 443, true)
    );
    let plain = WsRequest::new("ws://[::1]/x", HeaderMap::new(), SECOND, 1).unwrap();
    assert_eq!(
        (plain.host(), plain.port(), plain.is_tls()),
        ("::1", 80, false)
    );
    let explicit = WsRequest::new("ws://127.0.0.1:81/x", HeaderMap::new(), SECOND, 7).unwrap();
    assert_eq!((explicit.port(), explicit.max_message_bytes()), (81, 7));
}

#[test]
fn debug_hides_the_key_and_frame_bytes() {
    let request = WsRequest::new("wss://a.example/x", with_key(), SECOND, 1).unwrap();
    let debug = format!("{request:?}");
    assert!(!debug.contains("sk-ws-secret"), "{debug}");
    assert!(debug.contains("Sensitive"), "{debug}");
    let binary = WsMessage::Binary(Bytes::from(vec![7u8; 5000]));
    assert_eq!(format!("{binary:?}"), "Binary(5000 bytes)");
    let close = WsMessage::Close(CloseInfo::new(1000, "bye"));
    assert!(format!("{close:?}").contains("1000"));
}

#[test]
fn a_refusal_keeps_status_and_body() {
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    let error = WsConnectError::refused(StatusCode::UNAUTHORIZED, headers, &b"{}"[..]);
    assert_eq!(
        error.to_string(),
        "websocket handshake refused with 401 Unauthorized"
    );
    assert!(std::error::Error::source(&error).is_none());
    let failed = WsConnectError::from(TransportError::connect("refused"));
    assert!(std::error::Error::source(&failed).is_some());
}
