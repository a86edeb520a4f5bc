//! `GET /v0/batch/jobs/{id}/artifacts`: the job's zip of CSVs, streamed to disk by the caller.
//!
//! The caller checks [`is_download`] on the response head; only then does it stream the body
//! (see [`download`](crate::download)). Otherwise it reads at most
//! [`ERROR_BODY_LIMIT`](crate::ERROR_BODY_LIMIT) bytes and calls [`error`]. Nothing is ever
//! written for an error response.

use http::header::CONTENT_TYPE;
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use hume_models::JobId;

use crate::HumeError;
use crate::config::ClientContext;
use crate::http::HttpRequest;

/// The request for one job's artifacts (`Accept: application/zip, application/octet-stream, */*`).
pub fn request(ctx: &ClientContext, job_id: &JobId) -> HttpRequest {
    ctx.request_accepting(
        Method::GET,
        ctx.base_url()
            .endpoint(&["jobs", job_id.as_str(), "artifacts"]),
        HeaderValue::from_static("application/zip, application/octet-stream, */*"),
    )
}

/// `true` when the response carries the archive: a 2xx that is not a JSON (error) body.
pub fn is_download(status: StatusCode, headers: &HeaderMap) -> bool {
    status.is_success() && !is_json(headers)
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        })
}

/// The error for a response that is not a download ([`is_download`] was false), from the
/// first bytes of its body.
pub fn error(
    ctx: &ClientContext,
    job_id: &JobId,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> HumeError {
    if status.is_success() {
        // A JSON body where a zip was expected: an error body sent with 200, or an unknown shape.
        let parsed = hume_models::ApiErrorBody::parse(&ctx.scrub(body));
        if parsed.is_invalid_api_key() || parsed.is_job_not_found() {
            return super::error_for_status(ctx, Some(job_id), status, headers, body);
        }
        return super::decode_error(
            ctx,
            "artifacts",
            status,
            "expected a zip archive, got a json body",
            body,
        );
    }
    super::error_for_status(ctx, Some(job_id), status, headers, body)
}
