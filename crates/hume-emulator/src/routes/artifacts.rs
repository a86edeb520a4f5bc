//! `GET /v0/batch/jobs/{id}/artifacts`: the zip of a completed job (see [`crate::artifacts`]).
//!
//! Same `400` as predictions for a job that is not `COMPLETED`. Without padding the zip
//! offers byte ranges (see [`crate::ranges`]).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use hume_models::BatchJobStatus;

use crate::api_response::ApiError;
use crate::job::now_ms;
use crate::state::AppState;

pub(crate) async fn job_artifacts(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(job) = state.get(&id) else {
        return ApiError::job_not_found().into_response();
    };
    let status = job.status_at(now_ms());
    if status != BatchJobStatus::Completed {
        return ApiError::not_completed(&status).into_response();
    }
    crate::artifacts::response(state, job, &headers).await
}
