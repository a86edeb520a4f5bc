//! [`ApiType`]: which Hume API a client talks to.

use std::fmt;

/// The Hume API a client talks to: the `HumeBatchClient`s are [`ApiType::Batch`] clients
/// (`{base}/v0/batch/...`), as the legacy Python `HumeBatchClient.get_api_type()` was; the
/// `ExpressionMeasurementClient`s are [`ApiType::Expression`] clients
/// (`{base}/v1/expression/...`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiType {
    /// The Expression Measurement batch API (v0).
    Batch,
    /// The Expression Measurement API v1.
    Expression,
}

impl ApiType {
    /// The path segment of the API (`"batch"`, `"expression"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ApiType::Batch => "batch",
            ApiType::Expression => "expression",
        }
    }
}

impl fmt::Display for ApiType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
