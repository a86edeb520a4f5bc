//! The handshake of a realtime endpoint ([`connect_request`]) and what a failed one means
//! ([`connect_error`]): the only place the realtime URL is built and a refusal is mapped.

use http::HeaderValue;
use http::header::USER_AGENT;
use url::Url;

use super::endpoint::EndpointKind;
use super::handshake::handshake_error;
use crate::HumeError;
use crate::config::ClientContext;
use crate::ws::{WsConnectError, WsRequest};

/// The WebSocket URL of `kind` under `ctx`'s base URL: `https` becomes `wss`, `http` becomes
/// `ws`, a path prefix is kept (`https://proxy.example/hume` →
/// `wss://proxy.example/hume/v1/expression/audio/realtime`).
pub fn realtime_url(ctx: &ClientContext, kind: EndpointKind) -> String {
    let base = ctx.base_url().as_str();
    let (scheme, rest) = match base.split_once("://") {
        Some(("https", rest)) => ("wss", rest),
        Some((_, rest)) => ("ws", rest),
        None => ("wss", base),
    };
    let url = format!("{scheme}://{}{}", rest.trim_end_matches('/'), kind.path());
    // A validated base URL plus a fixed path always parses; normalise it as `url` would.
    Url::parse(&url).map_or(url, String::from)
}

/// The handshake of a realtime session of `kind`: [`realtime_url`], the client's common
/// headers (`X-Hume-Api-Key` marked sensitive, client name and version, `User-Agent`), the
/// client's per-request timeout for connecting, TLS and the upgrade together, and the
/// endpoint's message limit ([`EndpointKind::max_message_bytes`]) on what is received.
///
/// # Errors
/// [`HumeError::InvalidConfig`] for plain `ws://` to a host that is not loopback (the client
/// checked this already for `http://`).
pub fn connect_request(ctx: &ClientContext, kind: EndpointKind) -> Result<WsRequest, HumeError> {
    let mut headers = ctx.common_headers().clone();
    headers
        .entry(USER_AGENT)
        .or_insert(HeaderValue::from_static(concat!(
            "hume-rs/",
            env!("CARGO_PKG_VERSION")
        )));
    WsRequest::new(
        &realtime_url(ctx, kind),
        headers,
        ctx.config().timeout(),
        kind.max_message_bytes(),
    )
}

/// The error a failed handshake becomes (what a driver reports as
/// [`Event::ConnectFailed`](super::Event::ConnectFailed)): a refusal through
/// [`handshake_error`] (401/403 an invalid key, never retried; the body excerpt scrubbed of
/// the key), anything else a [`HumeError::Transport`].
pub fn connect_error(ctx: &ClientContext, error: WsConnectError) -> HumeError {
    match error {
        WsConnectError::Refused { status, body, .. } => {
            handshake_error(status, &ctx.scrub(&body), None)
        }
        WsConnectError::Transport(e) => HumeError::Transport(e),
    }
}

#[cfg(test)]
mod tests;
