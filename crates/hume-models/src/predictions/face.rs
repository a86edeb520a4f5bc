//! [`FacePrediction`]: one detected face in one frame.

use serde::{Deserialize, Serialize};

use super::{BoundingBox, EmotionScore};

/// One face in one frame.
///
/// ⚠ `time` is a plain number of seconds here (0 for images); every other model uses a
/// `{begin, end}` [`TimeInterval`](super::TimeInterval).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FacePrediction {
    /// Frame number.
    #[serde(default, deserialize_with = "crate::de::int_or_zero")]
    pub frame: u64,
    /// Time of the frame in seconds.
    #[serde(default, deserialize_with = "crate::de::f64_or_zero")]
    pub time: f64,
    /// Probability that the detection is a face.
    #[serde(default, deserialize_with = "crate::de::f64_or_zero")]
    pub prob: f64,
    /// Where the face is (wire `box`).
    #[serde(rename = "box", default, deserialize_with = "crate::de::null_default")]
    pub bbox: BoundingBox,
    /// The 48 expression scores.
    #[serde(default, deserialize_with = "crate::de::list_of::<_, _, 48>")]
    pub emotions: Vec<EmotionScore>,
    /// FACS 2.0 action-unit scores (when `facs: {}` was requested).
    #[serde(default)]
    pub facs: Option<Vec<EmotionScore>>,
    /// Face description scores (when `descriptions: {}` was requested).
    #[serde(default)]
    pub descriptions: Option<Vec<EmotionScore>>,
}

with_setters!(FacePrediction {
    with_frame => frame: u64,
    with_time => time: f64,
    with_prob => prob: f64,
    with_bbox => bbox: BoundingBox,
    with_emotions => emotions: Vec<EmotionScore>,
    with_facs => Some(facs): Vec<EmotionScore>,
    with_descriptions => Some(descriptions): Vec<EmotionScore>,
});
