//! [`V1Error`]: every v1 error answer but a 401 — a status and an
//! `ErrorBody {type: "error", code, message, request_id}` — and [`unauthorized`] for the 401s.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hume_models::v1::media::{AudioFormatError, ImageFormatError};
use hume_models::v1::{AuthenticationError, ErrorBody, RequestErrorCode, RequestId};

/// A v1 error before it is given its request id.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct V1Error {
    pub(crate) status: StatusCode,
    pub(crate) code: RequestErrorCode,
    pub(crate) message: String,
    pub(crate) retry_after: Option<u64>,
}

impl V1Error {
    /// An error with the status the API sends with `code`.
    pub(crate) fn new(code: RequestErrorCode, message: impl Into<String>) -> V1Error {
        let status = code
            .http_status()
            .and_then(|s| StatusCode::from_u16(s).ok())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        V1Error {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// 400 `message_invalid`: the multipart body or one of its parts could not be used.
    pub(crate) fn message_invalid(message: impl Into<String>) -> V1Error {
        V1Error::new(RequestErrorCode::MessageInvalid, message)
    }

    /// 400 `config_invalid`: the `config` part broke a rule.
    pub(crate) fn config_invalid(message: impl Into<String>) -> V1Error {
        V1Error::new(RequestErrorCode::ConfigInvalid, message)
    }

    /// 400 `invalid_request`: a bad query parameter or cursor.
    pub(crate) fn invalid_request(message: impl Into<String>) -> V1Error {
        V1Error::new(RequestErrorCode::InvalidRequest, message)
    }

    /// 404 `not_found`.
    pub(crate) fn not_found(message: impl Into<String>) -> V1Error {
        V1Error::new(RequestErrorCode::NotFound, message)
    }

    /// 405 `method_not_allowed`.
    pub(crate) fn method_not_allowed(message: impl Into<String>) -> V1Error {
        V1Error::new(RequestErrorCode::MethodNotAllowed, message)
    }

    /// 403 `forbidden`.
    pub(crate) fn forbidden(message: impl Into<String>) -> V1Error {
        V1Error::new(RequestErrorCode::Forbidden, message)
    }

    /// 500 `internal_error` (an emulator bug; never expected).
    pub(crate) fn internal(message: impl Into<String>) -> V1Error {
        V1Error::new(RequestErrorCode::InternalError, message)
    }

    /// 503 `server_busy` (fault injection).
    pub(crate) fn server_busy(message: impl Into<String>) -> V1Error {
        V1Error::new(RequestErrorCode::ServerBusy, message)
    }

    /// 429 with `Retry-After` and code `server_busy` (fault injection; the API documents no
    /// 429 for HTTP requests, so the code is the nearest one).
    pub(crate) fn rate_limited(retry_after_secs: u64) -> V1Error {
        V1Error {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: RequestErrorCode::ServerBusy,
            message: "too many requests (injected fault)".to_owned(),
            retry_after: Some(retry_after_secs),
        }
    }

    /// The answer to audio the API does not take: 415, 400 `audio_decode_failed` or 413
    /// `audio_too_long`.
    pub(crate) fn audio(error: &AudioFormatError) -> V1Error {
        V1Error::new(RequestErrorCode::from_wire(error.code()), error.to_string())
    }

    /// The answer to image `index` (0-based, in part order) that the API does not take: 415,
    /// 400 `image_decode_failed` or 413 `image_too_large`.
    pub(crate) fn image(index: usize, filename: Option<&str>, error: &ImageFormatError) -> V1Error {
        let name = filename.map(|n| format!(" ({n:?})")).unwrap_or_default();
        V1Error::new(
            RequestErrorCode::from_wire(error.code()),
            format!("image {index}{name}: {error}"),
        )
    }

    /// The response, with its request id in the body.
    pub(crate) fn into_response_for(self, request_id: &RequestId) -> Response {
        let body = ErrorBody::new(self.code, self.message, request_id.clone());
        let mut response = (self.status, Json(body)).into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// A 401 `{message, request_id?}` (the request id only when an API key was rejected).
pub(crate) fn unauthorized(message: &str, request_id: Option<&RequestId>) -> Response {
    let body = AuthenticationError::new(message, request_id.cloned());
    let mut response = (StatusCode::UNAUTHORIZED, Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

#[cfg(test)]
mod tests;
