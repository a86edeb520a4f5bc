//! Byte ranges (RFC 9110 §14) for the downloads built in memory: predictions and the
//! artifacts zip without padding.
//!
//! Such a response carries `Accept-Ranges: bytes` and a strong `ETag` (a hash of the body).
//! A request with one `Range: bytes=first-[last]` or `bytes=-suffix` gets `206 Partial
//! Content` with `Content-Range`, unless an `If-Range` names another entity tag (then the
//! whole body, 200). A range that starts past the end gets `416` with `Content-Range:
//! bytes */len`. Several ranges, or a malformed header, are ignored (the whole body, 200), as
//! the RFC allows. The padded artifacts zip is generated while it is sent and its length is not
//! known up front, so it offers no ranges: a client restarts it instead.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;

use crate::hash::stable_hash;

/// A requested byte range, resolved against a body length: `start..end` (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RangeRequest {
    /// No usable `Range` header: send everything.
    Whole,
    /// One satisfiable range.
    Part { start: u64, end: u64 },
    /// A range that starts past the end.
    Unsatisfiable,
}

/// Parses a `Range` header value for a body of `len` bytes.
pub(crate) fn parse_range(value: &str, len: u64) -> RangeRequest {
    let Some(spec) = value.trim().strip_prefix("bytes=") else {
        return RangeRequest::Whole;
    };
    if spec.contains(',') {
        return RangeRequest::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return RangeRequest::Whole;
    };
    let number = |s: &str| -> Option<u64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (first, last) = (first.trim(), last.trim());
    if first.is_empty() {
        // bytes=-K: the last K bytes.
        return match number(last) {
            Some(0) => RangeRequest::Unsatisfiable,
            Some(_) if len == 0 => RangeRequest::Unsatisfiable,
            Some(suffix) => RangeRequest::Part {
                start: len.saturating_sub(suffix),
                end: len,
            },
            None => RangeRequest::Whole,
        };
    }
    let Some(start) = number(first) else {
        return RangeRequest::Whole;
    };
    let end = if last.is_empty() {
        len
    } else {
        match number(last) {
            Some(last) if last >= start => last.saturating_add(1).min(len),
            _ => return RangeRequest::Whole,
        }
    };
    if start >= len {
        return RangeRequest::Unsatisfiable;
    }
    RangeRequest::Part { start, end }
}

/// The strong entity tag of `body`.
pub(crate) fn etag(body: &[u8]) -> String {
    format!("\"{:016x}\"", stable_hash(&[body]))
}

/// The response for `body` (with `content_type`) to a request with `request_headers`:
/// 200 with the whole body, 206 with the asked range, or 416. Every answer says
/// `Accept-Ranges: bytes` and carries the `ETag`.
pub(crate) fn respond(
    request_headers: &HeaderMap,
    body: Vec<u8>,
    content_type: &'static str,
) -> Response {
    let len = body.len() as u64;
    let tag = etag(&body);
    let if_range_matches = request_headers
        .get(header::IF_RANGE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.trim() == tag);
    let range = match request_headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
    {
        Some(value) if if_range_matches => parse_range(value, len),
        _ => RangeRequest::Whole,
    };
    let (status, content_range, body) = match range {
        RangeRequest::Whole => (StatusCode::OK, None, body),
        RangeRequest::Part { start, end } => (
            StatusCode::PARTIAL_CONTENT,
            Some(format!("bytes {start}-{}/{len}", end - 1)),
            body[start as usize..end as usize].to_vec(),
        ),
        RangeRequest::Unsatisfiable => (
            StatusCode::RANGE_NOT_SATISFIABLE,
            Some(format!("bytes */{len}")),
            Vec::new(),
        ),
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if let Ok(value) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, value);
    }
    if let Some(value) = content_range.and_then(|v| HeaderValue::from_str(&v).ok()) {
        headers.insert(header::CONTENT_RANGE, value);
    }
    response
}

#[cfg(test)]
mod tests;
