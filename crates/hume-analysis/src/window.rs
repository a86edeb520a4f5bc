//! [`TimeWindow`]: restricting segments to `[from, to]` seconds.
//!
//! # Membership rule: overlap, with spans cut at the edges
//! A span belongs to the window when it overlaps it: for a window of positive length the
//! overlap must have positive length (a span that only touches an edge is out); a
//! zero-length window `[t, t]` takes the spans that contain `t`. A member span is **cut to the
//! window** (`[max(begin, from), min(end, to)]`), so in a mean it weighs by the time it
//! spends inside the window: a window inside one long utterance (6–8 s inside 4–14 s) gives
//! that utterance, weighted 2 s. Any window inside the media's time therefore finds the spans
//! that cover it. A face frame belongs when its `time` lies in the closed window; a window
//! between two frames holds none ([`AnalysisError::EmptyWindow`]).
//!
//! # Untimed segments
//! Segments without time (language/NER on raw text, facemesh) cannot be placed in a window.
//! When every segment is untimed, windows fail with [`AnalysisError::Untimed`]; when a set
//! mixes timed and untimed segments, the untimed ones are **left out** of the windowed
//! result (they are not assumed to be anywhere in particular).
//!
//! # The media's extent
//! [`TimeWindow::apply_in`] takes the media's extent, `[0, latest time]` over every model of
//! the file ([`media_extent`]), to tell a window outside the media
//! ([`AnalysisError::WindowOutsideMedia`], naming that extent) from one inside the media
//! that this model has nothing in ([`AnalysisError::EmptyWindow`], naming what the model
//! covers). [`TimeWindow::apply`] uses the segments' own range as the extent.

use hume_models::predictions::InferencePrediction;

use crate::error::AnalysisError;
use crate::segment::{Segment, Timing};
use crate::segments::prediction_segments;

/// A closed time window `[from, to]` in seconds, finite with `from <= to` (checked by
/// [`TimeWindow::new`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeWindow {
    from: f64,
    to: f64,
}

impl TimeWindow {
    /// The window `[from, to]` (negative bounds are allowed: `[-5, 3]` covers the first 3 s).
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

    /// `segment` as it lies in the window (a span cut to the window), or `None` when it is
    /// outside or untimed.
    pub fn clip<'a>(&self, segment: &Segment<'a>) -> Option<Segment<'a>> {
        let timing = match segment.timing {
            Timing::Point(t) => self.contains(t).then_some(Timing::Point(t))?,
            Timing::Span { begin, end } if begin < end => {
                let (b, e) = (begin.max(self.from), end.min(self.to));
                // A window of positive length needs an overlap of positive length; `[t, t]`
                // takes the spans containing `t`.
                let inside = if self.from < self.to { e > b } else { b <= e };
                inside.then_some(Timing::Span { begin: b, end: e })?
            }
            // A span of zero (or negative) duration is an instant at its begin.
            Timing::Span { begin, .. } => self.contains(begin).then_some(segment.timing)?,
            Timing::Untimed => return None,
        };
        Some(Segment { timing, ..*segment })
    }

    /// The segments that overlap the window, cut to it, in their order; untimed segments are
    /// left out. The extent used for "outside the media" is the segments' own range.
    ///
    /// # Errors
    /// As [`TimeWindow::apply_in`].
    pub fn apply<'a>(&self, segments: &[Segment<'a>]) -> Result<Vec<Segment<'a>>, AnalysisError> {
        self.apply_in(segments, None)
    }

    /// The segments that overlap the window, cut to it (see the module docs), with `media`
    /// the media's extent in seconds (`None`: the segments' own range).
    ///
    /// # Errors
    /// [`AnalysisError::Untimed`] when no segment has a time,
    /// [`AnalysisError::WindowOutsideMedia`] (naming the extent) when the window misses
    /// the media, and [`AnalysisError::EmptyWindow`] when it is inside the media but no
    /// segment overlaps it. An empty `segments` gives an empty result.
    pub fn apply_in<'a>(
        &self,
        segments: &[Segment<'a>],
        media: Option<(f64, f64)>,
    ) -> Result<Vec<Segment<'a>>, AnalysisError> {
        let Some(first) = segments.first() else {
            return Ok(Vec::new());
        };
        let Some(covered) = media_range(segments) else {
            return Err(AnalysisError::Untimed {
                file: first.file.to_owned(),
                model: first.model,
                what: "a time window",
            });
        };
        let (media_begin, media_end) = media.unwrap_or(covered);
        if self.to < media_begin || self.from > media_end {
            return Err(AnalysisError::WindowOutsideMedia {
                from: self.from,
                to: self.to,
                media_begin,
                media_end,
            });
        }
        let inside: Vec<Segment<'a>> = segments.iter().filter_map(|s| self.clip(s)).collect();
        if inside.is_empty() {
            return Err(AnalysisError::EmptyWindow {
                file: first.file.to_owned(),
                model: first.model,
                from: self.from,
                to: self.to,
                covered,
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

/// The media's extent as far as the batch predictions tell: from 0 (or an earlier time, should
/// a model report one) to the latest time any model of the file reports. `None` when no model
/// has a time (raw text). (A v1 file: [`FileView::media_extent`](crate::FileView::media_extent).)
pub fn media_extent(prediction: &InferencePrediction) -> Option<(f64, f64)> {
    let segments: Vec<Segment<'_>> = prediction_segments("", prediction).collect();
    media_range(&segments).map(|(b, e)| (b.min(0.0), e))
}
