//! [`ModelResult`] and [`GroupedPredictions`]: one model's output for one file.

use serde::{Deserialize, Serialize};

use super::TranscriptionMetadata;

/// One model's results for one file: optional metadata and predictions grouped by face or
/// speaker id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "P: Deserialize<'de>"))]
#[non_exhaustive]
pub struct ModelResult<P> {
    /// Transcription metadata (prosody, language, NER on media only).
    #[serde(default)]
    pub metadata: Option<TranscriptionMetadata>,
    /// Predictions grouped by identity.
    #[serde(default = "Vec::new", deserialize_with = "crate::de::null_default")]
    pub grouped_predictions: Vec<GroupedPredictions<P>>,
}

impl<P> Default for ModelResult<P> {
    fn default() -> Self {
        ModelResult {
            metadata: None,
            grouped_predictions: Vec::new(),
        }
    }
}

impl<P> ModelResult<P> {
    /// A result with these groups and no metadata.
    pub fn new(grouped_predictions: Vec<GroupedPredictions<P>>) -> Self {
        ModelResult {
            metadata: None,
            grouped_predictions,
        }
    }

    /// Sets the transcription metadata.
    #[must_use]
    pub fn with_metadata(mut self, metadata: TranscriptionMetadata) -> Self {
        self.metadata = Some(metadata);
        self
    }

    /// Every prediction of every group, in order.
    pub fn predictions(&self) -> impl Iterator<Item = &P> {
        self.grouped_predictions
            .iter()
            .flat_map(|g| g.predictions.iter())
    }

    /// Total number of predictions over all groups.
    pub fn prediction_count(&self) -> usize {
        self.grouped_predictions
            .iter()
            .map(|g| g.predictions.len())
            .sum()
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&GroupedPredictions<P>> {
        self.grouped_predictions.iter().find(|g| g.id == id)
    }
}

/// Predictions for one identity: a face or speaker id, or `"unknown"` when identification is
/// off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "P: Deserialize<'de>"))]
#[non_exhaustive]
pub struct GroupedPredictions<P> {
    /// The face or speaker id.
    #[serde(default)]
    pub id: String,
    /// This identity's predictions.
    #[serde(default = "Vec::new", deserialize_with = "crate::de::null_default")]
    pub predictions: Vec<P>,
}

impl<P> Default for GroupedPredictions<P> {
    fn default() -> Self {
        GroupedPredictions {
            id: String::new(),
            predictions: Vec::new(),
        }
    }
}

impl<P> GroupedPredictions<P> {
    /// The predictions of the face or speaker `id` (`"unknown"` when identification is off).
    pub fn new(id: impl Into<String>, predictions: Vec<P>) -> Self {
        GroupedPredictions {
            id: id.into(),
            predictions,
        }
    }
}
