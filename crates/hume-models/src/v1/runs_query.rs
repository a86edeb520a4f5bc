//! The query parameters of the run endpoints: [`ListRunsQuery`] (`GET /v1/expression/run`)
//! and [`RunEventsQuery`] (`GET /v1/expression/run/{run_id}/events`).

use jiff::Timestamp;

use super::{RunEndpoint, RunMode, RunStatus, validation};
use crate::{ParseValueError, ValidationErrors};

/// Filters and paging for listing runs. The filters combine; only the parameters set are
/// sent. Runs come newest first.
///
/// ```
/// use hume_models::v1::{ListRunsQuery, RunEndpoint, RunStatus};
///
/// let q = ListRunsQuery::new()
///     .with_page_size(20)
///     .with_status(RunStatus::Ended)
///     .with_endpoint(RunEndpoint::Audio)
///     .with_started_after("2026-10-06T00:00:00Z".parse().unwrap());
/// assert!(q.validate().is_ok());
/// let pairs = q.to_query_pairs();
/// assert_eq!(pairs[0], ("page_size", "20".to_owned()));
/// assert_eq!(pairs[3], ("started_after", "2026-10-06T00:00:00Z".to_owned()));
/// assert_eq!(ListRunsQuery::from_query_pairs(pairs).unwrap(), q);
///
/// // The next page: the same filters plus the cursor.
/// let next = q.clone().with_cursor("opaque-cursor");
/// assert_eq!(next.cursor.as_deref(), Some("opaque-cursor"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListRunsQuery {
    /// How many runs to return (the server picks a default; the API documents no maximum,
    /// so only 0 is rejected locally).
    pub page_size: Option<u32>,
    /// The `next_cursor` of the previous page, unchanged.
    pub cursor: Option<String>,
    /// Only runs made by this user.
    pub user_id: Option<String>,
    /// Only runs with this status.
    pub status: Option<RunStatus>,
    /// Only runs that reached the API this way.
    pub mode: Option<RunMode>,
    /// Only runs that measured this kind of media.
    pub endpoint: Option<RunEndpoint>,
    /// Only runs that started strictly before this time (sent as RFC 3339).
    pub started_before: Option<Timestamp>,
    /// Only runs that started at or after this time (sent as RFC 3339). Consecutive ranges
    /// sharing a boundary neither skip a run nor return one twice.
    pub started_after: Option<Timestamp>,
}

impl ListRunsQuery {
    /// No filters, server page size.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `page_size`.
    pub fn with_page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    /// Sets the cursor (a page's `next_cursor`, unchanged). To follow a page's optional
    /// cursor, assign the public field: `query.cursor = page.next_cursor.clone()`.
    pub fn with_cursor(mut self, cursor: impl Into<String>) -> Self {
        self.cursor = Some(cursor.into());
        self
    }

    /// Sets `user_id`.
    pub fn with_user_id(mut self, user_id: impl Into<String>) -> Self {
        self.user_id = Some(user_id.into());
        self
    }

    /// Sets `status`.
    pub fn with_status(mut self, status: RunStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Sets `mode`.
    pub fn with_mode(mut self, mode: RunMode) -> Self {
        self.mode = Some(mode);
        self
    }

    /// Sets `endpoint`.
    pub fn with_endpoint(mut self, endpoint: RunEndpoint) -> Self {
        self.endpoint = Some(endpoint);
        self
    }

    /// Sets `started_before`.
    pub fn with_started_before(mut self, at: Timestamp) -> Self {
        self.started_before = Some(at);
        self
    }

    /// Sets `started_after`.
    pub fn with_started_after(mut self, at: Timestamp) -> Self {
        self.started_after = Some(at);
        self
    }

    /// Checks the parameters, reporting every problem at once: `page_size` ≥ 1, `cursor` and
    /// `user_id` not empty, `started_after` earlier than `started_before`.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        validation::list_runs_query(self).into_result()
    }

    /// The query as `(name, value)` pairs, not percent-encoded, in a fixed order:
    /// `page_size`, `cursor`, `user_id`, `status`, `mode`, `endpoint`, `started_before`,
    /// `started_after`. Times are RFC 3339 in UTC (`2026-10-06T12:00:00Z`).
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(n) = self.page_size {
            pairs.push(("page_size", n.to_string()));
        }
        if let Some(c) = &self.cursor {
            pairs.push(("cursor", c.clone()));
        }
        if let Some(u) = &self.user_id {
            pairs.push(("user_id", u.clone()));
        }
        if let Some(s) = &self.status {
            pairs.push(("status", s.as_str().to_owned()));
        }
        if let Some(m) = &self.mode {
            pairs.push(("mode", m.as_str().to_owned()));
        }
        if let Some(e) = &self.endpoint {
            pairs.push(("endpoint", e.as_str().to_owned()));
        }
        if let Some(t) = self.started_before {
            pairs.push(("started_before", t.to_string()));
        }
        if let Some(t) = self.started_after {
            pairs.push(("started_after", t.to_string()));
        }
        pairs
    }

    /// Parses already-decoded query pairs (as a server receives them). Unknown keys are
    /// ignored; a later value replaces an earlier one. Unknown `status`/`mode`/`endpoint`
    /// values are kept as `Other` (a server decides whether to reject them); a number or
    /// time that does not parse is an error naming the parameter.
    pub fn from_query_pairs<I, K, V>(pairs: I) -> Result<Self, ParseValueError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut q = ListRunsQuery::new();
        for (k, v) in pairs {
            let v = v.as_ref();
            match k.as_ref() {
                "page_size" => q.page_size = Some(parse_page_size(v)?),
                "cursor" => q.cursor = Some(v.to_owned()),
                "user_id" => q.user_id = Some(v.to_owned()),
                "status" => q.status = Some(RunStatus::from_wire(v)),
                "mode" => q.mode = Some(RunMode::from_wire(v)),
                "endpoint" => q.endpoint = Some(RunEndpoint::from_wire(v)),
                "started_before" => q.started_before = Some(parse_time("started_before", v)?),
                "started_after" => q.started_after = Some(parse_time("started_after", v)?),
                _ => {}
            }
        }
        Ok(q)
    }
}

/// Paging through a run's event log.
///
/// ```
/// use hume_models::v1::RunEventsQuery;
///
/// let q = RunEventsQuery::new().with_page_size(100).with_cursor("c2");
/// assert_eq!(
///     q.to_query_pairs(),
///     vec![("page_size", "100".to_owned()), ("cursor", "c2".to_owned())]
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RunEventsQuery {
    /// How many entries to return (the server picks a default; no documented maximum).
    pub page_size: Option<u32>,
    /// The `next_cursor` of the previous page, unchanged.
    pub cursor: Option<String>,
}

impl RunEventsQuery {
    /// The first page at the server's page size.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `page_size`.
    pub fn with_page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    /// Sets the cursor (a page's `next_cursor`, unchanged). To follow a page's optional
    /// cursor, assign the public field: `query.cursor = page.next_cursor.clone()`.
    pub fn with_cursor(mut self, cursor: impl Into<String>) -> Self {
        self.cursor = Some(cursor.into());
        self
    }

    /// Checks the parameters (`page_size` ≥ 1, `cursor` not empty), reporting every problem.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        validation::run_events_query(self).into_result()
    }

    /// The query as `(name, value)` pairs: `page_size`, `cursor`.
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(n) = self.page_size {
            pairs.push(("page_size", n.to_string()));
        }
        if let Some(c) = &self.cursor {
            pairs.push(("cursor", c.clone()));
        }
        pairs
    }

    /// Parses already-decoded query pairs; unknown keys are ignored.
    pub fn from_query_pairs<I, K, V>(pairs: I) -> Result<Self, ParseValueError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut q = RunEventsQuery::new();
        for (k, v) in pairs {
            let v = v.as_ref();
            match k.as_ref() {
                "page_size" => q.page_size = Some(parse_page_size(v)?),
                "cursor" => q.cursor = Some(v.to_owned()),
                _ => {}
            }
        }
        Ok(q)
    }
}

fn parse_page_size(v: &str) -> Result<u32, ParseValueError> {
    v.parse().map_err(|_| ParseValueError::new("page_size", v))
}

fn parse_time(kind: &'static str, v: &str) -> Result<Timestamp, ParseValueError> {
    v.parse().map_err(|_| ParseValueError::new(kind, v))
}
