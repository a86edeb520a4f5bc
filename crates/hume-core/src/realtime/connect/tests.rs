use http::StatusCode;

use super::*;
use crate::{ApiKey, BaseUrl, ClientConfig, HumeError, TransportError};

const KEY: &str = "sk-connect-secret";

fn ctx(base: &str) -> ClientContext {
    let config = ClientConfig::new()
        .with_api_key(ApiKey::new(KEY).unwrap())
        .with_base_url(BaseUrl::parse(base).unwrap());
    ClientContext::new(config, BaseUrl::batch_default()).unwrap()
}

#[test]
fn the_url_follows_the_base_url() {
    for (base, kind, url) in [
        (
            "https://api.cloud.hume.ai",
            EndpointKind::Audio,
            "wss://api.cloud.hume.ai/v1/expression/audio/realtime",
        ),
        (
            "http://127.0.0.1:8080",
            EndpointKind::Video,
            "ws://127.0.0.1:8080/v1/expression/video/realtime",
        ),
        (
            "https://proxy.example/hume/",
            EndpointKind::Audio,
            "wss://proxy.example/hume/v1/expression/audio/realtime",
        ),
        (
            "http://[::1]:9",
            EndpointKind::Audio,
            "ws://[::1]:9/v1/expression/audio/realtime",
        ),
    ] {
        assert_eq!(realtime_url(&ctx(base), kind), url);
    }
}

#[test]
fn the_request_carries_the_common_headers_and_the_endpoint_limit() {
    let ctx = ctx("http://127.0.0.1:8080");
    let request = connect_request(&ctx, EndpointKind::Video).unwrap();
    let key = request.headers().get("x-hume-api-key").unwrap();
    assert!(key.is_sensitive());
    assert_eq!(key.to_str().unwrap(), KEY);
    assert_eq!(request.headers()["x-hume-client-name"], "rust_sdk");
    assert!(request.headers().contains_key("user-agent"));
    assert_eq!(request.timeout(), ctx.config().timeout());
    assert_eq!(request.max_message_bytes(), 2_000_000);
    let audio = connect_request(&ctx, EndpointKind::Audio).unwrap();
    assert_eq!(audio.max_message_bytes(), 1_048_576);
}

#[test]
fn a_refusal_maps_like_any_handshake_and_hides_the_key() {
    let ctx = ctx("http://127.0.0.1:8080");
    let refused = |status, body: &str| {
        connect_error(
            &ctx,
            WsConnectError::refused(status, Default::default(), body.to_owned()),
        )
    };
    assert!(matches!(
        refused(StatusCode::UNAUTHORIZED, "{\"message\":\"no\"}"),
        HumeError::InvalidApiKey { .. }
    ));
    let busy = refused(StatusCode::SERVICE_UNAVAILABLE, &format!("key {KEY} busy"));
    assert_eq!(
        busy.to_string(),
        "realtime handshake refused: 503 Service Unavailable: key [redacted] busy"
    );
    let failed = connect_error(&ctx, TransportError::connect("refused").into());
    assert!(matches!(failed, HumeError::Transport(_)));
}
