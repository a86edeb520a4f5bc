//! [`ModelConfig`]: any one model's configuration.

use serde::{Deserialize, Serialize};

use crate::ModelType;
use crate::config::{
    BurstConfig, FaceConfig, FacemeshConfig, LanguageConfig, NerConfig, ProsodyConfig,
};

/// The configuration of one model. Serialises as a one-key object (`{"face": {...}}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ModelConfig {
    /// `face` options.
    Face(FaceConfig),
    /// `burst` options (`{}`).
    Burst(BurstConfig),
    /// `prosody` options.
    Prosody(ProsodyConfig),
    /// `language` options.
    Language(LanguageConfig),
    /// `ner` options.
    Ner(NerConfig),
    /// `facemesh` options (`{}`).
    Facemesh(FacemeshConfig),
}

impl ModelConfig {
    /// Which model this configures.
    pub fn model_type(&self) -> ModelType {
        match self {
            ModelConfig::Face(_) => ModelType::Face,
            ModelConfig::Burst(_) => ModelType::Burst,
            ModelConfig::Prosody(_) => ModelType::Prosody,
            ModelConfig::Language(_) => ModelType::Language,
            ModelConfig::Ner(_) => ModelType::Ner,
            ModelConfig::Facemesh(_) => ModelType::Facemesh,
        }
    }

    /// The default (empty) configuration of a model: the server fills in its defaults.
    pub fn default_for(model: ModelType) -> ModelConfig {
        match model {
            ModelType::Face => FaceConfig::default().into(),
            ModelType::Burst => BurstConfig::default().into(),
            ModelType::Prosody => ProsodyConfig::default().into(),
            ModelType::Language => LanguageConfig::default().into(),
            ModelType::Ner => NerConfig::default().into(),
            ModelType::Facemesh => FacemeshConfig::default().into(),
        }
    }
}

macro_rules! from_config {
    ($($ty:ident => $variant:ident),* $(,)?) => {$(
        impl From<$ty> for ModelConfig {
            fn from(config: $ty) -> Self {
                ModelConfig::$variant(config)
            }
        }
    )*};
}

from_config!(
    FaceConfig => Face,
    BurstConfig => Burst,
    ProsodyConfig => Prosody,
    LanguageConfig => Language,
    NerConfig => Ner,
    FacemeshConfig => Facemesh,
);
