//! `GET /v0/batch/jobs/{id}/predictions`: the JSON predictions of a completed job, decoded
//! (typed or untyped), or kept byte for byte.
//!
//! Predictions are a JSON array; an error sent with a 2xx status (`{"message":"job not
//! found"}`, an Apigee fault) is an object. Byte-for-byte readers look at the first bytes
//! ([`classify_prefix`]): an array is the predictions, kept as they are; anything else is
//! decoded, which yields the error ([`not_predictions`]).

use http::{HeaderMap, Method, StatusCode};
use hume_models::{JobId, Predictions};

use crate::HumeError;
use crate::config::ClientContext;
use crate::http::HttpRequest;

/// The request for one job's predictions.
pub fn request(ctx: &ClientContext, job_id: &JobId) -> HttpRequest {
    ctx.request(
        Method::GET,
        ctx.base_url()
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

/// Decodes the predictions as the server's bytes, unchanged, after checking that they are
/// predictions (a JSON array) rather than an error body sent with a 2xx status.
///
/// # Errors
/// As [`decode`].
pub fn decode_bytes(
    ctx: &ClientContext,
    job_id: &JobId,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Vec<u8>, HumeError> {
    if !status.is_success() {
        return Err(super::error_for_status(
            ctx,
            Some(job_id),
            status,
            headers,
            body,
        ));
    }
    match classify_prefix(body) {
        Prefix::Predictions => Ok(body.to_vec()),
        Prefix::Undecided | Prefix::NotPredictions => {
            Err(not_predictions(ctx, job_id, status, headers, body))
        }
    }
}

/// How many leading bytes of a 2xx body may be looked at before deciding what it is.
pub const PEEK_LIMIT: usize = 4096;

/// What the start of a 2xx predictions body says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    /// Only whitespace so far: read more.
    Undecided,
    /// A JSON array: the predictions.
    Predictions,
    /// Anything else: an error body (or garbage).
    NotPredictions,
}

/// Classifies the first bytes of a 2xx body; [`PEEK_LIMIT`] bytes of whitespace are not
/// predictions.
pub fn classify_prefix(prefix: &[u8]) -> Prefix {
    match prefix.iter().find(|b| !b.is_ascii_whitespace()) {
        None if prefix.len() < PEEK_LIMIT => Prefix::Undecided,
        None => Prefix::NotPredictions,
        Some(b'[') => Prefix::Predictions,
        Some(_) => Prefix::NotPredictions,
    }
}

/// The error for a 2xx body that is not predictions (at most
/// [`ERROR_BODY_LIMIT`](crate::ERROR_BODY_LIMIT) bytes of it), via [`decode`]: job not found,
/// an invalid key, or [`HumeError::Decode`].
pub fn not_predictions(
    ctx: &ClientContext,
    job_id: &JobId,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> HumeError {
    match decode(ctx, job_id, status, headers, body) {
        Err(err) => err,
        // A body that parses as predictions is an array, which the caller did not see: keep
        // a sensible error anyway.
        Ok(_) => super::decode_error(ctx, "predictions", status, "expected a json array", body),
    }
}
