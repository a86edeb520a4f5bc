//! [`EmotionScore`] and the [`Scores`] helpers for score lists.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::{Score, ScoreName};

/// One named score: an emotion, a FACS action unit, a description, a sentiment level
/// (`"1"`..`"9"`) or a toxicity class.
///
/// Scores are *typically* in 0..=1 but may leave that range; they are never validated. A
/// `null` score (or a missing `score` key) is kept as [`Score::NULL`], never read as 0.
///
/// Deserialised by a hand-written visitor: this is the innermost object of every predictions
/// body (a million of them in a 50 MB file), so it skips the generic derive machinery.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct EmotionScore {
    /// The name, for example `"Surprise (positive)"` (reads like a `String`; see [`ScoreName`]).
    pub name: ScoreName,
    /// The score: a number, or null (`null` or missing on the wire; see [`Score`]).
    pub score: Score,
}

/// The keys of a score object.
enum Key {
    Name,
    Score,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key, E> {
                Ok(match s {
                    "name" => Key::Name,
                    "score" => Key::Score,
                    _ => Key::Other,
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

impl<'de> Deserialize<'de> for EmotionScore {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EmotionScore;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a score object {name, score}")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EmotionScore, A::Error> {
                let mut out = EmotionScore::default();
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Name => {
                            out.name = map.next_value::<ScoreName>()?;
                        }
                        Key::Score => out.score = map.next_value::<Score>()?,
                        Key::Other => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

impl EmotionScore {
    /// A named score: `score` is an `f64`, an `Option<f64>` (`None` for null) or a [`Score`].
    pub fn new(name: impl Into<ScoreName>, score: impl Into<Score>) -> Self {
        EmotionScore {
            name: name.into(),
            score: score.into(),
        }
    }

    /// The value, `None` when the score is null.
    pub fn value(&self) -> Option<f64> {
        self.score.get()
    }
}

/// Look-ups on a list of scores (implemented for `[EmotionScore]`, so also usable on a `Vec`).
pub trait Scores {
    /// The highest score (null scores are skipped); `None` when no score is present.
    fn top(&self) -> Option<&EmotionScore>;
    /// The `n` highest scores, best first (null scores are skipped).
    fn top_n(&self, n: usize) -> Vec<&EmotionScore>;
    /// The value of the score with this exact name; `None` when no score has that name or
    /// its score is null.
    fn score_of(&self, name: &str) -> Option<f64>;
}

impl Scores for [EmotionScore] {
    fn top(&self) -> Option<&EmotionScore> {
        self.iter()
            .filter_map(|s| Some((s, s.score.get()?)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(s, _)| s)
    }

    fn top_n(&self, n: usize) -> Vec<&EmotionScore> {
        let mut all: Vec<(&EmotionScore, f64)> = self
            .iter()
            .filter_map(|s| Some((s, s.score.get()?)))
            .collect();
        all.sort_by(|a, b| b.1.total_cmp(&a.1));
        all.truncate(n);
        all.into_iter().map(|(s, _)| s).collect()
    }

    fn score_of(&self, name: &str) -> Option<f64> {
        self.iter().find(|s| s.name == name)?.score.get()
    }
}
