//! Expression Measurement API (v1) responses as analysis input: [`Measurements`], one
//! [`MeasuredFile`] per response, read from a response file or a bulk results file
//! ([`crate::records`]), and their [`Segment`]s.
//!
//! # Segments
//! - **Audio** ([`Model::Audio`]): one segment per measurement, a span from
//!   `audio_start_ms / 1000` to `audio_end_ms / 1000` seconds; its emotions are the
//!   `expressions`, its other family the `voice_attributes` ([`ScoreKind::VoiceAttribute`](crate::ScoreKind::VoiceAttribute));
//!   group `unknown` (the API tells no speakers apart); the utterance, measurement id and
//!   trigger are kept ([`Segment::utterance`], [`Segment::measurement`], [`Segment::trigger`]).
//!   Measurement windows overlap (each covers up to the last 10 s of its utterance), so a
//!   duration-weighted mean weighs overlapped speech more than once. The media's extent is
//!   `[0, audio_duration_ms / 1000]`.
//! - **Images** ([`Model::Video`], the API's endpoint name): one segment per **measured**
//!   face (faces listed without scores are left out: they carry nothing to average), in the
//!   image's frame (`frame_id`), untimed (images have no time; they are ordered by frame), group
//!   = the `face_id`; emotions = `expressions`, descriptions = [`ScoreKind::Description`](crate::ScoreKind::Description);
//!   `prob` is the face's `confidence`, the box `x0, y0, x1 − x0, y1 − y0`.
//!
//! A v1 list holds only the scores above the API's threshold, so a name missing from a
//! segment means "below the threshold", not 0. Like a batch `null`, it is left out of that
//! name's mean, which is therefore the mean **where present**; each mean's `count` says in how
//! many segments that was.
//!
//! # Labels
//! `source` is the response's `run_id` (look it up with `hume runs get`); `file` is the file's
//! path from its bulk record, or the `run_id` again for a response read on its own (the
//! response does not name its file).

use std::collections::BTreeMap;
use std::io::BufRead;

use serde::Deserialize;
use serde::de::IgnoredAny;

use hume_models::v1::{AudioFileResponse, RunEndpoint, VideoFileResponse};

use crate::error::AnalysisError;
use crate::export::ExportError;
use crate::model::Model;
use crate::records::{Outcome, Record, RecordLines};
use crate::score_list::ScoreList;
use crate::segment::{PredictionRef, Segment, Timing};

/// A v1 response of either endpoint.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Measured {
    /// `POST /v1/expression/audio/file`.
    Audio(AudioFileResponse),
    /// `POST /v1/expression/video/file`.
    Video(VideoFileResponse),
}

impl Measured {
    /// Parses a response of the given endpoint.
    ///
    /// # Errors
    /// [`AnalysisError::Parse`] when the body is not that response; an unknown endpoint is
    /// [`AnalysisError::UnknownFormat`].
    pub fn parse(endpoint: &RunEndpoint, body: &[u8]) -> Result<Self, AnalysisError> {
        match endpoint {
            RunEndpoint::Audio => Ok(Measured::Audio(AudioFileResponse::from_response(body)?)),
            RunEndpoint::Video => Ok(Measured::Video(VideoFileResponse::from_response(body)?)),
            other => Err(AnalysisError::UnknownFormat {
                found: format!("a record of the unknown endpoint {:?}", other.as_str()),
            }),
        }
    }

    /// The model its segments have.
    pub fn model(&self) -> Model {
        match self {
            Measured::Audio(_) => Model::Audio,
            Measured::Video(_) => Model::Video,
        }
    }

    /// The run it was recorded as.
    pub fn run_id(&self) -> &str {
        match self {
            Measured::Audio(r) => r.run_id.as_str(),
            Measured::Video(r) => r.run_id.as_str(),
        }
    }
}

/// One v1 response with its labels.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasuredFile {
    source: String,
    file: String,
    response: Measured,
    /// `face_id` → its text, for the segments' groups.
    groups: BTreeMap<u64, String>,
}

impl MeasuredFile {
    /// A response, labelled with the file it measured (`None`: the `run_id` stands for it).
    pub fn new(file: Option<String>, response: Measured) -> Self {
        let source = response.run_id().to_owned();
        let file = file.unwrap_or_else(|| source.clone());
        let mut groups = BTreeMap::new();
        if let Measured::Video(r) = &response {
            for (_, face) in r.faces() {
                if let Some(id) = face.face_id {
                    groups.entry(id).or_insert_with(|| id.to_string());
                }
            }
        }
        MeasuredFile {
            source,
            file,
            response,
            groups,
        }
    }

    /// A response read on its own: audio or video told from its fields.
    ///
    /// # Errors
    /// [`AnalysisError::UnknownFormat`] when it is neither, [`AnalysisError::Parse`] when it
    /// does not parse.
    pub fn from_response(file: Option<String>, body: &[u8]) -> Result<Self, AnalysisError> {
        let endpoint = match probe(body)? {
            Shape::Audio => RunEndpoint::Audio,
            Shape::Video => RunEndpoint::Video,
            Shape::Record => {
                return Err(AnalysisError::UnknownFormat {
                    found: "a results record where a response was expected".to_owned(),
                });
            }
            Shape::Other => {
                return Err(AnalysisError::UnknownFormat {
                    found: "a JSON object that is not a v1 audio or video response".to_owned(),
                });
            }
        };
        Ok(MeasuredFile::new(file, Measured::parse(&endpoint, body)?))
    }

    /// The source label: the `run_id`.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The file label.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The response.
    pub fn response(&self) -> &Measured {
        &self.response
    }

    /// The model of its segments.
    pub fn model(&self) -> Model {
        self.response.model()
    }

    /// Every segment, in delivery order (see the module docs).
    pub fn segments(&self) -> Box<dyn Iterator<Item = Segment<'_>> + '_> {
        let (source, file) = (self.source.as_str(), self.file.as_str());
        match &self.response {
            Measured::Audio(r) => Box::new(r.measurements.iter().map(move |m| Segment {
                source,
                file,
                model: Model::Audio,
                group: "unknown",
                frame: None,
                timing: Timing::Span {
                    begin: seconds(m.audio_start_ms),
                    end: seconds(m.audio_end_ms),
                },
                position: None,
                text: None,
                emotions: ScoreList::Measured(&m.expressions),
                prediction: PredictionRef::AudioMeasurement(m),
            })),
            Measured::Video(r) => Box::new(r.faces().filter(|(_, f)| f.is_measured()).map(
                move |(frame, f)| {
                    Segment {
                        source,
                        file,
                        model: Model::Video,
                        group: f
                            .face_id
                            .and_then(|id| self.groups.get(&id))
                            .map_or("unknown", String::as_str),
                        frame: Some(frame),
                        timing: Timing::Untimed,
                        position: None,
                        text: None,
                        emotions: ScoreList::Measured(f.expression_scores()),
                        prediction: PredictionRef::ImageFace(f),
                    }
                },
            )),
        }
    }

    /// The media's extent in seconds: audio `[0, duration]` (or the latest window, if later);
    /// `None` for images.
    pub fn media_extent(&self) -> Option<(f64, f64)> {
        match &self.response {
            Measured::Audio(r) => {
                let end = r
                    .measurements
                    .iter()
                    .map(|m| m.audio_end_ms)
                    .chain(r.utterances.iter().map(|u| u.audio_end_ms))
                    .fold(r.received.audio_duration_ms, u64::max);
                Some((0.0, seconds(end)))
            }
            Measured::Video(_) => None,
        }
    }
}

/// Milliseconds as seconds (`ms / 1000`, correctly rounded).
#[allow(clippy::cast_precision_loss)]
pub(crate) fn seconds(ms: u64) -> f64 {
    ms as f64 / 1000.0
}

/// Every v1 response of an input, with the records and lines that gave none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measurements {
    files: Vec<MeasuredFile>,
    errors: Vec<ExportError>,
}

/// What reading an input gives, item by item.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Item {
    /// A response.
    File(MeasuredFile),
    /// A failed record, or a line that is not one (skipped).
    Error(ExportError),
}

impl Measurements {
    /// Nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a response.
    pub fn push(&mut self, file: MeasuredFile) {
        self.files.push(file);
    }

    /// Adds an error.
    pub fn push_error(&mut self, error: ExportError) {
        self.errors.push(error);
    }

    /// The responses, in input order.
    pub fn files(&self) -> &[MeasuredFile] {
        &self.files
    }

    /// The failed records and unreadable lines, in input order.
    pub fn errors(&self) -> &[ExportError] {
        &self.errors
    }

    /// Reads a v1 response (one JSON object, pretty-printed or not) or JSON Lines (bulk
    /// records, see [`crate::records`], or one response per line).
    ///
    /// # Errors
    /// As [`for_each`].
    pub fn from_reader(reader: impl BufRead) -> Result<Self, AnalysisError> {
        let mut out = Measurements::new();
        for_each(reader, |item| {
            match item {
                Item::File(f) => out.push(f),
                Item::Error(e) => out.push_error(e),
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// [`from_reader`](Self::from_reader) over bytes in memory.
    ///
    /// # Errors
    /// As [`for_each`].
    pub fn from_slice(bytes: &[u8]) -> Result<Self, AnalysisError> {
        Self::from_reader(bytes)
    }
}

/// Reads `reader` item by item into `sink`, holding one line (or, for a response on its own,
/// that response) at a time.
///
/// The input is JSON Lines when its first line is a complete JSON value; then each line is a
/// bulk record or a response on its own, and a line that is neither, or an incomplete last
/// line (a write cut short), becomes an [`Item::Error`] naming its line, and reading goes on.
/// Otherwise the whole input is one response.
///
/// # Errors
/// Reading fails ([`AnalysisError::Io`]); a single response that does not parse
/// ([`AnalysisError::Parse`], [`AnalysisError::UnknownFormat`]); JSON Lines without a single
/// record or response ([`AnalysisError::UnknownFormat`], after the lines went to `sink`);
/// whatever `sink` returns.
pub fn for_each(
    mut reader: impl BufRead,
    mut sink: impl FnMut(Item) -> Result<(), AnalysisError>,
) -> Result<(), AnalysisError> {
    // The first non-blank line decides.
    let mut first = Vec::new();
    let mut first_number = 0u64;
    loop {
        first.clear();
        if reader.read_until(b'\n', &mut first)? == 0 {
            return Ok(()); // empty input: nothing
        }
        first_number += 1;
        if !first.iter().all(u8::is_ascii_whitespace) {
            break;
        }
    }
    let complete_first = serde_json::from_slice::<IgnoredAny>(&first).is_ok();
    if !complete_first {
        // One response, spread over lines.
        reader.read_to_end(&mut first)?;
        return sink(Item::File(MeasuredFile::from_response(None, &first)?));
    }
    let first_complete = first.last() == Some(&b'\n');
    let mut recognised = line(first_number, &first, first_complete, &mut sink)?;
    let mut lines = RecordLines::new(reader);
    for l in &mut lines {
        let l = l?;
        recognised |= line(first_number + l.number, &l.bytes, l.complete, &mut sink)?;
    }
    if !recognised {
        return Err(AnalysisError::UnknownFormat {
            found: "JSON that holds no v1 response and no results record".to_owned(),
        });
    }
    Ok(())
}

/// One line of JSON Lines input; `true` when it is a record or a response (even one that
/// fails to parse), so the input is what it claims to be.
fn line(
    number: u64,
    bytes: &[u8],
    complete: bool,
    sink: &mut impl FnMut(Item) -> Result<(), AnalysisError>,
) -> Result<bool, AnalysisError> {
    let at = || format!("line {number}");
    if !complete && serde_json::from_slice::<IgnoredAny>(bytes).is_err() {
        sink(Item::Error(ExportError::new(
            at(),
            None,
            "incomplete last line (a write cut short); skipped".to_owned(),
        )))?;
        return Ok(true);
    }
    let shape = probe(bytes).ok();
    let recognised = matches!(shape, Some(Shape::Record | Shape::Audio | Shape::Video));
    let item = match probe(bytes) {
        Ok(Shape::Record) => match Record::parse(bytes) {
            Ok(record) => match record.outcome {
                Outcome::Response(raw) => {
                    match Measured::parse(&record.endpoint, raw.get().as_bytes()) {
                        Ok(m) => Item::File(MeasuredFile::new(Some(record.file), m)),
                        Err(e) => Item::Error(ExportError::new(
                            record.file,
                            None,
                            format!("{}: {}", at(), error_text(&e)),
                        )),
                    }
                }
                Outcome::Error(e) => Item::Error(ExportError::new(record.file, None, e.message)),
            },
            Err(e) => Item::Error(ExportError::new(at(), None, error_text(&e))),
        },
        Ok(Shape::Audio | Shape::Video) => match MeasuredFile::from_response(None, bytes) {
            Ok(f) => Item::File(f),
            Err(e) => Item::Error(ExportError::new(at(), None, error_text(&e))),
        },
        Ok(Shape::Other) => Item::Error(ExportError::new(
            at(),
            None,
            "not a results record or a v1 response; skipped".to_owned(),
        )),
        Err(e) => Item::Error(ExportError::new(at(), None, error_text(&e))),
    };
    sink(item)?;
    Ok(recognised)
}

/// An error and its sources on one line.
fn error_text(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// What a JSON object is, from its top-level keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Record,
    Audio,
    Video,
    Other,
}

#[derive(Deserialize)]
struct Probe {
    file: Option<IgnoredAny>,
    ok: Option<IgnoredAny>,
    utterances: Option<IgnoredAny>,
    received: Option<ReceivedProbe>,
}

#[derive(Deserialize)]
struct ReceivedProbe {
    audio_duration_ms: Option<IgnoredAny>,
    frames: Option<IgnoredAny>,
}

/// Tells a record from an audio or video response (one pass, nothing kept).
fn probe(bytes: &[u8]) -> Result<Shape, AnalysisError> {
    let p: Probe = serde_json::from_slice(bytes).map_err(|source| AnalysisError::Json {
        element_offset: None,
        source,
    })?;
    Ok(if p.file.is_some() && p.ok.is_some() {
        Shape::Record
    } else if p.utterances.is_some()
        || p.received
            .as_ref()
            .is_some_and(|r| r.audio_duration_ms.is_some())
    {
        Shape::Audio
    } else if p.received.as_ref().is_some_and(|r| r.frames.is_some()) {
        Shape::Video
    } else {
        Shape::Other
    })
}

#[cfg(test)]
mod tests;
