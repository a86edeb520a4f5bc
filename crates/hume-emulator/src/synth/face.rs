//! Face (and facemesh) predictions: faces tracked over the sampled frames.
//!
//! An image has one frame at time 0. A video is sampled at `fps_pred` frames per second of a
//! 30 fps stream (`0` = every frame). Each file shows 1–2 faces (from its hash) with a stable
//! box that jitters slightly; a face whose side is below `min_face_size` or whose probability
//! is below `prob_threshold` is left out. Group ids are `face_N` with `identify_faces`, else
//! every face is in group `unknown`.

use hume_models::names::EXPRESSIONS_48;
use hume_models::{BoundingBox, FaceConfig, FacePrediction, FacemeshPrediction, ModelResult};

use super::context::{FileCtx, group};
use super::media::MediaKind;
use super::scores::{FACE_DESCRIPTIONS, FACS_NAMES, between, round3, scores};

/// Native frame rate of emulated videos.
pub(crate) const NATIVE_FPS: f64 = 30.0;

/// A face present in the file.
struct Face {
    index: usize,
    x: f64,
    y: f64,
    side: f64,
    prob: f64,
}

fn faces(ctx: &FileCtx<'_>) -> Vec<Face> {
    let count = 1 + (ctx.key % 2) as usize;
    (0..count)
        .map(|index| {
            let mut rng = ctx.rng("face-layout", index as u64);
            Face {
                index,
                x: between(&mut rng, 40.0, 900.0),
                y: between(&mut rng, 30.0, 400.0),
                side: between(&mut rng, 48.0, 300.0),
                prob: 0.99 + 0.0099 * rng.f64(),
            }
        })
        .collect()
}

/// The frame numbers sampled for the file.
pub(crate) fn sampled_frames(ctx: &FileCtx<'_>, fps_pred: f64) -> Vec<u64> {
    if ctx.kind != MediaKind::Video {
        return vec![0];
    }
    let total = (ctx.duration * NATIVE_FPS).floor().max(1.0) as u64;
    let step = if fps_pred <= 0.0 {
        1
    } else {
        (NATIVE_FPS / fps_pred).round().max(1.0) as u64
    };
    (0..total).step_by(step as usize).collect()
}

/// Face predictions for a file.
pub(crate) fn face(ctx: &FileCtx<'_>, config: &FaceConfig) -> ModelResult<FacePrediction> {
    let threshold = config.prob_threshold.unwrap_or(0.99);
    let min_side = f64::from(config.min_face_size.unwrap_or(60));
    let identify = config.identify_faces.unwrap_or(false);
    let visible: Vec<Face> = faces(ctx)
        .into_iter()
        .filter(|f| f.side >= min_side && f.prob >= threshold)
        .collect();
    let mut pairs = Vec::new();
    for frame in sampled_frames(ctx, config.fps_pred.unwrap_or(3.0)) {
        for face in &visible {
            let mut rng = ctx.rng("face", frame * 16 + face.index as u64);
            let jitter = |rng: &mut fastrand::Rng| between(rng, -4.0, 4.0);
            let bbox = BoundingBox::new(
                round3(face.x + jitter(&mut rng)),
                round3(face.y + jitter(&mut rng)),
                round3(face.side + jitter(&mut rng).abs()),
                round3(face.side * 1.25 + jitter(&mut rng).abs()),
            );
            let mut prediction = FacePrediction::default()
                .with_frame(frame)
                .with_time(round3(frame as f64 / NATIVE_FPS))
                .with_prob(face.prob)
                .with_bbox(bbox)
                .with_emotions(scores(EXPRESSIONS_48, &mut rng));
            prediction.facs = config.facs.as_ref().map(|_| scores(FACS_NAMES, &mut rng));
            prediction.descriptions = config
                .descriptions
                .as_ref()
                .map(|_| scores(FACE_DESCRIPTIONS, &mut rng));
            let id = if identify {
                format!("face_{}", face.index)
            } else {
                "unknown".to_owned()
            };
            pairs.push((id, prediction));
        }
    }
    ModelResult::new(group(pairs))
}

/// Facemesh predictions: one per face present in the file.
pub(crate) fn facemesh(ctx: &FileCtx<'_>) -> ModelResult<FacemeshPrediction> {
    let pairs = faces(ctx).into_iter().map(|face| {
        let mut rng = ctx.rng("facemesh", face.index as u64);
        (
            "unknown".to_owned(),
            FacemeshPrediction::new(scores(EXPRESSIONS_48, &mut rng)),
        )
    });
    ModelResult::new(group(pairs))
}
