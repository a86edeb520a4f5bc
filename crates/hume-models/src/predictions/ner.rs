//! [`NerPrediction`]: one named entity and the emotions around it.

use serde::{Deserialize, Serialize};

use super::{EmotionScore, TextPosition, TimeInterval};

/// A named entity found in the text or transcript.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NerPrediction {
    /// The entity as written.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub entity: String,
    /// Where the entity is, in characters.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub position: TextPosition,
    /// Confidence that this is the entity.
    #[serde(default, deserialize_with = "crate::de::f64_or_zero")]
    pub entity_confidence: f64,
    /// How often other entities link to this one.
    #[serde(default, deserialize_with = "crate::de::f64_or_zero")]
    pub support: f64,
    /// A URL with more information about the entity.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub uri: String,
    /// The word the emotions are attached to.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub link_word: String,
    /// When the entity is spoken (`null` for raw text).
    #[serde(default)]
    pub time: Option<TimeInterval>,
    /// Transcription confidence, 0..=1.
    #[serde(default)]
    pub confidence: Option<f64>,
    /// Speaker identification confidence, 0..=1.
    #[serde(default)]
    pub speaker_confidence: Option<f64>,
    /// Expression scores (the language set).
    #[serde(default, deserialize_with = "crate::de::list_of::<_, _, 53>")]
    pub emotions: Vec<EmotionScore>,
}

with_setters!(NerPrediction {
    with_entity => entity: String,
    with_position => position: TextPosition,
    with_entity_confidence => entity_confidence: f64,
    with_support => support: f64,
    with_uri => uri: String,
    with_link_word => link_word: String,
    with_time => Some(time): TimeInterval,
    with_confidence => Some(confidence): f64,
    with_speaker_confidence => Some(speaker_confidence): f64,
    with_emotions => emotions: Vec<EmotionScore>,
});
