//! [`FacePrediction`]: one detected face in one frame.

use serde::{Deserialize, Serialize};

use super::{BoundingBox, EmotionScore};

/// One face in one frame.
///
/// ⚠ `time` is a plain number of seconds here (0 for images); every other model uses a
/// `{begin, end}` [`TimeInterval`](super::TimeInterval).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
