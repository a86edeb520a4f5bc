//! The tidy long table: one CSV row per (segment, score), streamed.
//!
//! # Schema
//!
//! One row per score of every score family of every segment (a face in a frame, a burst, a
//! prosody segment, a language span, a named entity, a facemesh entry; v1: an audio
//! measurement, a measured face in an image). Columns, in order ([`CSV_HEADER`]):
//!
//! | column | value |
//! |---|---|
//! | `segment` | the segment's id: 0, 1, 2, ... in export order, unique in the file; every row of one segment carries the same id, and the same input always gives the same ids |
//! | `source` | the source label: URL, uploaded file name, or `text`; v1: the `run_id` |
//! | `file` | the file path inside the source (raw text: the 1-based item index); v1: the file measured (from its bulk record), or the `run_id` |
//! | `model` | `face`, `burst`, `prosody`, `language`, `ner` or `facemesh`; v1: `audio` or `video` (images) |
//! | `group` | the face or speaker id (`unknown` when identification is off); v1 images: the `face_id`; v1 audio: `unknown` |
//! | `frame` | face: the frame number; v1 images: the `frame_id`; empty otherwise |
//! | `begin`, `end` | seconds: the span (`begin = end = time` for a face frame; v1 audio: `audio_start_ms / 1000`, `audio_end_ms / 1000`); empty when untimed (language/NER on raw text, facemesh, v1 images) |
//! | `position_begin`, `position_end` | language and NER: the character span, `begin` inclusive, `end` exclusive; empty otherwise |
//! | `text` | prosody and language: the transcript text; empty otherwise |
//! | `prob` | face: the detection probability; v1 images: the face's `confidence` |
//! | `box_x`, `box_y`, `box_w`, `box_h` | face: the bounding box in pixels (x, y = top-left corner); v1 `[x0, y0, x1, y1]`: `x0`, `y0`, `x1 − x0`, `y1 − y0` |
//! | `confidence`, `speaker_confidence` | prosody, language, NER: transcription and speaker confidence, when the server sent them |
//! | `entity`, `uri`, `link_word`, `entity_confidence`, `support` | NER: the entity fields |
//! | `utterance`, `measurement`, `trigger` | v1 audio: the measurement's `utterance_id`, `measurement_id` and `trigger` (`interval`, `speech_ended`); empty otherwise |
//! | `kind` | the score family ([`ScoreKind`]): `emotion` (v1: the `expressions`), `facs`, `description` (face and burst descriptions, v1 face descriptions), `sentiment` (names `1`..`9`), `toxicity`, or `voice_attribute` (v1 audio) |
//! | `name` | the score's name (`Joy`, `Surprise (positive)`, `7`, `toxic`; v1: `joy`, `husky`, ...) |
//! | `score` | the score; **empty when the API sent `null`** (a null score is absent, not 0) |
//!
//! `(segment, kind, name)` is a unique key whenever each score list names each score once, as
//! the API's lists do, so `pandas.read_csv(...).pivot(index="segment", columns=["kind",
//! "name"], values="score")` works. A segment without any score writes no row.
//!
//! Numbers are exact: every `f64` is written in ryu's shortest form that reads back as the
//! same `f64` (`0.25`, `1.0`, `1e-7`), so parsing the CSV gives the JSON's values bit for bit
//! (`hume-models` reads the JSON with correct rounding). Integers (`segment`, `frame`,
//! positions) are plain.
//!
//! # Formula injection
//!
//! The text columns (`source`, `file`, `group`, `text`, `entity`, `uri`, `link_word`, `name`,
//! and every column of [`write_errors_csv`]) hold text the server sent. A spreadsheet reads a
//! cell starting with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(...)`, `=cmd|...`), and
//! some read one starting with a tab or a carriage return the same way. Following OWASP's
//! advice, such a text cell is written with a leading `'` (`'=1+1`), which spreadsheets show
//! as the text itself. Numbers are never touched (a negative time stays `-1.5`). Readers that
//! want the server's text byte for byte opt out with [`CsvOptions::raw`] (the CLI's
//! `--raw-csv`).
//!
//! # Errors of the predictions
//!
//! Sources that failed as a whole (`error`) and files that failed (`results.errors[]`) are not
//! rows: they are returned in [`ExportStats::errors`] as [`ExportError`]s, which the caller
//! writes elsewhere ([`write_errors_csv`] writes them as a CSV of their own: `source, file,
//! message`).
//!
//! v1 lists hold only the scores above the API's threshold: a name a segment lacks has no row
//! (it is below the threshold, not 0).
//!
//! # Two paths, both streaming rows
//! - [`write_csv`] takes any [`Dataset`] already in memory (typed [`Predictions`](hume_models::Predictions), v1
//!   [`Measurements`](crate::Measurements), a [`Document`](crate::Document)) and writes rows as
//!   they are produced, through a 64 KiB output block; no row is kept once written.
//! - [`stream_input_csv`] reads any input from a reader, its format told from its content:
//!   batch predictions go to [`stream_csv`] (below); a v1 response or JSON Lines (a bulk
//!   results file) is read one line (one file's response) at a time.
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

use std::fmt;
use std::io::{BufRead, Read, Write};

use hume_models::predictions::{FileError, InferencePrediction, Source};

use crate::dataset::{Dataset, FileView};
use crate::document::Format;
use crate::error::AnalysisError;
use crate::measurements::Item as MeasuredItem;
use crate::score_kind::ScoreKind;
use crate::segment::{PredictionRef, Segment};

/// The CSV header, in column order (see the module docs for each column).
pub const CSV_HEADER: [&str; 29] = [
    "segment",
    "source",
    "file",
    "model",
    "group",
    "frame",
    "begin",
    "end",
    "position_begin",
    "position_end",
    "text",
    "prob",
    "box_x",
    "box_y",
    "box_w",
    "box_h",
    "confidence",
    "speaker_confidence",
    "entity",
    "uri",
    "link_word",
    "entity_confidence",
    "support",
    "utterance",
    "measurement",
    "trigger",
    "kind",
    "name",
    "score",
];

/// How cells are written (see "Formula injection" in the [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    neutralize_formulas: bool,
}

impl Default for CsvOptions {
    /// Text cells that would start a formula are neutralised.
    fn default() -> Self {
        Self {
            neutralize_formulas: true,
        }
    }
}

impl CsvOptions {
    /// Text written byte for byte, formulas included (for readers that are not
    /// spreadsheets).
    pub fn raw() -> Self {
        Self {
            neutralize_formulas: false,
        }
    }

    /// Whether text cells that would start a formula get a leading `'`.
    pub fn neutralizes_formulas(&self) -> bool {
        self.neutralize_formulas
    }

    /// `text` as it goes into a cell.
    fn cell<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        if self.neutralize_formulas {
            neutralize(text)
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }
}

/// `text` with a leading `'` when a spreadsheet would read it as a formula: it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list).
pub fn neutralize(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The header of [`write_errors_csv`].
pub const ERRORS_HEADER: [&str; 3] = ["source", "file", "message"];

/// A source or file of the predictions that has no result, with the server's reason.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExportError {
    /// The source label (URL, file name or `text`).
    pub source: String,
    /// The file inside the source; `None` when the whole source failed.
    pub file: Option<String>,
    /// The server's message.
    pub message: String,
}

impl ExportError {
    /// A failure of `source` (and `file`, when only one file of it failed).
    pub fn new(
        source: impl Into<String>,
        file: Option<String>,
        message: impl Into<String>,
    ) -> Self {
        ExportError {
            source: source.into(),
            file,
            message: message.into(),
        }
    }

    pub(crate) fn of_source(source: &Source, message: &str) -> Self {
        ExportError {
            source: source.label().to_owned(),
            file: None,
            message: message.to_owned(),
        }
    }

    pub(crate) fn of_file(source: &Source, error: &FileError) -> Self {
        ExportError {
            source: source.label().to_owned(),
            file: Some(error.file.clone()),
            message: error.message.clone(),
        }
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{} ({file}): {}", self.source, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ExportStats {
    /// Files (predictions) visited.
    pub files: u64,
    /// Segments visited (the ids written are `0..segments`).
    pub segments: u64,
    /// Data rows written (the header not counted).
    pub rows: u64,
    /// The sources and files that had no result, in body order.
    pub errors: Vec<ExportError>,
}

/// Writes `errors` as CSV (header [`ERRORS_HEADER`]; `file` empty for a whole-source error),
/// cells that would start a formula neutralised.
///
/// # Errors
/// [`AnalysisError::Csv`] when writing fails.
pub fn write_errors_csv<W: Write>(errors: &[ExportError], writer: W) -> Result<(), AnalysisError> {
    write_errors_csv_with(errors, writer, CsvOptions::default())
}

/// [`write_errors_csv`] with these options.
///
/// # Errors
/// As [`write_errors_csv`].
pub fn write_errors_csv_with<W: Write>(
    errors: &[ExportError],
    writer: W,
    options: CsvOptions,
) -> Result<(), AnalysisError> {
    let mut csv = csv::Writer::from_writer(writer);
    csv.write_record(ERRORS_HEADER)?;
    for e in errors {
        csv.write_record([
            options.cell(&e.source).as_ref(),
            options.cell(e.file.as_deref().unwrap_or("")).as_ref(),
            options.cell(&e.message).as_ref(),
        ])?;
    }
    csv.flush()?;
    Ok(())
}

/// Writes the long table of an input in memory (batch [`Predictions`](hume_models::Predictions), v1
/// [`Measurements`](crate::Measurements) or a [`Document`](crate::Document)) to `writer`
/// (header first), row by row; the failed sources, files and records are returned in
/// [`ExportStats::errors`].
///
/// # Errors
/// [`AnalysisError::Io`] when writing fails.
pub fn write_csv<D: Dataset + ?Sized, W: Write>(
    data: &D,
    writer: W,
) -> Result<ExportStats, AnalysisError> {
    write_csv_with(data, writer, CsvOptions::default())
}

/// [`write_csv`] with these options.
///
/// # Errors
/// As [`write_csv`].
pub fn write_csv_with<D: Dataset + ?Sized, W: Write>(
    data: &D,
    writer: W,
    options: CsvOptions,
) -> Result<ExportStats, AnalysisError> {
    let mut rows = RowWriter::new(writer, options)?;
    rows.stats.errors = data.failures();
    for view in data.file_results() {
        rows.write_view(&view)?;
    }
    rows.finish()
}

/// Reads any input the analyses read from `reader` (batch predictions, a v1 response, or a
/// bulk results file in JSON Lines; told from its content) and writes its long table to
/// `writer`. Batch predictions stream as in [`stream_csv`]; v1 input is read one response
/// (one line) at a time.
///
/// # Errors
/// [`AnalysisError::UnknownFormat`] (also for an empty input), parse errors as for
/// [`stream_csv`] or [`crate::measurements::for_each`], [`AnalysisError::Io`].
pub fn stream_input_csv<R: BufRead + Send, W: Write>(
    reader: R,
    writer: W,
) -> Result<ExportStats, AnalysisError> {
    stream_input_csv_with(reader, writer, CsvOptions::default())
}

/// [`stream_input_csv`] with these options.
///
/// # Errors
/// As [`stream_input_csv`].
pub fn stream_input_csv_with<R: BufRead + Send, W: Write>(
    mut reader: R,
    writer: W,
    options: CsvOptions,
) -> Result<ExportStats, AnalysisError> {
    match Format::detect(&mut reader)? {
        Some(Format::Batch) => stream_csv_with(reader, writer, options),
        Some(Format::Measurements) => {
            let mut rows = RowWriter::new(writer, options)?;
            crate::measurements::for_each(reader, |item| match item {
                MeasuredItem::File(file) => rows.write_view(&FileView::measured(&file)),
                MeasuredItem::Error(error) => {
                    rows.stats.errors.push(error);
                    Ok(())
                }
            })?;
            rows.finish()
        }
        None => Err(AnalysisError::UnknownFormat {
            found: "an empty input".to_owned(),
        }),
    }
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
    stream_csv_with(reader, writer, CsvOptions::default())
}

/// [`stream_csv`] with these options.
///
/// # Errors
/// As [`stream_csv`].
pub fn stream_csv_with<R: Read + Send, W: Write>(
    reader: R,
    writer: W,
    options: CsvOptions,
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
        options,
    )
}

/// [`stream_csv`] over a body already in memory (faster parsing; same memory profile apart
/// from the body itself).
///
/// # Errors
/// As [`stream_csv`].
pub fn stream_csv_slice<W: Write>(body: &[u8], writer: W) -> Result<ExportStats, AnalysisError> {
    stream_csv_slice_with(body, writer, CsvOptions::default())
}

/// [`stream_csv_slice`] with these options.
///
/// # Errors
/// As [`stream_csv`].
pub fn stream_csv_slice_with<W: Write>(
    body: &[u8],
    writer: W,
    options: CsvOptions,
) -> Result<ExportStats, AnalysisError> {
    pipeline(
        |sink| {
            let mut de = serde_json::Deserializer::from_slice(body);
            crate::stream::for_each_prediction(&mut de, sink)
        },
        writer,
        options,
    )
}

/// Files in flight between the parsing thread and the writing thread.
const IN_FLIGHT: usize = 4;

/// What the parsing thread hands to the writing thread. Unboxed on purpose: almost every
/// item is a prediction, and the channel holds at most [`IN_FLIGHT`] of them.
#[allow(clippy::large_enum_variant)]
enum Item {
    Prediction(Source, InferencePrediction),
    Error(ExportError),
}

/// Runs `parse` on a scoped helper thread, sending each file's predictions through a bounded
/// channel to this thread, which writes the rows. Parsing and CSV encoding cost about the same,
/// so the two overlap; the bound keeps at most [`IN_FLIGHT`] files queued. A writer failure
/// wins over the parser's resulting "receiver gone" failure.
fn pipeline<P, W>(parse: P, writer: W, options: CsvOptions) -> Result<ExportStats, AnalysisError>
where
    P: FnOnce(&mut crate::stream::Sink<'_>) -> Result<(), AnalysisError> + Send,
    W: Write,
{
    let (tx, rx) = std::sync::mpsc::sync_channel::<Item>(IN_FLIGHT);
    std::thread::scope(|scope| {
        let parser = scope.spawn(move || {
            parse(&mut |event| {
                let item = match event {
                    crate::stream::Event::Prediction(source, prediction) => {
                        Item::Prediction(source.clone(), prediction)
                    }
                    crate::stream::Event::SourceError(source, message) => {
                        Item::Error(ExportError::of_source(source, &message))
                    }
                    crate::stream::Event::FileError(source, error) => {
                        Item::Error(ExportError::of_file(source, &error))
                    }
                    crate::stream::Event::SourceEnd(..) => return Ok(()),
                };
                tx.send(item)
                    .map_err(|_| AnalysisError::Io(std::io::Error::other("the csv writer stopped")))
            })
        });
        let written = (move || {
            let mut rows = RowWriter::new(writer, options)?;
            for item in rx {
                match item {
                    Item::Prediction(source, prediction) => {
                        rows.write_prediction(&source, &prediction)?;
                    }
                    Item::Error(error) => rows.stats.errors.push(error),
                }
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
/// A row repeats its segment's leading columns for every score, so those are CSV-encoded
/// once per segment, and each score name once per position in its kind's list (every segment
/// of a model lists its names in the same order). All quoting and escaping is the `csv`
/// crate's, through `escaper`; rows are then assembled from the encoded parts in an output
/// buffer (`prefix,kind,name,score\n`) that is written out in 64 KiB blocks.
struct RowWriter<W: Write> {
    out: W,
    buffer: Vec<u8>,
    escaper: csv::Writer<Vec<u8>>,
    stats: ExportStats,
    prefix: Vec<u8>,
    /// Per kind: the names met at each list position, with their encoded form.
    names: [Vec<(String, Vec<u8>)>; ScoreKind::ALL.len()],
    number: ryu::Buffer,
    options: CsvOptions,
}

/// Output block size.
const BLOCK: usize = 1 << 16;

/// The per-segment columns, before `kind, name, score`.
const PREFIX_COLUMNS: usize = CSV_HEADER.len() - 3;

impl<W: Write> RowWriter<W> {
    fn new(out: W, options: CsvOptions) -> Result<Self, AnalysisError> {
        let mut rows = RowWriter {
            out,
            buffer: Vec::with_capacity(BLOCK + 4096),
            escaper: Self::escaper(Vec::with_capacity(1 << 20)),
            stats: ExportStats::default(),
            prefix: Vec::new(),
            names: Default::default(),
            number: ryu::Buffer::new(),
            options,
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
        self.write_view(&FileView::batch(source.label(), prediction))
    }

    fn write_view(&mut self, view: &FileView<'_>) -> Result<(), AnalysisError> {
        self.stats.files += 1;
        for segment in view.all_segments() {
            self.write_segment(&segment)?;
        }
        Ok(())
    }

    /// The per-segment columns as text (empty where the segment has no such field).
    fn prefix_fields(&mut self, s: &Segment<'_>) -> [String; PREFIX_COLUMNS] {
        let mut float =
            |v: Option<f64>| v.map_or_else(String::new, |v| self.number.format(v).to_owned());
        let (prob, bbox) = (s.prob(), s.bbox());
        let begin = float(s.begin());
        let end = float(s.end());
        let prob = float(prob);
        let [bx, by, bw, bh] = [
            float(bbox.map(|b| b.x)),
            float(bbox.map(|b| b.y)),
            float(bbox.map(|b| b.w)),
            float(bbox.map(|b| b.h)),
        ];
        let confidence = float(s.confidence());
        let speaker_confidence = float(s.speaker_confidence());
        let cell = |text: &str| self.options.cell(text).into_owned();
        let (entity, uri, link_word, entity_confidence, support) = match s.prediction {
            PredictionRef::Ner(n) => (
                cell(&n.entity),
                cell(&n.uri),
                cell(&n.link_word),
                float(Some(n.entity_confidence)),
                float(Some(n.support)),
            ),
            _ => Default::default(),
        };
        let text = match s.prediction {
            PredictionRef::Prosody(_) | PredictionRef::Language(_) => s.text.unwrap_or(""),
            _ => "",
        };
        let int = |v: Option<u64>| v.map_or_else(String::new, |v| v.to_string());
        [
            self.stats.segments.to_string(),
            cell(s.source),
            cell(s.file),
            s.model.as_str().to_owned(),
            cell(s.group),
            int(s.frame),
            begin,
            end,
            int(s.position.map(|p| p.begin)),
            int(s.position.map(|p| p.end)),
            cell(text),
            prob,
            bx,
            by,
            bw,
            bh,
            confidence,
            speaker_confidence,
            entity,
            uri,
            link_word,
            entity_confidence,
            support,
            int(s.utterance()),
            int(s.measurement()),
            s.trigger().unwrap_or("").to_owned(),
        ]
    }

    fn write_segment(&mut self, s: &Segment<'_>) -> Result<(), AnalysisError> {
        let fields = self.prefix_fields(s);
        self.stats.segments += 1;
        Self::encode(
            &mut self.escaper,
            fields.iter().map(String::as_bytes),
            &mut self.prefix,
        )?;
        for (kind, list) in s.score_lists() {
            let names = &mut self.names[kind as usize];
            for (i, e) in list.iter().enumerate() {
                if names.get(i).is_none_or(|(name, _)| name != e.name) {
                    let mut encoded = Vec::new();
                    if !e.name.is_empty() {
                        let name = self.options.cell(e.name);
                        Self::encode(&mut self.escaper, [name.as_bytes()], &mut encoded)?;
                    }
                    let entry = (e.name.to_string(), encoded);
                    match names.get_mut(i) {
                        Some(slot) => *slot = entry,
                        None => names.push(entry),
                    }
                }
                self.buffer.extend_from_slice(&self.prefix);
                self.buffer.push(b',');
                self.buffer.extend_from_slice(kind.as_str().as_bytes());
                self.buffer.push(b',');
                self.buffer.extend_from_slice(&names[i].1);
                self.buffer.push(b',');
                if let Some(score) = e.value {
                    self.buffer
                        .extend_from_slice(self.number.format(score).as_bytes());
                }
                self.buffer.push(b'\n');
                self.stats.rows += 1;
            }
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

#[cfg(test)]
mod tests;
