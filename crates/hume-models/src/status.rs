//! [`BatchJobStatus`]: where a job is in its life cycle.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ParseValueError;

/// A job's status (wire: `"QUEUED"`, `"IN_PROGRESS"`, `"COMPLETED"`, `"FAILED"`).
///
/// A status this crate does not know parses to [`Unknown`](BatchJobStatus::Unknown) holding the
/// raw string, so a new server status never breaks parsing.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BatchJobStatus {
    /// Waiting to start.
    Queued,
    /// Running.
    InProgress,
    /// Finished; predictions are available (terminal).
    Completed,
    /// Finished with an error (terminal).
    Failed,
    /// A status this crate does not know, as sent.
    Unknown(String),
}

impl BatchJobStatus {
    /// The four documented statuses.
    pub const ALL: [BatchJobStatus; 4] = [
        BatchJobStatus::Queued,
        BatchJobStatus::InProgress,
        BatchJobStatus::Completed,
        BatchJobStatus::Failed,
    ];

    /// The wire string.
    pub fn as_str(&self) -> &str {
        match self {
            BatchJobStatus::Queued => "QUEUED",
            BatchJobStatus::InProgress => "IN_PROGRESS",
            BatchJobStatus::Completed => "COMPLETED",
            BatchJobStatus::Failed => "FAILED",
            BatchJobStatus::Unknown(s) => s,
        }
    }

    /// Will the status never change again (`COMPLETED` or `FAILED`)?
    ///
    /// An [`Unknown`](BatchJobStatus::Unknown) status is not terminal: a poller keeps polling
    /// (bounded by its own timeout).
    pub fn is_terminal(&self) -> bool {
        matches!(self, BatchJobStatus::Completed | BatchJobStatus::Failed)
    }

    /// Is this a status this crate does not know?
    pub fn is_unknown(&self) -> bool {
        matches!(self, BatchJobStatus::Unknown(_))
    }

    fn parse(s: &str) -> BatchJobStatus {
        BatchJobStatus::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
            .unwrap_or_else(|| BatchJobStatus::Unknown(s.to_owned()))
    }
}

impl FromStr for BatchJobStatus {
    type Err = ParseValueError;

    /// Known statuses match ignoring ASCII case; any other non-empty string becomes
    /// [`Unknown`](BatchJobStatus::Unknown). Only an empty string is an error.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.is_empty() {
            Err(ParseValueError::new("job status", s))
        } else {
            Ok(BatchJobStatus::parse(s))
        }
    }
}

impl fmt::Display for BatchJobStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for BatchJobStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for BatchJobStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(BatchJobStatus::parse(&s))
    }
}
