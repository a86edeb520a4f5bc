//! [`ModelsPredictions`]: each model's results for one file.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{
    BurstPrediction, FacePrediction, FacemeshPrediction, LanguagePrediction, ModelResult,
    NerPrediction, ProsodyPrediction,
};
use crate::ModelType;
use crate::model_type::ModelKey;

/// The `models` object of a prediction: one optional result per model, plus any model keys
/// this crate does not know, kept as raw JSON in [`other`](Self::other).
///
/// Parsed by a hand-written visitor (no `serde(flatten)`), so the hot path never buffers.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct ModelsPredictions {
    /// Facial expression results.
    pub face: Option<ModelResult<FacePrediction>>,
    /// Vocal burst results.
    pub burst: Option<ModelResult<BurstPrediction>>,
    /// Speech prosody results.
    pub prosody: Option<ModelResult<ProsodyPrediction>>,
    /// Emotional language results.
    pub language: Option<ModelResult<LanguagePrediction>>,
    /// Named-entity results.
    pub ner: Option<ModelResult<NerPrediction>>,
    /// Facemesh results.
    pub facemesh: Option<ModelResult<FacemeshPrediction>>,
    /// Unknown model keys with their raw JSON.
    pub other: BTreeMap<String, serde_json::Value>,
}

impl ModelsPredictions {
    /// The known models present.
    pub fn model_types(&self) -> Vec<ModelType> {
        ModelType::ALL
            .into_iter()
            .filter(|m| self.contains(*m))
            .collect()
    }

    /// Is there a result for this model?
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

    /// No result at all (known or unknown)?
    pub fn is_empty(&self) -> bool {
        self.model_types().is_empty() && self.other.is_empty()
    }

    /// Adds the raw JSON result of a model key this crate does not know.
    #[must_use]
    pub fn with_other(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
        self.other.insert(key.into(), value);
        self
    }
}

impl Serialize for ModelsPredictions {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if let Some(r) = &self.face {
            map.serialize_entry("face", r)?;
        }
        if let Some(r) = &self.burst {
            map.serialize_entry("burst", r)?;
        }
        if let Some(r) = &self.prosody {
            map.serialize_entry("prosody", r)?;
        }
        if let Some(r) = &self.language {
            map.serialize_entry("language", r)?;
        }
        if let Some(r) = &self.ner {
            map.serialize_entry("ner", r)?;
        }
        if let Some(r) = &self.facemesh {
            map.serialize_entry("facemesh", r)?;
        }
        for (k, v) in &self.other {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for ModelsPredictions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ModelsPredictions;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of model names to results")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut m = ModelsPredictions::default();
                while let Some(key) = map.next_key::<ModelKey>()? {
                    match key {
                        ModelKey::Known(ModelType::Face) => m.face = map.next_value()?,
                        ModelKey::Known(ModelType::Burst) => m.burst = map.next_value()?,
                        ModelKey::Known(ModelType::Prosody) => m.prosody = map.next_value()?,
                        ModelKey::Known(ModelType::Language) => m.language = map.next_value()?,
                        ModelKey::Known(ModelType::Ner) => m.ner = map.next_value()?,
                        ModelKey::Known(ModelType::Facemesh) => m.facemesh = map.next_value()?,
                        ModelKey::Other(k) => {
                            let v: serde_json::Value = map.next_value()?;
                            if !v.is_null() {
                                m.other.insert(k, v);
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

with_setters!(ModelsPredictions {
    with_face => Some(face): ModelResult<FacePrediction>,
    with_burst => Some(burst): ModelResult<BurstPrediction>,
    with_prosody => Some(prosody): ModelResult<ProsodyPrediction>,
    with_language => Some(language): ModelResult<LanguagePrediction>,
    with_ner => Some(ner): ModelResult<NerPrediction>,
    with_facemesh => Some(facemesh): ModelResult<FacemeshPrediction>,
});
