//! Picking the segments of one file and model, with the errors a user can act on.

use std::collections::HashMap;

use hume_models::predictions::InferencePrediction;
use hume_models::{ModelType, Predictions};

use crate::error::AnalysisError;
use crate::segment::{Segment, sort_segments};
use crate::segments::model_segments;

/// The segments of `model` for `file`, sorted by time (or by text position when untimed).
///
/// Every source is searched; when several sources hold the same file path, their segments are
/// all returned (each keeps its [`Segment::source`]).
///
/// # Errors
/// [`AnalysisError::EmptyPredictions`] when no source has a file result,
/// [`AnalysisError::FileNotFound`] (with the files present),
/// [`AnalysisError::ModelAbsent`] (with the models present) and
/// [`AnalysisError::NoSegments`] when the model ran but produced nothing.
pub fn select<'a>(
    predictions: &'a Predictions,
    file: &str,
    model: ModelType,
) -> Result<Vec<Segment<'a>>, AnalysisError> {
    let matches = file_predictions(predictions, file)?;
    if !matches.iter().any(|(_, p)| p.models.contains(model)) {
        let mut present: Vec<ModelType> = matches
            .iter()
            .flat_map(|(_, p)| p.models.model_types())
            .collect();
        present.sort();
        present.dedup();
        return Err(AnalysisError::ModelAbsent {
            model,
            file: file.to_owned(),
            present,
        });
    }
    let mut segments: Vec<Segment<'a>> = matches
        .iter()
        .flat_map(|(label, p)| model_segments(label, &p.file, &p.models, model))
        .collect();
    if segments.is_empty() {
        return Err(AnalysisError::NoSegments {
            file: file.to_owned(),
            model: Some(model),
        });
    }
    sort_segments(&mut segments);
    Ok(segments)
}

/// Every prediction for this file path, with its source label.
///
/// # Errors
/// [`AnalysisError::EmptyPredictions`] and [`AnalysisError::FileNotFound`] (listing up to 20
/// files present).
pub fn file_predictions<'a>(
    predictions: &'a Predictions,
    file: &str,
) -> Result<Vec<(&'a str, &'a InferencePrediction)>, AnalysisError> {
    ensure_not_empty(predictions)?;
    let matches: Vec<_> = predictions
        .iter()
        .flat_map(|s| {
            let label = s.source.label();
            s.predictions()
                .iter()
                .filter(|p| p.file == file)
                .map(move |p| (label, p))
        })
        .collect();
    if matches.is_empty() {
        let mut available: Vec<String> = predictions
            .iter_predictions()
            .map(|(_, p)| p.file.clone())
            .collect();
        available.sort();
        available.dedup();
        available.truncate(20);
        return Err(AnalysisError::FileNotFound {
            file: file.to_owned(),
            available,
        });
    }
    Ok(matches)
}

/// Fails with [`AnalysisError::EmptyPredictions`] (carrying the server's source and file
/// errors) when no source has a single file result.
pub fn ensure_not_empty(predictions: &Predictions) -> Result<(), AnalysisError> {
    if predictions.iter_predictions().next().is_none() {
        return Err(AnalysisError::EmptyPredictions {
            errors: prediction_errors(predictions),
        });
    }
    Ok(())
}

/// The server's errors in the predictions, one line each: `source: message` for a source that
/// failed as a whole, `source (file): message` for a file that failed.
pub fn prediction_errors(predictions: &Predictions) -> Vec<String> {
    let mut out = Vec::new();
    for s in predictions.iter() {
        let label = s.source.label();
        if let Some(message) = &s.error {
            out.push(format!("{label}: {message}"));
        }
        for e in s.file_errors() {
            out.push(format!("{label} ({}): {}", e.file, e.message));
        }
    }
    out
}

/// Splits segments by group (face or speaker id), groups in order of first appearance, each
/// group keeping the segments' order.
pub fn by_group<'a>(segments: &[Segment<'a>]) -> Vec<(&'a str, Vec<Segment<'a>>)> {
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    let mut groups: Vec<(&'a str, Vec<Segment<'a>>)> = Vec::new();
    for s in segments {
        let slot = *index.entry(s.group).or_insert_with(|| {
            groups.push((s.group, Vec::new()));
            groups.len() - 1
        });
        groups[slot].1.push(*s);
    }
    groups
}
