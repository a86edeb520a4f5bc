//! [`rolling_mean`]: smoothing emotion scores over a centred window of seconds.
//!
//! For each segment `i` (at its midpoint `t_i`; a face frame at its time), the smoothed value
//! of an emotion is the mean over every segment `j` with `|t_j − t_i| ≤ width / 2`, weighted
//! exactly like [`crate::mean_scores`]: by duration for spans, once per frame for faces. The
//! window is centred so smoothing does not shift peaks in time. Give it one group's segments
//! sorted by time (as [`crate::select`] and [`crate::by_group`] return them).

use crate::error::AnalysisError;
use crate::segment::Segment;

/// One smoothed point.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RollingPoint {
    /// The centre of the window: the segment's midpoint (or frame time), seconds.
    pub time: f64,
    /// One smoothed value per requested emotion, in the requested order (NaN when no segment
    /// in the window carries that emotion).
    pub values: Vec<f64>,
}

/// Centred rolling means of `emotions` over a window of `width` seconds.
///
/// # Errors
/// [`AnalysisError::InvalidParameter`] when `width` is not a positive number,
/// [`AnalysisError::UnknownEmotion`] for a name no segment carries and
/// [`AnalysisError::Untimed`] for segments without time.
pub fn rolling_mean(
    segments: &[Segment<'_>],
    emotions: &[&str],
    width: f64,
) -> Result<Vec<RollingPoint>, AnalysisError> {
    if !(width.is_finite() && width > 0.0) {
        return Err(AnalysisError::InvalidParameter {
            name: "smoothing width",
            reason: format!("must be a positive number of seconds, got {width}"),
        });
    }
    crate::names::check_emotions(segments, emotions)?;
    let mut timed: Vec<(f64, &Segment<'_>)> = Vec::with_capacity(segments.len());
    for s in segments {
        match s.midpoint() {
            Some(t) => timed.push((t, s)),
            None => {
                return Err(AnalysisError::Untimed {
                    file: s.file.to_owned(),
                    model: s.model,
                    what: "a rolling mean",
                });
            }
        }
    }
    timed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let spans = timed.iter().any(|(_, s)| s.duration().is_some());
    let half = width / 2.0;
    // The window [lo, hi) slides right; its sums follow it (added on entry, subtracted on
    // exit), so the whole pass is linear in the number of segments. The sums are rebuilt
    // from scratch whenever the window no longer shares a segment with the last rebuild:
    // rebuilt ranges never overlap, so rebuilding stays linear too, and rounding from the
    // subtractions never outlives one window.
    let (mut lo, mut hi) = (0usize, 0usize);
    let mut sums = WindowSums::new(emotions.len());
    let mut rebuilt_hi = 0usize;
    let mut out = Vec::with_capacity(timed.len());
    for &(t, _) in &timed {
        while hi < timed.len() && timed[hi].0 <= t + half {
            sums.add(timed[hi].1, emotions, 1.0);
            hi += 1;
        }
        while lo < hi && timed[lo].0 < t - half {
            sums.add(timed[lo].1, emotions, -1.0);
            lo += 1;
        }
        if lo >= rebuilt_hi {
            sums = WindowSums::new(emotions.len());
            for (_, s) in &timed[lo..hi] {
                sums.add(s, emotions, 1.0);
            }
            rebuilt_hi = hi;
        }
        let weighted = spans && sums.weighted_segments > 0;
        let values = (0..emotions.len())
            .map(|i| {
                let (num, den) = if weighted {
                    (sums.weighted_num[i], sums.weighted_den[i])
                } else {
                    (sums.plain_num[i], sums.plain_den[i])
                };
                if den > 0.0 { num / den } else { f64::NAN }
            })
            .collect();
        out.push(RollingPoint { time: t, values });
    }
    Ok(out)
}

/// The sums over one window, per emotion: weighted by duration, and plain (once per segment,
/// used when no segment of the window has a duration).
struct WindowSums {
    weighted_num: Vec<f64>,
    weighted_den: Vec<f64>,
    plain_num: Vec<f64>,
    plain_den: Vec<f64>,
    /// Segments in the window with a non-zero weight.
    weighted_segments: i64,
}

impl WindowSums {
    fn new(n: usize) -> Self {
        Self {
            weighted_num: vec![0.0; n],
            weighted_den: vec![0.0; n],
            plain_num: vec![0.0; n],
            plain_den: vec![0.0; n],
            weighted_segments: 0,
        }
    }

    /// Adds (`sign` 1) or removes (`sign` −1) one segment.
    fn add(&mut self, s: &Segment<'_>, emotions: &[&str], sign: f64) {
        let w = s.weight();
        if w != 0.0 {
            self.weighted_segments += if sign > 0.0 { 1 } else { -1 };
        }
        for (i, name) in emotions.iter().enumerate() {
            if let Some(x) = s.score(name) {
                self.weighted_num[i] += sign * w * x;
                self.weighted_den[i] += sign * w;
                self.plain_num[i] += sign * x;
                self.plain_den[i] += sign;
            }
        }
    }
}
