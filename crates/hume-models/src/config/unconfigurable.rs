//! [`Unconfigurable`]: the `{}` switch objects of the API.

use serde::{Deserialize, Serialize};

/// A feature switch that takes no options today: sending `{}` turns the feature on, leaving it
/// out (or `null`) turns it off.
///
/// The API types it as an open map, so any keys a future API adds are kept here verbatim.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
#[non_exhaustive]
pub struct Unconfigurable {
    /// Keys the current API does not define (normally empty).
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl Unconfigurable {
    /// The `{}` value that enables a feature.
    pub fn new() -> Self {
        Self::default()
    }
}
