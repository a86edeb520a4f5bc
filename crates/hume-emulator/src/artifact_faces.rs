//! Face crops for the artifacts zip when `face.save_faces` is `true`.
//!
//! One small greyscale PGM image per face prediction (at most [`MAX_FACE_CROPS`] per job),
//! named `faces/<file>/<frame>_<id>_<n>.pgm` (`n` counts the crops of one file); its size follows the predicted box (clamped to
//! 16–64 pixels) and its pixels are a deterministic pattern, not a real face.

use hume_models::Predictions;

/// At most this many crops per job.
pub(crate) const MAX_FACE_CROPS: usize = 200;

/// `(path inside the job folder, PGM bytes)` for every face prediction.
pub(crate) fn crops(predictions: &Predictions) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (_, prediction) in predictions.iter_predictions() {
        let Some(face) = &prediction.models.face else {
            continue;
        };
        let mut n = 0usize;
        for group in &face.grouped_predictions {
            for p in &group.predictions {
                n += 1;
                if out.len() >= MAX_FACE_CROPS {
                    return out;
                }
                let w = (p.bbox.w.round() as usize).clamp(16, 64);
                let h = (p.bbox.h.round() as usize).clamp(16, 64);
                let path = format!("faces/{}/{}_{}_{n}.pgm", prediction.file, p.frame, group.id);
                out.push((path, pgm(w, h, p.frame)));
            }
        }
    }
    out
}

/// A binary PGM (`P5`) of `w`×`h` pixels with a pattern shifted by `phase`.
fn pgm(w: usize, h: usize, phase: u64) -> Vec<u8> {
    let mut bytes = format!("P5\n{w} {h}\n255\n").into_bytes();
    for y in 0..h {
        for x in 0..w {
            bytes.push(((x * 7 + y * 5 + phase as usize * 3) % 256) as u8);
        }
    }
    bytes
}

#[cfg(test)]
mod tests;
