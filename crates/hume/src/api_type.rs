//! [`ApiType`]: which Hume API a client talks to.

use std::fmt;

/// The Hume API a client talks to; both clients here are [`ApiType::Batch`] clients
/// (`{base}/v0/batch/...`), as the legacy Python `HumeBatchClient.get_api_type()` was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiType {
    /// The Expression Measurement batch API.
    Batch,
}

impl ApiType {
    /// The path segment of the API (`"batch"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ApiType::Batch => "batch",
        }
    }
}

impl fmt::Display for ApiType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
