//! `GET /v0/batch/jobs/{id}`: one job, in whatever state it is.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use crate::api_response::ApiError;
use crate::job::now_ms;
use crate::state::AppState;
use crate::{echo, synth};

pub(crate) async fn job_details(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Response {
    let Some(job) = state.get(&id) else {
        return ApiError::job_not_found().into_response();
    };
    let job_state = job.state_at(now_ms(), || synth::counts(&state, &job));
    Json(echo::details_json(&job, job_state)).into_response()
}
