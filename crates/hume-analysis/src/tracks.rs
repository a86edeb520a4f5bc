//! [`face_tracks`]: telling faces apart by their boxes when the API did not.
//!
//! Without `identify_faces`, every face of every frame is in one group (`"unknown"`), so a
//! group holds several faces per frame and a line through its scores zig-zags between faces.
//! Tracking rebuilds one series per face from the boxes: frames are visited in time order and
//! each face joins the track whose last box centre is nearest, within one box size (the
//! larger side of the two boxes); pairs are matched closest first, each track and face once.
//! A face with no track near enough starts a new one. Faces that stay in place, which is
//! what the model sees frame to frame, keep their track; crossing faces may swap.

use crate::segment::Segment;

/// The segments of one face group split into one track per face, tracks in order of first
/// appearance, each in time order. A group with at most one face per frame is one track.
/// Segments without a box (other models) each stay in the track of their time order, as one
/// face.
pub fn face_tracks<'a>(segments: &[Segment<'a>]) -> Vec<Vec<Segment<'a>>> {
    let mut sorted: Vec<Segment<'a>> = segments.to_vec();
    crate::segment::sort_segments(&mut sorted);
    let mut tracks: Vec<Vec<Segment<'a>>> = Vec::new();
    let mut start = 0;
    while start < sorted.len() {
        let key = frame_key(&sorted[start]);
        let end = start
            + sorted[start..]
                .iter()
                .take_while(|s| frame_key(s) == key)
                .count();
        assign(&mut tracks, &sorted[start..end]);
        start = end;
    }
    tracks
}

/// Faces of the same frame share their time (and frame number).
fn frame_key(s: &Segment<'_>) -> (Option<u64>, Option<u64>) {
    (s.frame, s.begin().map(f64::to_bits))
}

/// `(centre x, centre y, size)` of a face's box.
fn centre(s: &Segment<'_>) -> Option<(f64, f64, f64)> {
    let b = s.bbox()?;
    Some((b.x + b.w / 2.0, b.y + b.h / 2.0, b.w.max(b.h)))
}

fn assign<'a>(tracks: &mut Vec<Vec<Segment<'a>>>, frame: &[Segment<'a>]) {
    if tracks.is_empty() || frame.iter().any(|s| centre(s).is_none()) {
        if tracks.is_empty() {
            tracks.extend(frame.iter().map(|s| vec![*s]));
        } else {
            tracks[0].extend_from_slice(frame);
        }
        return;
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (t, track) in tracks.iter().enumerate() {
        let Some((tx, ty, ts)) = track.last().and_then(centre) else {
            continue;
        };
        for (f, face) in frame.iter().enumerate() {
            let Some((fx, fy, fs)) = centre(face) else {
                continue;
            };
            let distance = (tx - fx).hypot(ty - fy);
            let gate = ts.max(fs).max(f64::MIN_POSITIVE);
            if distance <= gate {
                pairs.push((distance / gate, t, f));
            }
        }
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut track_used = vec![false; tracks.len()];
    let mut face_track: Vec<Option<usize>> = vec![None; frame.len()];
    for (_, t, f) in pairs {
        if !track_used[t] && face_track[f].is_none() {
            track_used[t] = true;
            face_track[f] = Some(t);
        }
    }
    for (f, face) in frame.iter().enumerate() {
        match face_track[f] {
            Some(t) => tracks[t].push(*face),
            None => tracks.push(vec![*face]),
        }
    }
}
