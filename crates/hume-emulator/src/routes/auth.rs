//! API key check: every request needs a valid `X-Hume-Api-Key`.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::api_response::ApiError;
use crate::state::AppState;

/// Name of the API key header.
pub(crate) const API_KEY_HEADER: &str = "x-hume-api-key";

/// Rejects requests without a valid `X-Hume-Api-Key` (401, Apigee-style fault bodies).
pub(crate) async fn authenticate(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let key = request
        .headers()
        .get(API_KEY_HEADER)
        .map(|v| v.to_str().unwrap_or("\u{0}"));
    match key {
        None | Some("") => ApiError::missing_api_key().into_response(),
        Some(key) if !state.config.api_key.accepts(key) => {
            ApiError::invalid_api_key().into_response()
        }
        Some(_) => next.run(request).await,
    }
}
