//! [`ProsodyConfig`]: options of the speech prosody model.

use serde::{Deserialize, Serialize};

use super::{Granularity, Window};

/// Options of the `prosody` model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProsodyConfig {
    /// Unit of each prediction (default `utterance`; ignored with a window or without
    /// transcription).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub granularity: Option<Granularity>,
    /// Sliding-window analysis instead of transcript segments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    /// Tell speakers apart (default false: every speaker is `"unknown"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identify_speakers: Option<bool>,
}

impl ProsodyConfig {
    /// Sets the granularity.
    pub fn with_granularity(mut self, granularity: Granularity) -> Self {
        self.granularity = Some(granularity);
        self
    }

    /// Sets the sliding window.
    pub fn with_window(mut self, window: Window) -> Self {
        self.window = Some(window);
        self
    }

    /// Sets `identify_speakers`.
    pub fn with_identify_speakers(mut self, identify: bool) -> Self {
        self.identify_speakers = Some(identify);
        self
    }
}
