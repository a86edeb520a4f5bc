//! `POST /v0/batch/jobs`: start a job from a JSON body or a multipart upload.

use std::sync::{Arc, OnceLock};

use axum::Json;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use hume_models::{JobRequest, StartJobResponse};

use crate::api_response::ApiError;
use crate::job::{Job, UploadedFile, now_ms};
use crate::state::AppState;
use crate::upload::read_upload;
use crate::{callback, definition, echo, job_size, rules};

/// Largest accepted JSON body.
const MAX_JSON_BODY: usize = 16 * 1024 * 1024;

pub(crate) async fn start_job(State(state): State<Arc<AppState>>, request: Request) -> Response {
    match start(&state, request).await {
        Ok(response) => Json(response).into_response(),
        Err(error) => error.into_response(),
    }
}

/// Reads and checks a request body (`field` names it in errors; `file_count` files come
/// with it): the definition's rules on the raw JSON (see [`crate::definition`]) and
/// [`JobRequest::validate_with_uploads`] on the typed request, every problem of both reported at once.
fn parse_request(bytes: &[u8], field: &str, file_count: usize) -> Result<JobRequest, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::invalid_field(field, format!("not valid JSON: {e}")))?;
    let mut errors = definition::check(&value);
    let typed = serde_json::from_value::<JobRequest>(value);
    match &typed {
        Ok(request) => {
            if let Err(more) = request.validate_with_uploads(file_count) {
                for e in more {
                    if !errors.has_field(&e.field) {
                        errors.push(e.field, e.message);
                    }
                }
            }
        }
        Err(e) if errors.is_empty() => {
            errors.push(field, format!("not a valid request: {e}"));
        }
        Err(_) => {}
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid(errors));
    }
    typed.map_err(|e| ApiError::invalid_field(field, format!("not a valid request: {e}")))
}

async fn start(state: &Arc<AppState>, request: Request) -> Result<StartJobResponse, ApiError> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json")
        .to_ascii_lowercase();
    let (job_request, files): (JobRequest, Vec<UploadedFile>) = if content_type
        .starts_with("multipart/form-data")
    {
        let multipart = Multipart::from_request(request, &()).await.map_err(|e| {
            ApiError::invalid_field("body", format!("malformed multipart body: {e}"))
        })?;
        let upload = read_upload(multipart, state.config.limits.max_upload_bytes).await?;
        let job_request = match &upload.json {
            Some(json) => parse_request(json, "json", upload.files.len())?,
            None => {
                let request = JobRequest::new();
                request
                    .validate_with_uploads(upload.files.len())
                    .map_err(ApiError::invalid)?;
                request
            }
        };
        (job_request, upload.files)
    } else if content_type.starts_with("application/json") || content_type.ends_with("+json") {
        let bytes = axum::body::to_bytes(request.into_body(), MAX_JSON_BODY)
            .await
            .map_err(|e| {
                ApiError::invalid_field("body", format!("could not read the body: {e}"))
            })?;
        (parse_request(&bytes, "body", 0)?, Vec::new())
    } else {
        return Err(ApiError::invalid_field(
            "body",
            format!(
                "unsupported content type {content_type:?}: use application/json or multipart/form-data"
            ),
        ));
    };
    // `parse_request` has checked the request (definition and typed rules) already.
    job_size::check(&state.config.limits, &job_request, &files)?;
    let job = create_job(state, job_request, files)?;
    Ok(StartJobResponse::new(job.id.clone()))
}

/// Creates a job for a valid request now (and schedules its callback, if any). The caller
/// has checked the job's size ([`job_size::check`]).
///
/// # Errors
/// A `429` when the job store is full of jobs still running.
pub(crate) fn create_job(
    state: &Arc<AppState>,
    job_request: JobRequest,
    files: Vec<UploadedFile>,
) -> Result<Arc<Job>, ApiError> {
    let (seq, id) = state.next_id();
    let timings = state.config.timings;
    let created_ms = now_ms();
    let started_ms = created_ms + timings.queued.as_millis() as i64;
    let ended_ms = started_ms + timings.in_progress.as_millis() as i64;
    let failure = rules::failure_message(&job_request, &files);
    let job = Arc::new(Job {
        seq,
        id: id.clone(),
        request: echo::with_defaults(job_request),
        files,
        created_ms,
        started_ms,
        ended_ms,
        failure,
        counts: OnceLock::new(),
    });
    state.insert(Arc::clone(&job), now_ms()).map_err(|_| {
        ApiError::new(
            axum::http::StatusCode::TOO_MANY_REQUESTS,
            hume_models::ApiErrorBody::from_message(
                "too many jobs running in the emulator: wait for some to end",
            ),
        )
    })?;
    tracing::info!(
        job_id = %id,
        files = job.files.len(),
        uploaded_bytes = job.files.iter().map(|f| f.size).sum::<u64>(),
        "job created"
    );
    if job.request.callback_url.is_some() {
        callback::schedule(Arc::clone(state), Arc::clone(&job));
    }
    Ok(job)
}
