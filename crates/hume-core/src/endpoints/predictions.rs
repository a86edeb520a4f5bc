//! `GET /v0/batch/jobs/{id}/predictions`: the JSON predictions of a completed job.

use http::{HeaderMap, Method, StatusCode};
use hume_models::{JobId, Predictions};

use crate::HumeError;
use crate::config::ClientContext;
use crate::http::HttpRequest;

/// The request for one job's predictions.
pub fn request(ctx: &ClientContext, job_id: &JobId) -> HttpRequest {
    ctx.request(
        Method::GET,
        ctx.config()
            .base_url()
            .endpoint(&["jobs", job_id.as_str(), "predictions"]),
    )
}

/// Decodes the predictions into typed values.
///
/// # Errors
/// As [`details::decode`](super::details::decode).
pub fn decode(
    ctx: &ClientContext,
    job_id: &JobId,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Predictions, HumeError> {
    super::decode_json(
        ctx,
        "predictions",
        Some(job_id),
        status,
        headers,
        body,
        Predictions::from_response,
    )
}

/// Decodes the predictions as untyped JSON (what the legacy client returned).
///
/// # Errors
/// As [`decode`].
pub fn decode_raw(
    ctx: &ClientContext,
    job_id: &JobId,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<serde_json::Value, HumeError> {
    super::decode_json_with(
        ctx,
        "predictions",
        Some(job_id),
        status,
        headers,
        body,
        |bytes| serde_json::from_slice(bytes).map_err(|e| e.to_string()),
    )
}
