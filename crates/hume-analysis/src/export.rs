//! The tidy long table: one CSV row per (segment, emotion), streamed.
//!
//! Columns ([`CSV_HEADER`]): `source, file, model, group, frame, begin, end, text, emotion,
//! score`. `frame` is set for face only; `begin`/`end` are the span in seconds (a face frame
//! has `begin = end = time`); both are empty for untimed segments (language/NER on raw text,
//! facemesh); `text` is the transcript segment (prosody, language) or the entity (NER). Numbers
//! are written in Rust's shortest round-trip form (`0.25`, `3`).
//!
//! # Two paths, both streaming rows
//! - [`write_csv`] takes a typed [`Predictions`] already in memory and writes each row as
//!   it is produced; nothing but the current row is buffered (besides the CSV writer's buffer).
//! - [`stream_csv`] / [`stream_csv_slice`] never build the whole `Predictions`: serde visitors
//!   walk the top-level array, each source's `results.predictions` array, and deserialise one
//!   file's [`InferencePrediction`](hume_models::InferencePrediction) at a time, write its
//!   rows, then drop it (see the private `stream` module). One file rather than one source is
//!   the unit because a single source (a zip upload, the raw-text source) can hold every file
//!   of a job. Peak memory is one file's typed predictions plus the parser's buffer (and the
//!   input itself for the slice variant), so a 200 MB body exports in far less than twice its
//!   size; the `export_csv` bench measures it. The slice variant parses faster (no per-byte
//!   reader calls); use it when the body is already in memory.

use std::io::{Read, Write};

use hume_models::Predictions;
use hume_models::predictions::{InferencePrediction, Source};

use crate::error::AnalysisError;
use crate::segment::Segment;
use crate::segments::prediction_segments;

/// The CSV header, in column order.
pub const CSV_HEADER: [&str; 10] = [
    "source", "file", "model", "group", "frame", "begin", "end", "text", "emotion", "score",
];

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportStats {
    /// Files (predictions) visited.
    pub files: u64,
    /// Segments visited.
    pub segments: u64,
    /// Data rows written (the header not counted).
    pub rows: u64,
}

/// Writes the long table of in-memory predictions to `writer` (header first), row by row.
///
/// # Errors
/// [`AnalysisError::Csv`] when writing fails.
pub fn write_csv<W: Write>(
    predictions: &Predictions,
    writer: W,
) -> Result<ExportStats, AnalysisError> {
    let mut rows = RowWriter::new(writer)?;
    for (source, prediction) in predictions.iter_predictions() {
        rows.write_prediction(source, prediction)?;
    }
    rows.finish()
}

/// Reads a predictions body from `reader` and writes its long table to `writer`, one file's
/// predictions in memory at a time. The reader is buffered internally.
///
/// # Errors
/// [`AnalysisError::Json`] when the body is not valid predictions JSON (rows written before
/// the error stay written), [`AnalysisError::Csv`] when writing fails.
pub fn stream_csv<R: Read, W: Write>(reader: R, writer: W) -> Result<ExportStats, AnalysisError> {
    let mut de =
        serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 18, reader));
    stream_from(&mut de, writer)
}

/// [`stream_csv`] over a body already in memory (faster parsing; same memory profile apart
/// from the body itself).
///
/// # Errors
/// As [`stream_csv`].
pub fn stream_csv_slice<W: Write>(body: &[u8], writer: W) -> Result<ExportStats, AnalysisError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    stream_from(&mut de, writer)
}

fn stream_from<'de, R: serde_json::de::Read<'de>, W: Write>(
    de: &mut serde_json::Deserializer<R>,
    writer: W,
) -> Result<ExportStats, AnalysisError> {
    let mut rows = RowWriter::new(writer)?;
    crate::stream::for_each_prediction(de, &mut |source, prediction| {
        rows.write_prediction(source, prediction)
    })?;
    rows.finish()
}

/// Writes rows for segments; formats each segment's shared columns once.
struct RowWriter<W: Write> {
    csv: csv::Writer<W>,
    stats: ExportStats,
    frame: String,
    begin: String,
    end: String,
    score: String,
}

impl<W: Write> RowWriter<W> {
    fn new(writer: W) -> Result<Self, AnalysisError> {
        let mut csv = csv::WriterBuilder::new()
            .buffer_capacity(1 << 16)
            .from_writer(writer);
        csv.write_record(CSV_HEADER)?;
        Ok(RowWriter {
            csv,
            stats: ExportStats::default(),
            frame: String::new(),
            begin: String::new(),
            end: String::new(),
            score: String::new(),
        })
    }

    fn write_prediction(
        &mut self,
        source: &Source,
        prediction: &InferencePrediction,
    ) -> Result<(), AnalysisError> {
        self.stats.files += 1;
        for segment in prediction_segments(source.label(), prediction) {
            self.write_segment(&segment)?;
        }
        Ok(())
    }

    fn write_segment(&mut self, s: &Segment<'_>) -> Result<(), AnalysisError> {
        use std::fmt::Write as _;
        self.stats.segments += 1;
        self.frame.clear();
        self.begin.clear();
        self.end.clear();
        if let Some(f) = s.frame {
            let _ = write!(self.frame, "{f}");
        }
        if let Some(b) = s.begin() {
            let _ = write!(self.begin, "{b}");
        }
        if let Some(e) = s.end() {
            let _ = write!(self.end, "{e}");
        }
        let model = s.model.as_str();
        let text = s.text.unwrap_or("");
        for e in s.emotions {
            self.score.clear();
            let _ = write!(self.score, "{}", e.score);
            self.csv.write_record([
                s.source,
                s.file,
                model,
                s.group,
                &self.frame,
                &self.begin,
                &self.end,
                text,
                &e.name,
                &self.score,
            ])?;
            self.stats.rows += 1;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<ExportStats, AnalysisError> {
        self.csv.flush()?;
        Ok(self.stats)
    }
}
