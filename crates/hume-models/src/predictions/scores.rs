//! [`EmotionScore`] and the [`Scores`] helpers for score lists.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::ScoreName;

/// One named score: an emotion, a FACS action unit, a description, a sentiment level
/// (`"1"`..`"9"`) or a toxicity class.
///
/// Scores are *typically* in 0..=1 but may leave that range; they are never validated.
///
/// Deserialised by a hand-written visitor: this is the innermost object of every predictions
/// body (a million of them in a 50 MB file), so it skips the generic derive machinery.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct EmotionScore {
    /// The name, for example `"Surprise (positive)"` (reads like a `String`; see [`ScoreName`]).
    pub name: ScoreName,
    /// The score (`null` or missing reads as 0).
    pub score: f64,
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

/// `score` values: a number, or `null` for 0.
struct ScoreValue(f64);

impl<'de> Deserialize<'de> for ScoreValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::de::f64_or_zero(d).map(ScoreValue)
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
                        Key::Score => out.score = map.next_value::<ScoreValue>()?.0,
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
