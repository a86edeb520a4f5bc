//! Removing a secret from text a server sent, in every form it can take there.
//!
//! A hostile or careless server may echo the API key back. Replacing the literal key before
//! decoding is not enough: JSON lets a server write `a/b` as `a\/b` or `\u0061\u002fb`, and
//! decoding turns those back into the key; a URL (a redirect's `Location`) may carry it
//! percent-encoded. [`scrub`] therefore matches the secret character by character, each one
//! written literally, as a JSON escape (`\"`, `\\`, `\/`, `\uXXXX` in any case) or
//! percent-encoded (`%XX`), and replaces every match with [`REDACTED`]. Run it on raw bytes
//! before decoding *and* on every decoded string: both are needed, because a value can be
//! escaped twice (a JSON string holding JSON).

use std::borrow::Cow;

/// What replaces the secret.
pub const REDACTED: &str = "[redacted]";

/// `bytes` with every occurrence of `secret` (literal, JSON-escaped or percent-encoded,
/// character by character) replaced by [`REDACTED`]. Borrowed when nothing matched.
pub fn scrub<'a>(bytes: &'a [u8], secret: &str) -> Cow<'a, [u8]> {
    let needle = secret.as_bytes();
    let Some(&first) = needle.first() else {
        return Cow::Borrowed(bytes);
    };
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // A match starts with the first byte itself, a backslash or a percent sign.
        if (b == first || b == b'\\' || b == b'%')
            && let Some(len) = match_at(&bytes[i..], needle)
        {
            let buf = out.get_or_insert_with(|| Vec::with_capacity(bytes.len()));
            buf.extend_from_slice(&bytes[copied..i]);
            buf.extend_from_slice(REDACTED.as_bytes());
            i += len;
            copied = i;
            continue;
        }
        i += 1;
    }
    match out {
        None => Cow::Borrowed(bytes),
        Some(mut buf) => {
            buf.extend_from_slice(&bytes[copied..]);
            Cow::Owned(buf)
        }
    }
}

/// [`scrub`] for text: the secret is replaced in whole characters, so the result is text.
pub fn scrub_str<'a>(text: &'a str, secret: &str) -> Cow<'a, str> {
    match scrub(text.as_bytes(), secret) {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        // Matches are whole UTF-8 sequences of the secret or ASCII escapes: still UTF-8.
        Cow::Owned(bytes) => Cow::Owned(
            String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        ),
    }
}

/// [`scrub_str`] in place.
pub fn scrub_string(text: &mut String, secret: &str) {
    if let Cow::Owned(clean) = scrub_str(text, secret) {
        *text = clean;
    }
}

/// The length of the match of `needle` at the start of `hay`, if there is one.
fn match_at(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut pos = 0;
    for &want in needle {
        pos += byte_at(&hay[pos..], want)?;
    }
    Some(pos)
}

/// How many bytes of `hay` spell the byte `want`: itself, a JSON escape or `%XX`. Escapes
/// are matched for ASCII bytes only (a non-ASCII character is matched literally).
fn byte_at(hay: &[u8], want: u8) -> Option<usize> {
    let &b = hay.first()?;
    if b == want {
        return Some(1);
    }
    if !want.is_ascii() {
        return None;
    }
    match b {
        b'\\' => match *hay.get(1)? {
            c @ (b'"' | b'\\' | b'/') if c == want => Some(2),
            b'b' if want == 0x08 => Some(2),
            b'f' if want == 0x0c => Some(2),
            b'n' if want == b'\n' => Some(2),
            b'r' if want == b'\r' => Some(2),
            b't' if want == b'\t' => Some(2),
            b'u' => {
                let code = hex(hay.get(2..6)?)?;
                (code == u32::from(want)).then_some(6)
            }
            _ => None,
        },
        b'%' => (hex(hay.get(1..3)?)? == u32::from(want)).then_some(3),
        _ => None,
    }
}

/// The value of ASCII hex digits (either case).
fn hex(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |acc, &d| {
        let v = char::from(d).to_digit(16)?;
        Some(acc * 16 + v)
    })
}

#[cfg(test)]
mod tests;
