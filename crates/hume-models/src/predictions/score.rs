//! [`Score`]: the value of one named score, a number or `null`.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

/// The value of one named score: a number, or **null** (the API sent `null`, or no `score`
/// key at all).
///
/// A null score is *absent*, never zero: [`get`](Self::get) returns `None`, statistics skip
/// it (a mean over `[0.8, null]` is 0.8, not 0.4), the CSV export leaves its cell empty, and
/// serialising writes `null` back. A present score is kept bit for bit as parsed.
///
/// The representation is NaN-free from the outside: there is no way to read a NaN out of a
/// `Score`. JSON cannot carry NaN, and `serde_json` writes a NaN `f64` as `null`, so
/// [`Score::new`] treats a NaN argument as null, which is exactly what it becomes on the
/// wire. Inside, null is stored as a NaN so a `Score` stays 8 bytes and
/// [`EmotionScore`](super::EmotionScore) 24 (an `Option<f64>` would be 16 and 32): a large
/// predictions file holds millions of scores.
#[derive(Clone, Copy)]
pub struct Score(f64);

impl Score {
    /// The null score.
    pub const NULL: Score = Score(f64::NAN);

    /// A present score (a NaN `value` gives [`Score::NULL`]).
    #[inline]
    pub const fn new(value: f64) -> Self {
        Score(value)
    }

    /// The value, `None` when the score is null.
    #[inline]
    pub fn get(self) -> Option<f64> {
        if self.0.is_nan() { None } else { Some(self.0) }
    }

    /// Is the score null?
    #[inline]
    pub fn is_null(self) -> bool {
        self.0.is_nan()
    }
}

impl Default for Score {
    /// [`Score::NULL`]: a score object without a `score` key reads as null.
    fn default() -> Self {
        Score::NULL
    }
}

impl PartialEq for Score {
    /// Two nulls are equal; present scores compare as `f64` (so `0.0 == -0.0`).
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl PartialEq<f64> for Score {
    fn eq(&self, other: &f64) -> bool {
        self.get() == Some(*other)
    }
}

impl PartialEq<Option<f64>> for Score {
    fn eq(&self, other: &Option<f64>) -> bool {
        self.get() == *other
    }
}

impl fmt::Debug for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.get() {
            Some(v) => fmt::Debug::fmt(&v, f),
            None => f.write_str("null"),
        }
    }
}

impl fmt::Display for Score {
    /// The number as `f64` displays it (precision and width flags apply), or `null`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.get() {
            Some(v) => fmt::Display::fmt(&v, f),
            None => f.pad("null"),
        }
    }
}

impl From<f64> for Score {
    fn from(value: f64) -> Self {
        Score::new(value)
    }
}

impl From<Option<f64>> for Score {
    fn from(value: Option<f64>) -> Self {
        value.map_or(Score::NULL, Score::new)
    }
}

impl From<Score> for Option<f64> {
    fn from(score: Score) -> Self {
        score.get()
    }
}

impl Serialize for Score {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.get() {
            Some(v) => s.serialize_f64(v),
            None => s.serialize_none(),
        }
    }
}

impl<'de> Deserialize<'de> for Score {
    /// A JSON number (integers included) or `null`. One `deserialize_any` call, as cheap as a
    /// plain `f64`: this parses every score of a body.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;

        impl Visitor<'_> for V {
            type Value = Score;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or null")
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Score, E> {
                Ok(Score::new(v))
            }

            #[allow(clippy::cast_precision_loss)]
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Score, E> {
                Ok(Score::new(v as f64))
            }

            #[allow(clippy::cast_precision_loss)]
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Score, E> {
                Ok(Score::new(v as f64))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Score, E> {
                Ok(Score::NULL)
            }

            fn visit_none<E: de::Error>(self) -> Result<Score, E> {
                Ok(Score::NULL)
            }
        }

        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests;
