//! [`Document`]: any input the analyses read, told apart by its content.

use std::io::BufRead;

use hume_models::Predictions;

use crate::dataset::{Dataset, FileView};
use crate::error::AnalysisError;
use crate::export::ExportError;
use crate::measurements::Measurements;

/// What an input holds, from its first non-blank byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// `[`: a batch (v0) predictions array.
    Batch,
    /// `{`: a v1 response, or JSON Lines (bulk records or responses, one per line).
    Measurements,
}

impl Format {
    /// Peeks at `reader`'s first non-whitespace byte (the whitespace is consumed, nothing
    /// else); `None` for an empty input.
    ///
    /// # Errors
    /// [`AnalysisError::UnknownFormat`] for any other first byte; reading fails.
    pub fn detect(reader: &mut impl BufRead) -> Result<Option<Format>, AnalysisError> {
        loop {
            let buf = reader.fill_buf()?;
            let Some(&first) = buf.first() else {
                return Ok(None);
            };
            match first {
                b'[' => return Ok(Some(Format::Batch)),
                b'{' => return Ok(Some(Format::Measurements)),
                b if b.is_ascii_whitespace() => {
                    let n = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
                    reader.consume(n);
                }
                other => {
                    return Err(AnalysisError::UnknownFormat {
                        found: format!("input starting with {:?}", char::from(other)),
                    });
                }
            }
        }
    }
}

/// Any input of the analyses: batch predictions (a JSON array), a v1 response (a JSON object)
/// or a bulk results file of `hume measure` (JSON Lines, see [`crate::records`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Document {
    /// Batch (v0) predictions.
    Batch(Predictions),
    /// v1 responses.
    Measurements(Measurements),
}

impl Document {
    /// Reads and parses `reader`, its format told from its content ([`Format::detect`]).
    ///
    /// # Errors
    /// [`AnalysisError::UnknownFormat`] (also for an empty input), [`AnalysisError::Parse`]
    /// for batch predictions or a v1 response that do not parse, [`AnalysisError::Io`].
    pub fn from_reader(mut reader: impl BufRead) -> Result<Self, AnalysisError> {
        match Format::detect(&mut reader)? {
            Some(Format::Batch) => Ok(Document::Batch(crate::read_predictions(reader)?)),
            Some(Format::Measurements) => {
                Ok(Document::Measurements(Measurements::from_reader(reader)?))
            }
            None => Err(AnalysisError::UnknownFormat {
                found: "an empty input".to_owned(),
            }),
        }
    }

    /// [`from_reader`](Self::from_reader) over bytes in memory (batch predictions are walked
    /// in place, with the same validation).
    ///
    /// # Errors
    /// As [`from_reader`](Self::from_reader).
    pub fn from_slice(bytes: &[u8]) -> Result<Self, AnalysisError> {
        let mut reader = bytes;
        match Format::detect(&mut reader)? {
            Some(Format::Batch) => Ok(Document::Batch(crate::read_predictions_slice(reader)?)),
            Some(Format::Measurements) => {
                Ok(Document::Measurements(Measurements::from_slice(reader)?))
            }
            None => Err(AnalysisError::UnknownFormat {
                found: "an empty input".to_owned(),
            }),
        }
    }

    /// Its format.
    pub fn format(&self) -> Format {
        match self {
            Document::Batch(_) => Format::Batch,
            Document::Measurements(_) => Format::Measurements,
        }
    }
}

impl Dataset for Document {
    fn file_results(&self) -> Vec<FileView<'_>> {
        match self {
            Document::Batch(p) => p.file_results(),
            Document::Measurements(m) => m.file_results(),
        }
    }

    fn failures(&self) -> Vec<ExportError> {
        match self {
            Document::Batch(p) => p.failures(),
            Document::Measurements(m) => m.failures(),
        }
    }
}
