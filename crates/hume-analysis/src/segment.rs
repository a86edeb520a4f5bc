//! [`Segment`] and [`Timing`]: the one view every statistic works on.

use hume_models::predictions::{
    BoundingBox, BurstPrediction, FacePrediction, FacemeshPrediction, LanguagePrediction,
    NerPrediction, ProsodyPrediction, TextPosition,
};
use hume_models::v1;

use crate::model::Model;
use crate::score_kind::ScoreKind;
use crate::score_list::{ScoreList, ScoreRef};

/// When a segment happens.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Timing {
    /// A face frame: one instant, in seconds (0 for still images).
    Point(f64),
    /// A `{begin, end}` span in seconds (prosody, burst, language/NER on media, and v1 audio
    /// measurement windows: `audio_start_ms / 1000` to `audio_end_ms / 1000`).
    Span {
        /// Start, seconds.
        begin: f64,
        /// End, seconds.
        end: f64,
    },
    /// No time at all: language and NER on raw text (ordered by character position),
    /// facemesh (ordered as delivered), and v1 image faces (ordered by frame).
    Untimed,
}

/// One scored unit of any model: a face in a frame, a burst, a prosody segment, a language
/// span, a named entity, a facemesh entry, a v1 audio measurement or a v1 image face, with
/// where it came from.
///
/// Borrowed from the [`Predictions`](hume_models::Predictions) or the
/// [`Measurements`](crate::Measurements) it was read from, so building one copies nothing.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Segment<'a> {
    /// The source label ([`Source::label`](hume_models::Source::label): URL, file name or
    /// `"text"`; v1: the `run_id`).
    pub source: &'a str,
    /// The file path relative to its source (v1: the file measured, or the `run_id` when the
    /// response does not say).
    pub file: &'a str,
    /// The model (or v1 endpoint) that produced it.
    pub model: Model,
    /// The face or speaker id of its group (`"unknown"` when identification is off; v1
    /// faces: the `face_id`; v1 audio: `"unknown"`, the API tells no speakers apart).
    pub group: &'a str,
    /// The frame number (face only; v1: the `frame_id`).
    pub frame: Option<u64>,
    /// When it happens.
    pub timing: Timing,
    /// Its character span (language and NER only).
    pub position: Option<TextPosition>,
    /// Its text: the transcript segment (prosody, language) or the entity (NER).
    pub text: Option<&'a str>,
    /// Its emotion scores (v1: the expressions).
    pub emotions: ScoreList<'a>,
    /// The prediction it was read from, for the fields only one model has (face box, NER
    /// entity, ...) and the other score families ([`Segment::score_lists`]).
    #[serde(skip)]
    pub prediction: PredictionRef<'a>,
}

/// The typed prediction behind a [`Segment`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum PredictionRef<'a> {
    /// A face in a frame.
    Face(&'a FacePrediction),
    /// A vocal burst.
    Burst(&'a BurstPrediction),
    /// A prosody segment.
    Prosody(&'a ProsodyPrediction),
    /// A language span.
    Language(&'a LanguagePrediction),
    /// A named entity.
    Ner(&'a NerPrediction),
    /// A facemesh entry.
    Facemesh(&'a FacemeshPrediction),
    /// A v1 audio measurement.
    AudioMeasurement(&'a v1::AudioMeasurement),
    /// A v1 face in an image (measured: it has scores).
    ImageFace(&'a v1::Face),
}

impl<'a> Segment<'a> {
    /// Start in seconds (a face frame's time for points; `None` when untimed).
    pub fn begin(&self) -> Option<f64> {
        match self.timing {
            Timing::Point(t) => Some(t),
            Timing::Span { begin, .. } => Some(begin),
            Timing::Untimed => None,
        }
    }

    /// End in seconds (a face frame's time for points; `None` when untimed).
    pub fn end(&self) -> Option<f64> {
        match self.timing {
            Timing::Point(t) => Some(t),
            Timing::Span { end, .. } => Some(end),
            Timing::Untimed => None,
        }
    }

    /// The instant that represents the segment: a frame's time, or a span's midpoint
    /// `(begin + end) / 2`. This is the time used for window membership, plotting and
    /// rolling means.
    pub fn midpoint(&self) -> Option<f64> {
        match self.timing {
            Timing::Point(t) => Some(t),
            Timing::Span { begin, end } => {
                let sum = begin + end;
                // Near f64::MAX the sum overflows; halves first keep the midpoint finite.
                Some(if sum.is_finite() {
                    sum / 2.0
                } else {
                    begin / 2.0 + end / 2.0
                })
            }
            Timing::Untimed => None,
        }
    }

    /// `end − begin` for spans; `None` for frames and untimed segments.
    pub fn duration(&self) -> Option<f64> {
        match self.timing {
            Timing::Span { begin, end } => Some(end - begin),
            _ => None,
        }
    }

    /// The weight of this segment in a mean: its duration (negative durations count as 0)
    /// for spans, 1 for frames and untimed segments.
    pub fn weight(&self) -> f64 {
        match self.duration() {
            Some(d) if d > 0.0 => d,
            Some(_) => 0.0,
            None => 1.0,
        }
    }

    /// Does this segment carry a time (frame or span)?
    pub fn is_timed(&self) -> bool {
        !matches!(self.timing, Timing::Untimed)
    }

    /// The score of one emotion, by exact name.
    pub fn score(&self, emotion: &str) -> Option<f64> {
        self.emotions.score_of(emotion)
    }

    /// The `n` highest-scoring emotions, best first.
    pub fn top_n(&self, n: usize) -> Vec<ScoreRef<'a>> {
        self.emotions.top_n(n)
    }

    /// The highest-scoring emotion (`None` when the segment has no scores).
    pub fn dominant(&self) -> Option<ScoreRef<'a>> {
        self.emotions.top()
    }

    /// Every score list of the segment with its [`ScoreKind`], emotions first: face FACS and
    /// descriptions, burst descriptions, language sentiment and toxicity, v1 voice attributes
    /// and face descriptions. Lists the server did not send (`null`) are left out.
    pub fn score_lists(&self) -> impl Iterator<Item = (ScoreKind, ScoreList<'a>)> + 'a {
        use ScoreList::{Batch, Measured};
        let (a, b): (Option<(ScoreKind, ScoreList<'a>)>, _) = match self.prediction {
            PredictionRef::Face(p) => (
                p.facs.as_deref().map(|l| (ScoreKind::Facs, Batch(l))),
                p.descriptions
                    .as_deref()
                    .map(|l| (ScoreKind::Description, Batch(l))),
            ),
            PredictionRef::Burst(p) => (
                Some((ScoreKind::Description, Batch(&p.descriptions[..]))),
                None,
            ),
            PredictionRef::Language(p) => (
                p.sentiment
                    .as_deref()
                    .map(|l| (ScoreKind::Sentiment, Batch(l))),
                p.toxicity
                    .as_deref()
                    .map(|l| (ScoreKind::Toxicity, Batch(l))),
            ),
            PredictionRef::AudioMeasurement(m) => (
                Some((ScoreKind::VoiceAttribute, Measured(&m.voice_attributes[..]))),
                None,
            ),
            PredictionRef::ImageFace(f) => (
                f.descriptions
                    .as_deref()
                    .map(|l| (ScoreKind::Description, Measured(l))),
                None,
            ),
            _ => (None, None),
        };
        std::iter::once((ScoreKind::Emotion, self.emotions))
            .chain(a)
            .chain(b)
    }

    /// The face detection probability (face only; v1: the face's `confidence`).
    pub fn prob(&self) -> Option<f64> {
        match self.prediction {
            PredictionRef::Face(p) => Some(p.prob),
            PredictionRef::ImageFace(f) => Some(f.confidence),
            _ => None,
        }
    }

    /// The face bounding box (face only). A v1 box `[x0, y0, x1, y1]` is `x = x0`, `y = y0`,
    /// `w = x1 − x0`, `h = y1 − y0`.
    pub fn bbox(&self) -> Option<BoundingBox> {
        match self.prediction {
            PredictionRef::Face(p) => Some(p.bbox),
            PredictionRef::ImageFace(f) => Some(BoundingBox::new(
                f.bbox.x0,
                f.bbox.y0,
                f.bbox.width(),
                f.bbox.height(),
            )),
            _ => None,
        }
    }

    /// v1 audio: the utterance the measurement belongs to.
    pub fn utterance(&self) -> Option<u64> {
        match self.prediction {
            PredictionRef::AudioMeasurement(m) => Some(m.utterance_id),
            _ => None,
        }
    }

    /// v1 audio: the measurement's id.
    pub fn measurement(&self) -> Option<u64> {
        match self.prediction {
            PredictionRef::AudioMeasurement(m) => Some(m.measurement_id),
            _ => None,
        }
    }

    /// v1 audio: why the measurement was taken (`interval`, `speech_ended`).
    pub fn trigger(&self) -> Option<&'a str> {
        match self.prediction {
            PredictionRef::AudioMeasurement(m) => Some(m.trigger.as_str()),
            _ => None,
        }
    }

    /// Transcription confidence (prosody, language, NER; when the server sent one).
    pub fn confidence(&self) -> Option<f64> {
        match self.prediction {
            PredictionRef::Prosody(p) => p.confidence,
            PredictionRef::Language(p) => p.confidence,
            PredictionRef::Ner(p) => p.confidence,
            _ => None,
        }
    }

    /// Speaker identification confidence (prosody, language, NER; when sent).
    pub fn speaker_confidence(&self) -> Option<f64> {
        match self.prediction {
            PredictionRef::Prosody(p) => p.speaker_confidence,
            PredictionRef::Language(p) => p.speaker_confidence,
            PredictionRef::Ner(p) => p.speaker_confidence,
            _ => None,
        }
    }

    /// The key segments are ordered by: midpoint for timed segments, character position for
    /// untimed language/NER, the frame for untimed frames (v1 images), 0 otherwise (ties keep
    /// delivery order under a stable sort).
    #[allow(clippy::cast_precision_loss)]
    pub fn order_key(&self) -> f64 {
        match (self.midpoint(), self.position, self.frame) {
            (Some(t), _, _) => t,
            (None, Some(p), _) => p.begin as f64,
            (None, None, Some(f)) => f as f64,
            (None, None, None) => 0.0,
        }
    }
}

/// Sorts segments by [`Segment::order_key`], keeping delivery order for ties.
pub fn sort_segments(segments: &mut [Segment<'_>]) {
    segments.sort_by(|a, b| a.order_key().total_cmp(&b.order_key()));
}
