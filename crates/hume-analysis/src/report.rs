//! Plain-text renderings of peaks and dominant-emotion timelines, for terminals (the means
//! table is [`crate::summary::render_table`]).

use std::fmt::Write as _;

use crate::dominant::DominantRun;
use crate::peaks::Peak;
use crate::segment::Segment;

fn when(segment: &Segment<'_>) -> String {
    match (segment.begin(), segment.end(), segment.position) {
        (Some(b), Some(e), _) if b == e => format!("{b:.2}s"),
        (Some(b), Some(e), _) => format!("{b:.2}-{e:.2}s"),
        (_, _, Some(p)) => format!("chars {}-{}", p.begin, p.end),
        _ => "-".to_owned(),
    }
}

/// One line per peak: `file  model  group  when  emotion  score`, with the frame for faces and
/// the text, when there is one, in quotes. At most `limit` lines, then a count of the rest.
pub fn render_peaks(peaks: &[Peak<'_>], limit: usize) -> String {
    let mut out = String::new();
    for p in peaks.iter().take(limit) {
        let s = &p.segment;
        let _ = write!(out, "{}  {}  {}  {}", s.file, s.model, s.group, when(s));
        if let Some(frame) = s.frame {
            let _ = write!(out, " (frame {frame})");
        }
        let _ = write!(out, "  {} {:.3}", p.emotion, p.score);
        if let Some(text) = s.text.filter(|t| !t.is_empty()) {
            let _ = write!(out, "  {text:?}");
        }
        out.push('\n');
    }
    if peaks.len() > limit {
        let _ = writeln!(out, "... {} more", peaks.len() - limit);
    }
    out
}

/// One line per run: `[group]  begin-end  emotion  (n segments, peak x)`; untimed runs show
/// their segment count only.
pub fn render_timeline(group: &str, runs: &[DominantRun<'_>]) -> String {
    let mut out = String::new();
    for r in runs {
        let span = match (r.begin, r.end) {
            (Some(b), Some(e)) => format!("{b:7.2}-{e:<7.2}s"),
            _ => format!("{:>17}", "-"),
        };
        let _ = writeln!(
            out,
            "[{group}]  {span}  {}  ({} segment{}, peak {:.3})",
            r.emotion,
            r.segments,
            if r.segments == 1 { "" } else { "s" },
            r.peak
        );
    }
    out
}
