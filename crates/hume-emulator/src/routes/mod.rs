//! The HTTP surface: one file per endpoint, plus the fault and auth middleware; the v1 API's
//! own routes and middleware are nested under `/v1` (`v1/`).

mod artifacts;
mod auth;
mod details;
mod fault_injection;
mod host;
mod list;
mod predictions;
pub(crate) mod submit;
mod v1;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;

use crate::api_response::ApiError;
use crate::state::AppState;

/// The router of the batch API v0, with the `Host` check outermost (every route, v1 too), then
/// faults, then authentication, and the v1 router (its own layers) nested under `/v1`.
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
        .nest("/v1", v1::router(Arc::clone(&state)))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            host::check_host,
        ))
        .with_state(state)
}
