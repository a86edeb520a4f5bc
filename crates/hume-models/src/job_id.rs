//! [`JobId`]: a batch job's id.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::path_segment::{InvalidId, check_id};

/// A batch job id. Usually a UUID, but any string is accepted (SDK examples use `"job_id"`).
///
/// Any string can be wrapped, but only one that is a safe single path segment may be used:
/// clients call [`check`](Self::check) before putting an id in a URL, and the CLI before
/// naming a folder after it (`.`, `..`, separators and control characters are refused).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JobId(String);

impl JobId {
    /// Wraps an id.
    pub fn new(id: impl Into<String>) -> Self {
        JobId(id.into())
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Checks that the id is safe as one URL path segment and one file name (see
    /// [`check_id`](crate::path_segment::check_id)).
    ///
    /// # Errors
    /// [`InvalidId`] naming the rule the id breaks.
    pub fn check(&self) -> Result<(), InvalidId> {
        check_id("job id", &self.0)
    }

    /// Wraps `id` once [`check`](Self::check) accepts it.
    ///
    /// # Errors
    /// [`InvalidId`] naming the rule the id breaks.
    pub fn parse(id: impl Into<String>) -> Result<Self, InvalidId> {
        let id = JobId(id.into());
        id.check()?;
        Ok(id)
    }
}

impl fmt::Display for JobId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for JobId {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(JobId(s.to_owned()))
    }
}

impl AsRef<str> for JobId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<String> for JobId {
    fn from(s: String) -> Self {
        JobId(s)
    }
}

impl From<&str> for JobId {
    fn from(s: &str) -> Self {
        JobId(s.to_owned())
    }
}

impl From<JobId> for String {
    fn from(id: JobId) -> Self {
        id.0
    }
}

impl PartialEq<str> for JobId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for JobId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}
