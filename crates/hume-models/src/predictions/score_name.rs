//! [`ScoreName`]: the name of a score, interned when it is a documented name.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::OnceLock;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::names;

/// The name of a score (`"Joy"`, `"Surprise (positive)"`, `"7"`, `"toxic"`, ...).
///
/// Behaves like a `String` for reading: it derefs to `str`, compares with `str`/`&str`/
/// `String`, hashes and orders like `str`, and converts into and from `String`. The
/// difference is cost: the documented names (the 53 expressions, 67 burst descriptions,
/// sentiment levels and toxicity classes) are shared statics, so the million-odd score
/// names of a large predictions file need no allocation of their own. Any other name is stored
/// as an owned string. Either way a `ScoreName` is two words (16 bytes).
#[derive(Clone)]
pub struct ScoreName(Repr);

/// A documented name is a thin pointer to its `&'static str` in [`crate::names`]; any other
/// name is a boxed copy. Both variants fit in the `Box<str>`'s two words (the thin pointer sits
/// beside the box's non-null pointer niche), which keeps [`EmotionScore`](super::EmotionScore)
/// at 24 bytes.
#[derive(Clone)]
enum Repr {
    Known(&'static &'static str),
    Owned(Box<str>),
}

impl Default for ScoreName {
    fn default() -> Self {
        ScoreName(Repr::Known(&""))
    }
}

impl ScoreName {
    /// A name: interned when documented, otherwise copied.
    pub fn new(name: &str) -> Self {
        match intern_ref(name) {
            Some(s) => ScoreName(Repr::Known(s)),
            None => ScoreName(Repr::Owned(name.into())),
        }
    }

    /// A name from bytes that must be UTF-8 (`None` otherwise); a documented name is found
    /// without a separate UTF-8 check.
    pub(crate) fn from_utf8(name: &[u8]) -> Option<Self> {
        match intern_bytes(name) {
            Some(s) => Some(ScoreName(Repr::Known(s))),
            None => Some(ScoreName(Repr::Owned(
                std::str::from_utf8(name).ok()?.into(),
            ))),
        }
    }

    /// The name as a string slice.
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Known(s) => s,
            Repr::Owned(s) => s,
        }
    }

    /// The name as an owned `String`.
    pub fn into_string(self) -> String {
        match self.0 {
            Repr::Known(s) => (*s).to_owned(),
            Repr::Owned(s) => s.into_string(),
        }
    }

    /// Is this one of the documented (interned) names?
    pub fn is_documented(&self) -> bool {
        // The empty default is a static too, but not a documented name.
        matches!(self.0, Repr::Known(s) if !s.is_empty())
    }
}

/// Slots in the intern table (a power of two, `hash` yields 10 bits).
const TABLE_SIZE: usize = 1024;

/// Open-addressing table over every documented name, built once. `refs[i]` points at the
/// same name as `slots[i]`, inside its `names` list (what [`Repr::Known`] keeps).
struct Table {
    slots: Vec<Option<&'static str>>,
    refs: Vec<&'static &'static str>,
    mask: usize,
}

/// A cheap hash of a name: its length and three of its bytes. Collisions only cost a probe.
fn hash(s: &[u8]) -> usize {
    let n = s.len();
    if n == 0 {
        return 0;
    }
    let x = (n as u32)
        | (u32::from(s[0]) << 8)
        | (u32::from(s[n - 1]) << 16)
        | (u32::from(s[n / 2]) << 24);
    (x.wrapping_mul(0x9E37_79B1) >> 22) as usize
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let all = [
            names::LANGUAGE_EXPRESSIONS_53,
            names::BURST_DESCRIPTIONS_67,
            names::SENTIMENT_LEVELS,
            names::TOXICITY_NAMES,
        ];
        let size = TABLE_SIZE;
        let mut slots = vec![None; size];
        let mut refs: Vec<&'static &'static str> = vec![&""; size];
        let mask = size - 1;
        for name in all.into_iter().flatten() {
            let mut i = hash(name.as_bytes()) & mask;
            loop {
                match slots[i] {
                    None => {
                        slots[i] = Some(*name);
                        refs[i] = name;
                        break;
                    }
                    Some(existing) if existing == *name => break,
                    Some(_) => i = (i + 1) & mask,
                }
            }
        }
        Table { slots, refs, mask }
    })
}

/// The documented name equal to `name`, if any.
#[cfg(test)]
fn intern(name: &str) -> Option<&'static str> {
    intern_ref(name).copied()
}

/// The documented name equal to `name`, as a pointer into its `names` list (so a
/// [`ScoreName`] can keep it thin).
fn intern_ref(name: &str) -> Option<&'static &'static str> {
    intern_bytes(name.as_bytes())
}

/// [`intern_ref`] on bytes (equal bytes are the same text).
fn intern_bytes(name: &[u8]) -> Option<&'static &'static str> {
    if name.len() > 32 {
        return None;
    }
    let t = table();
    let mut i = hash(name) & t.mask;
    loop {
        match t.slots[i] {
            None => return None,
            Some(s) if s.as_bytes() == name => return Some(t.refs[i]),
            Some(_) => i = (i + 1) & t.mask,
        }
    }
}

impl Deref for ScoreName {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for ScoreName {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for ScoreName {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for ScoreName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for ScoreName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for ScoreName {
    fn eq(&self, other: &ScoreName) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ScoreName {}

impl PartialOrd for ScoreName {
    fn partial_cmp(&self, other: &ScoreName) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ScoreName {
    fn cmp(&self, other: &ScoreName) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for ScoreName {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

macro_rules! eq_with {
    ($($ty:ty),*) => {$(
        impl PartialEq<$ty> for ScoreName {
            fn eq(&self, other: &$ty) -> bool {
                self.as_str() == &**other
            }
        }

        impl PartialEq<ScoreName> for $ty {
            fn eq(&self, other: &ScoreName) -> bool {
                &**self == other.as_str()
            }
        }
    )*};
}

eq_with!(&str, String);

impl PartialEq<str> for ScoreName {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<ScoreName> for str {
    fn eq(&self, other: &ScoreName) -> bool {
        self == other.as_str()
    }
}

impl From<&str> for ScoreName {
    fn from(s: &str) -> Self {
        ScoreName::new(s)
    }
}

impl From<&String> for ScoreName {
    fn from(s: &String) -> Self {
        ScoreName::new(s)
    }
}

impl From<String> for ScoreName {
    fn from(s: String) -> Self {
        match intern_ref(&s) {
            Some(st) => ScoreName(Repr::Known(st)),
            None => ScoreName(Repr::Owned(s.into_boxed_str())),
        }
    }
}

impl From<ScoreName> for String {
    fn from(name: ScoreName) -> Self {
        name.into_string()
    }
}

impl Serialize for ScoreName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ScoreName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ScoreName;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a score name")
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<ScoreName, E> {
                Ok(ScoreName::new(s))
            }

            fn visit_string<E: de::Error>(self, s: String) -> Result<ScoreName, E> {
                Ok(ScoreName::from(s))
            }

            fn visit_unit<E: de::Error>(self) -> Result<ScoreName, E> {
                Ok(ScoreName::default())
            }
        }
        // `deserialize_any` so that `null` (visit_unit) is accepted without an `Option` layer.
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests;
