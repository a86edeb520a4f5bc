//! [`summarize`]: per source/file/model (optionally per group, optionally inside a time window)
//! emotion means, and [`render_table`] to print them.

use std::fmt::Write as _;

use crate::dataset::{Dataset, FileView};
use crate::error::AnalysisError;
use crate::mean::{EmotionMeans, mean_scores};
use crate::model::Model;
use crate::segment::{Segment, sort_segments};
use crate::selection::{by_group, ensure_not_empty};
use crate::window::{TimeWindow, media_range};

/// What to summarise (builder-lite: `SummaryOptions::default().with_file("a.mp4")`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SummaryOptions {
    /// Only this file path (every file when `None`).
    pub file: Option<String>,
    /// Only this model (every model present when `None`).
    pub model: Option<Model>,
    /// Only the segments overlapping this window, cut to it (see [`crate::window`]).
    pub window: Option<TimeWindow>,
    /// One summary per face/speaker group instead of one per file and model.
    pub per_group: bool,
}

impl SummaryOptions {
    /// Restricts to one file.
    pub fn with_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Restricts to one model.
    pub fn with_model(mut self, model: impl Into<Model>) -> Self {
        self.model = Some(model.into());
        self
    }

    /// Restricts to a time window.
    pub fn with_window(mut self, window: TimeWindow) -> Self {
        self.window = Some(window);
        self
    }

    /// Splits by face/speaker group.
    pub fn with_per_group(mut self, per_group: bool) -> Self {
        self.per_group = per_group;
        self
    }
}

/// Emotion means of one file and model (and group, with [`SummaryOptions::per_group`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Summary {
    /// The source label.
    pub source: String,
    /// The file path.
    pub file: String,
    /// The model.
    pub model: Model,
    /// The group id, when summarised per group.
    pub group: Option<String>,
    /// `[earliest begin, latest end]` of the summarised segments (`None` when untimed).
    pub range: Option<(f64, f64)>,
    /// The means (with their weighting and segment count), highest first.
    pub means: EmotionMeans,
}

/// Summaries in source, file, [`Model::ALL`] order (groups in order of appearance), of batch
/// predictions or v1 measurements.
///
/// # Errors
/// [`AnalysisError::EmptyPredictions`]; [`AnalysisError::FileNotFound`] and
/// [`AnalysisError::ModelAbsent`] for filters that match nothing;
/// [`AnalysisError::NoSegments`] when one file and model are asked for and hold nothing; window
/// errors ([`AnalysisError::WindowOutsideMedia`], [`AnalysisError::EmptyWindow`],
/// [`AnalysisError::Untimed`]) when a single file and model are asked for, or when the window
/// leaves nothing of any file (files the window misses are otherwise skipped).
pub fn summarize<D: Dataset + ?Sized>(
    data: &D,
    options: &SummaryOptions,
) -> Result<Vec<Summary>, AnalysisError> {
    ensure_not_empty(data)?;
    let files = data.file_results();
    if let (Some(file), Some(model)) = (&options.file, options.model) {
        // One file and model: `select` gives the precise error.
        crate::select(data, file, model)?;
    } else if let Some(file) = &options.file {
        crate::selection::file_views(data, file)?;
    } else if let Some(model) = options.model
        && !files.iter().any(|v| v.contains(model))
    {
        let mut present: Vec<Model> = files.iter().flat_map(FileView::models).collect();
        present.sort();
        present.dedup();
        return Err(AnalysisError::ModelAbsent {
            model,
            file: "(any file)".to_owned(),
            present,
        });
    }

    let mut out = Vec::new();
    let mut window_error = None;
    for view in &files {
        if options.file.as_ref().is_some_and(|f| f != view.file()) {
            continue;
        }
        for model in Model::ALL {
            if options.model.is_some_and(|m| m != model) || !view.contains(model) {
                continue;
            }
            let mut segments: Vec<Segment<'_>> = view.segments(model).collect();
            sort_segments(&mut segments);
            if let Some(window) = options.window {
                match window.apply_in(&segments, view.media_extent()) {
                    Ok(inside) => segments = inside,
                    Err(e) => {
                        window_error.get_or_insert(e);
                        continue;
                    }
                }
            }
            if segments.is_empty() {
                continue;
            }
            let make = |group: Option<&str>, segs: &[Segment<'_>]| Summary {
                source: view.source().to_owned(),
                file: view.file().to_owned(),
                model,
                group: group.map(str::to_owned),
                range: media_range(segs),
                means: mean_scores(segs),
            };
            if options.per_group {
                for (group, segs) in by_group(&segments) {
                    out.push(make(Some(group), &segs));
                }
            } else {
                out.push(make(None, &segments));
            }
        }
    }
    if out.is_empty() {
        if let Some(e) = window_error {
            return Err(e);
        }
        if let Some(file) = &options.file {
            return Err(AnalysisError::NoSegments {
                file: file.clone(),
                model: options.model,
            });
        }
    }
    Ok(out)
}

/// A plain-text table, one row per summary: source, file, model, group, segment count, time
/// range, weighting and the `top` highest means as `Name 0.123`.
pub fn render_table(summaries: &[Summary], top: usize) -> String {
    let mut header: Vec<String> = [
        "source",
        "file",
        "model",
        "group",
        "segments",
        "time (s)",
        "weighting",
    ]
    .map(str::to_owned)
    .to_vec();
    header.extend((1..=top).map(|i| format!("#{i}")));
    let mut rows = vec![header];
    for s in summaries {
        let mut row = vec![
            s.source.clone(),
            s.file.clone(),
            s.model.to_string(),
            s.group.clone().unwrap_or_else(|| "*".to_owned()),
            s.means.segments.to_string(),
            s.range
                .map_or_else(|| "-".to_owned(), |(b, e)| format!("{b:.2}-{e:.2}")),
            s.means.weighting.as_str().to_owned(),
        ];
        for i in 0..top {
            row.push(
                s.means
                    .means
                    .get(i)
                    .map_or_else(String::new, |m| format!("{} {:.3}", m.name, m.mean)),
            );
        }
        rows.push(row);
    }
    let columns = rows[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            let _ = write!(line, "{cell:<width$}", width = widths[c]);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
