//! [`dominant_timeline`]: the top emotion of each segment, with runs of the same emotion
//! merged.

use crate::segment::Segment;

/// A run of consecutive segments sharing the same dominant (highest-scoring) emotion.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DominantRun<'a> {
    /// The dominant emotion.
    pub emotion: &'a str,
    /// Start of the first segment (frame time for faces; `None` when untimed).
    pub begin: Option<f64>,
    /// End of the last segment (frame time for faces; `None` when untimed).
    pub end: Option<f64>,
    /// How many segments the run merges.
    pub segments: usize,
    /// The highest dominant score inside the run.
    pub peak: f64,
}

/// The dominant emotion of each segment in order, consecutive equal emotions merged into one
/// [`DominantRun`]. Give it one group's segments (see [`crate::by_group`]) sorted by time, as
/// [`crate::select`] returns them: two faces interleaved in time would otherwise break each
/// other's runs. Segments without scores (or with only null scores) are skipped and do not
/// break a run.
pub fn dominant_timeline<'a>(segments: &[Segment<'a>]) -> Vec<DominantRun<'a>> {
    let mut runs: Vec<DominantRun<'a>> = Vec::new();
    for s in segments {
        let Some((top, score)) = s.dominant().and_then(|t| Some((t, t.value()?))) else {
            continue;
        };
        match runs.last_mut() {
            Some(run) if run.emotion == top.name => {
                run.end = s.end().or(run.end);
                run.segments += 1;
                run.peak = run.peak.max(score);
            }
            _ => runs.push(DominantRun {
                emotion: top.name,
                begin: s.begin(),
                end: s.end(),
                segments: 1,
                peak: score,
            }),
        }
    }
    runs
}
