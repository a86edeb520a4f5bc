//! [`TranscriptionMetadata`]: transcription facts attached to a model's results.

use serde::{Deserialize, Serialize};

/// Transcription metadata of prosody, language and NER results (`null` for raw text and for
/// face, burst and facemesh).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TranscriptionMetadata {
    /// Transcription confidence, 0..=1 (`null`/missing reads as 0).
    #[serde(default, deserialize_with = "crate::de::f64_or_zero")]
    pub confidence: f64,
    /// The detected language tag, as an open string (for example `"en"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detected_language: Option<String>,
}

impl TranscriptionMetadata {
    /// Metadata with this transcription confidence and no detected language.
    pub fn new(confidence: f64) -> Self {
        TranscriptionMetadata {
            confidence,
            detected_language: None,
        }
    }
}

with_setters!(TranscriptionMetadata {
    with_detected_language => Some(detected_language): String,
});
