//! [`BurstPrediction`]: one vocal burst.

use serde::{Deserialize, Serialize};

use super::{EmotionScore, TimeInterval};

/// One vocal burst (a non-speech vocalisation such as a laugh or sigh).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BurstPrediction {
    /// When the burst happens.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub time: TimeInterval,
    /// The 48 expression scores.
    #[serde(default, deserialize_with = "crate::de::list_of::<_, _, 48>")]
    pub emotions: Vec<EmotionScore>,
    /// One score per vocal-burst type (67 in the docs).
    #[serde(default, deserialize_with = "crate::de::list_of::<_, _, 67>")]
    pub descriptions: Vec<EmotionScore>,
}

with_setters!(BurstPrediction {
    with_time => time: TimeInterval,
    with_emotions => emotions: Vec<EmotionScore>,
    with_descriptions => descriptions: Vec<EmotionScore>,
});
