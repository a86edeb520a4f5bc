//! [`InvalidId`]: ids that travel as one URL path segment and one file name.
//!
//! A job id goes into `/v0/batch/jobs/{id}` and, in the CLI, into `hume-output/{id}`; a v1 run
//! id into `/v1/expression/run/{id}`. Percent-encoding keeps `/` and `?` from adding segments
//! or a query, but not everything: URL parsers resolve the dot segments `.` and `..` (so
//! `status ..` would ask for the job list), and a file system reads `..`, `/`, `\` and drive
//! prefixes as paths. [`check_id`] refuses those before any request is built or any folder
//! is created, for ids the server sent and for ids a user typed alike.

use std::fmt;

/// Longest id accepted, in bytes (UUIDs have 36).
pub const MAX_ID_LEN: usize = 256;

/// An id that is not a safe single path segment.
///
/// Display names the kind of id, the id (escaped, shortened) and why it was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidId {
    kind: &'static str,
    id: String,
    reason: &'static str,
}

impl InvalidId {
    /// What kind of id it is (`"job id"`, `"run id"`, ...).
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The id as given (at most [`MAX_ID_LEN`] bytes of it).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Why it was refused.
    pub fn reason(&self) -> &'static str {
        self.reason
    }

    /// The same error with its id passed through `f` (a client removing a secret the
    /// server may have put in it).
    #[must_use]
    pub fn map_text(mut self, f: impl FnOnce(&str) -> String) -> Self {
        self.id = f(&self.id);
        self
    }
}

impl fmt::Display for InvalidId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `{:?}` escapes control characters, so a hostile id cannot drive a terminal.
        write!(f, "invalid {} {:?}: {}", self.kind, self.id, self.reason)
    }
}

impl std::error::Error for InvalidId {}

/// Checks that `id` (an id of `kind`, for messages) is safe as one URL path segment and one
/// file name on every platform: not empty, not `.` or `..`, at most [`MAX_ID_LEN`] bytes, and
/// free of `/`, `\`, `:` (drive prefixes, alternate streams) and control characters.
///
/// # Errors
/// [`InvalidId`] saying which rule the id breaks.
pub fn check_id(kind: &'static str, id: &str) -> Result<(), InvalidId> {
    let reason = if id.is_empty() {
        Some("it is empty")
    } else if id == "." || id == ".." {
        Some("`.` and `..` are path steps (the current and the parent folder), not ids")
    } else if id.len() > MAX_ID_LEN {
        Some("it is longer than 256 bytes")
    } else if id.contains(['/', '\\']) {
        Some("it contains a path separator (`/` or `\\`)")
    } else if id.contains(':') {
        Some("it contains `:` (a drive prefix or stream name in a file name)")
    } else if id.chars().any(char::is_control) {
        Some("it contains control characters")
    } else {
        None
    };
    match reason {
        None => Ok(()),
        Some(reason) => {
            let mut end = id.len().min(MAX_ID_LEN);
            while !id.is_char_boundary(end) {
                end -= 1;
            }
            Err(InvalidId {
                kind,
                id: id[..end].to_owned(),
                reason,
            })
        }
    }
}

#[cfg(test)]
mod tests;
