//! [`Cursor`]: a minimal JSON reader for the fast parse paths of large responses (batch
//! predictions, v1 audio responses).
//!
//! It reads only what a fast path asks for and returns `None` for anything it does not
//! reproduce exactly as serde would (an escaped key, a number in an unusual form, malformed
//! JSON, deep nesting), so the caller can fall back to serde, which then also produces the
//! error with its path. Cold values are handed to serde on their raw text.

use serde::de::{DeserializeOwned, IgnoredAny};

/// Deepest nesting accepted in skipped values; serde_json refuses past 128, so anything near
/// that is left to it.
const MAX_DEPTH: usize = 100;

/// `1e0..=1e22`: every power of ten a double holds exactly.
const EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A position in a JSON text.
pub(crate) struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
    depth: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `s`.
    pub(crate) fn new(s: &'a [u8]) -> Self {
        Cursor { s, i: 0, depth: 0 }
    }

    /// Has everything but trailing whitespace been read?
    pub(crate) fn at_end(&mut self) -> bool {
        self.ws();
        self.i == self.s.len()
    }

    #[inline]
    fn ws(&mut self) {
        while let Some(&b) = self.s.get(self.i) {
            if matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    /// The next non-whitespace byte, not consumed.
    #[inline]
    pub(crate) fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.s.get(self.i).copied()
    }

    /// An object: `field` is called with each key (unescaped, valid UTF-8), the cursor on
    /// its value.
    #[inline]
    pub(crate) fn object(
        &mut self,
        mut field: impl FnMut(&mut Self, &'a [u8]) -> Option<()>,
    ) -> Option<()> {
        if self.peek()? != b'{' {
            return None;
        }
        self.i += 1;
        self.depth += 1;
        if self.peek()? == b'}' {
            self.i += 1;
            self.depth -= 1;
            return Some(());
        }
        loop {
            let key = self.key()?;
            if self.peek()? != b':' {
                return None;
            }
            self.i += 1;
            field(self, key)?;
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    self.depth -= 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// An array: `item` is called with the cursor on each element.
    #[inline]
    pub(crate) fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        if self.peek()? != b'[' {
            return None;
        }
        self.i += 1;
        self.depth += 1;
        if self.peek()? == b']' {
            self.i += 1;
            self.depth -= 1;
            return Some(());
        }
        loop {
            item(self)?;
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    self.depth -= 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A string's raw contents between the quotes and whether it has escapes. Raw control
    /// characters (which JSON forbids) give `None`. UTF-8 is not checked here.
    #[inline]
    pub(crate) fn raw_str(&mut self) -> Option<(&'a [u8], bool)> {
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.i + 1;
        let mut j = start;
        let mut escaped = false;
        loop {
            // Eight bytes at a time up to the first quote, backslash or control character.
            while let Some(chunk) = self.s.get(j..j + 8) {
                let special = special_bytes(u64::from_le_bytes(chunk.try_into().ok()?));
                if special != 0 {
                    j += (special.trailing_zeros() / 8) as usize;
                    break;
                }
                j += 8;
            }
            let b = *self.s.get(j)?;
            if b == b'"' {
                break;
            }
            if b == b'\\' {
                escaped = true;
                j += 2;
            } else if b < 0x20 {
                return None;
            } else {
                j += 1;
            }
        }
        self.i = j + 1;
        Some((self.s.get(start..j)?, escaped))
    }

    /// The position in the text.
    #[inline]
    pub(crate) fn pos(&self) -> usize {
        self.i
    }

    /// Moves back to a position returned by [`pos`](Self::pos).
    #[inline]
    pub(crate) fn rewind(&mut self, pos: usize) {
        self.i = pos;
    }

    /// Consumes `literal` if the text continues with it exactly (no whitespace skipped).
    #[inline]
    pub(crate) fn literal(&mut self, literal: &[u8]) -> bool {
        if self.s.get(self.i..self.i + literal.len()) == Some(literal) {
            self.i += literal.len();
            true
        } else {
            false
        }
    }

    /// An object key: no escapes (an escaped key is left to serde), valid UTF-8.
    #[inline]
    fn key(&mut self) -> Option<&'a [u8]> {
        match self.raw_str()? {
            (k, false) if k.is_ascii() || std::str::from_utf8(k).is_ok() => Some(k),
            _ => None,
        }
    }

    /// The string whose raw contents `raw` were just read, decoded: borrowed when it has no
    /// escapes, else unescaped by serde_json.
    pub(crate) fn decode(&self, raw: &'a [u8], escaped: bool) -> Option<std::borrow::Cow<'a, str>> {
        if !escaped {
            return std::str::from_utf8(raw)
                .ok()
                .map(std::borrow::Cow::Borrowed);
        }
        let quoted = self.s.get(self.i - raw.len() - 2..self.i)?;
        serde_json::from_slice::<String>(quoted)
            .ok()
            .map(std::borrow::Cow::Owned)
    }

    /// A string value, as an owned `String`.
    pub(crate) fn string(&mut self) -> Option<String> {
        let (raw, escaped) = self.raw_str()?;
        self.decode(raw, escaped).map(std::borrow::Cow::into_owned)
    }

    /// A non-negative integer, as serde reads a `u64`: plain digits, no leading zero, no
    /// fraction or exponent (those, and overflow, are left to serde).
    #[inline]
    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.ws();
        let s = self.s;
        let mut i = self.i;
        let mut v: u64 = 0;
        match *s.get(i)? {
            b'0' => i += 1,
            b'1'..=b'9' => {
                while let Some(&c @ b'0'..=b'9') = s.get(i) {
                    v = v.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
                    i += 1;
                }
            }
            _ => return None,
        }
        if matches!(s.get(i), Some(b'.' | b'e' | b'E' | b'0'..=b'9')) {
            return None;
        }
        self.i = i;
        Some(v)
    }

    /// A non-negative number as serde_json (with `float_roundtrip`, which this crate enables)
    /// reads an `f64`: an integer converts as `u64 as f64`, a decimal is correctly rounded.
    /// Negative numbers and malformed ones are left to serde.
    #[inline]
    pub(crate) fn f64(&mut self) -> Option<f64> {
        self.ws();
        let s = self.s;
        let start = self.i;
        let mut i = start;
        // No leading zeros.
        if s.get(i) == Some(&b'0') && matches!(s.get(i + 1), Some(b'0'..=b'9')) {
            return None;
        }
        let mut sig: u64 = 0;
        let mut digits = 0usize;
        let mut int_digits = 0usize;
        while let Some(&c @ b'0'..=b'9') = s.get(i) {
            sig = sig.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
            digits += 1;
            int_digits += 1;
            i += 1;
        }
        if int_digits == 0 {
            return None;
        }
        let mut frac_digits = 0usize;
        let mut is_float = false;
        if s.get(i) == Some(&b'.') {
            i += 1;
            while let Some(&c @ b'0'..=b'9') = s.get(i) {
                sig = sig.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
                digits += 1;
                frac_digits += 1;
                i += 1;
            }
            if frac_digits == 0 {
                return None;
            }
            is_float = true;
        }
        let mut has_exponent = false;
        if matches!(s.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(s.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let exp_start = i;
            while matches!(s.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
            if i == exp_start {
                return None;
            }
            has_exponent = true;
            is_float = true;
        }
        let value = if !is_float {
            if digits > 19 {
                // Past u64: serde's integer path no longer applies.
                return None;
            }
            #[allow(clippy::cast_precision_loss)]
            let v = sig as f64;
            v
        } else if !has_exponent && digits <= 15 && frac_digits < EXACT_POW10.len() {
            // Clinger's fast path: an exact integer (< 2^53) divided by an exact power of
            // ten is one correctly rounded operation.
            #[allow(clippy::cast_precision_loss)]
            let v = sig as f64 / EXACT_POW10[frac_digits];
            v
        } else {
            // Rust's parser rounds correctly too, as serde_json's float_roundtrip does.
            let v: f64 = std::str::from_utf8(s.get(start..i)?).ok()?.parse().ok()?;
            if v.is_infinite() {
                return None;
            }
            v
        };
        self.i = i;
        Some(value)
    }

    /// Consumes `null` if it is next.
    #[inline]
    pub(crate) fn null(&mut self) -> bool {
        self.peek() == Some(b'n') && self.literal(b"null")
    }

    /// A number as serde_json hands it to an `f64` visitor (`u64`, `i64` or its own `f64`
    /// conversion), negative ones included. `None` for what this does not reproduce: more
    /// digits than a `u64` holds, an exponent beyond `i32`, a value out of range.
    #[inline]
    pub(crate) fn number(&mut self) -> Option<f64> {
        self.ws();
        let s = self.s;
        let start = self.i;
        let mut i = start;
        let positive = if s.get(i) == Some(&b'-') {
            i += 1;
            false
        } else {
            true
        };
        // No leading zeros (serde_json rejects them).
        if s.get(i) == Some(&b'0') && matches!(s.get(i + 1), Some(b'0'..=b'9')) {
            return None;
        }
        let (sig, n) = digit_run(s, &mut i, 0)?;
        if n == 0 {
            return None;
        }
        let mut is_float = false;
        if s.get(i) == Some(&b'.') {
            i += 1;
            // The fraction's digits count towards the same 19-digit limit.
            let (_, n) = digit_run(s, &mut i, sig)?;
            if n == 0 {
                return None;
            }
            is_float = true;
        }
        if matches!(s.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(s.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let digits = i;
            // An exponent beyond `i32` is left to serde.
            let mut exp: i32 = 0;
            while let Some(&c @ b'0'..=b'9') = s.get(i) {
                exp = exp.checked_mul(10)?.checked_add(i32::from(c - b'0'))?;
                i += 1;
            }
            if i == digits {
                return None;
            }
            is_float = true;
        }
        let f = if !is_float {
            #[allow(clippy::cast_precision_loss, clippy::cast_possible_wrap)]
            if positive {
                sig as f64
            } else {
                let neg = (sig as i64).wrapping_neg();
                // As serde_json: `-0` and below `i64::MIN` become floats.
                if neg >= 0 { -(sig as f64) } else { neg as f64 }
            }
        } else {
            // Every digit went into `sig`, so this is the correctly rounded value of
            // `sig * 10^exponent`, as serde_json computes it with `float_roundtrip` (which
            // this crate turns on): both give the nearest `f64` to the decimal text.
            let f: f64 = std::str::from_utf8(s.get(start..i)?).ok()?.parse().ok()?;
            if f.is_infinite() {
                return None;
            }
            f
        };
        self.i = i;
        Some(f)
    }

    /// The raw text of the next value, not validated (serde validates it); `None` when it
    /// nests so deep that serde's own limit could apply.
    fn raw_value(&mut self) -> Option<&'a [u8]> {
        self.ws();
        let start = self.i;
        match *self.s.get(self.i)? {
            b'"' => {
                self.raw_str()?;
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match *self.s.get(self.i)? {
                        b'"' => {
                            self.raw_str()?;
                            continue;
                        }
                        b'{' | b'[' => {
                            depth += 1;
                            if self.depth + depth > MAX_DEPTH {
                                return None;
                            }
                        }
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    self.i += 1;
                }
            }
            _ => {
                while let Some(&b) = self.s.get(self.i) {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\t' | b'\r') {
                        break;
                    }
                    self.i += 1;
                }
            }
        }
        self.s.get(start..self.i)
    }

    /// The next value, parsed by serde (for cold fields).
    pub(crate) fn serde<T: DeserializeOwned>(&mut self) -> Option<T> {
        let raw = self.raw_value()?;
        let mut de = serde_json::Deserializer::from_slice(raw);
        let v = T::deserialize(&mut de).ok()?;
        de.end().ok()?;
        Some(v)
    }

    /// The next value parsed by serde with `null_default` (`null` as the default value).
    pub(crate) fn serde_or_null<T: DeserializeOwned + Default>(&mut self) -> Option<T> {
        let raw = self.raw_value()?;
        let mut de = serde_json::Deserializer::from_slice(raw);
        let v = crate::de::null_default(&mut de).ok()?;
        de.end().ok()?;
        Some(v)
    }

    /// Skips an unknown field's value after checking it is JSON.
    pub(crate) fn skip(&mut self) -> Option<()> {
        self.serde::<IgnoredAny>().map(drop)
    }
}

/// Are all eight bytes of `v` ASCII digits?
#[inline]
fn all_digits(v: u64) -> bool {
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    (v & HIGH) == ZEROS && (v.wrapping_add(0x0606_0606_0606_0606) & HIGH) == ZEROS
}

/// The value of eight ASCII digits, the first in the lowest byte (three multiplications
/// instead of eight dependent multiply-adds).
#[inline]
fn eight_digits(v: u64) -> u64 {
    const MASK: u64 = 0x0000_00FF_0000_00FF;
    const MUL1: u64 = 100 + (1_000_000 << 32);
    const MUL2: u64 = 1 + (10_000 << 32);
    let v = v - 0x3030_3030_3030_3030;
    let v = v.wrapping_mul(10) + (v >> 8);
    ((v & MASK).wrapping_mul(MUL1) + ((v >> 16) & MASK).wrapping_mul(MUL2)) >> 32
}

/// Appends the run of digits at `*i` to `sig` (as `sig * 10^n + run`), returning the new value
/// and `n`; `None` when it would overflow a `u64` (exactly where serde_json leaves its `u64`
/// path, so declining there is always right).
#[inline]
fn digit_run(s: &[u8], i: &mut usize, mut sig: u64) -> Option<(u64, usize)> {
    let start = *i;
    while let Some(chunk) = s.get(*i..*i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().ok()?);
        if !all_digits(v) {
            break;
        }
        sig = sig.checked_mul(100_000_000)?.checked_add(eight_digits(v))?;
        *i += 8;
    }
    while let Some(&c @ b'0'..=b'9') = s.get(*i) {
        sig = sig.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
        *i += 1;
    }
    Some((sig, *i - start))
}

/// A mask with the high bit set in the first byte of `v` (little-endian) that is a quote, a
/// backslash or a control character, and possibly in later bytes; zero when there is none.
/// (The classic "has zero byte" trick: a borrow only ever spreads upwards from a true match,
/// so the lowest set bit is exact.)
#[inline]
fn special_bytes(v: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let quote = zero_in(v ^ (ONES * u64::from(b'"')));
    let backslash = zero_in(v ^ (ONES * u64::from(b'\\')));
    let control = v.wrapping_sub(ONES * 0x20) & !v & HIGH;
    quote | backslash | control
}

/// Marks field `bit` as seen; `None` on a duplicate (serde's derive rejects those).
#[inline]
pub(crate) fn once(seen: &mut u32, bit: u32) -> Option<()> {
    if *seen & bit != 0 {
        return None;
    }
    *seen |= bit;
    Some(())
}
