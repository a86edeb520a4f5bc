//! `GET /v0/batch/jobs/{id}`: job details (status, request echo, timestamps).

use http::{HeaderMap, Method, StatusCode};
use hume_models::{BatchJobDetails, JobId};

use crate::HumeError;
use crate::config::ClientContext;
use crate::http::HttpRequest;

/// The request for one job's details.
pub fn request(ctx: &ClientContext, job_id: &JobId) -> HttpRequest {
    ctx.request(
        Method::GET,
        ctx.base_url().endpoint(&["jobs", job_id.as_str()]),
    )
}

/// Decodes the details response.
///
/// # Errors
/// [`HumeError::JobNotFound`], [`HumeError::InvalidApiKey`], other status errors, or
/// [`HumeError::Decode`].
pub fn decode(
    ctx: &ClientContext,
    job_id: &JobId,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<BatchJobDetails, HumeError> {
    super::decode_json(
        ctx,
        "job details",
        Some(job_id),
        status,
        headers,
        body,
        BatchJobDetails::from_response,
    )
}
