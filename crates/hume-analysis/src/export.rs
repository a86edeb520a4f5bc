//! The tidy long table: one CSV row per (segment, emotion), streamed.
//!
//! Columns ([`CSV_HEADER`]): `source, file, model, group, frame, begin, end, text, emotion,
//! score`. `frame` is set for face only; `begin`/`end` are the span in seconds (a face frame
//! has `begin = end = time`); both are empty for untimed segments (language/NER on raw text,
//! facemesh); `text` is the transcript segment (prosody, language) or the entity (NER). Times
//! are written in Rust's shortest round-trip form (`1.5`, `3`), scores in ryu's (`0.25`,
//! `1.0`, `1e-7`): both read back as the same `f64`.
//!
//! # Two paths, both streaming rows
//! - [`write_csv`] takes a typed [`Predictions`] already in memory and writes rows as they
//!   are produced, through a 64 KiB output block; no row is kept once written.
//! - [`stream_csv`] / [`stream_csv_slice`] never build the whole `Predictions`. Chosen design:
//!   serde visitors walk each source's `results.predictions` array and deserialise one
//!   file's [`InferencePrediction`] at a time with the `hume-models` types (so the schema
//!   knowledge stays in one crate); its rows are written and it is dropped (see the private
//!   `stream` module). One *file* rather than one *source* is the unit of typed data because
//!   a single source (a zip upload, the raw-text source) can hold every file of a job.
//!   Parsing runs on a scoped helper thread that hands files to the writing thread through a
//!   channel bounded to a few files, so the typed parse and the CSV encoding overlap when a
//!   second core is free.
//!
//!   From a reader, `serde_json::from_reader` alone costs about 2.5x parsing the same bytes
//!   from a slice (a call per byte), so [`stream_csv`] does not use it: a third thread reads
//!   blocks and cuts the top-level array into its elements with a small structural scanner
//!   (strings, escapes, brackets; private `framing` module), and each element (one source
//!   result) is parsed from a slice. Peak memory: up to four source elements' bytes (two
//!   queued, one being cut, one being parsed) plus a few files' typed predictions, about
//!   30 MB for the 200 MB bench body (whose largest source is about 10 MB). A body that is
//!   one giant source is held whole, about 1x its size. [`stream_csv_slice`] holds the body
//!   itself (1x) and skips the scanner. The `export_csv`
//!   bench measures both.

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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
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
/// [`AnalysisError::Io`] when writing fails.
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

/// Reads a predictions body from `reader` and writes its long table to `writer`, with only a
/// few source elements' bytes and a few files' typed predictions in memory at a time.
///
/// Three stages run at once: a helper thread reads and cuts the body into top-level elements
/// (see the private `framing` module; hence `R: Send`), a second parses each element from
/// a slice into files, and this thread writes the rows.
///
/// # Errors
/// [`AnalysisError::Json`] when the body is not valid predictions JSON (rows written before
/// the error stay written), [`AnalysisError::Io`] when writing fails.
pub fn stream_csv<R: Read + Send, W: Write>(
    reader: R,
    writer: W,
) -> Result<ExportStats, AnalysisError> {
    pipeline(
        move |sink| {
            std::thread::scope(|scope| {
                let (tx, rx) = std::sync::mpsc::sync_channel::<(u64, Vec<u8>)>(2);
                let framer = scope.spawn(move || {
                    let mut elements = crate::framing::ArrayElements::new(reader);
                    while let Some(element) = elements.next_element()? {
                        if tx.send(element).is_err() {
                            break; // the parser stopped; its error is the one to report
                        }
                    }
                    Ok::<(), AnalysisError>(())
                });
                let parsed = (move || {
                    for (offset, element) in rx {
                        crate::stream::for_each_prediction_in_source(&element, offset, sink)?;
                    }
                    Ok::<(), AnalysisError>(())
                })();
                let framed = framer
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                parsed.and(framed)
            })
        },
        writer,
    )
}

/// [`stream_csv`] over a body already in memory (faster parsing; same memory profile apart
/// from the body itself).
///
/// # Errors
/// As [`stream_csv`].
pub fn stream_csv_slice<W: Write>(body: &[u8], writer: W) -> Result<ExportStats, AnalysisError> {
    pipeline(
        |sink| {
            let mut de = serde_json::Deserializer::from_slice(body);
            crate::stream::for_each_prediction(&mut de, sink)
        },
        writer,
    )
}

/// Files in flight between the parsing thread and the writing thread.
const IN_FLIGHT: usize = 4;

/// Runs `parse` on a scoped helper thread, sending each file's predictions through a bounded
/// channel to this thread, which writes the rows. Parsing and CSV encoding cost about the same,
/// so the two overlap; the bound keeps at most [`IN_FLIGHT`] files queued. A writer failure
/// wins over the parser's resulting "receiver gone" failure.
fn pipeline<P, W>(parse: P, writer: W) -> Result<ExportStats, AnalysisError>
where
    P: FnOnce(&mut crate::stream::Sink<'_>) -> Result<(), AnalysisError> + Send,
    W: Write,
{
    let (tx, rx) = std::sync::mpsc::sync_channel::<(Source, InferencePrediction)>(IN_FLIGHT);
    std::thread::scope(|scope| {
        let parser = scope.spawn(move || {
            parse(&mut |source, prediction| {
                tx.send((source.clone(), prediction))
                    .map_err(|_| AnalysisError::Io(std::io::Error::other("the csv writer stopped")))
            })
        });
        let written = (move || {
            let mut rows = RowWriter::new(writer)?;
            for (source, prediction) in rx {
                rows.write_prediction(&source, &prediction)?;
            }
            Ok::<_, AnalysisError>(rows)
        })();
        let parsed = parser
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // A writer failure wins; after a parse failure the rows already produced are still
        // flushed, then the parse error is returned.
        let stats = written?.finish()?;
        parsed?;
        Ok(stats)
    })
}

/// Writes rows for segments.
///
/// A row repeats its segment's eight leading columns for every emotion, so those are
/// CSV-encoded once per segment, and each emotion name once per position in the score list
/// (every segment of a model lists its names in the same order). All quoting and escaping is
/// the `csv` crate's, through `escaper`; rows are then assembled from the encoded parts in an
/// output buffer (`prefix,name,score\n`) that is written out in 64 KiB blocks.
struct RowWriter<W: Write> {
    out: W,
    buffer: Vec<u8>,
    escaper: csv::Writer<Vec<u8>>,
    stats: ExportStats,
    prefix: Vec<u8>,
    names: Vec<(String, Vec<u8>)>,
    score: ryu::Buffer,
}

/// Output block size.
const BLOCK: usize = 1 << 16;

impl<W: Write> RowWriter<W> {
    fn new(out: W) -> Result<Self, AnalysisError> {
        let mut rows = RowWriter {
            out,
            buffer: Vec::with_capacity(BLOCK + 4096),
            escaper: Self::escaper(Vec::with_capacity(1 << 20)),
            stats: ExportStats::default(),
            prefix: Vec::new(),
            names: Vec::new(),
            score: ryu::Buffer::new(),
        };
        Self::encode(
            &mut rows.escaper,
            CSV_HEADER.map(str::as_bytes),
            &mut rows.prefix,
        )?;
        rows.buffer.extend_from_slice(&rows.prefix);
        rows.buffer.push(b'\n');
        Ok(rows)
    }

    /// CSV-encodes `fields` as the start of a record (no terminator) into `out`.
    ///
    /// The escaper appends to its `Vec`; the `Vec` is recycled once it passes 1 MiB so memory
    /// stays flat.
    fn encode<'f>(
        escaper: &mut csv::Writer<Vec<u8>>,
        fields: impl IntoIterator<Item = &'f [u8]>,
        out: &mut Vec<u8>,
    ) -> Result<(), AnalysisError> {
        let start = escaper.get_ref().len();
        escaper.write_record(fields)?;
        escaper.flush()?;
        let written = escaper.get_ref();
        // Without the record terminator (`\n`).
        let record = &written[start..written.len() - 1];
        out.clear();
        out.extend_from_slice(record);
        if written.len() > 1 << 20 {
            let mut buffer = std::mem::replace(escaper, Self::escaper(Vec::new()))
                .into_inner()
                .map_err(|e| AnalysisError::Io(e.into_error()))?;
            buffer.clear();
            *escaper = Self::escaper(buffer);
        }
        Ok(())
    }

    fn escaper(buffer: Vec<u8>) -> csv::Writer<Vec<u8>> {
        csv::WriterBuilder::new()
            .quote_style(csv::QuoteStyle::Necessary)
            .flexible(true)
            .buffer_capacity(1024)
            .from_writer(buffer)
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
        self.stats.segments += 1;
        let number = |v: Option<String>| v.unwrap_or_default();
        let frame = number(s.frame.map(|f| f.to_string()));
        let begin = number(s.begin().map(|b| b.to_string()));
        let end = number(s.end().map(|e| e.to_string()));
        Self::encode(
            &mut self.escaper,
            [
                s.source.as_bytes(),
                s.file.as_bytes(),
                s.model.as_str().as_bytes(),
                s.group.as_bytes(),
                frame.as_bytes(),
                begin.as_bytes(),
                end.as_bytes(),
                s.text.unwrap_or("").as_bytes(),
            ],
            &mut self.prefix,
        )?;
        for (i, e) in s.emotions.iter().enumerate() {
            if self.names.get(i).is_none_or(|(name, _)| *name != *e.name) {
                let mut encoded = Vec::new();
                if !e.name.is_empty() {
                    Self::encode(&mut self.escaper, [e.name.as_bytes()], &mut encoded)?;
                }
                let entry = (e.name.to_string(), encoded);
                match self.names.get_mut(i) {
                    Some(slot) => *slot = entry,
                    None => self.names.push(entry),
                }
            }
            let name = &self.names[i].1;
            let score = self.score.format(e.score);
            self.buffer.extend_from_slice(&self.prefix);
            self.buffer.push(b',');
            self.buffer.extend_from_slice(name);
            self.buffer.push(b',');
            self.buffer.extend_from_slice(score.as_bytes());
            self.buffer.push(b'\n');
            self.stats.rows += 1;
        }
        if self.buffer.len() >= BLOCK {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        Ok(())
    }

    fn finish(mut self) -> Result<ExportStats, AnalysisError> {
        self.out.write_all(&self.buffer)?;
        self.out.flush()?;
        Ok(self.stats)
    }
}
