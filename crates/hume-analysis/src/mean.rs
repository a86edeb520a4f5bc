//! [`mean_scores`]: true per-emotion means over segments, weighted by duration where
//! segments have one.
//!
//! # Weighting
//! - Spans (prosody, burst, language/NER on media) are weighted by their duration
//!   `end − begin`: a 3 s segment counts three times as much as a 1 s one, so the mean is the
//!   time-average of the score over the speech that was analysed. Negative durations weigh 0.
//! - Face frames (points), facemesh and raw-text language/NER (untimed) weigh 1 each: a plain
//!   mean over frames or spans.
//! - When every span in a set has zero duration, the mean falls back to the unweighted mean
//!   (reported as [`Weighting::Unweighted`]) instead of dividing by zero.
//! - A set that mixes spans with untimed segments (language or NER where some spans came
//!   without `time`) is averaged **unweighted**, each segment once, and says so
//!   ([`Weighting::Unweighted`]): an untimed segment has no duration to weigh by, and lending
//!   it one (say 1 s) would bias the mean by an amount nobody chose. Restrict such a set to
//!   its timed part with a [`TimeWindow`](crate::TimeWindow) to get a time-weighted mean.
//!
//! A segment that lacks an emotion contributes nothing to that emotion's mean (the mean is over
//! the segments that carry it). A `null` score counts as lacking: it is absent from the mean
//! (weight and count included), never read as 0, so scores `[0.8, null]` average to 0.8.

use std::collections::HashMap;

use crate::segment::Segment;

/// How a mean was weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Weighting {
    /// Each segment weighted by its duration in seconds.
    Duration,
    /// Each segment (frame, span or text item) counts once.
    Unweighted,
}

impl Weighting {
    /// A short label (`"duration"` / `"unweighted"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Weighting::Duration => "duration",
            Weighting::Unweighted => "unweighted",
        }
    }
}

/// The mean score of one emotion.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EmotionMean {
    /// The emotion name.
    pub name: String,
    /// The (weighted) mean score.
    pub mean: f64,
    /// How many segments carried a score for it.
    pub count: usize,
}

/// Per-emotion means over a set of segments.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EmotionMeans {
    /// How the means were weighted.
    pub weighting: Weighting,
    /// Number of segments averaged.
    pub segments: usize,
    /// One mean per emotion, highest first (ties by name).
    pub means: Vec<EmotionMean>,
}

impl EmotionMeans {
    /// The `n` highest means.
    pub fn top(&self, n: usize) -> &[EmotionMean] {
        &self.means[..n.min(self.means.len())]
    }

    /// The mean of one emotion, by exact name.
    pub fn get(&self, name: &str) -> Option<f64> {
        self.means.iter().find(|m| m.name == name).map(|m| m.mean)
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    weighted: f64,
    weight: f64,
    plain: f64,
    count: usize,
}

/// Accumulates means segment by segment (names in first-seen order, looked up by position
/// first since every segment of a model lists its names in the same order).
#[derive(Debug, Default)]
pub(crate) struct MeanAccumulator {
    names: Vec<String>,
    sums: Vec<Sums>,
    index: HashMap<String, usize>,
    segments: usize,
    any_positive_weight: bool,
}

impl MeanAccumulator {
    pub(crate) fn add(&mut self, segment: &Segment<'_>) {
        let w = segment.weight();
        self.segments += 1;
        self.any_positive_weight |= w > 0.0;
        for (i, e) in segment.emotions.iter().enumerate() {
            let Some(score) = e.value else {
                continue; // null: absent from this emotion's mean
            };
            let slot = if self.names.get(i).is_some_and(|n| n == e.name) {
                i
            } else if let Some(&j) = self.index.get(e.name) {
                j
            } else {
                self.names.push(e.name.to_string());
                self.sums.push(Sums::default());
                self.index.insert(e.name.to_string(), self.names.len() - 1);
                self.names.len() - 1
            };
            let s = &mut self.sums[slot];
            s.weighted += w * score;
            s.weight += w;
            s.plain += score;
            s.count += 1;
        }
    }

    pub(crate) fn finish(self, duration_weighted: bool) -> EmotionMeans {
        let weighting = if duration_weighted && self.any_positive_weight {
            Weighting::Duration
        } else {
            Weighting::Unweighted
        };
        #[allow(clippy::cast_precision_loss)]
        let mut means: Vec<EmotionMean> = self
            .names
            .into_iter()
            .zip(self.sums)
            .filter(|(_, s)| s.count > 0)
            .map(|(name, s)| {
                let mean = match weighting {
                    Weighting::Duration if s.weight > 0.0 => s.weighted / s.weight,
                    Weighting::Duration => f64::NAN,
                    Weighting::Unweighted => s.plain / s.count as f64,
                };
                EmotionMean {
                    name,
                    mean,
                    count: s.count,
                }
            })
            .filter(|m| !m.mean.is_nan())
            .collect();
        means.sort_by(|a, b| b.mean.total_cmp(&a.mean).then_with(|| a.name.cmp(&b.name)));
        EmotionMeans {
            weighting,
            segments: self.segments,
            means,
        }
    }
}

/// Per-emotion means over `segments` (see the module docs for the weighting rule): duration
/// weighted when the segments are spans, unweighted for frames, untimed segments and sets
/// that mix spans with untimed segments.
pub fn mean_scores<'s, 'a: 's>(
    segments: impl IntoIterator<Item = &'s Segment<'a>>,
) -> EmotionMeans {
    let mut acc = MeanAccumulator::default();
    let (mut spans, mut untimed) = (false, false);
    for s in segments {
        spans |= s.duration().is_some();
        untimed |= !s.is_timed();
        acc.add(s);
    }
    acc.finish(spans && !untimed)
}
