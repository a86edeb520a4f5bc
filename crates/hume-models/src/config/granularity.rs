//! [`Granularity`]: how finely prosody and language results are split.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The unit each prosody or language prediction covers (wire: snake_case strings).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Granularity {
    /// One prediction per word (`"word"`).
    Word,
    /// One prediction per sentence (`"sentence"`).
    Sentence,
    /// Natural-pause segments between word and sentence (`"utterance"`).
    Utterance,
    /// One prediction per change of speaker (`"conversational_turn"`).
    ConversationalTurn,
    /// A value this crate does not know, kept as sent.
    Other(String),
}

impl Granularity {
    /// The four documented values.
    pub const ALL: [Granularity; 4] = [
        Granularity::Word,
        Granularity::Sentence,
        Granularity::Utterance,
        Granularity::ConversationalTurn,
    ];

    /// The wire string.
    pub fn as_str(&self) -> &str {
        match self {
            Granularity::Word => "word",
            Granularity::Sentence => "sentence",
            Granularity::Utterance => "utterance",
            Granularity::ConversationalTurn => "conversational_turn",
            Granularity::Other(s) => s,
        }
    }

    fn parse(s: &str) -> Granularity {
        match s {
            "word" => Granularity::Word,
            "sentence" => Granularity::Sentence,
            "utterance" => Granularity::Utterance,
            "conversational_turn" => Granularity::ConversationalTurn,
            other => Granularity::Other(other.to_owned()),
        }
    }
}

impl FromStr for Granularity {
    type Err = std::convert::Infallible;

    /// Never fails: unknown values become [`Granularity::Other`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Granularity::parse(s))
    }
}

impl fmt::Display for Granularity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Granularity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Granularity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(Granularity::parse(&s))
    }
}
