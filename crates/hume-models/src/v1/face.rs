//! [`Face`] (one detected face, measured or not) and its [`BoundingBox`].

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeTuple;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Score;

/// Where a face is in the submitted image: `[x0, y0, x1, y1]` on the wire, the top-left and
/// bottom-right corners in pixels, origin at the image's top-left. Coordinates are in the
/// pixels as stored in the file: EXIF orientation is not applied.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[non_exhaustive]
pub struct BoundingBox {
    /// Left edge.
    pub x0: f64,
    /// Top edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub y1: f64,
}

impl BoundingBox {
    /// A box from its corners.
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Self {
        BoundingBox { x0, y0, x1, y1 }
    }

    /// `x1 − x0`.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    /// `y1 − y0`.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// The shorter side: what `face.min_size` is compared with.
    pub fn shorter_side(&self) -> f64 {
        self.width().min(self.height())
    }

    /// Width × height.
    pub fn area(&self) -> f64 {
        self.width() * self.height()
    }

    /// The corners as the wire array `[x0, y0, x1, y1]`.
    pub fn to_array(&self) -> [f64; 4] {
        [self.x0, self.y0, self.x1, self.y1]
    }
}

impl From<[f64; 4]> for BoundingBox {
    fn from([x0, y0, x1, y1]: [f64; 4]) -> Self {
        BoundingBox { x0, y0, x1, y1 }
    }
}

impl Serialize for BoundingBox {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut t = s.serialize_tuple(4)?;
        for v in self.to_array() {
            t.serialize_element(&v)?;
        }
        t.end()
    }
}

impl<'de> Deserialize<'de> for BoundingBox {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = BoundingBox;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a bounding box [x0, y0, x1, y1]")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<BoundingBox, A::Error> {
                let mut out = [0.0; 4];
                for (i, slot) in out.iter_mut().enumerate() {
                    *slot = seq
                        .next_element()?
                        .ok_or_else(|| de::Error::invalid_length(i, &self))?;
                }
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(5, &self));
                }
                Ok(BoundingBox::from(out))
            }
        }
        d.deserialize_seq(V)
    }
}

/// A face detected in an image or realtime frame.
///
/// Only the largest faces are measured (2 by default); they come first in a frame's list,
/// largest first, with `face_id`, `expressions` and `descriptions`. The other faces follow,
/// most confident first, with those three `null` ([`Face::unmeasured`]). Up to 32 faces are
/// listed per image.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Face {
    /// Tracks the face across the images of one request (or, with `face_state`, across
    /// requests) and across the frames of one session. Ids count from 0 in the order faces are
    /// first measured, largest first within an image. A face normally keeps its id while
    /// measured and can get it back after leaving the view; the server remembers 32 faces, so a
    /// face returning after many others may get a new id. Ids do not identify a person.
    /// `None` (`null`) for a face that was not measured.
    pub face_id: Option<u64>,
    /// Where the face is.
    pub bbox: BoundingBox,
    /// Confidence that the box holds a face (at or above the configured threshold; unrelated
    /// to the expression scores).
    pub confidence: f64,
    /// Expressions on the face (`amusement`, `interest`, `surprise (positive)`, ...), highest
    /// probability first (ties by name), only those above 0.1; the chance a person would name
    /// the expression for this face, independently for each. `None` when not measured.
    pub expressions: Option<Vec<Score>>,
    /// Visible facial actions (`smile`, `jaw drop`, `wide-eyed`, ...), highest first (ties by
    /// name), only those above 0.1. `None` when not measured.
    pub descriptions: Option<Vec<Score>>,
}

impl Face {
    /// A measured face.
    pub fn measured(
        face_id: u64,
        bbox: BoundingBox,
        confidence: f64,
        expressions: Vec<Score>,
        descriptions: Vec<Score>,
    ) -> Self {
        Face {
            face_id: Some(face_id),
            bbox,
            confidence,
            expressions: Some(expressions),
            descriptions: Some(descriptions),
        }
    }

    /// A face listed but not measured (`face_id`, `expressions`, `descriptions` null).
    pub fn unmeasured(bbox: BoundingBox, confidence: f64) -> Self {
        Face {
            face_id: None,
            bbox,
            confidence,
            expressions: None,
            descriptions: None,
        }
    }

    /// Was this face measured (has a `face_id` or scores)?
    pub fn is_measured(&self) -> bool {
        self.face_id.is_some() || self.expressions.is_some() || self.descriptions.is_some()
    }

    /// The expression scores (empty when not measured).
    pub fn expression_scores(&self) -> &[Score] {
        self.expressions.as_deref().unwrap_or(&[])
    }

    /// The description scores (empty when not measured).
    pub fn description_scores(&self) -> &[Score] {
        self.descriptions.as_deref().unwrap_or(&[])
    }
}
