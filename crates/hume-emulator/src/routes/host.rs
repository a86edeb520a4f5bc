//! `Host` check against DNS rebinding: only loopback names and configured hosts are served
//! (see [`Limits`](crate::Limits)). Outermost, so no route, fault or v1 endpoint answers a
//! request for another name.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hume_models::ApiErrorBody;

use crate::api_response::ApiError;
use crate::state::AppState;

/// Answers 403 to a request whose `Host` (or HTTP/2 `:authority`) is not served.
pub(crate) async fn check_host(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| request.uri().authority().map(|a| a.as_str().to_owned()));
    match host {
        Some(host) if state.config.limits.host_allowed(&host) => next.run(request).await,
        _ => {
            tracing::warn!(host = ?host, "refused a request for a host this emulator does not serve");
            ApiError::new(
                StatusCode::FORBIDDEN,
                ApiErrorBody::from_message(
                    "host not allowed: this emulator answers loopback names only (see --allow-host)",
                ),
            )
            .into_response()
        }
    }
}
