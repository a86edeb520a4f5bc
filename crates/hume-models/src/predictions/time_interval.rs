//! [`TimeInterval`]: a span of media time.

use serde::{Deserialize, Serialize};

/// A span of media time in seconds (`{begin, end}`). Every model except face uses this; face
/// `time` is a plain number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TimeInterval {
    /// Start, in seconds.
    #[serde(default, deserialize_with = "crate::de::f64_or_zero")]
    pub begin: f64,
    /// End, in seconds.
    #[serde(default, deserialize_with = "crate::de::f64_or_zero")]
    pub end: f64,
}

impl TimeInterval {
    /// A span from `begin` to `end` seconds.
    pub fn new(begin: f64, end: f64) -> Self {
        TimeInterval { begin, end }
    }

    /// `end − begin` in seconds.
    pub fn duration(&self) -> f64 {
        self.end - self.begin
    }
}
