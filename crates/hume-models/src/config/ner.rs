//! [`NerConfig`]: options of the named-entity model.

use serde::{Deserialize, Serialize};

/// Options of the `ner` model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NerConfig {
    /// Tell speakers apart (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identify_speakers: Option<bool>,
}

impl NerConfig {
    /// Sets `identify_speakers`.
    pub fn with_identify_speakers(mut self, identify: bool) -> Self {
        self.identify_speakers = Some(identify);
        self
    }
}
