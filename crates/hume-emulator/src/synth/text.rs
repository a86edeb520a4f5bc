//! Splitting text into words and sentences with character offsets.
//!
//! Offsets count Unicode scalar values (Rust `char`s), zero-based, end exclusive: the
//! convention the emulator documents for `position` (SPEC §5.1 leaves it open).

/// A piece of text and where it sits in its passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Segment {
    /// The piece itself.
    pub(crate) text: String,
    /// First character (inclusive).
    pub(crate) begin: u64,
    /// One past the last character.
    pub(crate) end: u64,
}

fn segment(chars: &[char], begin: usize, end: usize) -> Segment {
    Segment {
        text: chars[begin..end].iter().collect(),
        begin: begin as u64,
        end: end as u64,
    }
}

/// Whitespace-separated words, with punctuation trimmed from both ends; pure punctuation is
/// skipped.
pub(crate) fn words(text: &str) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        let (mut b, mut e) = (start, i);
        while b < e && !chars[b].is_alphanumeric() {
            b += 1;
        }
        while e > b && !chars[e - 1].is_alphanumeric() {
            e -= 1;
        }
        if b < e {
            out.push(segment(&chars, b, e));
        }
    }
    out
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// Sentences: runs ending with `.`, `!`, `?` (or `…`) followed by whitespace or the end, or at
/// a blank line; surrounding whitespace trimmed.
pub(crate) fn sentences(text: &str) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    let push = |out: &mut Vec<Segment>, b: usize, e: usize| {
        let mut e = e;
        while e > b && chars[e - 1].is_whitespace() {
            e -= 1;
        }
        if e > b {
            out.push(segment(&chars, b, e));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if start.is_none() {
            if !c.is_whitespace() {
                start = Some(i);
            }
            i += 1;
            continue;
        }
        if is_terminator(c) {
            let mut j = i + 1;
            while j < chars.len()
                && (is_terminator(chars[j]) || matches!(chars[j], '"' | '\'' | ')' | '”' | '’'))
            {
                j += 1;
            }
            if j == chars.len() || chars[j].is_whitespace() {
                if let Some(b) = start.take() {
                    push(&mut out, b, j);
                }
                i = j;
                continue;
            }
        }
        if c == '\n'
            && chars.get(i + 1) == Some(&'\n')
            && let Some(b) = start.take()
        {
            push(&mut out, b, i);
        }
        i += 1;
    }
    if let Some(b) = start {
        push(&mut out, b, chars.len());
    }
    out
}

/// The whole passage, trimmed (none when it is blank).
pub(crate) fn passage(text: &str) -> Option<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let b = chars.iter().position(|c| !c.is_whitespace())?;
    let e = chars.iter().rposition(|c| !c.is_whitespace())? + 1;
    Some(segment(&chars, b, e))
}

#[cfg(test)]
mod tests;
