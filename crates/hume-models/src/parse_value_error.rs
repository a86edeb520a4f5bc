//! The error returned when a string names no known value of one of our enums.

/// A string could not be turned into one of this crate's enums or query parameters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind}: {value:?}")]
pub struct ParseValueError {
    kind: &'static str,
    value: String,
}

impl ParseValueError {
    pub(crate) fn new(kind: &'static str, value: impl Into<String>) -> Self {
        ParseValueError {
            kind,
            value: value.into(),
        }
    }

    /// What was being parsed (for example `"model type"` or `"limit"`).
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The rejected input.
    pub fn value(&self) -> &str {
        &self.value
    }
}
