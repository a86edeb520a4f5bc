//! The bodies of v1 HTTP error responses: [`ErrorBody`] (every status but 401, with its
//! [`RequestErrorCode`]), [`AuthenticationError`] (401), and [`ErrorResponse`], which
//! classifies any error body without ever failing.

use std::fmt;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use super::RequestId;
use super::open_enum::open_enum;
use crate::{ParseError, parse_error};

open_enum!(
    /// Why an HTTP request failed (`code` of an [`ErrorBody`]). The HTTP status says how it
    /// failed; switch on this, never on the message text.
    RequestErrorCode, "request error code", {
        /// A request part was malformed (400).
        MessageInvalid => "message_invalid",
        /// The `config` part broke a rule (400).
        ConfigInvalid => "config_invalid",
        /// The audio could not be decoded: a WAV of another format, an extensible or
        /// truncated WAV, empty or odd-length samples (400).
        AudioDecodeFailed => "audio_decode_failed",
        /// An image could not be decoded (400).
        ImageDecodeFailed => "image_decode_failed",
        /// The request was malformed in another way (400).
        InvalidRequest => "invalid_request",
        /// The key may not use this API (403).
        Forbidden => "forbidden",
        /// No such resource, for example an unknown run id (404).
        NotFound => "not_found",
        /// Wrong HTTP method for the path (405).
        MethodNotAllowed => "method_not_allowed",
        /// The audio request exceeded the 25 MB request limit (413).
        AudioTooLong => "audio_too_long",
        /// An image exceeded 2 MB or 8,294,400 pixels, or the request 25 MB (413).
        ImageTooLarge => "image_too_large",
        /// Not a supported media type: MP3, FLAC, Ogg, MP4, M4A or non-WAV RIFF audio, a
        /// non-JPEG image (415).
        UnsupportedMediaType => "unsupported_media_type",
        /// The server failed (500).
        InternalError => "internal_error",
        /// The server is overloaded; try again later (503).
        ServerBusy => "server_busy",
    }
);

impl RequestErrorCode {
    /// The HTTP status the API sends with this code (`None` for an unknown code).
    pub fn http_status(&self) -> Option<u16> {
        Some(match self {
            RequestErrorCode::MessageInvalid
            | RequestErrorCode::ConfigInvalid
            | RequestErrorCode::AudioDecodeFailed
            | RequestErrorCode::ImageDecodeFailed
            | RequestErrorCode::InvalidRequest => 400,
            RequestErrorCode::Forbidden => 403,
            RequestErrorCode::NotFound => 404,
            RequestErrorCode::MethodNotAllowed => 405,
            RequestErrorCode::AudioTooLong | RequestErrorCode::ImageTooLarge => 413,
            RequestErrorCode::UnsupportedMediaType => 415,
            RequestErrorCode::InternalError => 500,
            RequestErrorCode::ServerBusy => 503,
            RequestErrorCode::Other(_) => return None,
        })
    }
}

/// The body of every v1 error response other than a 401:
/// `{"type": "error", "code", "message", "request_id"}`.
///
/// `type` is always `"error"` (written on output, not stored).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ErrorBody {
    /// Why the request failed.
    pub code: RequestErrorCode,
    /// What went wrong, for a person; its wording may change.
    pub message: String,
    /// Identifies the request in Hume's records (quote it to support). Always sent by the
    /// API; `None` only if a body in the wild left it out.
    #[serde(default)]
    pub request_id: Option<RequestId>,
}

impl ErrorBody {
    /// An error body (for servers and tests).
    pub fn new(
        code: RequestErrorCode,
        message: impl Into<String>,
        request_id: impl Into<RequestId>,
    ) -> Self {
        ErrorBody {
            code,
            message: message.into(),
            request_id: Some(request_id.into()),
        }
    }

    /// Parses a response body.
    pub fn from_response(body: &[u8]) -> Result<Self, ParseError> {
        parse_error::from_slice("ErrorBody", body)
    }
}

impl Serialize for ErrorBody {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("type", "error")?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("message", &self.message)?;
        if let Some(id) = &self.request_id {
            map.serialize_entry("request_id", id)?;
        }
        map.end()
    }
}

/// The body of a 401: the request carried no valid API key or access token. It is answered
/// before the request reaches the service, so it has neither `type` nor `code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthenticationError {
    /// What went wrong, for a person.
    pub message: String,
    /// Identifies the request; sent only when an API key was rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<RequestId>,
}

impl AuthenticationError {
    /// A 401 body (for servers and tests).
    pub fn new(message: impl Into<String>, request_id: Option<RequestId>) -> Self {
        AuthenticationError {
            message: message.into(),
            request_id,
        }
    }

    /// Parses a response body.
    pub fn from_response(body: &[u8]) -> Result<Self, ParseError> {
        parse_error::from_slice("AuthenticationError", body)
    }
}

/// Any v1 error body, classified by shape. [`ErrorResponse::parse`] never fails.
///
/// ```
/// use hume_models::v1::{ErrorResponse, RequestErrorCode};
///
/// let body = br#"{"type":"error","code":"image_too_large","message":"image 2 is too large","request_id":"req-9"}"#;
/// let e = ErrorResponse::parse(body);
/// assert_eq!(e.code(), Some(&RequestErrorCode::ImageTooLarge));
/// assert_eq!(e.request_id().unwrap(), "req-9");
/// assert_eq!(e.message(), "image 2 is too large");
///
/// let e = ErrorResponse::parse(br#"{"message":"Invalid API key"}"#);
/// assert!(matches!(e, ErrorResponse::Authentication(_)));
///
/// let e = ErrorResponse::parse(b"<html>bad gateway</html>");
/// assert_eq!(e.message(), "<html>bad gateway</html>");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorResponse {
    /// The usual body, with a `code`.
    Error(ErrorBody),
    /// A `{message, request_id?}` body without `code` (what a 401 carries).
    Authentication(AuthenticationError),
    /// JSON of another shape.
    Other(Value),
    /// Not JSON (lossily decoded, cut at [`EXCERPT_LIMIT`](crate::EXCERPT_LIMIT) bytes).
    Text(String),
}

impl ErrorResponse {
    /// Classifies an error body; never fails.
    pub fn parse(body: &[u8]) -> ErrorResponse {
        match serde_json::from_slice::<Value>(body) {
            Ok(v) => ErrorResponse::from_value(v),
            Err(_) => ErrorResponse::Text(parse_error::excerpt(body)),
        }
    }

    /// Classifies a decoded JSON value; never fails.
    pub fn from_value(value: Value) -> ErrorResponse {
        let shape = value.as_object().map(|o| {
            (
                o.get("code").is_some_and(Value::is_string),
                o.get("message").is_some_and(Value::is_string),
            )
        });
        match shape {
            Some((true, true)) => match serde_json::from_value::<ErrorBody>(value.clone()) {
                Ok(body) => ErrorResponse::Error(body),
                Err(_) => ErrorResponse::Other(value),
            },
            Some((false, true)) => {
                match serde_json::from_value::<AuthenticationError>(value.clone()) {
                    Ok(body) => ErrorResponse::Authentication(body),
                    Err(_) => ErrorResponse::Other(value),
                }
            }
            _ => ErrorResponse::Other(value),
        }
    }

    /// The error code, for an [`Error`](Self::Error) body.
    pub fn code(&self) -> Option<&RequestErrorCode> {
        match self {
            ErrorResponse::Error(b) => Some(&b.code),
            _ => None,
        }
    }

    /// The request id, when the body has one.
    pub fn request_id(&self) -> Option<&RequestId> {
        match self {
            ErrorResponse::Error(b) => b.request_id.as_ref(),
            ErrorResponse::Authentication(b) => b.request_id.as_ref(),
            _ => None,
        }
    }

    /// A one-line human message (never empty).
    pub fn message(&self) -> String {
        match self {
            ErrorResponse::Error(b) => b.message.clone(),
            ErrorResponse::Authentication(b) => b.message.clone(),
            ErrorResponse::Other(v) => parse_error::excerpt(v.to_string().as_bytes()),
            ErrorResponse::Text(t) if t.trim().is_empty() => "empty body".to_owned(),
            ErrorResponse::Text(t) => t.clone(),
        }
    }

    /// The JSON this body is sent as (a [`Text`](Self::Text) body as a JSON string).
    pub fn to_json(&self) -> Value {
        let json = match self {
            ErrorResponse::Error(b) => serde_json::to_value(b),
            ErrorResponse::Authentication(b) => serde_json::to_value(b),
            ErrorResponse::Other(v) => return v.clone(),
            ErrorResponse::Text(t) => return Value::String(t.clone()),
        };
        // Serialising these plain structs to a Value cannot fail.
        json.unwrap_or(Value::Null)
    }
}

impl ErrorResponse {
    /// Passes every string of the body (message, code, request id, and every string and key
    /// of another shape) through `f`: how a client removes a secret the server echoed, after
    /// decoding. A `Text` body is mapped as it is; any other is mapped as JSON and classified
    /// again.
    pub fn map_text(&mut self, f: &mut dyn FnMut(&mut String)) {
        if let ErrorResponse::Text(text) = self {
            f(text);
            return;
        }
        let mut value = self.to_json();
        crate::api_error::map_value_text(&mut value, f);
        *self = ErrorResponse::from_value(value);
    }
}

impl fmt::Display for ErrorResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code() {
            Some(code) => write!(f, "{code}: {}", self.message()),
            None => f.write_str(&self.message()),
        }
    }
}

impl From<ErrorBody> for ErrorResponse {
    fn from(b: ErrorBody) -> Self {
        ErrorResponse::Error(b)
    }
}

impl From<AuthenticationError> for ErrorResponse {
    fn from(b: AuthenticationError) -> Self {
        ErrorResponse::Authentication(b)
    }
}
