//! Deterministic score lists and the RNG every synthetic value comes from.

use hume_models::EmotionScore;

use crate::hash::stable_hash;

/// FACS 2.0 action units reported when `facs: {}` is set. No source lists Hume's exact names
/// (SPEC §5.2), so these are the standard FACS names of the units the docs mention and their
/// neighbours.
pub(crate) const FACS_NAMES: &[&str] = &[
    "AU1 Inner Brow Raise",
    "AU2 Outer Brow Raise",
    "AU4 Brow Lowerer",
    "AU5 Upper Lid Raise",
    "AU6 Cheek Raise",
    "AU7 Lids Tight",
    "AU9 Nose Crinkle",
    "AU10 Upper Lip Raiser",
    "AU12 Lip Corner Puller",
    "AU14 Dimpler",
    "AU15 Lip Corner Depressor",
    "AU17 Chin Raiser",
    "AU18 Lip Pucker",
    "AU20 Lip Stretch",
    "AU24 Lip Press",
    "AU25 Lips Part",
    "AU26 Jaw Drop",
    "AU43 Eyes Closed",
];

/// Face descriptions reported when `descriptions: {}` is set (an open set; see SPEC §5.2).
pub(crate) const FACE_DESCRIPTIONS: &[&str] = &[
    "Frown",
    "Glare",
    "Hand over eyes",
    "Hand over mouth",
    "Look down",
    "Look up",
    "Pout",
    "Smile",
    "Squint",
    "Wink",
];

/// A RNG seeded from the emulator seed and the identity of one value.
pub(crate) fn rng_for(seed: u64, parts: &[&[u8]]) -> fastrand::Rng {
    let seed_bytes = seed.to_le_bytes();
    let mut all: Vec<&[u8]> = Vec::with_capacity(parts.len() + 1);
    all.push(&seed_bytes);
    all.extend_from_slice(parts);
    fastrand::Rng::with_seed(stable_hash(&all))
}

/// One score per name, skewed towards small values as real outputs are, rounded to f32.
pub(crate) fn scores(names: &[&str], rng: &mut fastrand::Rng) -> Vec<EmotionScore> {
    names
        .iter()
        .map(|name| {
            let x = rng.f64();
            EmotionScore::new(*name, f64::from((x * x * 0.8 + 0.005 * rng.f64()) as f32))
        })
        .collect()
}

/// Scores forming a probability distribution (sentiment levels).
pub(crate) fn distribution(names: &[&str], rng: &mut fastrand::Rng) -> Vec<EmotionScore> {
    let raw: Vec<f64> = names.iter().map(|_| rng.f64() + 0.01).collect();
    let total: f64 = raw.iter().sum();
    names
        .iter()
        .zip(raw)
        .map(|(name, r)| EmotionScore::new(*name, f64::from((r / total) as f32)))
        .collect()
}

/// A value in `[low, high)`.
pub(crate) fn between(rng: &mut fastrand::Rng, low: f64, high: f64) -> f64 {
    low + (high - low) * rng.f64()
}

/// Rounds to three decimals (times).
pub(crate) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
