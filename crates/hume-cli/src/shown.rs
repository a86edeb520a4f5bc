//! [`shown`]: text made safe to print: no API key, no terminal control.
//!
//! Everything `hume` prints goes through it (results, notes, progress, errors), because much
//! of it is server text: job messages, error bodies, file names, ids. A hostile server could
//! put in it the key it was sent (literally or escaped: see `hume_core::scrub`), or escape
//! sequences that drive the terminal: ANSI colours and cursor moves, OSC 52 (write the
//! clipboard), OSC 8 links, a title change. [`shown`] removes the key, then writes every
//! control character but newline and tab as a visible escape (`\u{1b}`), and the Unicode
//! direction overrides that reorder what is displayed.

/// `text` without `secret` and with control characters escaped.
pub fn shown(text: &str, secret: Option<&str>) -> String {
    let scrubbed = match secret {
        Some(secret) => hume_core::scrub::scrub_str(text, secret),
        None => std::borrow::Cow::Borrowed(text),
    };
    let mut out = String::with_capacity(scrubbed.len());
    for c in scrubbed.chars() {
        if needs_escape(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// C0 controls but `\n` and `\t`, DEL, C1 controls, and the bidirectional formatting
/// characters (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests;
