use http::StatusCode;

use super::*;
use crate::realtime::connect_failure_is_retryable;

#[test]
fn an_invalid_key_is_its_own_error_and_never_retried() {
    for status in [StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN] {
        let error = handshake_error(status, b"{\"message\":\"bad key\"}", None);
        assert!(matches!(error, HumeError::InvalidApiKey { status: s, .. } if s == status));
        assert!(!connect_failure_is_retryable(&error));
    }
}

#[test]
fn other_statuses_keep_a_scrubbed_excerpt_of_the_body() {
    let error = handshake_error(
        StatusCode::SERVICE_UNAVAILABLE,
        b"busy, key sk-123 rejected",
        Some("sk-123"),
    );
    assert_eq!(
        error.to_string(),
        "realtime handshake refused: 503 Service Unavailable: busy, key [redacted] rejected"
    );
    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert!(error.is_retryable());
    assert!(connect_failure_is_retryable(&error));
    let missing = handshake_error(StatusCode::NOT_FOUND, b"", None);
    assert_eq!(
        missing.to_string(),
        "realtime handshake refused: 404 Not Found"
    );
    assert!(!missing.is_retryable());
}
