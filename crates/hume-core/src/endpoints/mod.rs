//! The batch API endpoints as pure functions: `request(..) -> HttpRequest` builds what to send,
//! `decode(..)` turns status, headers and body bytes into a typed value or [`HumeError`].
//!
//! Both clients call these and differ only in how they send. [`error_for_status`] is the one
//! status → error mapping every batch endpoint shares. The Expression Measurement API v1
//! endpoints, with their own mapping, are in [`v1`].

pub mod artifacts;
pub mod details;
pub mod list;
pub mod predictions;
pub mod submit;
pub mod v1;

use std::time::SystemTime;

use http::{HeaderMap, StatusCode};
use hume_models::{ApiErrorBody, JobId, ParseError};

use crate::HumeError;
use crate::config::ClientContext;
use crate::retry::parse_retry_after;

/// Maps an error response (or a success response whose body is an error body) to a
/// [`HumeError`]. The key is scrubbed from the body before decoding and from every decoded
/// string after ([`ClientContext::scrub_error`]), so an escaped echo (`\/`, `\uXXXX`) cannot
/// bring it back.
///
/// - 401/403, or an Apigee fault naming `InvalidApiKey` → [`HumeError::InvalidApiKey`]
/// - `{"message":"job not found"}`, or 404 for a job → [`HumeError::JobNotFound`]
/// - 429 → [`HumeError::RateLimited`] with the server's `Retry-After`
/// - anything else (400/422 validation bodies included, parsed) → [`HumeError::Api`]
pub fn error_for_status(
    ctx: &ClientContext,
    job_id: Option<&JobId>,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> HumeError {
    let parsed = ApiErrorBody::parse(&ctx.scrub(body));
    let err = if parsed.is_invalid_api_key()
        || status == StatusCode::UNAUTHORIZED
        || status == StatusCode::FORBIDDEN
    {
        HumeError::InvalidApiKey { status }
    } else if let Some(job_id) =
        job_id.filter(|_| parsed.is_job_not_found() || status == StatusCode::NOT_FOUND)
    {
        HumeError::JobNotFound {
            job_id: job_id.clone(),
        }
    } else if status == StatusCode::TOO_MANY_REQUESTS {
        HumeError::RateLimited {
            retry_after: parse_retry_after(headers, SystemTime::now()),
        }
    } else {
        HumeError::Api {
            status,
            message: parsed.message(),
            body: parsed,
        }
    };
    let err = ctx.scrub_error(err);
    tracing::debug!(%status, error = %err, "hume api error response");
    err
}

/// Decodes a JSON response: a 2xx body is parsed with `parse`; a 2xx body that is really an
/// error body (bad key fault, job not found) and every non-2xx go through
/// [`error_for_status`]; an unparseable 2xx body is [`HumeError::Decode`].
pub(crate) fn decode_json<T>(
    ctx: &ClientContext,
    what: &'static str,
    job_id: Option<&JobId>,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    parse: impl FnOnce(&[u8]) -> Result<T, ParseError>,
) -> Result<T, HumeError> {
    decode_json_with(ctx, what, job_id, status, headers, body, |b| {
        parse(b).map_err(|e| describe(&e))
    })
}

/// [`decode_json`] with a parser that reports failures as a message.
pub(crate) fn decode_json_with<T>(
    ctx: &ClientContext,
    what: &'static str,
    job_id: Option<&JobId>,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    parse: impl FnOnce(&[u8]) -> Result<T, String>,
) -> Result<T, HumeError> {
    if !status.is_success() {
        return Err(error_for_status(ctx, job_id, status, headers, body));
    }
    match parse(body) {
        Ok(value) => Ok(value),
        Err(message) => {
            let as_error = ApiErrorBody::parse(&ctx.scrub(body));
            if as_error.is_invalid_api_key() || (job_id.is_some() && as_error.is_job_not_found()) {
                return Err(error_for_status(ctx, job_id, status, headers, body));
            }
            Err(decode_error(ctx, what, status, &message, body))
        }
    }
}

/// A parse failure as one line: the JSON error and the path to the failing field.
pub(crate) fn describe(e: &ParseError) -> String {
    if e.line() > 0 {
        format!(
            "{} (at {}, line {} column {})",
            e.json_error(),
            e.path(),
            e.line(),
            e.column()
        )
    } else {
        format!("{} (at {})", e.json_error(), e.path())
    }
}

/// A [`HumeError::Decode`]; message and excerpt are scrubbed of the key.
pub(crate) fn decode_error(
    ctx: &ClientContext,
    what: &'static str,
    status: StatusCode,
    message: &str,
    body: &[u8],
) -> HumeError {
    ctx.scrub_error(HumeError::Decode {
        what,
        status,
        message: message.to_owned(),
        excerpt: ctx.excerpt(body),
    })
}

#[cfg(test)]
mod tests;
