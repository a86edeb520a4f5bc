//! A tiny cue-word lexicon so that synthetic language scores follow the obvious meaning of
//! the text: "I am so happy" ranks Joy first, "thank you" Gratitude. It is a demonstration aid,
//! not a model: words outside the list leave the seeded random scores untouched.

use hume_models::EmotionScore;

/// Cue words (lower case, matched on whole words or as a prefix of a word) and the
/// expressions they raise.
const CUES: &[(&str, &[&str])] = &[
    ("happ", &["Joy", "Contentment"]),
    ("glad", &["Joy"]),
    ("joy", &["Joy"]),
    ("wonderful", &["Joy", "Admiration"]),
    ("great", &["Joy", "Satisfaction"]),
    ("amazing", &["Admiration", "Surprise (positive)"]),
    ("love", &["Love", "Adoration"]),
    ("excit", &["Excitement", "Enthusiasm"]),
    ("thank", &["Gratitude"]),
    ("funny", &["Amusement"]),
    ("laugh", &["Amusement"]),
    ("calm", &["Calmness"]),
    ("relax", &["Calmness", "Relief"]),
    ("relie", &["Relief"]),
    ("proud", &["Pride"]),
    ("sad", &["Sadness"]),
    ("cry", &["Sadness", "Distress"]),
    ("sorry", &["Guilt", "Sympathy"]),
    ("miss", &["Nostalgia", "Sadness"]),
    ("angry", &["Anger", "Annoyance"]),
    ("annoy", &["Annoyance"]),
    ("hate", &["Anger", "Disgust"]),
    ("disgust", &["Disgust"]),
    ("afraid", &["Fear", "Anxiety"]),
    ("scared", &["Fear"]),
    ("worr", &["Anxiety"]),
    ("bor", &["Boredom"]),
    ("tired", &["Tiredness"]),
    ("confus", &["Confusion"]),
    ("surpris", &["Surprise (positive)", "Realization"]),
    ("disappoint", &["Disappointment"]),
    ("pain", &["Pain", "Empathic Pain"]),
];

/// Raises the scores of the expressions named by the cue words of the unit itself to a high
/// value (0.6..0.9) and by those of its surrounding passage to a moderate one (0.45..0.6), so
/// that words inherit the tone of their passage. Deterministic in `rng`; names absent from
/// `scores` are ignored.
pub(crate) fn apply_cues(
    unit: &str,
    passage: &str,
    scores: &mut [EmotionScore],
    rng: &mut fastrand::Rng,
) {
    raise(passage, 0.45, 0.15, scores, rng);
    raise(unit, 0.6, 0.3, scores, rng);
}

fn raise(text: &str, low: f64, span: f64, scores: &mut [EmotionScore], rng: &mut fastrand::Rng) {
    let lower = text.to_lowercase();
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        for (cue, raised) in CUES {
            if word.starts_with(cue) {
                for name in *raised {
                    if let Some(score) = scores.iter_mut().find(|s| s.name == *name) {
                        let high = f64::from((low + span * rng.f64()) as f32);
                        score.score = score.value().map_or(high, |v| v.max(high)).into();
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
