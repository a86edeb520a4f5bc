//! [`TimeWindow`]: restricting segments to `[from, to]` seconds.
//!
//! # Membership rule: midpoint
//! A span belongs to the window when its **midpoint** `(begin + end) / 2` lies in the closed
//! interval `[from, to]`; a face frame belongs when its `time` does. A member counts whole (with
//! its full duration as weight): spans are never cut at the window edges. The midpoint rule
//! puts every span in exactly one of two adjacent windows `[a, b]`, `[b, c]` unless its
//! midpoint is exactly `b`, and it keeps means comparable with the unwindowed ones.
//!
//! Untimed segments (language/NER on raw text, facemesh) have no time, so windows reject them
//! with [`AnalysisError::Untimed`].

use crate::error::AnalysisError;
use crate::segment::Segment;

/// A closed time window `[from, to]` in seconds, finite with `from <= to` (checked by
/// [`TimeWindow::new`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeWindow {
    from: f64,
    to: f64,
}

impl TimeWindow {
    /// The window `[from, to]`.
    ///
    /// # Errors
    /// [`AnalysisError::InvalidParameter`] when a bound is not finite or `from > to`.
    pub fn new(from: f64, to: f64) -> Result<Self, AnalysisError> {
        if !from.is_finite() || !to.is_finite() {
            return Err(AnalysisError::InvalidParameter {
                name: "time window",
                reason: format!("bounds must be finite numbers, got [{from}, {to}]"),
            });
        }
        if from > to {
            return Err(AnalysisError::InvalidParameter {
                name: "time window",
                reason: format!("start {from} s is after end {to} s"),
            });
        }
        Ok(TimeWindow { from, to })
    }

    /// Start, seconds.
    pub fn from(&self) -> f64 {
        self.from
    }

    /// End, seconds.
    pub fn to(&self) -> f64 {
        self.to
    }

    /// Does `t` (seconds) lie in the window?
    pub fn contains(&self, t: f64) -> bool {
        self.from <= t && t <= self.to
    }

    /// The segments whose midpoint (or frame time) lies in the window, in their order.
    ///
    /// # Errors
    /// [`AnalysisError::Untimed`] when the segments have no time,
    /// [`AnalysisError::WindowOutsideMedia`] (with the media's range) when the window does not
    /// overlap `[earliest begin, latest end]` at all, and [`AnalysisError::EmptyWindow`] when it
    /// overlaps but holds no midpoint. An empty `segments` gives an empty result.
    pub fn apply<'a>(&self, segments: &[Segment<'a>]) -> Result<Vec<Segment<'a>>, AnalysisError> {
        let Some(first) = segments.first() else {
            return Ok(Vec::new());
        };
        let Some((media_begin, media_end)) = media_range(segments) else {
            return Err(AnalysisError::Untimed {
                file: first.file.to_owned(),
                model: first.model,
                what: "a time window",
            });
        };
        if self.to < media_begin || self.from > media_end {
            return Err(AnalysisError::WindowOutsideMedia {
                from: self.from,
                to: self.to,
                media_begin,
                media_end,
            });
        }
        let inside: Vec<Segment<'a>> = segments
            .iter()
            .filter(|s| s.midpoint().is_some_and(|t| self.contains(t)))
            .copied()
            .collect();
        if inside.is_empty() {
            return Err(AnalysisError::EmptyWindow {
                file: first.file.to_owned(),
                from: self.from,
                to: self.to,
            });
        }
        Ok(inside)
    }
}

/// `[earliest begin, latest end]` over the timed segments (`None` when none is timed).
pub fn media_range(segments: &[Segment<'_>]) -> Option<(f64, f64)> {
    segments
        .iter()
        .filter_map(|s| Some((s.begin()?, s.end()?)))
        .fold(None, |acc, (b, e)| match acc {
            None => Some((b, e)),
            Some((lo, hi)) => Some((f64::min(lo, b), f64::max(hi, e))),
        })
}
