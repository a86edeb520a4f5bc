//! [`Predictions`]: the whole predictions response.

use std::collections::HashMap;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

use super::{FileError, InferencePrediction, Source, SourceResult};
use crate::{ParseError, parse_error};

/// The predictions of a job: one [`SourceResult`] per input source.
///
/// Results arrive in no fixed order (raw-text items come back shuffled), so look them up by
/// file with [`find_file`](Self::find_file) or [`by_file`](Self::by_file) rather than by
/// position.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Predictions(pub Vec<SourceResult>);

impl Predictions {
    /// Parses a response body.
    ///
    /// A single-pass parser specialised to this shape reads well-formed bodies; anything it
    /// does not reproduce exactly (and every error) goes through the serde path, so the result
    /// is the same either way.
    pub fn from_response(body: &[u8]) -> Result<Self, ParseError> {
        if let Some(parsed) = super::fast::parse(body) {
            return Ok(parsed);
        }
        parse_error::from_slice("Predictions", body)
    }

    /// Parses from a reader (the body is read fully first, then parsed as by
    /// [`from_response`](Self::from_response)).
    pub fn from_reader(reader: impl std::io::Read) -> Result<Self, ParseError> {
        Self::from_response(&parse_error::read_all("Predictions", reader)?)
    }

    /// Parses an already-decoded JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<Self, ParseError> {
        parse_error::from_value("Predictions", value)
    }

    /// The sources.
    pub fn into_vec(self) -> Vec<SourceResult> {
        self.0
    }

    /// Every prediction with its source.
    pub fn iter_predictions(&self) -> impl Iterator<Item = (&Source, &InferencePrediction)> {
        self.0
            .iter()
            .flat_map(|s| s.predictions().iter().map(move |p| (&s.source, p)))
    }

    /// The first prediction for this file path, across all sources.
    pub fn find_file(&self, file: &str) -> Option<&InferencePrediction> {
        self.iter_predictions()
            .map(|(_, p)| p)
            .find(|p| p.file == file)
    }

    /// Every prediction keyed by file path (several sources may share a path, hence the list).
    pub fn by_file(&self) -> HashMap<&str, Vec<&InferencePrediction>> {
        let mut map: HashMap<&str, Vec<&InferencePrediction>> = HashMap::new();
        for (_, p) in self.iter_predictions() {
            map.entry(p.file.as_str()).or_default().push(p);
        }
        map
    }

    /// Sources that failed as a whole, with their error.
    pub fn source_errors(&self) -> impl Iterator<Item = (&Source, &str)> {
        self.0
            .iter()
            .filter_map(|s| s.error.as_deref().map(|e| (&s.source, e)))
    }

    /// Per-file errors with their source.
    pub fn file_errors(&self) -> impl Iterator<Item = (&Source, &FileError)> {
        self.0
            .iter()
            .flat_map(|s| s.file_errors().iter().map(move |e| (&s.source, e)))
    }
}

impl Deref for Predictions {
    type Target = [SourceResult];

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl From<Vec<SourceResult>> for Predictions {
    fn from(sources: Vec<SourceResult>) -> Self {
        Predictions(sources)
    }
}

impl IntoIterator for Predictions {
    type Item = SourceResult;
    type IntoIter = std::vec::IntoIter<SourceResult>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Predictions {
    type Item = &'a SourceResult;
    type IntoIter = std::slice::Iter<'a, SourceResult>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
