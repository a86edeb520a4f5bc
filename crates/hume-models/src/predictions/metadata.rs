//! [`TranscriptionMetadata`]: transcription facts attached to a model's results.

use serde::{Deserialize, Serialize};

/// Transcription metadata of prosody, language and NER results (`null` for raw text and for
/// face, burst and facemesh).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TranscriptionMetadata {
    /// Transcription confidence, 0..=1 (`null`/missing reads as 0).
    #[serde(default, deserialize_with = "crate::de::f64_or_zero")]
    pub confidence: f64,
    /// The detected language tag, as an open string (for example `"en"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detected_language: Option<String>,
}
