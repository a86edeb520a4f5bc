//! [`peaks`]: every emotion score above a threshold, with when it happened.

use crate::error::AnalysisError;
use crate::segment::Segment;

/// One emotion score above the threshold in one segment.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Peak<'a> {
    /// The segment it was found in (source, file, model, group, frame, time, text).
    pub segment: Segment<'a>,
    /// The emotion name.
    pub emotion: &'a str,
    /// Its score, strictly above the threshold.
    pub score: f64,
}

/// Every `(segment, emotion)` whose score is strictly above `threshold`, in the segments'
/// order and, within a segment, highest score first. With `emotions` non-empty only those
/// names are considered (names are checked: see [`crate::check_emotions`]).
///
/// # Errors
/// [`AnalysisError::InvalidParameter`] for a NaN threshold and
/// [`AnalysisError::UnknownEmotion`] for a name no segment carries.
pub fn peaks<'a>(
    segments: &[Segment<'a>],
    threshold: f64,
    emotions: &[&str],
) -> Result<Vec<Peak<'a>>, AnalysisError> {
    if threshold.is_nan() {
        return Err(AnalysisError::InvalidParameter {
            name: "threshold",
            reason: "must be a number, got NaN".to_owned(),
        });
    }
    crate::names::check_emotions(segments, emotions)?;
    let mut out = Vec::new();
    for s in segments {
        let start = out.len();
        for e in s.emotions {
            let Some(score) = e.value else {
                continue; // null scores are never peaks
            };
            if score > threshold && (emotions.is_empty() || emotions.contains(&e.name)) {
                out.push(Peak {
                    segment: *s,
                    emotion: e.name,
                    score,
                });
            }
        }
        out[start..].sort_by(|a, b| b.score.total_cmp(&a.score));
    }
    Ok(out)
}
