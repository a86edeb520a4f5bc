//! The fast path of [`Predictions::from_response`]: one pass over the body, specialised to the
//! predictions shape.
//!
//! Through serde, every score object (a million in a 50 MB body) pays for the generic map,
//! key and number machinery; this parser reads the hot containers (source results, file
//! predictions, model results, groups, the six prediction kinds and their score lists)
//! directly from the bytes and hands every cold value (`source`, `metadata`, `errors`,
//! `position`, unknown fields and unknown model keys) to serde, using the very function the
//! serde path uses for that field.
//!
//! The contract: when [`parse`] returns `Some`, the value is exactly what the serde path
//! ([`Deserialize`](serde::Deserialize) on [`Predictions`]) returns for the same text. Whatever
//! it does not reproduce exactly (a number with an exponent or more than 19 digits, an escaped
//! key, a duplicate field, a struct written as an array, deep nesting, malformed JSON, a value
//! of an unexpected type) makes it return `None`, and the caller parses with serde, which also
//! produces the error, with its path, when the body is bad.

use super::{
    BoundingBox, BurstPrediction, EmotionScore, FacePrediction, FacemeshPrediction,
    GroupedPredictions, InferencePrediction, InferenceResults, LanguagePrediction, ModelResult,
    ModelsPredictions, NerPrediction, Predictions, ProsodyPrediction, Score, ScoreName, Source,
    SourceResult, TimeInterval, TranscriptionMetadata,
};
use crate::ModelType;
use crate::json_cursor::{Cursor, once};

/// Parses a whole predictions body, or `None` when the serde path must decide.
pub(crate) fn parse(body: &[u8]) -> Option<Predictions> {
    let mut p = Cursor::new(body);
    let mut out = Vec::new();
    p.array(|p| {
        out.push(p.source_result()?);
        Some(())
    })?;
    p.at_end().then_some(Predictions(out))
}

/// Checks the UTF-8 of text this parser keeps (the body is not validated as a whole: bytes
/// outside strings are structure, which is ASCII or a reason to decline).
#[inline]
fn utf8(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

/// The predictions shape, read with the shared [`Cursor`] primitives.
impl<'a> Cursor<'a> {
    /// A list of `item`s, or `null` as empty (serde's `null_default` / `list_of`).
    #[inline]
    fn list_or_null<T>(
        &mut self,
        capacity: usize,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        if self.null() {
            return Some(Vec::new());
        }
        let mut out = Vec::with_capacity(capacity);
        self.array(|p| {
            out.push(item(p)?);
            Some(())
        })?;
        Some(out)
    }

    /// A string or `null` as empty (`null_default` on a `String`).
    fn string_or_null(&mut self) -> Option<String> {
        if self.null() {
            Some(String::new())
        } else {
            self.string()
        }
    }

    /// `Option<String>`.
    fn opt_string(&mut self) -> Option<Option<String>> {
        if self.null() {
            Some(None)
        } else {
            self.string().map(Some)
        }
    }

    /// `f64_or_zero`: a number, or `null` as 0.
    #[inline]
    fn f64_or_zero(&mut self) -> Option<f64> {
        if self.null() {
            Some(0.0)
        } else {
            self.number()
        }
    }

    /// A [`Score`]: a number, or `null` as [`Score::NULL`].
    #[inline]
    fn score_value(&mut self) -> Option<Score> {
        if self.null() {
            Some(Score::NULL)
        } else {
            self.number().map(Score::new)
        }
    }

    /// `Option<f64>`.
    fn opt_f64(&mut self) -> Option<Option<f64>> {
        if self.null() {
            Some(None)
        } else {
            self.number().map(Some)
        }
    }

    /// `int_or_zero` on a `u64`, for plain non-negative integers and `null` (a whole float is
    /// left to serde).
    fn u64_or_zero(&mut self) -> Option<u64> {
        if self.null() {
            return Some(0);
        }
        self.u64()
    }

    fn source_result(&mut self) -> Option<SourceResult> {
        let mut source = None;
        let mut results = None;
        let mut error = None;
        let mut seen = 0;
        self.object(|p, key| {
            match key {
                b"source" => {
                    once(&mut seen, 1)?;
                    source = Some(p.serde::<Source>()?);
                }
                b"results" => {
                    once(&mut seen, 2)?;
                    results = if p.null() {
                        None
                    } else {
                        Some(p.inference_results()?)
                    };
                }
                b"error" => {
                    once(&mut seen, 4)?;
                    error = p.opt_string()?;
                }
                _ => p.skip()?,
            }
            Some(())
        })?;
        Some(SourceResult {
            // Required by the serde path too.
            source: source?,
            results,
            error,
        })
    }

    fn inference_results(&mut self) -> Option<InferenceResults> {
        let mut out = InferenceResults::default();
        let mut seen = 0;
        self.object(|p, key| {
            match key {
                b"predictions" => {
                    once(&mut seen, 1)?;
                    out.predictions = p.list_or_null(0, Self::inference_prediction)?;
                }
                b"errors" => {
                    once(&mut seen, 2)?;
                    out.errors = p.serde_or_null()?;
                }
                _ => p.skip()?,
            }
            Some(())
        })?;
        Some(out)
    }

    fn inference_prediction(&mut self) -> Option<InferencePrediction> {
        let mut out = InferencePrediction::default();
        let mut seen = 0;
        self.object(|p, key| {
            match key {
                b"file" => {
                    once(&mut seen, 1)?;
                    out.file = p.string_or_null()?;
                }
                b"file_type" => {
                    once(&mut seen, 2)?;
                    out.file_type = p.opt_string()?;
                }
                b"models" => {
                    once(&mut seen, 4)?;
                    if !p.null() {
                        out.models = p.models()?;
                    }
                }
                _ => p.skip()?,
            }
            Some(())
        })?;
        Some(out)
    }

    /// `ModelsPredictions` (a hand-written serde visitor: a repeated key overwrites).
    fn models(&mut self) -> Option<ModelsPredictions> {
        let mut m = ModelsPredictions::default();
        self.object(|p, key| {
            // Exhaustive over `ModelType`, so a new model cannot be forgotten here.
            match ModelType::ALL
                .into_iter()
                .find(|m| m.as_str().as_bytes() == key)
            {
                Some(ModelType::Face) => m.face = p.model(Self::face)?,
                Some(ModelType::Burst) => m.burst = p.model(Self::burst)?,
                Some(ModelType::Prosody) => m.prosody = p.model(Self::prosody)?,
                Some(ModelType::Language) => m.language = p.model(Self::language)?,
                Some(ModelType::Ner) => m.ner = p.model(Self::ner)?,
                Some(ModelType::Facemesh) => m.facemesh = p.model(Self::facemesh)?,
                None => {
                    let v = p.serde::<serde_json::Value>()?;
                    if !v.is_null() {
                        // Keys reach here unescaped and checked, so they are the text itself.
                        m.other.insert(utf8(key)?.to_owned(), v);
                    }
                }
            }
            Some(())
        })?;
        Some(m)
    }

    /// `Option<ModelResult<P>>`.
    fn model<P>(
        &mut self,
        mut prediction: impl FnMut(&mut Self) -> Option<P>,
    ) -> Option<Option<ModelResult<P>>> {
        if self.null() {
            return Some(None);
        }
        let mut out = ModelResult::default();
        let mut seen = 0;
        self.object(|p, key| {
            match key {
                b"metadata" => {
                    once(&mut seen, 1)?;
                    out.metadata = p.serde::<Option<TranscriptionMetadata>>()?;
                }
                b"grouped_predictions" => {
                    once(&mut seen, 2)?;
                    out.grouped_predictions = p.list_or_null(0, |p| p.group(&mut prediction))?;
                }
                _ => p.skip()?,
            }
            Some(())
        })?;
        Some(Some(out))
    }

    fn group<P>(
        &mut self,
        prediction: &mut impl FnMut(&mut Self) -> Option<P>,
    ) -> Option<GroupedPredictions<P>> {
        let mut out = GroupedPredictions::default();
        let mut seen = 0;
        self.object(|p, key| {
            match key {
                b"id" => {
                    once(&mut seen, 1)?;
                    // `#[serde(default)] String`: `null` is an error there.
                    out.id = p.string()?;
                }
                b"predictions" => {
                    once(&mut seen, 2)?;
                    out.predictions = p.list_or_null(0, &mut *prediction)?;
                }
                _ => p.skip()?,
            }
            Some(())
        })?;
        Some(out)
    }

    /// One score object (the hand-written `EmotionScore` visitor: a repeated key overwrites).
    #[inline]
    fn score(&mut self) -> Option<EmotionScore> {
        // The shape servers write, `{"name":"<no escapes>","score":<number>}`, read without
        // key scanning; anything else rewinds and takes the general object path.
        let start = self.pos();
        if let Some(score) = self.compact_score() {
            return Some(score);
        }
        self.rewind(start);
        self.score_object()
    }

    /// `{"name":"..","score":N}` exactly (no whitespace, no escapes in the name).
    #[inline]
    fn compact_score(&mut self) -> Option<EmotionScore> {
        const HEAD: &[u8] = b"{\"name\":";
        const MID: &[u8] = b",\"score\":";
        if self.peek()? != b'{' || !self.literal(HEAD) {
            return None;
        }
        let name = match self.raw_str()? {
            (raw, false) => raw,
            (_, true) => return None,
        };
        if !self.literal(MID) {
            return None;
        }
        let score = self.score_value()?;
        if !self.literal(b"}") {
            return None;
        }
        Some(EmotionScore {
            name: ScoreName::from_utf8(name)?,
            score,
        })
    }

    /// Any score object.
    fn score_object(&mut self) -> Option<EmotionScore> {
        let mut out = EmotionScore::default();
        self.object(|p, key| {
            match key {
                b"name" => {
                    out.name = if p.null() {
                        ScoreName::default()
                    } else {
                        match p.raw_str()? {
                            (raw, false) => ScoreName::from_utf8(raw)?,
                            (raw, true) => ScoreName::from(p.decode(raw, true)?.into_owned()),
                        }
                    };
                }
                b"score" => out.score = p.score_value()?,
                _ => p.skip()?,
            }
            Some(())
        })?;
        Some(out)
    }

    /// `list_of`: a score list, or `null` as empty.
    fn scores(&mut self, capacity: usize) -> Option<Vec<EmotionScore>> {
        self.list_or_null(capacity, Self::score)
    }

    /// `opt_list_of` and plain `Option<Vec<EmotionScore>>`: `null` is `None`.
    fn opt_scores(&mut self, capacity: usize) -> Option<Option<Vec<EmotionScore>>> {
        if self.null() {
            Some(None)
        } else {
            self.scores(capacity).map(Some)
        }
    }

    /// A `{begin, end}` interval (derived: a repeated key is an error).
    fn interval(&mut self) -> Option<TimeInterval> {
        let mut out = TimeInterval::default();
        let mut seen = 0;
        self.object(|p, key| {
            match key {
                b"begin" => {
                    once(&mut seen, 1)?;
                    out.begin = p.f64_or_zero()?;
                }
                b"end" => {
                    once(&mut seen, 2)?;
                    out.end = p.f64_or_zero()?;
                }
                _ => p.skip()?,
            }
            Some(())
        })?;
        Some(out)
    }

    /// `null_default` on a `TimeInterval`.
    fn interval_or_null(&mut self) -> Option<TimeInterval> {
        if self.null() {
            Some(TimeInterval::default())
        } else {
            self.interval()
        }
    }

    /// `Option<TimeInterval>`.
    fn opt_interval(&mut self) -> Option<Option<TimeInterval>> {
        if self.null() {
            Some(None)
        } else {
            self.interval().map(Some)
        }
    }

    /// `null_default` on a `BoundingBox`.
    fn bbox(&mut self) -> Option<BoundingBox> {
        let mut out = BoundingBox::default();
        if self.null() {
            return Some(out);
        }
        let mut seen = 0;
        self.object(|p, key| {
            let (bit, slot) = match key {
                b"x" => (1, &mut out.x),
                b"y" => (2, &mut out.y),
                b"w" => (4, &mut out.w),
                b"h" => (8, &mut out.h),
                _ => return p.skip(),
            };
            once(&mut seen, bit)?;
            *slot = p.f64_or_zero()?;
            Some(())
        })?;
        Some(out)
    }

    fn face(&mut self) -> Option<FacePrediction> {
        let mut out = FacePrediction::default();
        let mut seen = 0;
        self.object(|p, key| {
            match key {
                b"frame" => {
                    once(&mut seen, 1)?;
                    out.frame = p.u64_or_zero()?;
                }
                b"time" => {
                    once(&mut seen, 2)?;
                    out.time = p.f64_or_zero()?;
                }
                b"prob" => {
                    once(&mut seen, 4)?;
                    out.prob = p.f64_or_zero()?;
                }
                b"box" => {
                    once(&mut seen, 8)?;
                    out.bbox = p.bbox()?;
                }
                b"emotions" => {
                    once(&mut seen, 16)?;
                    out.emotions = p.scores(48)?;
                }
                b"facs" => {
                    once(&mut seen, 32)?;
                    out.facs = p.opt_scores(0)?;
                }
                b"descriptions" => {
                    once(&mut seen, 64)?;
                    out.descriptions = p.opt_scores(0)?;
                }
                _ => p.skip()?,
            }
            Some(())
        })?;
        Some(out)
    }

    fn burst(&mut self) -> Option<BurstPrediction> {
        let mut out = BurstPrediction::default();
        let mut seen = 0;
        self.object(|p, key| {
            match key {
                b"time" => {
                    once(&mut seen, 1)?;
                    out.time = p.interval_or_null()?;
                }
                b"emotions" => {
                    once(&mut seen, 2)?;
                    out.emotions = p.scores(48)?;
                }
                b"descriptions" => {
                    once(&mut seen, 4)?;
                    out.descriptions = p.scores(67)?;
                }
                _ => p.skip()?,
            }
            Some(())
        })?;
        Some(out)
    }

    fn prosody(&mut self) -> Option<ProsodyPrediction> {
        let mut out = ProsodyPrediction::default();
        let mut seen = 0;
        self.object(|p, key| {
            match key {
                b"text" => {
                    once(&mut seen, 1)?;
                    out.text = p.opt_string()?;
                }
                b"time" => {
                    once(&mut seen, 2)?;
                    out.time = p.interval_or_null()?;
                }
                b"confidence" => {
                    once(&mut seen, 4)?;
                    out.confidence = p.opt_f64()?;
                }
                b"speaker_confidence" => {
                    once(&mut seen, 8)?;
                    out.speaker_confidence = p.opt_f64()?;
                }
                b"emotions" => {
                    once(&mut seen, 16)?;
                    out.emotions = p.scores(48)?;
                }
                _ => p.skip()?,
            }
            Some(())
        })?;
        Some(out)
    }

    fn language(&mut self) -> Option<LanguagePrediction> {
        let mut out = LanguagePrediction::default();
        let mut seen = 0;
        self.object(|p, key| {
            match key {
                b"text" => {
                    once(&mut seen, 1)?;
                    out.text = p.string_or_null()?;
                }
                b"position" => {
                    once(&mut seen, 2)?;
                    out.position = p.serde_or_null()?;
                }
                b"time" => {
                    once(&mut seen, 4)?;
                    out.time = p.opt_interval()?;
                }
                b"confidence" => {
                    once(&mut seen, 8)?;
                    out.confidence = p.opt_f64()?;
                }
                b"speaker_confidence" => {
                    once(&mut seen, 16)?;
                    out.speaker_confidence = p.opt_f64()?;
                }
                b"emotions" => {
                    once(&mut seen, 32)?;
                    out.emotions = p.scores(53)?;
                }
                b"sentiment" => {
                    once(&mut seen, 64)?;
                    out.sentiment = p.opt_scores(9)?;
                }
                b"toxicity" => {
                    once(&mut seen, 128)?;
                    out.toxicity = p.opt_scores(6)?;
                }
                _ => p.skip()?,
            }
            Some(())
        })?;
        Some(out)
    }

    fn ner(&mut self) -> Option<NerPrediction> {
        let mut out = NerPrediction::default();
        let mut seen = 0;
        self.object(|p, key| {
            match key {
                b"entity" => {
                    once(&mut seen, 1)?;
                    out.entity = p.string_or_null()?;
                }
                b"position" => {
                    once(&mut seen, 2)?;
                    out.position = p.serde_or_null()?;
                }
                b"entity_confidence" => {
                    once(&mut seen, 4)?;
                    out.entity_confidence = p.f64_or_zero()?;
                }
                b"support" => {
                    once(&mut seen, 8)?;
                    out.support = p.f64_or_zero()?;
                }
                b"uri" => {
                    once(&mut seen, 16)?;
                    out.uri = p.string_or_null()?;
                }
                b"link_word" => {
                    once(&mut seen, 32)?;
                    out.link_word = p.string_or_null()?;
                }
                b"time" => {
                    once(&mut seen, 64)?;
                    out.time = p.opt_interval()?;
                }
                b"confidence" => {
                    once(&mut seen, 128)?;
                    out.confidence = p.opt_f64()?;
                }
                b"speaker_confidence" => {
                    once(&mut seen, 256)?;
                    out.speaker_confidence = p.opt_f64()?;
                }
                b"emotions" => {
                    once(&mut seen, 512)?;
                    out.emotions = p.scores(53)?;
                }
                _ => p.skip()?,
            }
            Some(())
        })?;
        Some(out)
    }

    fn facemesh(&mut self) -> Option<FacemeshPrediction> {
        let mut out = FacemeshPrediction::default();
        let mut seen = 0;
        self.object(|p, key| {
            match key {
                b"emotions" => {
                    once(&mut seen, 1)?;
                    out.emotions = p.scores(48)?;
                }
                _ => p.skip()?,
            }
            Some(())
        })?;
        Some(out)
    }
}

#[cfg(test)]
mod tests;
