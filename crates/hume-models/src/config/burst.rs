//! [`BurstConfig`]: the `burst` model, which takes no options.

use serde::{Deserialize, Serialize};

/// The `burst` (vocal burst) model. It takes no options and is enabled with `{}`; keys a future API
/// adds are kept verbatim in [`other`](Self::other).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
#[non_exhaustive]
pub struct BurstConfig {
    /// Keys the current API does not define (normally empty).
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl BurstConfig {
    /// The `{}` config.
    pub fn new() -> Self {
        Self::default()
    }
}
