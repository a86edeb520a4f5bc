//! [`Window`]: sliding-window settings for prosody.

use serde::{Deserialize, Serialize};

/// A sliding window for prosody: predictions over fixed spans instead of transcript segments.
/// Both values are seconds and must be at least 0.5.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Window {
    /// Window length in seconds (server default 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<f64>,
    /// Step between window starts in seconds (server default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<f64>,
}

impl Window {
    /// A window with both values set.
    pub fn new(length: f64, step: f64) -> Self {
        Window {
            length: Some(length),
            step: Some(step),
        }
    }

    /// Sets the window length in seconds.
    pub fn with_length(mut self, seconds: f64) -> Self {
        self.length = Some(seconds);
        self
    }

    /// Sets the step in seconds.
    pub fn with_step(mut self, seconds: f64) -> Self {
        self.step = Some(seconds);
        self
    }
}
