//! [`ListJobsQuery`]: the query parameters of `GET /v0/batch/jobs`.

use std::fmt;
use std::str::FromStr;

use crate::{BatchJobStatus, ParseValueError};

macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident, $kind:literal, { $($(#[$vdoc:meta])* $variant:ident => $wire:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $wire)] $variant,)*
        }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The wire string.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = ParseValueError;

            /// Parses the wire string, ignoring ASCII case.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(s))
                    .ok_or_else(|| ParseValueError::new($kind, s))
            }
        }
    };
}

wire_enum!(
    /// Which side of `timestamp_ms` to keep (wire `when`). Closed by definition (before or
    /// after), so not `#[non_exhaustive]`.
    When, "when", {
        /// Jobs created before the timestamp.
        CreatedBefore => "created_before",
        /// Jobs created after the timestamp.
        CreatedAfter => "created_after",
    }
);

wire_enum!(
    /// Which timestamp to sort on (wire `sort_by`).
    #[non_exhaustive]
    SortBy, "sort_by", {
        /// `created_timestamp_ms`.
        Created => "created",
        /// `started_timestamp_ms`.
        Started => "started",
        /// `ended_timestamp_ms`.
        Ended => "ended",
    }
);

wire_enum!(
    /// Sort direction (wire `direction`; the server default is `desc`). Closed by definition
    /// (ascending or descending), so not `#[non_exhaustive]`.
    Direction, "direction", {
        /// Oldest first.
        Asc => "asc",
        /// Newest first.
        Desc => "desc",
    }
);

/// Query parameters for listing jobs. Only the parameters that are set are sent.
///
/// ```
/// use hume_models::{BatchJobStatus, Direction, ListJobsQuery, SortBy, When};
///
/// let q = ListJobsQuery::new()
///     .with_limit(10)
///     .with_status(BatchJobStatus::Queued)
///     .with_status(BatchJobStatus::InProgress)
///     .with_when(When::CreatedBefore, 1_700_000_000_000)
///     .with_sort_by(SortBy::Created)
///     .with_direction(Direction::Desc);
/// let pairs = q.to_query_pairs();
/// assert_eq!(pairs[1], ("status", "QUEUED".to_string()));
/// assert_eq!(pairs[2], ("status", "IN_PROGRESS".to_string()));
/// assert_eq!(ListJobsQuery::from_query_pairs(pairs).unwrap(), q);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListJobsQuery {
    /// Most jobs to return (server default 50).
    pub limit: Option<u32>,
    /// Keep only jobs with one of these statuses (sent as a repeated `status` key).
    pub statuses: Vec<BatchJobStatus>,
    /// Keep jobs created before or after [`timestamp_ms`](Self::timestamp_ms).
    pub when: Option<When>,
    /// Reference time for [`when`](Self::when), Unix milliseconds.
    pub timestamp_ms: Option<i64>,
    /// Which timestamp to sort on.
    pub sort_by: Option<SortBy>,
    /// Sort direction.
    pub direction: Option<Direction>,
}

impl ListJobsQuery {
    /// No parameters (server defaults).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `limit`.
    pub fn with_limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Adds a status to the filter (repeatable).
    pub fn with_status(mut self, status: BatchJobStatus) -> Self {
        self.statuses.push(status);
        self
    }

    /// Sets `when` and `timestamp_ms`.
    pub fn with_when(mut self, when: When, timestamp_ms: i64) -> Self {
        self.when = Some(when);
        self.timestamp_ms = Some(timestamp_ms);
        self
    }

    /// Sets `sort_by`.
    pub fn with_sort_by(mut self, sort_by: SortBy) -> Self {
        self.sort_by = Some(sort_by);
        self
    }

    /// Sets `direction`.
    pub fn with_direction(mut self, direction: Direction) -> Self {
        self.direction = Some(direction);
        self
    }

    /// The query as `(name, value)` pairs in a fixed order: `limit`, each `status`, `when`,
    /// `timestamp_ms`, `sort_by`, `direction`. Values are not percent-encoded (none need it).
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(limit) = self.limit {
            pairs.push(("limit", limit.to_string()));
        }
        for status in &self.statuses {
            pairs.push(("status", status.as_str().to_owned()));
        }
        if let Some(when) = self.when {
            pairs.push(("when", when.as_str().to_owned()));
        }
        if let Some(ts) = self.timestamp_ms {
            pairs.push(("timestamp_ms", ts.to_string()));
        }
        if let Some(sort_by) = self.sort_by {
            pairs.push(("sort_by", sort_by.as_str().to_owned()));
        }
        if let Some(direction) = self.direction {
            pairs.push(("direction", direction.as_str().to_owned()));
        }
        pairs
    }

    /// Parses already-decoded query pairs (as a server receives them). Unknown keys are
    /// ignored; a bad value for a known key is an error naming the parameter. A later single
    /// valued parameter replaces an earlier one; `status` accumulates.
    pub fn from_query_pairs<I, K, V>(pairs: I) -> Result<Self, ParseValueError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut q = ListJobsQuery::new();
        for (k, v) in pairs {
            let v = v.as_ref();
            match k.as_ref() {
                "limit" => {
                    q.limit = Some(v.parse().map_err(|_| ParseValueError::new("limit", v))?);
                }
                "status" => q.statuses.push(v.parse()?),
                "when" => q.when = Some(v.parse()?),
                "timestamp_ms" => {
                    q.timestamp_ms = Some(
                        v.parse()
                            .map_err(|_| ParseValueError::new("timestamp_ms", v))?,
                    );
                }
                "sort_by" => q.sort_by = Some(v.parse()?),
                "direction" => q.direction = Some(v.parse()?),
                _ => {}
            }
        }
        Ok(q)
    }
}
