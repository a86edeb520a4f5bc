//! [`ApiErrorBody`]: the body of an error response, parsed into a known shape when possible.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Value, json};

use crate::{ValidationError, ValidationErrors, parse_error};

/// An error response body. [`parse`](Self::parse) never fails: a body of unknown shape is kept
/// as [`Other`](Self::Other) (JSON) or [`Text`](Self::Text) (not JSON).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ApiErrorBody {
    /// An Apigee gateway fault, for example a bad API key:
    /// `{"fault":{"faultstring":"Invalid ApiKey","detail":{"errorcode":"oauth.v2.InvalidApiKey"}}}`.
    Fault {
        /// The fault text.
        faultstring: String,
        /// `fault.detail.errorcode`, when present.
        errorcode: Option<String>,
    },
    /// A plain `{"message": "..."}` body (for example `job not found`).
    Message {
        /// The message.
        message: String,
    },
    /// A request validation failure: `{"message":..., "errors":[{"field","message"}]}` (our
    /// emulator) or FastAPI's `{"detail":[{"loc":[...],"msg":...}]}`.
    Validation {
        /// The overall message, if any.
        message: Option<String>,
        /// One entry per problem.
        errors: Vec<ValidationError>,
    },
    /// JSON of a shape this crate does not recognise.
    Other(Value),
    /// A body that is not JSON (lossily decoded, cut at 512 bytes).
    Text(String),
}

/// The fault text Apigee sends for a bad key.
const INVALID_API_KEY: &str = "Invalid ApiKey";

impl ApiErrorBody {
    /// Parses an error body; never fails.
    pub fn parse(body: &[u8]) -> ApiErrorBody {
        match serde_json::from_slice::<Value>(body) {
            Ok(v) => ApiErrorBody::from_value(v),
            Err(_) => ApiErrorBody::Text(parse_error::excerpt(body)),
        }
    }

    /// Classifies an already-decoded JSON body; never fails.
    pub fn from_value(value: Value) -> ApiErrorBody {
        let Some(obj) = value.as_object() else {
            return match value {
                Value::String(s) => ApiErrorBody::Text(s),
                other => ApiErrorBody::Other(other),
            };
        };
        if let Some(fault) = obj.get("fault").and_then(Value::as_object)
            && let Some(faultstring) = fault.get("faultstring").and_then(Value::as_str)
        {
            let errorcode = fault
                .get("detail")
                .and_then(|d| d.get("errorcode"))
                .and_then(Value::as_str)
                .map(str::to_owned);
            return ApiErrorBody::Fault {
                faultstring: faultstring.to_owned(),
                errorcode,
            };
        }
        let message = obj
            .get("message")
            .and_then(Value::as_str)
            .map(str::to_owned);
        if let Some(errors) = obj.get("errors").and_then(Value::as_array) {
            let errors = errors.iter().map(validation_entry).collect();
            return ApiErrorBody::Validation { message, errors };
        }
        match obj.get("detail") {
            Some(Value::Array(items)) => {
                let errors = items.iter().map(validation_entry).collect();
                return ApiErrorBody::Validation { message, errors };
            }
            Some(Value::String(detail)) if message.is_none() => {
                return ApiErrorBody::Message {
                    message: detail.clone(),
                };
            }
            _ => {}
        }
        match message {
            Some(message) => ApiErrorBody::Message { message },
            None => ApiErrorBody::Other(value),
        }
    }

    /// The body the gateway sends for a wrong API key.
    pub fn invalid_api_key() -> ApiErrorBody {
        ApiErrorBody::Fault {
            faultstring: INVALID_API_KEY.to_owned(),
            errorcode: Some("oauth.v2.InvalidApiKey".to_owned()),
        }
    }

    /// The body the gateway sends when no API key header was given.
    pub fn missing_api_key() -> ApiErrorBody {
        ApiErrorBody::Fault {
            faultstring: "Failed to resolve API Key variable request.header.X-Hume-Api-Key"
                .to_owned(),
            errorcode: Some("steps.oauth.v2.FailedToResolveAPIKey".to_owned()),
        }
    }

    /// `{"message":"job not found"}`.
    pub fn job_not_found() -> ApiErrorBody {
        ApiErrorBody::from_message("job not found")
    }

    /// A `{"message": ...}` body. (Named `from_message` because [`message`](Self::message) is
    /// the accessor.)
    pub fn from_message(message: impl Into<String>) -> ApiErrorBody {
        ApiErrorBody::Message {
            message: message.into(),
        }
    }

    /// A validation body listing every problem: `{"message":"invalid request","errors":[...]}`.
    pub fn validation(errors: ValidationErrors) -> ApiErrorBody {
        ApiErrorBody::Validation {
            message: Some("invalid request".to_owned()),
            errors: errors.into_iter().collect(),
        }
    }

    /// The JSON this body is sent as.
    pub fn to_json(&self) -> Value {
        match self {
            ApiErrorBody::Fault {
                faultstring,
                errorcode,
            } => {
                let mut fault = json!({ "faultstring": faultstring });
                if let Some(code) = errorcode {
                    fault["detail"] = json!({ "errorcode": code });
                }
                json!({ "fault": fault })
            }
            ApiErrorBody::Message { message } => json!({ "message": message }),
            ApiErrorBody::Validation { message, errors } => match message {
                Some(message) => json!({ "message": message, "errors": errors }),
                None => json!({ "errors": errors }),
            },
            ApiErrorBody::Other(v) => v.clone(),
            ApiErrorBody::Text(t) => Value::String(t.clone()),
        }
    }

    /// Passes every string of the body (messages, fault strings, validation fields, and
    /// every string and key of an unknown shape) through `f`: how a client removes a secret
    /// the server echoed, after decoding.
    pub fn map_text(&mut self, f: &mut dyn FnMut(&mut String)) {
        match self {
            ApiErrorBody::Fault {
                faultstring,
                errorcode,
            } => {
                f(faultstring);
                if let Some(code) = errorcode {
                    f(code);
                }
            }
            ApiErrorBody::Message { message } => f(message),
            ApiErrorBody::Validation { message, errors } => {
                if let Some(message) = message {
                    f(message);
                }
                for error in errors {
                    f(&mut error.field);
                    f(&mut error.message);
                }
            }
            ApiErrorBody::Other(value) => map_value_text(value, f),
            ApiErrorBody::Text(text) => f(text),
        }
    }

    /// A one-line human message (never empty).
    pub fn message(&self) -> String {
        match self {
            ApiErrorBody::Fault {
                faultstring,
                errorcode: Some(code),
            } => format!("{faultstring} ({code})"),
            ApiErrorBody::Fault { faultstring, .. } => faultstring.clone(),
            ApiErrorBody::Message { message } => message.clone(),
            ApiErrorBody::Validation { message, errors } => {
                let head = message.as_deref().unwrap_or("invalid request");
                if errors.is_empty() {
                    head.to_owned()
                } else {
                    let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
                    format!("{head}: {}", list.join("; "))
                }
            }
            ApiErrorBody::Other(v) => parse_error::excerpt(v.to_string().as_bytes()),
            ApiErrorBody::Text(t) if t.trim().is_empty() => "empty body".to_owned(),
            ApiErrorBody::Text(t) => t.clone(),
        }
    }

    /// Is this the gateway's bad or missing API key fault?
    pub fn is_invalid_api_key(&self) -> bool {
        match self {
            ApiErrorBody::Fault {
                faultstring,
                errorcode,
            } => {
                faultstring == INVALID_API_KEY
                    || errorcode.as_deref().is_some_and(|c| {
                        c.contains("InvalidApiKey") || c.contains("FailedToResolveAPIKey")
                    })
            }
            _ => false,
        }
    }

    /// Is this `{"message":"job not found"}`?
    pub fn is_job_not_found(&self) -> bool {
        matches!(self, ApiErrorBody::Message { message } if message == "job not found")
    }

    /// Was the body one of the typed shapes (not [`Other`](Self::Other) or
    /// [`Text`](Self::Text))?
    pub fn is_recognised(&self) -> bool {
        !matches!(self, ApiErrorBody::Other(_) | ApiErrorBody::Text(_))
    }

    /// The validation problems, if this is a validation body.
    pub fn validation_errors(&self) -> &[ValidationError] {
        match self {
            ApiErrorBody::Validation { errors, .. } => errors,
            _ => &[],
        }
    }
}

/// `{"field","message"}` (ours) or `{"loc":[...],"msg"}` (FastAPI) → a [`ValidationError`].
fn validation_entry(v: &Value) -> ValidationError {
    let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    let field = text("field").or_else(|| {
        v.get("loc").and_then(Value::as_array).map(|loc| {
            let mut out = String::new();
            for part in loc {
                match part {
                    Value::Number(n) => out.push_str(&format!("[{n}]")),
                    Value::String(s) => {
                        if !out.is_empty() {
                            out.push('.');
                        }
                        out.push_str(s);
                    }
                    _ => {}
                }
            }
            out
        })
    });
    let message = text("message").or_else(|| text("msg"));
    ValidationError::new(
        field.unwrap_or_default(),
        message.unwrap_or_else(|| v.to_string()),
    )
}

impl Serialize for ApiErrorBody {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

impl<'de> Deserialize<'de> for ApiErrorBody {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(ApiErrorBody::from_value(Value::deserialize(d)?))
    }
}

/// Passes every string and object key of `value` through `f`.
pub(crate) fn map_value_text(value: &mut Value, f: &mut dyn FnMut(&mut String)) {
    match value {
        Value::String(text) => f(text),
        Value::Array(items) => items.iter_mut().for_each(|v| map_value_text(v, f)),
        Value::Object(map) => {
            let entries = std::mem::take(map);
            for (mut key, mut v) in entries {
                f(&mut key);
                map_value_text(&mut v, f);
                map.insert(key, v);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}
