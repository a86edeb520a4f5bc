//! Every non-2xx response the emulator sends, built from `hume_models::ApiErrorBody`.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hume_models::{ApiErrorBody, BatchJobStatus, ValidationErrors};

/// An error answer: a status code and an [`ApiErrorBody`].
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    body: ApiErrorBody,
    retry_after: Option<u64>,
}

impl ApiError {
    /// `STATUS: message`, for errors reported outside HTTP (the in-process API).
    pub(crate) fn describe(&self) -> String {
        format!("{}: {}", self.status, self.body.message())
    }

    /// 401, no `X-Hume-Api-Key` header.
    pub(crate) fn missing_api_key() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ApiErrorBody::missing_api_key())
    }

    /// 401, wrong key.
    pub(crate) fn invalid_api_key() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ApiErrorBody::invalid_api_key())
    }

    /// 404 `{"message":"job not found"}`.
    pub(crate) fn job_not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, ApiErrorBody::job_not_found())
    }

    /// 404 for a path the API does not have.
    pub(crate) fn route_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            ApiErrorBody::from_message("not found"),
        )
    }

    /// 405 for a known path with the wrong method.
    pub(crate) fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            ApiErrorBody::from_message("method not allowed"),
        )
    }

    /// 400 `{"message":"invalid request","errors":[...]}`.
    pub(crate) fn invalid(errors: ValidationErrors) -> Self {
        Self::new(StatusCode::BAD_REQUEST, ApiErrorBody::validation(errors))
    }

    /// 400 with a single `field: message` problem.
    pub(crate) fn invalid_field(field: &str, message: impl Into<String>) -> Self {
        let mut errors = ValidationErrors::new();
        errors.push(field, message);
        Self::invalid(errors)
    }

    /// 400 `{"message":"job is not completed (status: QUEUED)"}` for predictions/artifacts of
    /// an unfinished or failed job.
    pub(crate) fn not_completed(status: &BatchJobStatus) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            ApiErrorBody::from_message(format!(
                "job is not completed (status: {})",
                status.as_str()
            )),
        )
    }

    /// 503 from fault injection.
    pub(crate) fn unavailable() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ApiErrorBody::from_message("service unavailable (injected fault)"),
        )
    }

    /// 429 from fault injection, with `Retry-After: secs`.
    pub(crate) fn rate_limited(secs: u64) -> Self {
        let mut e = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            ApiErrorBody::from_message("too many requests (injected fault)"),
        );
        e.retry_after = Some(secs);
        e
    }

    /// 500 for an emulator bug (never expected).
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ApiErrorBody::from_message(message),
        )
    }

    pub(crate) fn new(status: StatusCode, body: ApiErrorBody) -> Self {
        ApiError {
            status,
            body,
            retry_after: None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body.to_json())).into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}
