//! The HTTP surface of the Expression Measurement API v1, nested under `/v1`: one file per
//! endpoint group, the middleware, and the helpers they share.
//!
//! | path | method | handler |
//! |---|---|---|
//! | `/v1/expression/audio/file` | POST | [`audio`] |
//! | `/v1/expression/video/file` | POST | [`video`] |
//! | `/v1/expression/run` | GET | [`runs`] (list) |
//! | `/v1/expression/run/{run_id}` | GET | [`runs`] (get) |
//! | `/v1/expression/run/{run_id}/events` | GET | [`runs`] (events) |
//! | `/v1/expression/audio/realtime` | GET (WebSocket) | [`realtime`] (audio) |
//! | `/v1/expression/video/realtime` | GET (WebSocket) | [`realtime`] (video) |
//!
//! Layers, outermost first: [`request_id`] (every response carries `X-Request-Id`), [`faults`]
//! (the seeded fault plan, v1 bodies), [`auth`]; WebSocket handshakes pass them like any
//! request. A known path with another method is 405 `method_not_allowed`, an unknown path
//! under `/v1` 404 `not_found` (both after authentication).

mod audio;
mod auth;
mod config_part;
mod drain;
mod error;
mod faults;
mod file_run;
mod query;
mod realtime;
mod request_id;
mod runs;
#[cfg(test)]
mod test_media;
mod upload;
mod video;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, OriginalUri, Request, State};
use axum::response::Response;
use axum::routing::{get, post};

pub(crate) use error::V1Error;
use request_id::ctx_of;

use crate::state::AppState;

/// The v1 routes, to be nested under `/v1`.
pub(crate) fn router(state: Arc<AppState>) -> Router<Arc<AppState>> {
    Router::new()
        .route("/expression/audio/file", post(audio::measure_audio))
        .route("/expression/video/file", post(video::measure_images))
        .route("/expression/run", get(runs::list_runs))
        .route("/expression/run/{run_id}", get(runs::get_run))
        .route("/expression/run/{run_id}/events", get(runs::run_events))
        .route("/expression/audio/realtime", get(realtime::audio))
        .route("/expression/video/realtime", get(realtime::video))
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found)
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            auth::authenticate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            faults::inject_faults,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state,
            request_id::assign_request_id,
        ))
}

/// The path as the client sent it (nesting strips the `/v1` prefix from the request's own).
fn original_path(request: &Request) -> String {
    request
        .extensions()
        .get::<OriginalUri>()
        .map(|uri| uri.path().to_owned())
        .unwrap_or_else(|| request.uri().path().to_owned())
}

async fn method_not_allowed(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let ctx = ctx_of(&request, &state);
    V1Error::method_not_allowed(format!(
        "{} is not allowed on {}",
        request.method(),
        original_path(&request)
    ))
    .into_response_for(&ctx.request_id)
}

async fn not_found(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let ctx = ctx_of(&request, &state);
    V1Error::not_found(format!("no endpoint at {}", original_path(&request)))
        .into_response_for(&ctx.request_id)
}
