//! `GET /v0/batch/jobs/{id}/predictions`: the JSON predictions of a completed job.
//!
//! A job that is not `COMPLETED` (queued, running or failed) gets
//! `400 {"message":"job is not completed (status: <STATUS>)"}`. The body offers byte ranges
//! (see [`crate::ranges`]), so a client can resume a download cut short.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use hume_models::BatchJobStatus;

use crate::api_response::ApiError;
use crate::job::now_ms;
use crate::state::AppState;
use crate::synth;

pub(crate) async fn job_predictions(
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
    let predictions = synth::predict(&state, &job);
    match serde_json::to_vec(&predictions) {
        Ok(body) => crate::ranges::respond(&headers, body, "application/json"),
        Err(e) => {
            ApiError::internal(format!("could not serialise predictions: {e}")).into_response()
        }
    }
}
