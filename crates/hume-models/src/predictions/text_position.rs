//! [`TextPosition`]: where a language or NER prediction sits in its text.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A span of text as **character** offsets (zero-based, `begin` inclusive, `end` exclusive).
///
/// The offsets count characters, not bytes, so never slice a `&str` with them directly: use
/// [`byte_range`](Self::byte_range) or [`slice`](Self::slice), which count Unicode scalar values
/// (Rust `char`s) and never panic.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextPosition {
    /// First character (inclusive).
    #[serde(default, deserialize_with = "crate::de::int_or_zero")]
    pub begin: u64,
    /// One past the last character (exclusive).
    #[serde(default, deserialize_with = "crate::de::int_or_zero")]
    pub end: u64,
}

impl TextPosition {
    /// A span of characters `begin..end`.
    pub fn new(begin: u64, end: u64) -> Self {
        TextPosition { begin, end }
    }

    /// Number of characters covered (0 when `end < begin`).
    pub fn char_len(&self) -> u64 {
        self.end.saturating_sub(self.begin)
    }

    /// The byte range of this span in `text`, or `None` when `end < begin` or the span runs
    /// past the end of `text`.
    pub fn byte_range(&self, text: &str) -> Option<Range<usize>> {
        if self.end < self.begin {
            return None;
        }
        let begin = usize::try_from(self.begin).ok()?;
        let len = usize::try_from(self.end - self.begin).ok()?;
        // Byte offsets of every char boundary, including the end of the string.
        let mut bounds = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()));
        let start = bounds.nth(begin)?;
        let end = if len == 0 {
            start
        } else {
            bounds.nth(len - 1)?
        };
        Some(start..end)
    }

    /// The covered part of `text`, or `None` when the span does not fit (see
    /// [`byte_range`](Self::byte_range)).
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        self.byte_range(text).and_then(|r| text.get(r))
    }
}
