//! Picking the segments of one file and model, with the errors a user can act on.

use std::collections::HashMap;

use hume_models::Predictions;
use hume_models::predictions::InferencePrediction;

use crate::dataset::{Dataset, FileView};
use crate::error::AnalysisError;
use crate::model::Model;
use crate::segment::{Segment, sort_segments};

/// The segments of `model` for `file`, sorted by time (or by text position or frame when
/// untimed), from batch predictions or v1 measurements.
///
/// Every source is searched; when several sources hold the same file path, their segments are
/// all returned (each keeps its [`Segment::source`]).
///
/// # Errors
/// [`AnalysisError::EmptyPredictions`] when no source has a file result,
/// [`AnalysisError::FileNotFound`] (with the files present),
/// [`AnalysisError::ModelAbsent`] (with the models present) and
/// [`AnalysisError::NoSegments`] when the model ran but produced nothing.
pub fn select<'a, D: Dataset + ?Sized>(
    data: &'a D,
    file: &str,
    model: impl Into<Model>,
) -> Result<Vec<Segment<'a>>, AnalysisError> {
    let model = model.into();
    let matches = file_views(data, file)?;
    if !matches.iter().any(|v| v.contains(model)) {
        let mut present: Vec<Model> = matches.iter().flat_map(FileView::models).collect();
        present.sort();
        present.dedup();
        return Err(AnalysisError::ModelAbsent {
            model,
            file: file.to_owned(),
            present,
        });
    }
    let mut segments: Vec<Segment<'a>> = matches.iter().flat_map(|v| v.segments(model)).collect();
    if segments.is_empty() {
        return Err(AnalysisError::NoSegments {
            file: file.to_owned(),
            model: Some(model),
        });
    }
    sort_segments(&mut segments);
    Ok(segments)
}

/// Every file result with this path.
///
/// # Errors
/// [`AnalysisError::EmptyPredictions`] and [`AnalysisError::FileNotFound`] (listing up to 20
/// files present).
pub fn file_views<'a, D: Dataset + ?Sized>(
    data: &'a D,
    file: &str,
) -> Result<Vec<FileView<'a>>, AnalysisError> {
    let all = data.file_results();
    if all.is_empty() {
        return Err(AnalysisError::EmptyPredictions {
            errors: failure_lines(data),
        });
    }
    let matches: Vec<FileView<'a>> = all.iter().copied().filter(|v| v.file() == file).collect();
    if matches.is_empty() {
        let mut available: Vec<String> = all.iter().map(|v| v.file().to_owned()).collect();
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

/// Every batch prediction for this file path, with its source label.
///
/// # Errors
/// [`AnalysisError::EmptyPredictions`] and [`AnalysisError::FileNotFound`] (listing up to 20
/// files present).
pub fn file_predictions<'a>(
    predictions: &'a Predictions,
    file: &str,
) -> Result<Vec<(&'a str, &'a InferencePrediction)>, AnalysisError> {
    file_views(predictions, file)?;
    Ok(predictions
        .iter()
        .flat_map(|s| {
            let label = s.source.label();
            s.predictions()
                .iter()
                .filter(|p| p.file == file)
                .map(move |p| (label, p))
        })
        .collect())
}

/// Fails with [`AnalysisError::EmptyPredictions`] (carrying the failures: the server's
/// source and file errors, failed records) when there is not a single file result.
pub fn ensure_not_empty<D: Dataset + ?Sized>(data: &D) -> Result<(), AnalysisError> {
    if data.file_results().is_empty() {
        return Err(AnalysisError::EmptyPredictions {
            errors: failure_lines(data),
        });
    }
    Ok(())
}

/// The failures of the input, one line each: `source: message` for a source that failed as a
/// whole (v1: `file: message` for a failed record, `line N: message` for an unreadable line),
/// `source (file): message` for a file that failed.
pub fn prediction_errors<D: Dataset + ?Sized>(data: &D) -> Vec<String> {
    failure_lines(data)
}

fn failure_lines<D: Dataset + ?Sized>(data: &D) -> Vec<String> {
    data.failures().iter().map(ToString::to_string).collect()
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
