//! [`FacemeshPrediction`]: expressions from face landmarks.

use serde::{Deserialize, Serialize};

use super::EmotionScore;

/// Expressions inferred from a face mesh (landmark input).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FacemeshPrediction {
    /// The 48 expression scores.
    #[serde(default, deserialize_with = "crate::de::list_of::<_, _, 48>")]
    pub emotions: Vec<EmotionScore>,
}

impl FacemeshPrediction {
    /// A prediction with these expression scores.
    pub fn new(emotions: Vec<EmotionScore>) -> Self {
        FacemeshPrediction { emotions }
    }
}
