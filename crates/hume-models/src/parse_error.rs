//! [`ParseError`]: a response body that is not the JSON we expect.

use std::fmt;

use serde::de::DeserializeOwned;

/// Largest body excerpt kept in a [`ParseError`], in bytes.
pub const EXCERPT_LIMIT: usize = 512;

/// A response body could not be parsed into the expected type.
///
/// Carries the path to the failing field (for example `[0].results.predictions[3].file`), the
/// position in the body and a short excerpt of the body (at most [`EXCERPT_LIMIT`] bytes).
#[derive(Debug)]
pub struct ParseError {
    target: &'static str,
    path: String,
    error: serde_json::Error,
    excerpt: String,
}

impl ParseError {
    /// The type we tried to parse, for example `"Predictions"`.
    pub fn target(&self) -> &'static str {
        self.target
    }

    /// The path to the failing field (`.` when the problem is at the top level).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// 1-based line of the error in the body (0 when parsing from a `serde_json::Value`).
    pub fn line(&self) -> usize {
        self.error.line()
    }

    /// 1-based column of the error in the body (0 when parsing from a `serde_json::Value`).
    pub fn column(&self) -> usize {
        self.error.column()
    }

    /// The start of the body, cut at [`EXCERPT_LIMIT`] bytes on a character boundary.
    pub fn excerpt(&self) -> &str {
        &self.excerpt
    }

    /// The underlying JSON error.
    pub fn json_error(&self) -> &serde_json::Error {
        &self.error
    }

    /// Is the body truncated (ended in the middle of a value)?
    pub fn is_eof(&self) -> bool {
        self.error.is_eof()
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot parse {} at `{}`: {}",
            self.target, self.path, self.error
        )
    }
}

impl std::error::Error for ParseError {}

/// Cuts `bytes` to at most [`EXCERPT_LIMIT`] bytes of (lossy) UTF-8 text.
pub(crate) fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(EXCERPT_LIMIT)]);
    let mut s = text.into_owned();
    while s.len() > EXCERPT_LIMIT {
        s.pop();
    }
    s
}

/// Parses `bytes` as `T`. The fast path is plain `serde_json`; only on failure is the body
/// parsed a second time with path tracking, so the happy path pays nothing for good errors.
pub(crate) fn from_slice<T: DeserializeOwned>(
    target: &'static str,
    bytes: &[u8],
) -> Result<T, ParseError> {
    // Validating UTF-8 once up front and parsing from `&str` is markedly faster than letting
    // serde_json validate every string separately (most of a predictions body is short
    // strings). Invalid UTF-8 falls through to the slice path, which reports where it is.
    let fast = match std::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(bytes),
    };
    match fast {
        Ok(v) => Ok(v),
        Err(first) => {
            let mut de = serde_json::Deserializer::from_slice(bytes);
            let (path, error) = match serde_path_to_error::deserialize::<_, T>(&mut de) {
                Err(e) => (e.path().to_string(), e.into_inner()),
                Ok(_) => (".".to_owned(), first),
            };
            Err(ParseError {
                target,
                path,
                error,
                excerpt: excerpt(bytes),
            })
        }
    }
}

/// Parses a `serde_json::Value` as `T`, keeping the path to a failing field.
pub(crate) fn from_value<T: DeserializeOwned>(
    target: &'static str,
    value: serde_json::Value,
) -> Result<T, ParseError> {
    serde_path_to_error::deserialize::<_, T>(&value).map_err(|e| ParseError {
        target,
        path: e.path().to_string(),
        error: e.into_inner(),
        excerpt: excerpt(value.to_string().as_bytes()),
    })
}

/// Reads a whole body, a read failure becoming a [`ParseError`] at the top level.
pub(crate) fn read_all(
    target: &'static str,
    mut reader: impl std::io::Read,
) -> Result<Vec<u8>, ParseError> {
    let mut buf = Vec::new();
    match reader.read_to_end(&mut buf) {
        Ok(_) => Ok(buf),
        Err(e) => Err(ParseError {
            target,
            path: ".".to_owned(),
            error: serde_json::Error::io(e),
            excerpt: excerpt(&buf),
        }),
    }
}
