//! [`Model`]: what produced a segment, a batch (v0) model or a v1 endpoint.

use std::fmt;
use std::str::FromStr;

use hume_models::ModelType;

use crate::error::AnalysisError;

/// What produced a segment: one of the batch API's models, or one of the Expression
/// Measurement API's (v1) endpoints. The CSV `model` column and `--model` use [`as_str`](Self::as_str).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Model {
    /// Batch facial expression (`face`).
    Face,
    /// Batch vocal burst (`burst`).
    Burst,
    /// Batch speech prosody (`prosody`).
    Prosody,
    /// Batch emotional language (`language`).
    Language,
    /// Batch named-entity recognition (`ner`).
    Ner,
    /// Batch facemesh (`facemesh`).
    Facemesh,
    /// v1 audio measurements (`audio`): expressions and voice attributes per window of an
    /// utterance.
    Audio,
    /// v1 image faces (`video`, the API's endpoint for images and frames): expressions and
    /// descriptions per measured face.
    Video,
}

impl Model {
    /// Every model, in a fixed order: the batch models, then the v1 endpoints.
    pub const ALL: [Model; 8] = [
        Model::Face,
        Model::Burst,
        Model::Prosody,
        Model::Language,
        Model::Ner,
        Model::Facemesh,
        Model::Audio,
        Model::Video,
    ];

    /// Its name: the batch model's wire name, or the v1 endpoint's (`audio`, `video`).
    pub fn as_str(self) -> &'static str {
        match self {
            Model::Face => "face",
            Model::Burst => "burst",
            Model::Prosody => "prosody",
            Model::Language => "language",
            Model::Ner => "ner",
            Model::Facemesh => "facemesh",
            Model::Audio => "audio",
            Model::Video => "video",
        }
    }

    /// The batch model, for the first six.
    pub fn batch(self) -> Option<ModelType> {
        Some(match self {
            Model::Face => ModelType::Face,
            Model::Burst => ModelType::Burst,
            Model::Prosody => ModelType::Prosody,
            Model::Language => ModelType::Language,
            Model::Ner => ModelType::Ner,
            Model::Facemesh => ModelType::Facemesh,
            Model::Audio | Model::Video => return None,
        })
    }
}

impl From<ModelType> for Model {
    fn from(model: ModelType) -> Self {
        match model {
            ModelType::Face => Model::Face,
            ModelType::Burst => Model::Burst,
            ModelType::Prosody => Model::Prosody,
            ModelType::Language => Model::Language,
            ModelType::Ner => Model::Ner,
            ModelType::Facemesh => Model::Facemesh,
            // A batch model hume-models learns later: the one of the same name once this
            // crate reads it; until then its results have no segments anyway.
            other => other.as_str().parse().unwrap_or(Model::Facemesh),
        }
    }
}

impl PartialEq<ModelType> for Model {
    fn eq(&self, other: &ModelType) -> bool {
        *self == Model::from(*other)
    }
}

impl FromStr for Model {
    type Err = AnalysisError;

    /// Parses a name, ignoring ASCII case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Model::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| AnalysisError::InvalidParameter {
                name: "model",
                reason: format!(
                    "{s:?} is not one of {}",
                    Model::ALL.map(Model::as_str).join(", ")
                ),
            })
    }
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Model {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
