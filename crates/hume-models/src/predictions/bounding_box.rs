//! [`BoundingBox`]: where a face is in a frame.

use serde::{Deserialize, Serialize};

/// A face's bounding box in pixels; `x`, `y` is the top-left corner.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BoundingBox {
    /// Left edge.
    #[serde(default, deserialize_with = "crate::de::f64_or_zero")]
    pub x: f64,
    /// Top edge.
    #[serde(default, deserialize_with = "crate::de::f64_or_zero")]
    pub y: f64,
    /// Width.
    #[serde(default, deserialize_with = "crate::de::f64_or_zero")]
    pub w: f64,
    /// Height.
    #[serde(default, deserialize_with = "crate::de::f64_or_zero")]
    pub h: f64,
}

impl BoundingBox {
    /// A box with its top-left corner at `x`, `y` and size `w` × `h` pixels.
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        BoundingBox { x, y, w, h }
    }
}
