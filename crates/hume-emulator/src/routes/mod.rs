//! The HTTP surface: one file per endpoint, plus the fault and auth middleware.

mod artifacts;
mod auth;
mod details;
mod fault_injection;
mod list;
mod predictions;
pub(crate) mod submit;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;

use crate::api_response::ApiError;
use crate::state::AppState;

/// The router of the batch API v0, with faults outermost, then authentication.
pub(crate) fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route(
            "/v0/batch/jobs",
            get(list::list_jobs).post(submit::start_job),
        )
        .route("/v0/batch/jobs/{id}", get(details::job_details))
        .route(
            "/v0/batch/jobs/{id}/predictions",
            get(predictions::job_predictions),
        )
        .route(
            "/v0/batch/jobs/{id}/artifacts",
            get(artifacts::job_artifacts),
        )
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        .fallback(|| async { ApiError::route_not_found() })
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            auth::authenticate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            fault_injection::inject_faults,
        ))
        .with_state(state)
}
