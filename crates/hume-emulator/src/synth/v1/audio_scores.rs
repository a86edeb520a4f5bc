//! Deterministic scores for one measurement window, from the window's s16le bytes.
//!
//! Each probability is a draw seeded by a hash of the window's bytes and the name, shifted
//! by what the audio sounds like: loudness (RMS in dBFS), brightness (zero-crossing rate) and
//! variability (how much the 20 ms frame level moves). Loud audio raises `anger` and
//! `excitement` and lowers `calmness` and `tiredness`; lively audio raises `amusement`; steady
//! audio is `monotone`. The same bytes always give the same scores, whichever endpoint
//! measured them.
//!
//! `expressions` keeps a score when it reaches that expression's own threshold (between 0.30
//! and 0.55, fixed per name); `voice_attributes` keeps scores of at least 0.725. Both are
//! rounded to four decimals and sorted by probability, then name.

use super::draw::Draws;
use super::scores::{Score, ranked};
use super::vocabulary::{AUDIO_EXPRESSIONS, VOICE_ATTRIBUTES};
use crate::hash::stable_hash;

/// Voice attributes below this are not reported.
pub(crate) const VOICE_ATTRIBUTE_CUTOFF: f64 = 0.725;

/// Samples per 20 ms frame, for the variability feature.
const FRAME_SAMPLES: usize = 320;

/// How loudness, brightness and variability move an expression (each weight applies to the
/// feature mapped to `[-1, 1]`).
const AFFECT: &[(&str, [f64; 3])] = &[
    ("amusement", [0.0, 0.1, 0.25]),
    ("anger", [0.35, 0.1, 0.0]),
    ("boredom", [-0.15, 0.0, -0.25]),
    ("calmness", [-0.3, -0.1, -0.2]),
    ("chuckling", [0.0, 0.15, 0.25]),
    ("enthusiasm", [0.2, 0.0, 0.15]),
    ("excitement", [0.3, 0.0, 0.2]),
    ("interest", [0.1, 0.0, 0.15]),
    ("neutral", [-0.1, 0.0, -0.3]),
    ("sadness", [-0.2, -0.1, 0.0]),
    ("tiredness", [-0.25, -0.1, -0.15]),
    ("triumph", [0.25, 0.0, 0.1]),
];

/// The scores of one measurement.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AudioScores {
    /// Expressions judged present.
    pub(crate) expressions: Vec<Score>,
    /// Voice attributes of at least [`VOICE_ATTRIBUTE_CUTOFF`].
    pub(crate) voice_attributes: Vec<Score>,
}

/// What a window sounds like; each in `[0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Features {
    /// RMS level from −60 dBFS (0) to 0 dBFS (1).
    pub(crate) loudness: f64,
    /// Zero-crossing rate, 0.25 crossings per sample or more being 1.
    pub(crate) brightness: f64,
    /// Coefficient of variation of the 20 ms frame RMS, capped at 1.
    pub(crate) variability: f64,
}

/// The features of s16le bytes (a trailing odd byte is ignored).
pub(crate) fn features(pcm: &[u8]) -> Features {
    let samples: Vec<f64> = pcm
        .chunks_exact(2)
        .map(|p| f64::from(i16::from_le_bytes([p[0], p[1]])))
        .collect();
    if samples.is_empty() {
        return Features {
            loudness: 0.0,
            brightness: 0.0,
            variability: 0.0,
        };
    }
    let rms = (samples.iter().map(|s| s * s).sum::<f64>() / samples.len() as f64).sqrt();
    let loudness = if rms > 0.0 {
        ((20.0 * (rms / 32_768.0).log10() + 60.0) / 60.0).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let crossings = samples
        .windows(2)
        .filter(|w| (w[0] < 0.0) != (w[1] < 0.0))
        .count();
    let zcr = crossings as f64 / samples.len().max(2).saturating_sub(1) as f64;
    let brightness = (zcr / 0.25).min(1.0);
    let levels: Vec<f64> = samples
        .chunks(FRAME_SAMPLES)
        .map(|frame| (frame.iter().map(|s| s * s).sum::<f64>() / frame.len() as f64).sqrt())
        .collect();
    let mean = levels.iter().sum::<f64>() / levels.len() as f64;
    let variability = if mean > 0.0 {
        let variance = levels.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / levels.len() as f64;
        (variance.sqrt() / mean).min(1.0)
    } else {
        0.0
    };
    Features {
        loudness,
        brightness,
        variability,
    }
}

/// The scores of one window.
pub(crate) fn score_window(pcm: &[u8]) -> AudioScores {
    scores_from(stable_hash(&[b"v1-audio-window", pcm]), features(pcm))
}

/// The scores for a window hash and its features.
pub(crate) fn scores_from(seed: u64, features: Features) -> AudioScores {
    let expressions = ranked(
        AUDIO_EXPRESSIONS
            .iter()
            .map(|&name| (name, expression_probability(seed, name, features))),
        |name, p| p >= expression_threshold(name),
    );
    let voice_attributes = ranked(
        VOICE_ATTRIBUTES
            .iter()
            .map(|&name| (name, voice_attribute_probability(seed, name, features))),
        |_, p| p >= VOICE_ATTRIBUTE_CUTOFF,
    );
    AudioScores {
        expressions,
        voice_attributes,
    }
}

/// The threshold an expression must reach to be reported, fixed per name (0.30 to 0.55).
pub(crate) fn expression_threshold(name: &str) -> f64 {
    Draws::new(&[b"v1-audio-threshold", name.as_bytes()]).between(0.30, 0.55)
}

/// An expression's raw probability: a draw skewed towards small values and scaled by how
/// expressive the window is (a per-window draw, so some windows have no expression present
/// and others several), moved by the features.
pub(crate) fn expression_probability(seed: u64, name: &str, features: Features) -> f64 {
    let expressiveness =
        Draws::new(&[b"v1-audio-expressiveness", &seed.to_le_bytes()]).between(0.5, 1.0);
    let u = Draws::new(&[b"v1-audio-expression", &seed.to_le_bytes(), name.as_bytes()]).unit();
    let base = 0.85 * expressiveness * u * u * u;
    let shift = AFFECT
        .iter()
        .find(|(affected, _)| *affected == name)
        .map_or(0.0, |(_, [loud, bright, varied])| {
            loud * (2.0 * features.loudness - 1.0)
                + bright * (2.0 * features.brightness - 1.0)
                + varied * (2.0 * features.variability - 1.0)
        });
    (base + shift).clamp(0.0, 1.0)
}

/// A voice attribute's raw probability: mostly what the features say, a little of a draw.
pub(crate) fn voice_attribute_probability(seed: u64, name: &str, features: Features) -> f64 {
    let b = Draws::new(&[b"v1-audio-voice", &seed.to_le_bytes(), name.as_bytes()]).unit();
    let Features {
        loudness: loud,
        brightness: bright,
        variability: varied,
    } = features;
    let (draw_weight, shaped) = match name {
        "calm" => (0.2, 0.5 * (1.0 - loud) + 0.5 * (1.0 - varied)),
        "clear" => (0.2, 0.6 * loud + 0.4 * (1.0 - bright)),
        "fast" => (0.2, 0.6 * varied + 0.4 * bright),
        "husky" => (0.2, 0.7 * bright + 0.3 * loud),
        "monotone" => (0.2, 1.0 - varied),
        "background music" => (0.25, (1.0 - varied) * (1.0 - bright)),
        _ => (1.0, 0.0),
    };
    (draw_weight * b + (1.0 - draw_weight) * shaped).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests;
