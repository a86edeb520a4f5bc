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

use serde::de::{DeserializeOwned, IgnoredAny};

use super::{
    BoundingBox, BurstPrediction, EmotionScore, FacePrediction, FacemeshPrediction,
    GroupedPredictions, InferencePrediction, InferenceResults, LanguagePrediction, ModelResult,
    ModelsPredictions, NerPrediction, Predictions, ProsodyPrediction, Score, ScoreName, Source,
    SourceResult, TimeInterval, TranscriptionMetadata,
};
use crate::ModelType;

/// Parses a whole predictions body, or `None` when the serde path must decide.
pub(crate) fn parse(body: &[u8]) -> Option<Predictions> {
    let mut p = Parser {
        s: body,
        i: 0,
        depth: 0,
    };
    let mut out = Vec::new();
    p.array(|p| {
        out.push(p.source_result()?);
        Some(())
    })?;
    p.ws();
    (p.i == p.s.len()).then_some(Predictions(out))
}

/// Deepest nesting this parser accepts; serde_json refuses past 128, so anything near that is
/// left to it.
const MAX_DEPTH: usize = 100;

/// Are all eight bytes of `v` ASCII digits?
#[inline]
fn all_digits(v: u64) -> bool {
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    (v & HIGH) == ZEROS && (v.wrapping_add(0x0606_0606_0606_0606) & HIGH) == ZEROS
}

/// The value of eight ASCII digits, the first in the lowest byte (three multiplications
/// instead of eight dependent multiply-adds).
#[inline]
fn eight_digits(v: u64) -> u64 {
    const MASK: u64 = 0x0000_00FF_0000_00FF;
    const MUL1: u64 = 100 + (1_000_000 << 32);
    const MUL2: u64 = 1 + (10_000 << 32);
    let v = v - 0x3030_3030_3030_3030;
    let v = v.wrapping_mul(10) + (v >> 8);
    ((v & MASK).wrapping_mul(MUL1) + ((v >> 16) & MASK).wrapping_mul(MUL2)) >> 32
}

/// Appends the run of digits at `*i` to `sig` (as `sig * 10^n + run`), returning the new value
/// and `n`; `None` when it would overflow a `u64` (exactly where serde_json leaves its `u64`
/// path, so declining there is always right).
#[inline]
fn digit_run(s: &[u8], i: &mut usize, mut sig: u64) -> Option<(u64, usize)> {
    let start = *i;
    while let Some(chunk) = s.get(*i..*i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().ok()?);
        if !all_digits(v) {
            break;
        }
        sig = sig.checked_mul(100_000_000)?.checked_add(eight_digits(v))?;
        *i += 8;
    }
    while let Some(&c @ b'0'..=b'9') = s.get(*i) {
        sig = sig.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
        *i += 1;
    }
    Some((sig, *i - start))
}

/// Checks the UTF-8 of text this parser keeps (the body is not validated as a whole: bytes
/// outside strings are structure, which is ASCII or a reason to decline).
#[inline]
fn utf8(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

/// A cursor over the body.
struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    depth: usize,
}

/// Marks field `bit` as seen; `None` on a duplicate (serde's derive rejects those).
#[inline]
fn once(seen: &mut u32, bit: u32) -> Option<()> {
    if *seen & bit != 0 {
        return None;
    }
    *seen |= bit;
    Some(())
}

impl<'a> Parser<'a> {
    #[inline]
    fn ws(&mut self) {
        while let Some(&b) = self.s.get(self.i) {
            if matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    /// The next non-whitespace byte, not consumed.
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.s.get(self.i).copied()
    }

    /// Consumes `null` if it is next.
    #[inline]
    fn null(&mut self) -> bool {
        if self.peek() == Some(b'n') && self.s[self.i..].starts_with(b"null") {
            self.i += 4;
            true
        } else {
            false
        }
    }

    /// An object: `field` is called with each key, the cursor on its value.
    #[inline]
    fn object(&mut self, mut field: impl FnMut(&mut Self, &'a [u8]) -> Option<()>) -> Option<()> {
        if self.peek()? != b'{' {
            return None;
        }
        self.i += 1;
        self.depth += 1;
        if self.peek()? == b'}' {
            self.i += 1;
            self.depth -= 1;
            return Some(());
        }
        loop {
            let key = self.key()?;
            if self.peek()? != b':' {
                return None;
            }
            self.i += 1;
            field(self, key)?;
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    self.depth -= 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// An array: `item` is called with the cursor on each element.
    #[inline]
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        if self.peek()? != b'[' {
            return None;
        }
        self.i += 1;
        self.depth += 1;
        if self.peek()? == b']' {
            self.i += 1;
            self.depth -= 1;
            return Some(());
        }
        loop {
            item(self)?;
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    self.depth -= 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

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

    /// A string's contents between the quotes, and whether it has escapes. Raw control
    /// characters (which JSON forbids) give `None`.
    #[inline]
    fn raw_str(&mut self) -> Option<(&'a [u8], bool)> {
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.i + 1;
        let mut j = start;
        let mut escaped = false;
        loop {
            let b = *self.s.get(j)?;
            if b == b'"' {
                break;
            }
            if b == b'\\' {
                escaped = true;
                j += 2;
            } else if b < 0x20 {
                return None;
            } else {
                j += 1;
            }
        }
        self.i = j + 1;
        Some((self.s.get(start..j)?, escaped))
    }

    /// An object key without escapes (an escaped key is left to serde), valid UTF-8 (serde
    /// checks every key it reads).
    #[inline]
    fn key(&mut self) -> Option<&'a [u8]> {
        match self.raw_str()? {
            (k, false) if k.is_ascii() || utf8(k).is_some() => Some(k),
            _ => None,
        }
    }

    /// The quoted string just read by [`raw_str`](Self::raw_str) (`raw` its contents), decoded
    /// by serde_json.
    fn unescape(&self, raw: &[u8]) -> Option<String> {
        let quoted = self.s.get(self.i - raw.len() - 2..self.i)?;
        serde_json::from_slice(quoted).ok()
    }

    /// A string value; escapes are decoded by serde_json.
    fn string(&mut self) -> Option<String> {
        let (raw, escaped) = self.raw_str()?;
        if escaped {
            self.unescape(raw)
        } else {
            utf8(raw).map(str::to_owned)
        }
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

    /// A number as serde_json hands it to an `f64` visitor (`u64`, `i64` or its own `f64`
    /// conversion). `None` for what this does not reproduce: more digits than a `u64` holds,
    /// an exponent beyond `i32`, a value out of range.
    #[inline]
    fn number(&mut self) -> Option<f64> {
        self.ws();
        let s = self.s;
        let start = self.i;
        let mut i = start;
        let positive = if s.get(i) == Some(&b'-') {
            i += 1;
            false
        } else {
            true
        };
        // No leading zeros (serde_json rejects them).
        if s.get(i) == Some(&b'0') && matches!(s.get(i + 1), Some(b'0'..=b'9')) {
            return None;
        }
        let (sig, n) = digit_run(s, &mut i, 0)?;
        if n == 0 {
            return None;
        }
        let mut is_float = false;
        if s.get(i) == Some(&b'.') {
            i += 1;
            // The fraction's digits count towards the same 19-digit limit.
            let (_, n) = digit_run(s, &mut i, sig)?;
            if n == 0 {
                return None;
            }
            is_float = true;
        }
        if matches!(s.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(s.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let digits = i;
            // An exponent beyond `i32` is left to serde.
            let mut exp: i32 = 0;
            while let Some(&c @ b'0'..=b'9') = s.get(i) {
                exp = exp.checked_mul(10)?.checked_add(i32::from(c - b'0'))?;
                i += 1;
            }
            if i == digits {
                return None;
            }
            is_float = true;
        }
        let f = if !is_float {
            #[allow(clippy::cast_precision_loss, clippy::cast_possible_wrap)]
            if positive {
                sig as f64
            } else {
                let neg = (sig as i64).wrapping_neg();
                // As serde_json: `-0` and below `i64::MIN` become floats.
                if neg >= 0 { -(sig as f64) } else { neg as f64 }
            }
        } else {
            // Every digit went into `sig`, so this is the correctly rounded value of
            // `sig * 10^exponent`, as serde_json computes it with `float_roundtrip` (which
            // this crate turns on): both give the nearest `f64` to the decimal text.
            let f: f64 = utf8(s.get(start..i)?)?.parse().ok()?;
            if f.is_infinite() {
                return None;
            }
            f
        };
        self.i = i;
        Some(f)
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
        self.ws();
        let s = self.s;
        let mut i = self.i;
        let mut v: u64 = 0;
        match *s.get(i)? {
            b'0' => i += 1,
            b'1'..=b'9' => {
                while let Some(&c @ b'0'..=b'9') = s.get(i) {
                    v = v.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
                    i += 1;
                }
            }
            _ => return None,
        }
        if matches!(s.get(i), Some(b'.' | b'e' | b'E' | b'0'..=b'9')) {
            return None;
        }
        self.i = i;
        Some(v)
    }

    /// The raw text of the next value, unvalidated (serde validates it). `None` when it
    /// nests so deep that serde's own limit could apply in the whole body.
    fn raw_value(&mut self) -> Option<&'a [u8]> {
        let start = {
            self.ws();
            self.i
        };
        match *self.s.get(self.i)? {
            b'"' => {
                self.raw_str()?;
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match *self.s.get(self.i)? {
                        b'"' => {
                            self.raw_str()?;
                            continue;
                        }
                        b'{' | b'[' => {
                            depth += 1;
                            if self.depth + depth > MAX_DEPTH {
                                return None;
                            }
                        }
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    self.i += 1;
                }
            }
            _ => {
                while let Some(&b) = self.s.get(self.i) {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\t' | b'\r') {
                        break;
                    }
                    self.i += 1;
                }
            }
        }
        self.s.get(start..self.i)
    }

    /// The next value parsed by serde's `T::deserialize`.
    fn serde<T: DeserializeOwned>(&mut self) -> Option<T> {
        let raw = self.raw_value()?;
        let mut de = serde_json::Deserializer::from_slice(raw);
        let v = T::deserialize(&mut de).ok()?;
        de.end().ok()?;
        Some(v)
    }

    /// The next value parsed by serde with `null_default`, as the serde path does.
    fn serde_or_null<T: DeserializeOwned + Default>(&mut self) -> Option<T> {
        let raw = self.raw_value()?;
        let mut de = serde_json::Deserializer::from_slice(raw);
        let v = crate::de::null_default(&mut de).ok()?;
        de.end().ok()?;
        Some(v)
    }

    /// An unknown field's value: checked to be JSON, then dropped.
    fn skip(&mut self) -> Option<()> {
        self.serde::<IgnoredAny>().map(drop)
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
        let start = self.i;
        if let Some(score) = self.compact_score() {
            return Some(score);
        }
        self.i = start;
        self.score_object()
    }

    /// `{"name":"..","score":N}` exactly (no whitespace, no escapes in the name).
    #[inline]
    fn compact_score(&mut self) -> Option<EmotionScore> {
        const HEAD: &[u8] = b"{\"name\":\"";
        const MID: &[u8] = b",\"score\":";
        self.ws();
        if !self.s.get(self.i..)?.starts_with(HEAD) {
            return None;
        }
        self.i += HEAD.len() - 1;
        let name = match self.raw_str()? {
            (raw, false) => raw,
            (_, true) => return None,
        };
        if !self.s.get(self.i..)?.starts_with(MID) {
            return None;
        }
        self.i += MID.len();
        let score = self.score_value()?;
        if self.s.get(self.i) != Some(&b'}') {
            return None;
        }
        self.i += 1;
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
                            (raw, true) => ScoreName::from(p.unescape(raw)?),
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
