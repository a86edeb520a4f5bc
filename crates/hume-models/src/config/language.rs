//! [`LanguageConfig`]: options of the emotional language model.

use serde::{Deserialize, Serialize};

use super::{Granularity, Unconfigurable};

/// Options of the `language` model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LanguageConfig {
    /// Unit of each prediction (server default `word`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub granularity: Option<Granularity>,
    /// Tell speakers apart (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identify_speakers: Option<bool>,
    /// `{}` turns on the 9-level sentiment distribution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<Unconfigurable>,
    /// `{}` turns on the 6 toxicity scores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toxicity: Option<Unconfigurable>,
}

impl LanguageConfig {
    /// Sets the granularity.
    pub fn with_granularity(mut self, granularity: Granularity) -> Self {
        self.granularity = Some(granularity);
        self
    }

    /// Sets `identify_speakers`.
    pub fn with_identify_speakers(mut self, identify: bool) -> Self {
        self.identify_speakers = Some(identify);
        self
    }

    /// Turns sentiment scores on or off.
    pub fn with_sentiment(mut self, on: bool) -> Self {
        self.sentiment = on.then(Unconfigurable::new);
        self
    }

    /// Turns toxicity scores on or off.
    pub fn with_toxicity(mut self, on: bool) -> Self {
        self.toxicity = on.then(Unconfigurable::new);
        self
    }
}
