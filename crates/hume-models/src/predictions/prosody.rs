//! [`ProsodyPrediction`]: tone of voice over one speech segment.

use serde::{Deserialize, Serialize};

use super::{EmotionScore, TimeInterval};

/// Speech prosody over one transcript segment or window.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProsodyPrediction {
    /// The transcript segment (`null` for window-based output).
    #[serde(default)]
    pub text: Option<String>,
    /// When the segment happens.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub time: TimeInterval,
    /// Transcription confidence, 0..=1.
    #[serde(default)]
    pub confidence: Option<f64>,
    /// Speaker identification confidence, 0..=1.
    #[serde(default)]
    pub speaker_confidence: Option<f64>,
    /// The 48 expression scores.
    #[serde(default, deserialize_with = "crate::de::list_of::<_, _, 48>")]
    pub emotions: Vec<EmotionScore>,
}

with_setters!(ProsodyPrediction {
    with_text => Some(text): String,
    with_time => time: TimeInterval,
    with_confidence => Some(confidence): f64,
    with_speaker_confidence => Some(speaker_confidence): f64,
    with_emotions => emotions: Vec<EmotionScore>,
});
