//! [`ScoreName`]: the name of a v1 score, shared instead of copied.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The name of a v1 score: an expression (`"joy"`, `"surprise (positive)"`), a voice
/// attribute (`"background music"`) or a facial description (`"jaw drop"`).
///
/// v1 names are lowercase and may hold spaces and punctuation. The API adds names over time,
/// so this is not an enum: treat a name you do not know as a new measurement.
///
/// Reads like a `String`: it derefs to `str`, compares with `str`/`&str`/`String`, hashes and
/// orders like `str`. The difference is cost. A large audio response repeats the same few
/// hundred names hundreds of thousands of times, so parsing keeps a small per-thread table of
/// the names it has seen and hands out shared references to them (an `Arc<str>`, 16 bytes):
/// repeated names cost no allocation. The table is bounded (at most
/// [`INTERN_CAPACITY`](Self::INTERN_CAPACITY) names of at most
/// [`INTERN_MAX_LEN`](Self::INTERN_MAX_LEN) bytes per thread); names beyond it are simply
/// allocated. This differs from the v0 [`crate::ScoreName`], whose v0 vocabulary is fixed.
#[derive(Clone)]
pub struct ScoreName(Arc<str>);

impl ScoreName {
    /// Most names the per-thread table holds.
    pub const INTERN_CAPACITY: usize = 4096;
    /// Longest name (in bytes) the per-thread table holds.
    pub const INTERN_MAX_LEN: usize = 64;

    /// A name, shared with earlier equal names on this thread when possible.
    pub fn new(name: &str) -> Self {
        ScoreName(intern(name))
    }

    /// The name as a string slice.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name as an owned `String`.
    pub fn into_string(self) -> String {
        self.0.as_ref().to_owned()
    }
}

/// FNV-1a: a fast hash for short keys; the table holds only names, collisions only cost a
/// comparison, and nothing here is exposed to hash flooding that matters (the table is
/// bounded and per thread).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Table = HashSet<Arc<str>, BuildHasherDefault<Fnv>>;

thread_local! {
    static TABLE: RefCell<Table> = RefCell::new(Table::default());
}

fn intern(name: &str) -> Arc<str> {
    if name.len() > ScoreName::INTERN_MAX_LEN {
        return Arc::from(name);
    }
    let found = TABLE.try_with(|table| {
        let mut table = table.try_borrow_mut().ok()?;
        if let Some(shared) = table.get(name) {
            return Some(Arc::clone(shared));
        }
        let shared: Arc<str> = Arc::from(name);
        if table.len() < ScoreName::INTERN_CAPACITY {
            table.insert(Arc::clone(&shared));
        }
        Some(shared)
    });
    match found {
        Ok(Some(shared)) => shared,
        // The thread is shutting down (or re-entered): share nothing.
        _ => Arc::from(name),
    }
}

impl Default for ScoreName {
    fn default() -> Self {
        ScoreName::new("")
    }
}

impl Deref for ScoreName {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for ScoreName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for ScoreName {
    fn borrow(&self) -> &str {
        &self.0
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
        Arc::ptr_eq(&self.0, &other.0) || self.as_str() == other.as_str()
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

impl PartialEq<str> for ScoreName {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ScoreName {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for ScoreName {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<ScoreName> for str {
    fn eq(&self, other: &ScoreName) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<ScoreName> for &str {
    fn eq(&self, other: &ScoreName) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<ScoreName> for String {
    fn eq(&self, other: &ScoreName) -> bool {
        self.as_str() == other.as_str()
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
        ScoreName::new(&s)
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
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests;
