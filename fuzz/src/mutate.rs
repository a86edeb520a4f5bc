//! [`mutated`]: a new input from the seeds: one seed, changed by one to four mutations.

use crate::rng::Rng;

/// JSON fragments that stress parsers: extreme numbers, escapes, control characters,
/// formula-like text, nesting, the wrong types where objects are expected.
const TOKENS: &[&[u8]] = &[
    b"null",
    b"true",
    b"0",
    b"-0",
    b"1e308",
    b"1e999",
    b"-1e999",
    b"18446744073709551616",
    b"-9223372036854775809",
    b"0.000000000000000000000000001",
    b"\"\"",
    b"\"\\u0000\"",
    b"\"\\ud800\"",
    b"\"\\u001b[2J\"",
    b"\"=cmd|' /C calc'!A0\"",
    b"\"..\"",
    b"[]",
    b"{}",
    b"[[[[[[[[[[[[[[[[",
    b"{\"a\":{\"a\":{\"a\":",
    b",",
    b":",
    b"\"",
    b"\\",
    b"\x0c",
    b"\xff\xfe",
    b"\"source\"",
    b"\"results\"",
    b"\"predictions\"",
    b"\"errors\"",
    b"\"grouped_predictions\"",
    b"\"emotions\"",
    b"\"time\"",
    b"\"begin\"",
    b"\"end\"",
    b"\"score\"",
];

/// A mutated copy of a random seed.
pub fn mutated(seeds: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let mut input = seeds[rng.below(seeds.len())].clone();
    for _ in 0..1 + rng.below(4) {
        mutate_once(&mut input, seeds, rng);
    }
    input
}

fn mutate_once(input: &mut Vec<u8>, seeds: &[Vec<u8>], rng: &mut Rng) {
    let len = input.len();
    let at = rng.below(len + 1);
    match rng.below(9) {
        // Flip bits of one byte.
        0 if len > 0 => {
            let i = rng.below(len);
            input[i] ^= 1 << rng.below(8);
        }
        // Replace a byte by an interesting one.
        1 if len > 0 => {
            const BYTES: &[u8] = b"\0\x01\x1f\x7f\x80\xff{}[]\":,\\-+.eE0123456789 \t\n\r";
            let i = rng.below(len);
            input[i] = BYTES[rng.below(BYTES.len())];
        }
        // Insert a token.
        2 | 3 => {
            let token = TOKENS[rng.below(TOKENS.len())];
            input.splice(at..at, token.iter().copied());
        }
        // Delete a range.
        4 if len > 0 => {
            let end = (at + 1 + rng.below(64)).min(len);
            input.drain(at.min(len - 1)..end);
        }
        // Cut the input short.
        5 => input.truncate(at),
        // Duplicate a range.
        6 if len > 0 => {
            let from = rng.below(len);
            let end = (from + 1 + rng.below(256)).min(len);
            let copy = input[from..end].to_vec();
            input.splice(at..at, copy);
        }
        // Splice in part of another seed.
        7 => {
            let other = &seeds[rng.below(seeds.len())];
            if !other.is_empty() {
                let from = rng.below(other.len());
                let end = (from + 1 + rng.below(512)).min(other.len());
                input.splice(at..at, other[from..end].iter().copied());
            }
        }
        // Replace a number-like byte run with an extreme number.
        _ => {
            if let Some(i) = (at..len).find(|&i| input[i].is_ascii_digit()) {
                let end = (i..len)
                    .find(|&j| !matches!(input[j], b'0'..=b'9' | b'.' | b'e' | b'E' | b'-' | b'+'))
                    .unwrap_or(len);
                let token = TOKENS[4 + rng.below(6)];
                input.splice(i..end, token.iter().copied());
            }
        }
    }
}

#[cfg(test)]
mod tests;
