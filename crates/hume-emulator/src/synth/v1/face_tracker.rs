//! `face_id` assignment across the images of a request (or the frames of a session).
//!
//! Measured faces are matched, largest first, to the remembered faces by box overlap
//! (intersection over union of at least [`MATCH_IOU`]); a match keeps its id and its box
//! moves to the new position, a face with no match gets the next id. Up to
//! [`MAX_TRACKED_FACES`] faces are remembered, the one seen longest ago forgotten first, so a
//! face can get its id back after leaving the view. The state (next id and remembered boxes)
//! can travel in a `face_state` token ([`super::face_state`]).

/// How many faces are remembered.
pub(crate) const MAX_TRACKED_FACES: usize = 32;
/// The least overlap (intersection over union) for two boxes to be the same face.
pub(crate) const MATCH_IOU: f64 = 0.3;

/// A box `[x0, y0, x1, y1]` in pixels.
pub(crate) type BBox = [f64; 4];

/// A remembered face.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TrackedFace {
    /// Its id.
    pub(crate) face_id: u64,
    /// Where it was last seen.
    pub(crate) bbox: BBox,
}

/// The tracking state of one request or session.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FaceTracker {
    next_id: u64,
    /// Least recently seen first.
    tracked: Vec<TrackedFace>,
}

impl FaceTracker {
    /// Numbering from 0, nothing remembered.
    pub(crate) fn new() -> FaceTracker {
        FaceTracker::default()
    }

    /// A state restored from a token; keeps the most recent [`MAX_TRACKED_FACES`].
    pub(crate) fn from_parts(next_id: u64, mut tracked: Vec<TrackedFace>) -> FaceTracker {
        let excess = tracked.len().saturating_sub(MAX_TRACKED_FACES);
        tracked.drain(..excess);
        FaceTracker { next_id, tracked }
    }

    /// The id the next new face gets.
    pub(crate) fn next_id(&self) -> u64 {
        self.next_id
    }

    /// The remembered faces, least recently seen first.
    pub(crate) fn tracked(&self) -> &[TrackedFace] {
        &self.tracked
    }

    /// Ids for the measured faces of one image, given largest first.
    pub(crate) fn assign(&mut self, boxes: &[BBox]) -> Vec<u64> {
        let mut taken: Vec<u64> = Vec::with_capacity(boxes.len());
        let mut ids = Vec::with_capacity(boxes.len());
        for bbox in boxes {
            let best = self
                .tracked
                .iter()
                .enumerate()
                .filter(|(_, face)| !taken.contains(&face.face_id))
                .map(|(index, face)| (index, iou(&face.bbox, bbox)))
                .filter(|&(_, overlap)| overlap >= MATCH_IOU)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            let face_id = match best {
                Some((index, _)) => {
                    let face = self.tracked.remove(index);
                    face.face_id
                }
                None => {
                    let id = self.next_id;
                    self.next_id += 1;
                    id
                }
            };
            self.tracked.push(TrackedFace {
                face_id,
                bbox: *bbox,
            });
            if self.tracked.len() > MAX_TRACKED_FACES {
                // Forget the face seen longest ago that is not in this image.
                if let Some(oldest) = self
                    .tracked
                    .iter()
                    .position(|face| !taken.contains(&face.face_id) && face.face_id != face_id)
                {
                    self.tracked.remove(oldest);
                }
            }
            taken.push(face_id);
            ids.push(face_id);
        }
        ids
    }
}

/// Intersection over union of two boxes (0 when either is empty).
pub(crate) fn iou(a: &BBox, b: &BBox) -> f64 {
    let area = |r: &BBox| (r[2] - r[0]).max(0.0) * (r[3] - r[1]).max(0.0);
    let w = (a[2].min(b[2]) - a[0].max(b[0])).max(0.0);
    let h = (a[3].min(b[3]) - a[1].max(b[1])).max(0.0);
    let inter = w * h;
    let union = area(a) + area(b) - inter;
    if union > 0.0 { inter / union } else { 0.0 }
}

#[cfg(test)]
mod tests;
