//! A v1 score (`{name, probability}`) and the rule every v1 score list follows: probabilities
//! rounded to four decimals, only the scores that pass the list's cutoff, highest first, ties
//! by name.

use std::cmp::Ordering;

/// One reported score.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Score {
    /// A name from the vocabulary (lowercase).
    pub(crate) name: &'static str,
    /// Rounded to four decimals.
    pub(crate) probability: f64,
}

/// `p` clamped to `[0, 1]` and rounded to four decimal places.
pub(crate) fn round4(p: f64) -> f64 {
    if p.is_nan() {
        return 0.0;
    }
    (p.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0
}

/// The reported list: each raw probability rounded, kept when `keep(name, rounded)` holds (the
/// cutoff applies to the value the client sees), sorted by probability descending then name.
pub(crate) fn ranked<I, F>(raw: I, keep: F) -> Vec<Score>
where
    I: IntoIterator<Item = (&'static str, f64)>,
    F: Fn(&str, f64) -> bool,
{
    let mut scores: Vec<Score> = raw
        .into_iter()
        .map(|(name, p)| Score {
            name,
            probability: round4(p),
        })
        .filter(|score| keep(score.name, score.probability))
        .collect();
    scores.sort_by(|a, b| {
        b.probability
            .partial_cmp(&a.probability)
            .unwrap_or(Ordering::Equal)
            .then_with(|| a.name.cmp(b.name))
    });
    scores
}

#[cfg(test)]
mod tests;
