//! [`AnalysisError`]: why a statistic, export or plot could not be produced.

use hume_models::ParseError;

use crate::model::Model;

/// Why an analysis could not be produced.
///
/// Display is one lowercase line that names what was asked for and, where it helps, what
/// exists instead (the files and models present, close emotion names, the media's time range).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AnalysisError {
    /// The predictions hold no prediction at all (no source, or every source failed).
    #[error(
        "the predictions are empty (no source has any file result){}",
        if errors.is_empty() { String::new() } else { format!("; errors: {}", errors.join("; ")) }
    )]
    EmptyPredictions {
        /// The server's errors for the sources and files, as `source: message` or
        /// `source (file): message` (empty when there were none).
        errors: Vec<String>,
    },

    /// No prediction has this file path.
    #[error("no file `{file}` in the predictions (files: {})", list(available))]
    FileNotFound {
        /// The file asked for.
        file: String,
        /// The files that exist (at most 20).
        available: Vec<String>,
    },

    /// The file has no result for this model.
    #[error(
        "model {model} is absent for file `{file}` (models present: {})",
        list(present)
    )]
    ModelAbsent {
        /// The model asked for.
        model: Model,
        /// The file it was asked for.
        file: String,
        /// The models the file does have.
        present: Vec<Model>,
    },

    /// The model ran on the file but produced no segment (no face found, nothing spoken).
    #[error("no {}segments for file `{file}`", model.map(|m| format!("{m} ")).unwrap_or_default())]
    NoSegments {
        /// The file.
        file: String,
        /// The model, when one was asked for.
        model: Option<Model>,
    },

    /// An emotion name that no segment carries.
    #[error("unknown emotion `{name}` (close matches: {})", list(suggestions))]
    UnknownEmotion {
        /// The name asked for.
        name: String,
        /// Known names close to it, best first (possibly empty).
        suggestions: Vec<String>,
    },

    /// A time window that does not overlap the media at all (the extent is `[0, latest time
    /// any model of the file reports]`).
    #[error(
        "time window [{from}, {to}] s is outside the media, which spans [{media_begin}, {media_end}] s"
    )]
    WindowOutsideMedia {
        /// Window start, seconds.
        from: f64,
        /// Window end, seconds.
        to: f64,
        /// Start of the media (0, or an earlier time a model reports).
        media_begin: f64,
        /// The latest time any model of the file reports.
        media_end: f64,
    },

    /// A time window inside the media that no segment of this model overlaps (a gap between
    /// utterances, a window between two face frames).
    #[error(
        "no {model} segment of file `{file}` overlaps [{from}, {to}] s (its segments span [{}, {}] s)",
        covered.0,
        covered.1
    )]
    EmptyWindow {
        /// The file.
        file: String,
        /// The model.
        model: Model,
        /// Window start, seconds.
        from: f64,
        /// Window end, seconds.
        to: f64,
        /// `[earliest begin, latest end]` of the model's segments.
        covered: (f64, f64),
    },

    /// A time-based statistic was asked of segments that have no time (language or NER on
    /// raw text, facemesh).
    #[error("{model} segments of file `{file}` have no time, so {what} does not apply")]
    Untimed {
        /// The file.
        file: String,
        /// The model.
        model: Model,
        /// The statistic that needs time.
        what: &'static str,
    },

    /// A parameter outside its domain (a window with `from > to`, a non-positive smoothing
    /// width, a NaN threshold...).
    #[error("invalid {name}: {reason}")]
    InvalidParameter {
        /// The parameter.
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },

    /// The predictions (or a v1 response) could not be parsed.
    #[error("cannot parse the predictions")]
    Parse(#[source] ParseError),

    /// The input is none of the formats the analyses read.
    #[error(
        "cannot read {found}: expected batch predictions (a JSON array), a v1 response (a JSON object) or a results file of `hume measure` (JSON Lines)"
    )]
    UnknownFormat {
        /// What was found instead.
        found: String,
    },

    /// The predictions JSON could not be parsed (streaming export).
    #[error(
        "cannot parse the predictions{}",
        element_offset.map(|o| format!(" (in the source element at byte {o}; its line and column count from there)")).unwrap_or_default()
    )]
    Json {
        /// Where the failing top-level element starts, when the body was split into elements
        /// before parsing ([`crate::export::stream_csv`]); the error's line and column are
        /// then relative to that element.
        element_offset: Option<u64>,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },

    /// Writing CSV failed.
    #[error("cannot write csv")]
    Csv(#[source] csv::Error),

    /// Reading input or writing output failed.
    #[error("i/o failure")]
    Io(#[source] std::io::Error),

    /// The plotting backend failed.
    #[error("cannot draw the plot: {0}")]
    Plot(String),
}

impl From<csv::Error> for AnalysisError {
    fn from(e: csv::Error) -> Self {
        AnalysisError::Csv(e)
    }
}

impl From<std::io::Error> for AnalysisError {
    fn from(e: std::io::Error) -> Self {
        AnalysisError::Io(e)
    }
}

impl From<ParseError> for AnalysisError {
    fn from(e: ParseError) -> Self {
        AnalysisError::Parse(e)
    }
}

fn list<T: std::fmt::Display>(items: &[T]) -> String {
    if items.is_empty() {
        return "none".to_owned();
    }
    items
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
