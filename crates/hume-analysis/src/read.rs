//! [`read_predictions`]: a predictions body read into typed [`Predictions`] through the same
//! streaming walk [`export`](crate::export) uses, so summary, plot and export accept and
//! refuse the same bodies.
//!
//! From a reader, the body is cut into its top-level elements (one source result each) by
//! the same structural scanner as [`export::stream_csv`](crate::export::stream_csv), and
//! each element is walked from a slice: memory is the typed predictions plus one element's
//! bytes, never the whole body (a 100 MB body is not held as bytes next to its ~100 MB of
//! typed values). The result equals `Predictions::from_response` of the same bytes, and an
//! error is returned exactly when that would fail (the fuzz harness checks both).

use std::io::Read;

use hume_models::Predictions;
use hume_models::predictions::{FileError, InferencePrediction, InferenceResults, SourceResult};

use crate::error::AnalysisError;
use crate::stream::Event;

/// Reads the predictions a body holds, streaming from `reader`.
///
/// # Errors
/// [`AnalysisError::Json`] when the body is not predictions JSON (with the offset of the
/// failing source), [`AnalysisError::Io`] when reading fails.
pub fn read_predictions<R: Read>(reader: R) -> Result<Predictions, AnalysisError> {
    let mut collector = Collector::default();
    let mut elements = crate::framing::ArrayElements::new(reader);
    while let Some((offset, element)) = elements.next_element()? {
        crate::stream::for_each_prediction_in_source(&element, offset, &mut |event| {
            collector.take(event);
            Ok(())
        })?;
    }
    Ok(Predictions(collector.sources))
}

/// [`read_predictions`] of a body in memory.
///
/// # Errors
/// As [`read_predictions`].
pub fn read_predictions_slice(body: &[u8]) -> Result<Predictions, AnalysisError> {
    let mut collector = Collector::default();
    let mut de = serde_json::Deserializer::from_slice(body);
    crate::stream::for_each_prediction(&mut de, &mut |event| {
        collector.take(event);
        Ok(())
    })?;
    Ok(Predictions(collector.sources))
}

/// Rebuilds the typed sources from the walk's events (each source's events come together,
/// ending with its `SourceEnd`).
#[derive(Default)]
struct Collector {
    sources: Vec<SourceResult>,
    predictions: Vec<InferencePrediction>,
    errors: Vec<FileError>,
    error: Option<String>,
}

impl Collector {
    fn take(&mut self, event: Event<'_>) {
        match event {
            Event::Prediction(_, prediction) => self.predictions.push(prediction),
            Event::FileError(_, error) => self.errors.push(error),
            Event::SourceError(_, message) => self.error = Some(message),
            Event::SourceEnd(source, has_results) => {
                let results = InferenceResults::new(
                    std::mem::take(&mut self.predictions),
                    std::mem::take(&mut self.errors),
                );
                let mut result = SourceResult::new(source.clone(), results);
                if !has_results {
                    result.results = None;
                }
                result.error = self.error.take();
                self.sources.push(result);
            }
        }
    }
}

#[cfg(test)]
mod tests;
