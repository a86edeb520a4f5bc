//! [`ArrayElements`]: splitting the top-level JSON array a reader holds into the bytes of its
//! elements, without parsing them.
//!
//! `serde_json` reading from an `io::Read` pays a call per byte; on a 200 MB body that alone
//! costs about 2.3x parsing the same bytes from a slice. Cutting the stream into top-level
//! elements (one source result each) with a small structural scanner lets every element be
//! parsed from a slice instead, on another thread than the scanner. The scanner tracks only
//! string boundaries (with backslash escapes), nesting depth and the commas between
//! elements; everything else, including UTF-8 and number syntax, is left to `serde_json` when
//! the element is parsed. Memory: the bytes of the element being cut plus one read block.

use std::io::Read;

use serde::de::Error as _;

use crate::error::AnalysisError;

/// Bytes read per `read` call.
const BLOCK: usize = 1 << 18;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before the opening `[`.
    BeforeArray,
    /// Inside the array, expecting an element or `]` (`after_comma` says which are legal).
    BeforeElement { after_comma: bool },
    /// Inside an element that started at `start`.
    InElement,
    /// After an element, expecting `,` or `]`.
    AfterElement,
    /// After the closing `]`: only whitespace may follow.
    Done,
}

/// Yields the raw bytes of each element of the JSON array read from `reader`.
pub(crate) struct ArrayElements<R> {
    reader: R,
    buf: Vec<u8>,
    /// Scan position in `buf`.
    pos: usize,
    /// Start of the current element in `buf`.
    start: usize,
    /// Bytes dropped from the front of `buf` so far (for absolute offsets).
    dropped: u64,
    phase: Phase,
    depth: u32,
    in_string: bool,
    escaped: bool,
    eof: bool,
}

/// JSON's whitespace: space, tab, line feed, carriage return (not form feed or vertical tab,
/// which `u8::is_ascii_whitespace` also counts, and `serde_json` refuses).
fn is_json_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn json_error(message: String, offset: u64) -> AnalysisError {
    AnalysisError::Json {
        element_offset: Some(offset),
        source: serde_json::Error::custom(message),
    }
}

impl<R: Read> ArrayElements<R> {
    pub(crate) fn new(reader: R) -> Self {
        ArrayElements {
            reader,
            buf: Vec::with_capacity(BLOCK),
            pos: 0,
            start: 0,
            dropped: 0,
            phase: Phase::BeforeArray,
            depth: 0,
            in_string: false,
            escaped: false,
            eof: false,
        }
    }

    fn offset(&self, index: usize) -> u64 {
        self.dropped + index as u64
    }

    /// The next element's bytes with the body offset it starts at; `None` after the closing
    /// `]` (once the rest of the input is checked to be whitespace).
    pub(crate) fn next_element(&mut self) -> Result<Option<(u64, Vec<u8>)>, AnalysisError> {
        loop {
            if let Some(end) = self.scan()? {
                // Hand over the buffer itself, cut at the element's end, rather than a copy:
                // a body that is one giant element is then held once, not twice.
                let offset = self.offset(self.start);
                let rest = self.buf.split_off(end);
                let mut element = std::mem::replace(&mut self.buf, rest);
                element.drain(..self.start);
                self.dropped += end as u64;
                self.pos -= end;
                self.start = 0;
                return Ok(Some((offset, element)));
            }
            if self.phase == Phase::Done && self.eof {
                return Ok(None);
            }
            if self.eof {
                return Err(self.truncated());
            }
            self.refill()?;
        }
    }

    /// Drops consumed bytes and reads one more block.
    fn refill(&mut self) -> Result<(), AnalysisError> {
        let keep_from = if self.phase == Phase::InElement {
            self.start
        } else {
            self.pos
        };
        if keep_from > 0 {
            self.buf.drain(..keep_from);
            self.dropped += keep_from as u64;
            self.pos -= keep_from;
            self.start = self.start.saturating_sub(keep_from);
        }
        // Up to one block (several `read` calls if the reader hands out less), appended
        // without zero-filling.
        let read = (&mut self.reader)
            .take(BLOCK as u64)
            .read_to_end(&mut self.buf)
            .map_err(AnalysisError::Io)?;
        self.eof = read == 0;
        Ok(())
    }

    /// The error for input that ends before the array does: `serde_json`'s own EOF error for
    /// the partial element when it gives one.
    fn truncated(&self) -> AnalysisError {
        if self.phase == Phase::BeforeArray {
            return json_error(
                "the body is empty, expected an array".to_owned(),
                self.offset(self.buf.len()),
            );
        }
        if self.phase == Phase::InElement
            && let Err(source) =
                serde_json::from_slice::<serde::de::IgnoredAny>(&self.buf[self.start..])
            && source.is_eof()
        {
            return AnalysisError::Json {
                element_offset: Some(self.offset(self.start)),
                source,
            };
        }
        json_error(
            "the predictions array is not closed (truncated body)".to_owned(),
            self.offset(self.buf.len()),
        )
    }

    /// Scans buffered bytes; returns the end (exclusive) of a completed element.
    fn scan(&mut self) -> Result<Option<usize>, AnalysisError> {
        while self.pos < self.buf.len() {
            let b = self.buf[self.pos];
            match self.phase {
                Phase::BeforeArray | Phase::BeforeElement { .. } | Phase::AfterElement
                    if is_json_whitespace(b) =>
                {
                    self.pos += 1;
                }
                Phase::BeforeArray => {
                    if b != b'[' {
                        return Err(json_error(
                            format!(
                                "expected `[` at the start of the predictions, found `{}`",
                                b as char
                            ),
                            self.offset(self.pos),
                        ));
                    }
                    self.phase = Phase::BeforeElement { after_comma: false };
                    self.pos += 1;
                }
                Phase::BeforeElement { after_comma } => {
                    if b == b']' && !after_comma {
                        self.phase = Phase::Done;
                        self.pos += 1;
                    } else if b == b',' || b == b']' {
                        return Err(json_error(
                            format!("unexpected `{}` in the top-level array", b as char),
                            self.offset(self.pos),
                        ));
                    } else {
                        self.phase = Phase::InElement;
                        self.start = self.pos;
                        self.depth = 0;
                        self.in_string = false;
                        self.escaped = false;
                    }
                }
                Phase::InElement => {
                    if let Some(end) = self.scan_element() {
                        return Ok(Some(end));
                    }
                }
                Phase::AfterElement => {
                    match b {
                        b',' => self.phase = Phase::BeforeElement { after_comma: true },
                        b']' => self.phase = Phase::Done,
                        _ => {
                            return Err(json_error(
                                format!(
                                    "expected `,` or `]` after an element, found `{}`",
                                    b as char
                                ),
                                self.offset(self.pos),
                            ));
                        }
                    }
                    self.pos += 1;
                }
                Phase::Done => {
                    if !is_json_whitespace(b) {
                        return Err(json_error(
                            "trailing characters after the predictions array".to_owned(),
                            self.offset(self.pos),
                        ));
                    }
                    self.pos += 1;
                }
            }
        }
        Ok(None)
    }

    /// Advances through the current element; returns its end once it is complete. An object
    /// or array ends at its closing bracket; a scalar (which the parser will reject) at the
    /// next `,`, `]` or `}` outside strings.
    ///
    /// Table-driven: the inner loops only skip bytes that cannot change the state (anything
    /// but `"` and `\` inside strings; anything but `"`, brackets and `,` outside).
    fn scan_element(&mut self) -> Option<usize> {
        let bytes = &self.buf;
        let n = bytes.len();
        let mut i = self.pos;
        if self.escaped && i < n {
            self.escaped = false;
            i += 1;
        }
        while i < n {
            if self.in_string {
                while i < n && !IN_STRING[usize::from(bytes[i])] {
                    i += 1;
                }
                if i == n {
                    break;
                }
                if bytes[i] == b'\\' {
                    if i + 1 == n {
                        self.escaped = true;
                        i = n;
                        break;
                    }
                    i += 2;
                } else {
                    self.in_string = false;
                    i += 1;
                }
                continue;
            }
            while i < n && !STRUCTURAL[usize::from(bytes[i])] {
                i += 1;
            }
            if i == n {
                break;
            }
            match bytes[i] {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' if self.depth > 0 => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        self.pos = i + 1;
                        self.phase = Phase::AfterElement;
                        return Some(i + 1);
                    }
                }
                b',' | b']' | b'}' if self.depth == 0 => {
                    self.pos = i;
                    self.phase = Phase::AfterElement;
                    return Some(i);
                }
                _ => {}
            }
            i += 1;
        }
        self.pos = i;
        None
    }
}

/// Bytes that matter inside a string.
static IN_STRING: [bool; 256] = byte_set(b"\"\\");
/// Bytes that matter outside strings.
static STRUCTURAL: [bool; 256] = byte_set(b"\"{}[],");

const fn byte_set(members: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut i = 0;
    while i < members.len() {
        set[members[i] as usize] = true;
        i += 1;
    }
    set
}
