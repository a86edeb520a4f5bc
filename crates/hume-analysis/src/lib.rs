//! Summaries, timelines, CSV export and plots over Hume batch predictions
//! ([`hume_models::Predictions`]).
//!
//! Every model's predictions are read through one view, the [`Segment`]: source label, file,
//! model, group (face or speaker id), frame (face), timing, text and emotion scores. Every
//! statistic is written once over segments, for every model:
//!
//! - face frames are [`Timing::Point`]s (`time` in seconds);
//! - prosody, burst, and language/NER on media are [`Timing::Span`]s (`{begin, end}`);
//! - language and NER on raw text, and facemesh, have no time ([`Timing::Untimed`]): they are
//!   ordered by character position (facemesh: as delivered); means and top-N work on them,
//!   time windows and rolling means refuse them with [`AnalysisError::Untimed`].
//!
//! Rules, documented where they live: means are duration-weighted for spans and plain for
//! frames ([`mean`]); a `null` score is absent from every statistic and empty in the CSV
//! (never 0); a time window takes the spans that **overlap** it, cut to the window, so each
//! weighs by its time inside ([`window`]); a rolling mean is centred on each segment
//! ([`rolling`]).
//!
//! # Example
//!
//! ```
//! use hume_analysis::{AnalysisError, TimeWindow, mean_scores, select};
//! use hume_models::{ModelType, Predictions};
//!
//! let body = r#"[{"source": {"type": "url", "url": "https://example.com/talk.mp3"},
//!   "results": {"errors": [], "predictions": [{"file": "talk.mp3", "models": {"prosody": {
//!     "metadata": null, "grouped_predictions": [{"id": "unknown", "predictions": [
//!       {"text": "Hello", "time": {"begin": 0.0, "end": 1.0},
//!        "emotions": [{"name": "Calmness", "score": 0.2}, {"name": "Joy", "score": 0.8}]},
//!       {"text": "there friend", "time": {"begin": 1.0, "end": 4.0},
//!        "emotions": [{"name": "Calmness", "score": 0.7}, {"name": "Joy", "score": 0.4}]}
//!     ]}]}}}]}}]"#;
//! let predictions = Predictions::from_response(body.as_bytes())?;
//!
//! let segments = select(&predictions, "talk.mp3", ModelType::Prosody)?;
//! // Duration-weighted: Joy = (0.8 × 1 s + 0.4 × 3 s) / 4 s = 0.5.
//! let means = mean_scores(&segments);
//! assert!((means.get("Joy").unwrap() - 0.5).abs() < 1e-12);
//! // Calmness = (0.2 × 1 s + 0.7 × 3 s) / 4 s = 0.575, the highest mean.
//! assert_eq!(means.top(1)[0].name, "Calmness");
//!
//! // Overlap rule: [0.5, 2] takes 0.5 s of the first segment and 1 s of the second.
//! let window = TimeWindow::new(0.5, 2.0)?.apply(&segments)?;
//! assert_eq!(window.len(), 2);
//! // Joy = (0.8 × 0.5 s + 0.4 × 1 s) / 1.5 s.
//! assert!((mean_scores(&window).get("Joy").unwrap() - 0.8 / 1.5).abs() < 1e-12);
//!
//! // The tidy long table, streamed straight from the JSON body.
//! let mut csv = Vec::new();
//! let stats = hume_analysis::export::stream_csv(body.as_bytes(), &mut csv)?;
//! assert_eq!(stats.rows, 4);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Map
//! - The view: [`Segment`], [`Timing`], [`PredictionRef`], [`ScoreKind`], [`segments`] (all),
//!   [`select`] (one file and model, with errors), [`by_group`], [`face_tracks`],
//!   [`sort_segments`], [`prediction_errors`].
//! - Statistics: [`mean_scores`] ([`EmotionMeans`]), [`TimeWindow`] ([`media_extent`]), [`peaks`],
//!   [`dominant_timeline`], [`rolling_mean`], [`check_emotions`].
//! - Input: [`read_predictions`] (streamed, with the one validation [`export`] shares).
//! - Output: [`summary`] (summaries and a text table), [`report`] (peaks and timelines as
//!   text), [`export`] (CSV long table, streamed), [`plot`] (SVG timeline).
//! - Errors: [`AnalysisError`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod dataset;
mod document;
mod dominant;
mod error;
pub mod export;
mod framing;
pub mod mean;
pub mod measurements;
mod model;
mod names;
mod peaks;
pub mod plot;
mod read;
pub mod records;
pub mod report;
pub mod rolling;
mod score_kind;
mod score_list;
mod segment;
mod segments;
mod selection;
mod stream;
pub mod summary;
mod tracks;
pub mod window;

pub use dataset::{Dataset, FileView};
pub use document::{Document, Format};
pub use dominant::{DominantRun, dominant_timeline};
pub use error::AnalysisError;
pub use mean::{EmotionMean, EmotionMeans, Weighting, mean_scores};
pub use measurements::{MeasuredFile, Measurements};
pub use model::Model;
pub use names::{check_emotions, close_matches, emotion_names};
pub use peaks::{Peak, peaks};
pub use read::{read_predictions, read_predictions_slice};
pub use rolling::{RollingPoint, rolling_mean};
pub use score_kind::ScoreKind;
pub use score_list::{ScoreIter, ScoreList, ScoreRef};
pub use segment::{PredictionRef, Segment, Timing, sort_segments};
pub use segments::{model_segments, prediction_segments, segments};
pub use selection::{
    by_group, ensure_not_empty, file_predictions, file_views, prediction_errors, select,
};
pub use tracks::face_tracks;
pub use window::{TimeWindow, media_extent, media_range};

#[cfg(test)]
mod tests;

#[allow(dead_code)]
fn assert_send_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<AnalysisError>();
    check::<EmotionMeans>();
    check::<summary::Summary>();
    check::<plot::PlotOptions>();
}
