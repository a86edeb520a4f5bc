//! [`EmotionScore`] and the [`Scores`] helpers for score lists.

use serde::{Deserialize, Serialize};

use super::ScoreName;

/// One named score: an emotion, a FACS action unit, a description, a sentiment level
/// (`"1"`..`"9"`) or a toxicity class.
///
/// Scores are *typically* in 0..=1 but may leave that range; they are never validated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EmotionScore {
    /// The name, for example `"Surprise (positive)"` (reads like a `String`; see [`ScoreName`]).
    #[serde(default)]
    pub name: ScoreName,
    /// The score (`null` reads as 0).
    #[serde(default, deserialize_with = "crate::de::f64_or_zero")]
    pub score: f64,
}

impl EmotionScore {
    /// A named score.
    pub fn new(name: impl Into<ScoreName>, score: f64) -> Self {
        EmotionScore {
            name: name.into(),
            score,
        }
    }
}

/// Look-ups on a list of scores (implemented for `[EmotionScore]`, so also usable on a `Vec`).
pub trait Scores {
    /// The highest score (NaN scores are skipped); `None` for an empty list.
    fn top(&self) -> Option<&EmotionScore>;
    /// The `n` highest scores, best first.
    fn top_n(&self, n: usize) -> Vec<&EmotionScore>;
    /// The score with this exact name.
    fn score_of(&self, name: &str) -> Option<f64>;
}

impl Scores for [EmotionScore] {
    fn top(&self) -> Option<&EmotionScore> {
        self.iter()
            .filter(|s| !s.score.is_nan())
            .max_by(|a, b| a.score.total_cmp(&b.score))
    }

    fn top_n(&self, n: usize) -> Vec<&EmotionScore> {
        let mut all: Vec<&EmotionScore> = self.iter().filter(|s| !s.score.is_nan()).collect();
        all.sort_by(|a, b| b.score.total_cmp(&a.score));
        all.truncate(n);
        all
    }

    fn score_of(&self, name: &str) -> Option<f64> {
        self.iter().find(|s| s.name == name).map(|s| s.score)
    }
}
