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
    let (mut lo, mut hi) = (0usize, 0usize);
    let mut out = Vec::with_capacity(timed.len());
    for &(t, _) in &timed {
        while timed[lo].0 < t - half {
            lo += 1;
        }
        while hi < timed.len() && timed[hi].0 <= t + half {
            hi += 1;
        }
        let window = &timed[lo..hi];
        let all_zero = window.iter().all(|(_, s)| s.weight() == 0.0);
        let values = emotions
            .iter()
            .map(|name| {
                let (mut num, mut den) = (0.0, 0.0);
                for (_, s) in window {
                    if let Some(x) = s.score(name) {
                        let w = if spans && !all_zero { s.weight() } else { 1.0 };
                        num += w * x;
                        den += w;
                    }
                }
                if den > 0.0 { num / den } else { f64::NAN }
            })
            .collect();
        out.push(RollingPoint { time: t, values });
    }
    Ok(out)
}
