//! [`Segment`] and [`Timing`]: the one view every statistic works on.

use hume_models::ModelType;
use hume_models::predictions::{
    BoundingBox, BurstPrediction, EmotionScore, FacePrediction, FacemeshPrediction,
    LanguagePrediction, NerPrediction, ProsodyPrediction, Scores, TextPosition,
};

use crate::score_kind::ScoreKind;

/// When a segment happens.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Timing {
    /// A face frame: one instant, in seconds (0 for still images).
    Point(f64),
    /// A `{begin, end}` span in seconds (prosody, burst, and language/NER on media).
    Span {
        /// Start, seconds.
        begin: f64,
        /// End, seconds.
        end: f64,
    },
    /// No time at all: language and NER on raw text (ordered by character position), and
    /// facemesh (ordered as delivered).
    Untimed,
}

/// One scored unit of any model: a face in a frame, a burst, a prosody segment, a language
/// span, a named entity or a facemesh entry, with where it came from.
///
/// Borrowed from the [`Predictions`](hume_models::Predictions) it was read from, so building
/// one copies nothing.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Segment<'a> {
    /// The source label ([`Source::label`](hume_models::Source::label): URL, file name or
    /// `"text"`).
    pub source: &'a str,
    /// The file path relative to its source.
    pub file: &'a str,
    /// The model that produced it.
    pub model: ModelType,
    /// The face or speaker id of its group (`"unknown"` when identification is off).
    pub group: &'a str,
    /// The frame number (face only).
    pub frame: Option<u64>,
    /// When it happens.
    pub timing: Timing,
    /// Its character span (language and NER only).
    pub position: Option<TextPosition>,
    /// Its text: the transcript segment (prosody, language) or the entity (NER).
    pub text: Option<&'a str>,
    /// Its emotion scores.
    pub emotions: &'a [EmotionScore],
    /// The prediction it was read from, for the fields only one model has (face box, NER
    /// entity, ...) and the other score families ([`Segment::score_lists`]).
    #[serde(skip)]
    pub prediction: PredictionRef<'a>,
}

/// The typed prediction behind a [`Segment`].
#[derive(Debug, Clone, Copy, PartialEq)]
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
    pub fn top_n(&self, n: usize) -> Vec<&'a EmotionScore> {
        self.emotions.top_n(n)
    }

    /// The highest-scoring emotion (`None` when the segment has no scores).
    pub fn dominant(&self) -> Option<&'a EmotionScore> {
        self.emotions.top()
    }

    /// Every score list of the segment with its [`ScoreKind`], emotions first: face FACS and
    /// descriptions, burst descriptions, language sentiment and toxicity. Lists the server did
    /// not send (`null`) are left out.
    pub fn score_lists(&self) -> impl Iterator<Item = (ScoreKind, &'a [EmotionScore])> + 'a {
        let (a, b): (Option<(ScoreKind, &'a [EmotionScore])>, _) = match self.prediction {
            PredictionRef::Face(p) => (
                p.facs.as_deref().map(|l| (ScoreKind::Facs, l)),
                p.descriptions
                    .as_deref()
                    .map(|l| (ScoreKind::Description, l)),
            ),
            PredictionRef::Burst(p) => (Some((ScoreKind::Description, &p.descriptions[..])), None),
            PredictionRef::Language(p) => (
                p.sentiment.as_deref().map(|l| (ScoreKind::Sentiment, l)),
                p.toxicity.as_deref().map(|l| (ScoreKind::Toxicity, l)),
            ),
            _ => (None, None),
        };
        std::iter::once((ScoreKind::Emotion, self.emotions))
            .chain(a)
            .chain(b)
    }

    /// The face detection probability (face only).
    pub fn prob(&self) -> Option<f64> {
        match self.prediction {
            PredictionRef::Face(p) => Some(p.prob),
            _ => None,
        }
    }

    /// The face bounding box (face only).
    pub fn bbox(&self) -> Option<BoundingBox> {
        match self.prediction {
            PredictionRef::Face(p) => Some(p.bbox),
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
    /// untimed language/NER, 0 otherwise (ties keep delivery order under a stable sort).
    pub fn order_key(&self) -> f64 {
        match (self.midpoint(), self.position) {
            (Some(t), _) => t,
            #[allow(clippy::cast_precision_loss)]
            (None, Some(p)) => p.begin as f64,
            (None, None) => 0.0,
        }
    }
}

/// Sorts segments by [`Segment::order_key`], keeping delivery order for ties.
pub fn sort_segments(segments: &mut [Segment<'_>]) {
    segments.sort_by(|a, b| a.order_key().total_cmp(&b.order_key()));
}
