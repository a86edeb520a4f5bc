//! `GET /v1/expression/audio/realtime` and `GET /v1/expression/video/realtime`: the realtime
//! sessions, as WebSocket endpoints.
//!
//! The handshake is an ordinary v1 request: authentication (`X-Hume-Api-Key` or
//! `Authorization: Bearer`; a rejected credential refuses the handshake with the v1 401
//! `{message, request_id?}`, 403 for a forbidden key), the HTTP fault plan, `X-Request-Id`. A
//! GET that is not a WebSocket handshake gets 400 `invalid_request`; one more session than
//! [`RealtimeConfig::with_max_sessions`](crate::RealtimeConfig::with_max_sessions) allows, 503
//! `server_busy`. The WebSocket layer refuses messages over the endpoint's limit (1 MiB audio,
//! 2 MB video) before reading them whole.
//!
//! Then one session per connection, run by [`socket`]: the endpoint's rules are in
//! [`audio_session`] and [`video_session`], what they share in [`session_core`] (text messages:
//! [`client_text`]; send rate: [`rate`]), how sessions end in [`ending`] and the run record in
//! [`live_run`].

mod audio_session;
mod client_text;
mod ending;
mod live_run;
mod rate;
mod session_core;
mod socket;
mod video_session;

use std::sync::Arc;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::{Extension, State};
use axum::response::Response;

use self::audio_session::AudioSession;
use self::session_core::RealtimeEndpoint;
use self::video_session::VideoSession;
use super::error::V1Error;
use super::request_id::RequestCtx;
use crate::state::AppState;
use crate::v1::Caller;

/// `GET /v1/expression/audio/realtime`.
pub(crate) async fn audio(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<RequestCtx>,
    Extension(caller): Extension<Caller>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    open::<AudioSession>(state, ctx, caller, upgrade)
}

/// `GET /v1/expression/video/realtime`.
pub(crate) async fn video(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<RequestCtx>,
    Extension(caller): Extension<Caller>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    open::<VideoSession>(state, ctx, caller, upgrade)
}

/// Accepts the handshake (or refuses it) and starts the session on the upgraded connection.
fn open<E: RealtimeEndpoint>(
    state: Arc<AppState>,
    ctx: RequestCtx,
    caller: Caller,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    let upgrade = match upgrade {
        Ok(upgrade) => upgrade,
        Err(rejection) => {
            return V1Error::invalid_request(format!(
                "this endpoint takes a WebSocket connection: {rejection}"
            ))
            .into_response_for(&ctx.request_id);
        }
    };
    let Some(slot) = state.v1.sessions.try_open() else {
        return V1Error::server_busy(format!(
            "too many realtime sessions are open (at most {})",
            state.v1.sessions.max()
        ))
        .into_response_for(&ctx.request_id);
    };
    let limit = usize::try_from(E::MAX_MESSAGE_BYTES).unwrap_or(usize::MAX);
    upgrade
        .max_message_size(limit)
        .max_frame_size(limit)
        .max_write_buffer_size(socket::MAX_WRITE_BUFFER)
        .on_failed_upgrade(|error| tracing::debug!(%error, "a realtime handshake failed"))
        .on_upgrade(move |socket| socket::run::<E>(socket, state, caller, slot))
}
