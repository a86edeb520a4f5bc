//! [`FacemeshPrediction`]: expressions from face landmarks.

use serde::{Deserialize, Serialize};

use super::EmotionScore;

/// Expressions inferred from a face mesh (landmark input).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FacemeshPrediction {
    /// The 48 expression scores.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub emotions: Vec<EmotionScore>,
}
