//! [`Score`] (`{name, probability}`) and the [`Scores`] helpers for score lists.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::ScoreName;

/// One named v1 score: an audio expression, a voice attribute, a face expression or a facial
/// description. The SDK gives each its own type; they all have this shape.
///
/// `probability` is rounded by the server to four decimal places. Its meaning depends on the
/// list it is in: for expressions, the chance the expression is present (audio) or that a
/// person would name it for the face (video); for voice attributes, a calibrated expected
/// intensity a listener would rate. It is kept as an `f64` exactly as sent: serialising and
/// parsing again gives back the same bits.
///
/// Lists arrive sorted by probability, highest first, and hold only the scores that passed
/// the server's threshold, so a list can be empty.
#[doc(alias = "AudioExpressionScore")]
#[doc(alias = "VoiceAttributeScore")]
#[doc(alias = "VideoExpressionScore")]
#[doc(alias = "VideoDescriptionScore")]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Score {
    /// The name, lowercase (reads like a `String`; see [`ScoreName`]).
    pub name: ScoreName,
    /// The probability, in 0..=1, rounded to four decimals by the server.
    pub probability: f64,
}

impl Score {
    /// A named score.
    pub fn new(name: impl Into<ScoreName>, probability: f64) -> Self {
        Score {
            name: name.into(),
            probability,
        }
    }
}

/// The keys of a score object.
enum Key {
    Name,
    Probability,
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
                    "probability" => Key::Probability,
                    _ => Key::Other,
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

impl<'de> Deserialize<'de> for Score {
    /// Hand-written (the innermost object of every response, hundreds of thousands of times
    /// in a large one): no derive machinery, unknown keys skipped, both fields required.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Score;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a score object {name, probability}")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Score, A::Error> {
                let mut name = None;
                let mut probability = None;
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Name => name = Some(map.next_value::<ScoreName>()?),
                        Key::Probability => probability = Some(map.next_value::<f64>()?),
                        Key::Other => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                let name = name.ok_or_else(|| de::Error::missing_field("name"))?;
                let probability =
                    probability.ok_or_else(|| de::Error::missing_field("probability"))?;
                Ok(Score { name, probability })
            }
        }
        d.deserialize_map(V)
    }
}

/// Look-ups on a list of v1 scores (implemented for `[Score]`, so also usable on a `Vec`).
///
/// The server sends lists sorted highest first, but these helpers do not rely on it.
pub trait Scores {
    /// The highest-probability score (NaN skipped; ties keep the earlier one, as the server
    /// orders ties); `None` for an empty list.
    fn top(&self) -> Option<&Score>;
    /// The `n` highest scores, best first (a stable sort: ties keep their order).
    fn top_n(&self, n: usize) -> Vec<&Score>;
    /// The probability of the score with this exact name, if listed.
    fn probability_of(&self, name: &str) -> Option<f64>;
}

impl Scores for [Score] {
    fn top(&self) -> Option<&Score> {
        self.iter()
            .filter(|s| !s.probability.is_nan())
            .fold(None, |best: Option<&Score>, s| match best {
                Some(b) if b.probability >= s.probability => Some(b),
                _ => Some(s),
            })
    }

    fn top_n(&self, n: usize) -> Vec<&Score> {
        let mut all: Vec<&Score> = self.iter().filter(|s| !s.probability.is_nan()).collect();
        all.sort_by(|a, b| b.probability.total_cmp(&a.probability));
        all.truncate(n);
        all
    }

    fn probability_of(&self, name: &str) -> Option<f64> {
        self.iter().find(|s| s.name == name).map(|s| s.probability)
    }
}
