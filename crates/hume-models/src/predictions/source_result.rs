//! [`SourceResult`], [`InferenceResults`], [`InferencePrediction`] and [`FileError`].

use serde::{Deserialize, Serialize};

use super::{ModelsPredictions, Source};

/// Everything produced for one input source. A source that failed as a whole has
/// [`error`](Self::error) and usually no [`results`](Self::results).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SourceResult {
    /// The input.
    pub source: Source,
    /// Per-file predictions and errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<InferenceResults>,
    /// Why the whole source failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl SourceResult {
    /// A source that was processed, with its per-file results.
    pub fn new(source: Source, results: InferenceResults) -> Self {
        SourceResult {
            source,
            results: Some(results),
            error: None,
        }
    }

    /// A source that failed as a whole, with the reason.
    pub fn failed(source: Source, error: impl Into<String>) -> Self {
        SourceResult {
            source,
            results: None,
            error: Some(error.into()),
        }
    }

    /// The predictions (empty when the source failed).
    pub fn predictions(&self) -> &[InferencePrediction] {
        self.results.as_ref().map_or(&[], |r| &r.predictions)
    }

    /// The per-file errors.
    pub fn file_errors(&self) -> &[FileError] {
        self.results.as_ref().map_or(&[], |r| &r.errors)
    }

    /// The prediction for this file path (relative to the source).
    pub fn prediction_for_file(&self, file: &str) -> Option<&InferencePrediction> {
        self.predictions().iter().find(|p| p.file == file)
    }
}

/// Per-file predictions and errors of one source.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InferenceResults {
    /// One entry per processed file, in no particular order.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub predictions: Vec<InferencePrediction>,
    /// Files that could not be processed.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub errors: Vec<FileError>,
}

impl InferenceResults {
    /// These predictions and per-file errors.
    pub fn new(predictions: Vec<InferencePrediction>, errors: Vec<FileError>) -> Self {
        InferenceResults {
            predictions,
            errors,
        }
    }
}

/// A file inside a source that could not be processed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileError {
    /// What went wrong.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub message: String,
    /// The file path relative to its source.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub file: String,
}

impl FileError {
    /// `file` (relative to its source) could not be processed because of `message`.
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        FileError {
            message: message.into(),
            file: file.into(),
        }
    }
}

/// All models' results for one file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InferencePrediction {
    /// The file path relative to its source (for raw text: the 1-based item index as a string).
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub file: String,
    /// The file's kind when the server says (for example `"text"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_type: Option<String>,
    /// Each model's results.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub models: ModelsPredictions,
}

impl InferencePrediction {
    /// The results of the models for `file` (relative to its source).
    pub fn new(file: impl Into<String>, models: ModelsPredictions) -> Self {
        InferencePrediction {
            file: file.into(),
            file_type: None,
            models,
        }
    }

    /// Sets [`file_type`](Self::file_type).
    #[must_use]
    pub fn with_file_type(mut self, file_type: impl Into<String>) -> Self {
        self.file_type = Some(file_type.into());
        self
    }

    /// For raw-text predictions: the 0-based index of the text item (`file` `"1"` → 0).
    pub fn text_index(&self) -> Option<usize> {
        self.file.parse::<usize>().ok()?.checked_sub(1)
    }
}
