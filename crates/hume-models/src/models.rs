//! [`Models`]: the set of models a job runs, at most one configuration per model.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::config::{
    BurstConfig, FaceConfig, FacemeshConfig, LanguageConfig, NerConfig, ProsodyConfig,
};
use crate::model_type::ModelKey;
use crate::{ModelConfig, ModelType};

/// The `models` object of a request: which models to run and how.
///
/// Holds at most one configuration per [`ModelType`]; inserting a second one replaces the
/// first (as the legacy client did). A `null` entry (as in echoed job details) parses as
/// absent. Keys this crate does not know are kept verbatim in [`other`](Self::other) and sent
/// back unchanged.
///
/// Leaving `models` out of a request altogether runs *all* models; an empty `Models` sends
/// `{}`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Models {
    face: Option<FaceConfig>,
    burst: Option<BurstConfig>,
    prosody: Option<ProsodyConfig>,
    language: Option<LanguageConfig>,
    ner: Option<NerConfig>,
    facemesh: Option<FacemeshConfig>,
    other: BTreeMap<String, serde_json::Value>,
}

impl Models {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every model with its default (empty) configuration.
    pub fn all() -> Self {
        ModelType::ALL
            .into_iter()
            .fold(Models::new(), |m, t| m.with(ModelConfig::default_for(t)))
    }

    /// Adds (or replaces) one model's configuration.
    pub fn with(mut self, config: impl Into<ModelConfig>) -> Self {
        self.insert(config);
        self
    }

    /// Adds one model's configuration, returning the one it replaced.
    pub fn insert(&mut self, config: impl Into<ModelConfig>) -> Option<ModelConfig> {
        fn put<T>(slot: &mut Option<T>, v: T) -> Option<T> {
            slot.replace(v)
        }
        match config.into() {
            ModelConfig::Face(c) => put(&mut self.face, c).map(ModelConfig::Face),
            ModelConfig::Burst(c) => put(&mut self.burst, c).map(ModelConfig::Burst),
            ModelConfig::Prosody(c) => put(&mut self.prosody, c).map(ModelConfig::Prosody),
            ModelConfig::Language(c) => put(&mut self.language, c).map(ModelConfig::Language),
            ModelConfig::Ner(c) => put(&mut self.ner, c).map(ModelConfig::Ner),
            ModelConfig::Facemesh(c) => put(&mut self.facemesh, c).map(ModelConfig::Facemesh),
        }
    }

    /// Removes one model, returning its configuration.
    pub fn remove(&mut self, model: ModelType) -> Option<ModelConfig> {
        match model {
            ModelType::Face => self.face.take().map(ModelConfig::Face),
            ModelType::Burst => self.burst.take().map(ModelConfig::Burst),
            ModelType::Prosody => self.prosody.take().map(ModelConfig::Prosody),
            ModelType::Language => self.language.take().map(ModelConfig::Language),
            ModelType::Ner => self.ner.take().map(ModelConfig::Ner),
            ModelType::Facemesh => self.facemesh.take().map(ModelConfig::Facemesh),
        }
    }

    /// The `face` configuration, if that model is enabled.
    pub fn face(&self) -> Option<&FaceConfig> {
        self.face.as_ref()
    }

    /// The `burst` configuration, if that model is enabled.
    pub fn burst(&self) -> Option<&BurstConfig> {
        self.burst.as_ref()
    }

    /// The `prosody` configuration, if that model is enabled.
    pub fn prosody(&self) -> Option<&ProsodyConfig> {
        self.prosody.as_ref()
    }

    /// The `language` configuration, if that model is enabled.
    pub fn language(&self) -> Option<&LanguageConfig> {
        self.language.as_ref()
    }

    /// The `ner` configuration, if that model is enabled.
    pub fn ner(&self) -> Option<&NerConfig> {
        self.ner.as_ref()
    }

    /// The `facemesh` configuration, if that model is enabled.
    pub fn facemesh(&self) -> Option<&FacemeshConfig> {
        self.facemesh.as_ref()
    }

    /// One model's configuration (cloned), if enabled.
    pub fn get(&self, model: ModelType) -> Option<ModelConfig> {
        match model {
            ModelType::Face => self.face.clone().map(ModelConfig::Face),
            ModelType::Burst => self.burst.clone().map(ModelConfig::Burst),
            ModelType::Prosody => self.prosody.clone().map(ModelConfig::Prosody),
            ModelType::Language => self.language.clone().map(ModelConfig::Language),
            ModelType::Ner => self.ner.clone().map(ModelConfig::Ner),
            ModelType::Facemesh => self.facemesh.clone().map(ModelConfig::Facemesh),
        }
    }

    /// Is this model enabled?
    pub fn contains(&self, model: ModelType) -> bool {
        match model {
            ModelType::Face => self.face.is_some(),
            ModelType::Burst => self.burst.is_some(),
            ModelType::Prosody => self.prosody.is_some(),
            ModelType::Language => self.language.is_some(),
            ModelType::Ner => self.ner.is_some(),
            ModelType::Facemesh => self.facemesh.is_some(),
        }
    }

    /// The enabled known models, in [`ModelType::ALL`] order.
    pub fn model_types(&self) -> Vec<ModelType> {
        ModelType::ALL
            .into_iter()
            .filter(|m| self.contains(*m))
            .collect()
    }

    /// The enabled known models' configurations, in [`ModelType::ALL`] order.
    pub fn configs(&self) -> Vec<ModelConfig> {
        ModelType::ALL
            .into_iter()
            .filter_map(|m| self.get(m))
            .collect()
    }

    /// Model keys this crate does not know, with their raw JSON.
    pub fn other(&self) -> &BTreeMap<String, serde_json::Value> {
        &self.other
    }

    /// Adds a model key this crate does not know (sent verbatim). A known key is parsed into
    /// its typed configuration instead.
    pub fn insert_other(
        &mut self,
        key: impl Into<String>,
        value: serde_json::Value,
    ) -> Result<(), serde_json::Error> {
        let key = key.into();
        match key.parse::<ModelType>() {
            Ok(t) if t.as_str() == key => {
                let wrapped = serde_json::json!({ key: value });
                let config: ModelConfig = serde_json::from_value(wrapped)?;
                self.insert(config);
            }
            _ => {
                self.other.insert(key, value);
            }
        }
        Ok(())
    }

    /// No model at all (known or unknown)?
    pub fn is_empty(&self) -> bool {
        self.model_types().is_empty() && self.other.is_empty()
    }

    /// Number of models (known and unknown).
    pub fn len(&self) -> usize {
        self.model_types().len() + self.other.len()
    }
}

impl From<ModelConfig> for Models {
    fn from(config: ModelConfig) -> Self {
        Models::new().with(config)
    }
}

macro_rules! models_from_config {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Models {
            /// A set holding just this model.
            fn from(config: $ty) -> Self {
                Models::new().with(config)
            }
        }
    )*};
}

models_from_config!(
    FaceConfig,
    BurstConfig,
    ProsodyConfig,
    LanguageConfig,
    NerConfig,
    FacemeshConfig
);

impl<C: Into<ModelConfig>> FromIterator<C> for Models {
    fn from_iter<I: IntoIterator<Item = C>>(iter: I) -> Self {
        iter.into_iter().fold(Models::new(), Models::with)
    }
}

impl<C: Into<ModelConfig>> Extend<C> for Models {
    fn extend<I: IntoIterator<Item = C>>(&mut self, iter: I) {
        for c in iter {
            self.insert(c);
        }
    }
}

impl Serialize for Models {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len()))?;
        if let Some(c) = &self.face {
            map.serialize_entry("face", c)?;
        }
        if let Some(c) = &self.burst {
            map.serialize_entry("burst", c)?;
        }
        if let Some(c) = &self.prosody {
            map.serialize_entry("prosody", c)?;
        }
        if let Some(c) = &self.language {
            map.serialize_entry("language", c)?;
        }
        if let Some(c) = &self.ner {
            map.serialize_entry("ner", c)?;
        }
        if let Some(c) = &self.facemesh {
            map.serialize_entry("facemesh", c)?;
        }
        for (k, v) in &self.other {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Models {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Models;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of model names to configurations")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Models, A::Error> {
                let mut m = Models::new();
                while let Some(key) = map.next_key::<ModelKey>()? {
                    // A later duplicate key replaces an earlier one; `null` means absent.
                    match key {
                        ModelKey::Known(ModelType::Face) => m.face = map.next_value()?,
                        ModelKey::Known(ModelType::Burst) => m.burst = map.next_value()?,
                        ModelKey::Known(ModelType::Prosody) => m.prosody = map.next_value()?,
                        ModelKey::Known(ModelType::Language) => m.language = map.next_value()?,
                        ModelKey::Known(ModelType::Ner) => m.ner = map.next_value()?,
                        ModelKey::Known(ModelType::Facemesh) => m.facemesh = map.next_value()?,
                        ModelKey::Other(key) => {
                            let v: serde_json::Value = map.next_value()?;
                            if v.is_null() {
                                m.other.remove(&key);
                            } else {
                                m.other.insert(key, v);
                            }
                        }
                    }
                }
                Ok(m)
            }
        }
        d.deserialize_map(V)
    }
}
