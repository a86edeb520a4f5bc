//! Faces for one image: deterministic detections, then the listing rules of the video
//! endpoints.
//!
//! Detections ([`detect`]): the image's size picks a "scene" (how many faces, where, how big,
//! how confident), and the image's bytes move each face a little, change its confidence
//! slightly and sometimes hide it. So the frames of one video (same size, different bytes)
//! keep their faces, as a real camera's would, and `face_id`s follow them; images of another
//! size show other faces. Most scenes hold 0–5 faces; about one in twelve is a crowd of
//! 33–40. Boxes are `[x0, y0, x1, y1]` inside the image, one decimal; confidences four.
//!
//! Listing ([`list_faces`]): faces below `threshold` or whose box's shorter side is under
//! `min_size` are dropped; the largest `max_measured` (2 by default) are measured and listed
//! first, largest first, with a `face_id`, `expressions` and `descriptions`; the others follow
//! by confidence with those three absent; at most [`MAX_LISTED_FACES`] in all. Expression and
//! description scores are kept only above 0.1.

use super::draw::Draws;
use super::face_tracker::{BBox, FaceTracker};
use super::scores::{Score, ranked, round4};
use super::vocabulary::{VIDEO_DESCRIPTIONS, VIDEO_EXPRESSIONS};
use crate::hash::stable_hash;

/// The most faces listed per image.
pub(crate) const MAX_LISTED_FACES: usize = 32;
/// Expression and description scores are reported only above this.
pub(crate) const FACE_SCORE_CUTOFF: f64 = 0.1;
/// Images smaller than this on either side have no faces.
const MIN_IMAGE_SIDE: u32 = 16;

/// The face settings of a request or session.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FaceSettings {
    /// Least detection confidence listed (0–1, default 0.9).
    pub(crate) threshold: f64,
    /// Least shorter side of a listed box, in pixels (≥ 1, default 60).
    pub(crate) min_size: u32,
    /// How many of the largest faces are measured (2; raised only by Hume support).
    pub(crate) max_measured: usize,
}

impl Default for FaceSettings {
    fn default() -> Self {
        FaceSettings {
            threshold: 0.9,
            min_size: 60,
            max_measured: 2,
        }
    }
}

/// A detected face before the listing rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Detection {
    /// `[x0, y0, x1, y1]` in pixels, inside the image.
    pub(crate) bbox: BBox,
    /// Detection confidence, four decimals.
    pub(crate) confidence: f64,
}

impl Detection {
    fn width(&self) -> f64 {
        self.bbox[2] - self.bbox[0]
    }

    fn height(&self) -> f64 {
        self.bbox[3] - self.bbox[1]
    }

    fn area(&self) -> f64 {
        self.width() * self.height()
    }

    fn shorter_side(&self) -> f64 {
        self.width().min(self.height())
    }
}

/// A listed face.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ListedFace {
    /// Set for measured faces.
    pub(crate) face_id: Option<u64>,
    /// `[x0, y0, x1, y1]` in pixels.
    pub(crate) bbox: BBox,
    /// Detection confidence.
    pub(crate) confidence: f64,
    /// Set (possibly empty) for measured faces.
    pub(crate) expressions: Option<Vec<Score>>,
    /// Set (possibly empty) for measured faces.
    pub(crate) descriptions: Option<Vec<Score>>,
}

/// The faces of one image, listed: [`detect`] then [`list_faces`].
pub(crate) fn measure_image(
    image: &[u8],
    width: u32,
    height: u32,
    settings: &FaceSettings,
    tracker: &mut FaceTracker,
) -> Vec<ListedFace> {
    let seed = stable_hash(&[b"v1-face-image", image]);
    list_faces(seed, detect(seed, width, height), settings, tracker)
}

/// The detections of an image of `width × height` whose bytes hash to `image_seed`.
pub(crate) fn detect(image_seed: u64, width: u32, height: u32) -> Vec<Detection> {
    if width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE {
        return Vec::new();
    }
    let (w, h) = (f64::from(width), f64::from(height));
    let shorter = w.min(h);
    let mut scene = Draws::new(&[
        b"v1-face-scene",
        &width.to_le_bytes(),
        &height.to_le_bytes(),
    ]);
    let mut frame = Draws::from_seed(image_seed);
    let roll = scene.unit();
    let (count, crowd) = match roll {
        r if r < 0.15 => (0, false),
        r if r < 0.50 => (1, false),
        r if r < 0.75 => (2, false),
        r if r < 0.92 => (3 + scene.below(3), false),
        _ => (33 + scene.below(8), true),
    };
    let mut detections = Vec::new();
    for _ in 0..count {
        // The scene's face: size, shape, place, confidence.
        let side = shorter
            * if crowd {
                scene.between(0.05, 0.14)
            } else {
                scene.between(0.08, 0.45)
            };
        let aspect = scene.between(0.72, 0.9);
        let (cx, cy) = (scene.unit(), scene.unit());
        let confidence = 1.0 - 0.4 * scene.unit().powi(3);
        // This image's version of it.
        let scale = 1.0 + frame.between(-0.03, 0.03);
        let (dx, dy) = (frame.between(-0.02, 0.02), frame.between(-0.02, 0.02));
        let confidence = confidence + frame.between(-0.01, 0.01);
        let hidden = frame.unit() < 0.05;
        if hidden {
            continue;
        }
        let box_h = (side * scale).min(h);
        let box_w = (box_h * aspect).min(w);
        let x0 = ((w - box_w) * cx + dx * side).clamp(0.0, w - box_w);
        let y0 = ((h - box_h) * cy + dy * side).clamp(0.0, h - box_h);
        let bbox = [x0, y0, x0 + box_w, y0 + box_h].map(|v| (v * 10.0).floor() / 10.0);
        detections.push(Detection {
            bbox,
            confidence: round4(confidence.min(0.9999)),
        });
    }
    detections
}

/// Applies the listing rules to an image's detections and assigns `face_id`s.
pub(crate) fn list_faces(
    image_seed: u64,
    detections: Vec<Detection>,
    settings: &FaceSettings,
    tracker: &mut FaceTracker,
) -> Vec<ListedFace> {
    let mut kept: Vec<(usize, Detection)> = detections
        .into_iter()
        .enumerate()
        .filter(|(_, d)| {
            d.confidence >= settings.threshold && d.shorter_side() >= f64::from(settings.min_size)
        })
        .collect();
    // Largest first (ties: more confident, then detection order).
    kept.sort_by(|(ia, a), (ib, b)| {
        b.area()
            .total_cmp(&a.area())
            .then(b.confidence.total_cmp(&a.confidence))
            .then(ia.cmp(ib))
    });
    let measured_count = settings.max_measured.min(kept.len()).min(MAX_LISTED_FACES);
    let mut rest = kept.split_off(measured_count);
    let measured = kept;
    rest.sort_by(|(ia, a), (ib, b)| {
        b.confidence
            .total_cmp(&a.confidence)
            .then(b.area().total_cmp(&a.area()))
            .then(ia.cmp(ib))
    });
    rest.truncate(MAX_LISTED_FACES - measured_count);

    let boxes: Vec<BBox> = measured.iter().map(|(_, d)| d.bbox).collect();
    let ids = tracker.assign(&boxes);
    let mut listed: Vec<ListedFace> = measured
        .iter()
        .zip(ids)
        .map(|((index, d), face_id)| {
            let (expressions, descriptions) = face_scores(image_seed, *index);
            ListedFace {
                face_id: Some(face_id),
                bbox: d.bbox,
                confidence: d.confidence,
                expressions: Some(expressions),
                descriptions: Some(descriptions),
            }
        })
        .collect();
    listed.extend(rest.into_iter().map(|(_, d)| ListedFace {
        face_id: None,
        bbox: d.bbox,
        confidence: d.confidence,
        expressions: None,
        descriptions: None,
    }));
    listed
}

/// Expression and description scores of detection `index` of an image: most near zero, one
/// or two clearly present, and smiles going with joy and amusement.
pub(crate) fn face_scores(image_seed: u64, index: usize) -> (Vec<Score>, Vec<Score>) {
    let mut draws = Draws::new(&[
        b"v1-face-scores",
        &image_seed.to_le_bytes(),
        &(index as u64).to_le_bytes(),
    ]);
    let leading = VIDEO_EXPRESSIONS
        .get(draws.below(VIDEO_EXPRESSIONS.len() as u64) as usize)
        .copied()
        .unwrap_or("interest");
    let leading_p = draws.between(0.35, 0.9);
    let second = VIDEO_EXPRESSIONS
        .get(draws.below(VIDEO_EXPRESSIONS.len() as u64) as usize)
        .copied()
        .unwrap_or("calmness");
    let second_p = draws.between(0.12, 0.5);
    let expressions: Vec<(&'static str, f64)> = VIDEO_EXPRESSIONS
        .iter()
        .map(|&name| {
            let background = 0.2 * draws.unit().powi(4);
            let p = if name == leading {
                leading_p
            } else if name == second {
                second_p.max(background)
            } else {
                background
            };
            (name, p)
        })
        .collect();
    let smiling = matches!(
        leading,
        "joy" | "amusement" | "contentment" | "satisfaction"
    );
    let descriptions: Vec<(&'static str, f64)> = VIDEO_DESCRIPTIONS
        .iter()
        .map(|&name| {
            let background = 0.25 * draws.unit().powi(3);
            let p = match name {
                "smile" | "grin" if smiling => leading_p * draws.between(0.8, 1.1),
                _ => background,
            };
            (name, p)
        })
        .collect();
    let above = |_: &str, p: f64| p > FACE_SCORE_CUTOFF;
    (ranked(expressions, above), ranked(descriptions, above))
}

#[cfg(test)]
mod tests;
