//! The secret API key and the only ways to read it.

use std::fmt;

use http::HeaderValue;

use crate::HumeError;

/// Name of the environment variable [`ApiKey::from_env`] reads.
pub const API_KEY_ENV: &str = "HUME_API_KEY";

/// Name of the header that carries the key (lowercase, as `http` stores names).
pub const API_KEY_HEADER: &str = "x-hume-api-key";

/// A Hume API key.
///
/// The value never appears in `Debug` or `Display` output (both print a redaction), it is not
/// `Serialize`, has no `Deref` and no `PartialEq`. It comes out only through
/// [`expose_secret`](ApiKey::expose_secret) or as a header value marked sensitive.
#[derive(Clone)]
pub struct ApiKey(Box<str>);

impl ApiKey {
    /// Wraps a key; surrounding whitespace is trimmed.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] when the key is empty or cannot be sent in an HTTP header
    /// (control characters or non-visible-ASCII bytes). The message never contains the key.
    pub fn new(key: impl Into<String>) -> Result<Self, HumeError> {
        let key: String = key.into();
        let trimmed = key.trim();
        if trimmed.is_empty() {
            return Err(HumeError::InvalidConfig("api key is empty".into()));
        }
        if !trimmed.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
            return Err(HumeError::InvalidConfig(
                "api key contains characters that cannot be sent in an http header".into(),
            ));
        }
        Ok(Self(trimmed.into()))
    }

    /// Reads the key from the `HUME_API_KEY` environment variable.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] when the variable is unset, not unicode, or invalid as a key.
    pub fn from_env() -> Result<Self, HumeError> {
        match std::env::var(API_KEY_ENV) {
            Ok(value) => Self::new(value),
            Err(std::env::VarError::NotPresent) => Err(HumeError::InvalidConfig(format!(
                "environment variable {API_KEY_ENV} is not set"
            ))),
            Err(std::env::VarError::NotUnicode(_)) => Err(HumeError::InvalidConfig(format!(
                "environment variable {API_KEY_ENV} is not valid unicode"
            ))),
        }
    }

    /// The key itself. Call this only to hand the key to something that needs it.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// `text` with this key removed, written literally, JSON-escaped or percent-encoded (see
    /// [`scrub`](crate::scrub::scrub)): for showing text a server sent.
    pub fn scrub<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        crate::scrub::scrub_str(text, &self.0)
    }

    /// The key as an HTTP header value with `set_sensitive(true)`, so `http`'s `Debug` prints
    /// `Sensitive` instead of the value.
    pub fn header_value(&self) -> HeaderValue {
        // `new` admits only visible ASCII, which is always a valid header value.
        let mut value =
            HeaderValue::from_str(&self.0).unwrap_or_else(|_| HeaderValue::from_static(""));
        value.set_sensitive(true);
        value
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(\"[redacted]\")")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests;
