//! [`JsonCompleteness`]: is a byte stream one complete JSON value? Checked as the bytes go
//! by, in constant memory, so a download can be refused before it is renamed into place.
//!
//! A body cut short at a length the server announced (a `Content-Length` that matches what
//! was sent, but not what was meant) passes every length check. Its JSON does not close: an
//! open string, array or object, or nothing at all. The check follows strings (with their
//! escapes) and nesting, refuses a closing bracket that does not match, raw control
//! characters inside a string (never valid JSON, and a way to drive a terminal), and anything
//! but whitespace after the value. Numbers and literals are not parsed (their bytes are
//! checked to be number or literal characters): a reader parses the value anyway; this is
//! about completeness.

/// Most nesting tracked (deeper is refused: no parser here accepts it either).
const MAX_DEPTH: usize = 1024;

/// The incremental check; [`feed`](Self::feed) every chunk, then [`finish`](Self::finish).
#[derive(Debug, Clone, Default)]
pub struct JsonCompleteness {
    /// Open brackets, innermost last (`[` or `{`).
    stack: Vec<u8>,
    in_string: bool,
    escaped: bool,
    /// A complete top-level value has been seen.
    done: bool,
    /// Inside a top-level scalar (number or literal) that may go on.
    in_scalar: bool,
    error: Option<String>,
    offset: u64,
}

impl JsonCompleteness {
    /// A check that has seen nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes the next bytes of the stream.
    pub fn feed(&mut self, bytes: &[u8]) {
        if self.error.is_some() {
            return;
        }
        for &b in bytes {
            if let Err(why) = self.byte(b) {
                self.error = Some(format!("{why} at byte {}", self.offset));
                return;
            }
            self.offset += 1;
        }
    }

    fn byte(&mut self, b: u8) -> Result<(), &'static str> {
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
                self.close_value();
            } else if b < 0x20 {
                return Err("a raw control character inside a string");
            }
            return Ok(());
        }
        let whitespace = matches!(b, b' ' | b'\t' | b'\n' | b'\r');
        if self.in_scalar {
            if is_scalar_byte(b) {
                return Ok(());
            }
            self.in_scalar = false;
            self.close_value();
        }
        if whitespace {
            return Ok(());
        }
        if self.done {
            return Err("more data after the json value");
        }
        match b {
            b'"' => self.in_string = true,
            b'[' | b'{' => {
                if self.stack.len() >= MAX_DEPTH {
                    return Err("nesting too deep");
                }
                self.stack.push(b);
            }
            b']' | b'}' => {
                let open = if b == b']' { b'[' } else { b'{' };
                if self.stack.pop() != Some(open) {
                    return Err("a closing bracket that matches nothing");
                }
                self.close_value();
            }
            b',' | b':' if !self.stack.is_empty() => {}
            b if is_scalar_byte(b) => {
                if self.stack.is_empty() {
                    self.in_scalar = true;
                }
            }
            _ => return Err("a byte that cannot appear in json here"),
        }
        Ok(())
    }

    /// A value (string, container or scalar) ended: at the top level, the document is done.
    fn close_value(&mut self) {
        if self.stack.is_empty() {
            self.done = true;
        }
    }

    /// Whether the bytes fed form one complete JSON value.
    ///
    /// # Errors
    /// Why not: cut short (an open string or bracket, or nothing), a mismatched bracket, a raw
    /// control character in a string, or trailing data.
    pub fn finish(mut self) -> Result<(), String> {
        if let Some(error) = self.error {
            return Err(error);
        }
        if self.in_scalar {
            self.close_value();
        }
        if self.in_string {
            return Err(format!(
                "cut short inside a string (after {} bytes)",
                self.offset
            ));
        }
        if !self.stack.is_empty() {
            return Err(format!(
                "cut short: {} bracket(s) left open (after {} bytes)",
                self.stack.len(),
                self.offset
            ));
        }
        if !self.done {
            return Err("no json value".into());
        }
        Ok(())
    }
}

/// A byte of a number or of `true`, `false`, `null`.
fn is_scalar_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.')
}

#[cfg(test)]
mod tests;
