//! Checking requested emotion names against the names segments carry, with close matches.

use crate::error::AnalysisError;
use crate::segment::Segment;

/// Every distinct emotion name in `segments`, in first-seen order.
pub fn emotion_names<'a>(segments: &[Segment<'a>]) -> Vec<&'a str> {
    let mut names: Vec<&'a str> = Vec::new();
    for s in segments {
        for e in s.emotions {
            if !names.contains(&e.name) {
                names.push(e.name);
            }
        }
    }
    names
}

/// Fails with [`AnalysisError::UnknownEmotion`] (listing up to three close names) for the first
/// requested name that no segment carries. Names are exact (`"Surprise (positive)"`).
pub fn check_emotions(segments: &[Segment<'_>], requested: &[&str]) -> Result<(), AnalysisError> {
    if requested.is_empty() {
        return Ok(());
    }
    let known = emotion_names(segments);
    for name in requested {
        if !known.contains(name) {
            return Err(AnalysisError::UnknownEmotion {
                name: (*name).to_owned(),
                suggestions: close_matches(name, &known),
            });
        }
    }
    Ok(())
}

/// Up to three of `known` close to `name`: same name ignoring case, names containing it (or
/// contained in it) ignoring case, then names within an edit distance of a third of the
/// length (at least 2). Best first.
pub fn close_matches(name: &str, known: &[&str]) -> Vec<String> {
    let wanted = name.to_lowercase();
    let limit = (wanted.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = known
        .iter()
        .filter_map(|k| {
            let lower = k.to_lowercase();
            let d = if lower == wanted {
                0
            } else if !wanted.is_empty() && (lower.contains(&wanted) || wanted.contains(&lower)) {
                1
            } else {
                let d = levenshtein(&wanted, &lower);
                if d > limit {
                    return None;
                }
                d + 1
            };
            Some((d, *k))
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(3)
        .map(|(_, k)| k.to_owned())
        .collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
