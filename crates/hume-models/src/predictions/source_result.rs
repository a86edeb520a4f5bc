//! [`SourceResult`], [`InferenceResults`], [`InferencePrediction`] and [`FileError`].

use serde::{Deserialize, Serialize};

use super::{ModelsPredictions, Source};

/// Everything produced for one input source. A source that failed as a whole has
/// [`error`](Self::error) and usually no [`results`](Self::results).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
pub struct InferenceResults {
    /// One entry per processed file, in no particular order.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub predictions: Vec<InferencePrediction>,
    /// Files that could not be processed.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub errors: Vec<FileError>,
}

/// A file inside a source that could not be processed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileError {
    /// What went wrong.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub message: String,
    /// The file path relative to its source.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub file: String,
}

/// All models' results for one file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
    /// For raw-text predictions: the 0-based index of the text item (`file` `"1"` → 0).
    pub fn text_index(&self) -> Option<usize> {
        self.file.parse::<usize>().ok()?.checked_sub(1)
    }
}
