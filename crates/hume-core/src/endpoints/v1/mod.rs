//! The Expression Measurement API v1 endpoints (`{base}/v1/expression/...`, default base
//! `https://api.cloud.hume.ai`) as pure functions, like the batch endpoints: `request(..)`
//! checks what it can locally and builds what to send, `decode(..)` turns status, headers and
//! body bytes into a typed value or a [`HumeError`].
//!
//! | module | endpoint |
//! |---|---|
//! | [`audio`] | `POST /v1/expression/audio/file`: one audio file, multipart |
//! | [`video`] | `POST /v1/expression/video/file`: one or more JPEG images, multipart; [`video::FaceTracking`] carries `face_state` across requests |
//! | [`runs`] | `GET /v1/expression/run` (one page; [`runs::ListAllRuns`] pages by cursor), `GET /v1/expression/run/{id}`, `GET /v1/expression/run/{id}/events` ([`runs::RunEventLog`] joins the pages) |
//! | [`media`] | the local checks of files before an upload ([`MediaProblem`](media::MediaProblem)) |
//!
//! Uploads are checked before anything is sent, each failure typed: the `config` part's
//! values ([`HumeError::Validation`]), every file's format and size from its header
//! ([`HumeError::InvalidMedia`]), the whole body against the 25 MB request limit
//! ([`HumeError::RequestTooLarge`]). [`error_for_status`] is the one status → error mapping of
//! every v1 endpoint.

pub mod audio;
mod cursor;
pub mod media;
pub mod runs;
pub mod video;

use std::time::SystemTime;

use http::{HeaderMap, Method, StatusCode};
use hume_models::v1::ErrorResponse;
use hume_models::v1::limits::MAX_REQUEST_BYTES;
use hume_models::{ParseError, ValidationErrors};

use super::{decode_error, describe};
use crate::HumeError;
use crate::body::RequestBody;
use crate::config::ClientContext;
use crate::http::HttpRequest;
use crate::multipart::MultipartBody;
use crate::retry::parse_retry_after;

pub(crate) use self::cursor::CursorPaging;

/// Maps a v1 error response to a [`HumeError`]; the key is scrubbed from the body before
/// anything is kept, and from every decoded string after.
///
/// - 401 (`{message, request_id?}`: no or a bad key) → [`HumeError::InvalidApiKey`]
/// - 429 → [`HumeError::RateLimited`] with the server's `Retry-After`
/// - any other status (400, 403, 404, 405, 413, 415, 500, 503, and undocumented ones) →
///   [`HumeError::V1Api`] with the body's `code` (open: unknown codes are kept), `message`
///   and `request_id`; a body of another shape (a proxy's HTML page) keeps an excerpt as
///   the message and no code.
pub fn error_for_status(
    ctx: &ClientContext,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> HumeError {
    let err = if status == StatusCode::UNAUTHORIZED {
        HumeError::InvalidApiKey { status }
    } else if status == StatusCode::TOO_MANY_REQUESTS {
        HumeError::RateLimited {
            retry_after: parse_retry_after(headers, SystemTime::now()),
        }
    } else {
        HumeError::v1_api(status, ErrorResponse::parse(&ctx.scrub(body)))
    };
    // Decoding can bring an escaped echo of the key back (`\/`, `\uXXXX`): scrub again.
    let err = ctx.scrub_error(err);
    tracing::debug!(%status, error = %err, "hume v1 api error response");
    err
}

/// Decodes a v1 JSON response: a 2xx body with `parse` (a failure is [`HumeError::Decode`]),
/// anything else through [`error_for_status`].
pub(crate) fn decode_json<T>(
    ctx: &ClientContext,
    what: &'static str,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    parse: impl FnOnce(&[u8]) -> Result<T, ParseError>,
) -> Result<T, HumeError> {
    if !status.is_success() {
        return Err(error_for_status(ctx, status, headers, body));
    }
    parse(body).map_err(|e| decode_error(ctx, what, status, &describe(&e), body))
}

/// The server's bytes of a success, unchanged, once `parse` accepts them (so an unreadable
/// success is still [`HumeError::Decode`]); errors as [`decode_json`].
pub(crate) fn decode_checked_bytes<T>(
    ctx: &ClientContext,
    what: &'static str,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    parse: impl FnOnce(&[u8]) -> Result<T, ParseError>,
) -> Result<Vec<u8>, HumeError> {
    decode_json(ctx, what, status, headers, body, |bytes| {
        parse(bytes).map(|_| bytes.to_vec())
    })
}

/// The POST of a checked multipart upload to `{base}/v1/expression/{segments…}`.
///
/// # Errors
/// [`HumeError::RequestTooLarge`] when the body is over the API's 25 MB request limit.
pub(crate) fn upload_request(
    ctx: &ClientContext,
    segments: &[&str],
    body: MultipartBody,
) -> Result<HttpRequest, HumeError> {
    let bytes = body.content_length();
    if bytes > MAX_REQUEST_BYTES {
        return Err(HumeError::RequestTooLarge {
            bytes,
            limit: MAX_REQUEST_BYTES,
        });
    }
    let mut req = ctx.request(Method::POST, ctx.base_url().v1_endpoint(segments));
    req.headers
        .insert(http::header::CONTENT_TYPE, body.content_type());
    req.body = RequestBody::Multipart(body);
    Ok(req)
}

/// The config part of an upload as JSON bytes (no `null`s: unset options are left out).
pub(crate) fn config_json(config: &impl serde::Serialize) -> Result<Vec<u8>, HumeError> {
    serde_json::to_vec(config)
        .map_err(|e| HumeError::InvalidConfig(format!("cannot serialise the upload config: {e}")))
}

/// One problem as a [`HumeError::Validation`].
pub(crate) fn invalid(field: &str, message: impl Into<String>) -> HumeError {
    let mut errors = ValidationErrors::new();
    errors.push(field, message);
    HumeError::Validation(errors)
}

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;
