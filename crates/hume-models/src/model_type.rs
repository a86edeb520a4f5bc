//! [`ModelType`]: the six expression models of the batch API.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ParseValueError;

/// One of the batch API's models (the keys of `models` in a request and in predictions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ModelType {
    /// Facial expression (`"face"`).
    Face,
    /// Vocal burst (`"burst"`).
    Burst,
    /// Speech prosody (`"prosody"`).
    Prosody,
    /// Emotional language (`"language"`).
    Language,
    /// Named-entity recognition (`"ner"`).
    Ner,
    /// Facemesh from face landmarks (`"facemesh"`).
    Facemesh,
}

impl ModelType {
    /// Every model, in a fixed order.
    pub const ALL: [ModelType; 6] = [
        ModelType::Face,
        ModelType::Burst,
        ModelType::Prosody,
        ModelType::Language,
        ModelType::Ner,
        ModelType::Facemesh,
    ];

    /// The wire name (`"face"`, `"burst"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ModelType::Face => "face",
            ModelType::Burst => "burst",
            ModelType::Prosody => "prosody",
            ModelType::Language => "language",
            ModelType::Ner => "ner",
            ModelType::Facemesh => "facemesh",
        }
    }
}

impl FromStr for ModelType {
    type Err = ParseValueError;

    /// Parses a wire name, ignoring ASCII case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ModelType::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| ParseValueError::new("model type", s))
    }
}

impl fmt::Display for ModelType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ModelType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ModelType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A map key naming a model: a known [`ModelType`] (exact wire spelling) or any other string.
/// Parsing a known key allocates nothing.
pub(crate) enum ModelKey {
    Known(ModelType),
    Other(String),
}

impl<'de> Deserialize<'de> for ModelKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = ModelKey;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a model name")
            }

            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<ModelKey, E> {
                Ok(ModelType::ALL
                    .into_iter()
                    .find(|m| m.as_str() == s)
                    .map_or_else(|| ModelKey::Other(s.to_owned()), ModelKey::Known))
            }
        }
        d.deserialize_str(V)
    }
}
