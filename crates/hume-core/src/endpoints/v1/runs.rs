//! The run endpoints: `GET /v1/expression/run` (one page of runs, newest first),
//! `GET /v1/expression/run/{run_id}` and `GET /v1/expression/run/{run_id}/events` (one page of
//! the run's event log), and the pure pagers over their opaque cursors: [`ListAllRuns`] (every
//! run of a listing) and [`RunEventLog`] (a whole event log).
//!
//! Queries and run ids are checked before anything is sent ([`HumeError::Validation`]): a
//! `page_size` of 0, an empty cursor or user id, a time range no run can match, and a run id
//! that is empty, `.` or `..` (which would name another endpoint once in the path).

use http::{HeaderMap, Method, StatusCode};
use hume_models::v1::{
    ListRunsQuery, Run, RunEventsPage, RunEventsQuery, RunId, RunSummary, RunsPage,
};

use super::{CursorPaging, decode_json};
use crate::HumeError;
use crate::config::ClientContext;
use crate::http::HttpRequest;

/// The request for one page of runs: only the query's set parameters are sent, times as
/// RFC 3339 in UTC.
///
/// # Errors
/// [`HumeError::Validation`] listing every problem of the query.
pub fn list_request(ctx: &ClientContext, query: &ListRunsQuery) -> Result<HttpRequest, HumeError> {
    query.validate()?;
    let url = ctx
        .base_url()
        .v1_endpoint_with_query(&["run"], &query.to_query_pairs());
    Ok(ctx.request(Method::GET, url))
}

/// Decodes one page of runs.
///
/// # Errors
/// Status errors ([`super::error_for_status`]) or [`HumeError::Decode`].
pub fn list_decode(
    ctx: &ClientContext,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<RunsPage, HumeError> {
    decode_json(
        ctx,
        "runs page",
        status,
        headers,
        body,
        RunsPage::from_response,
    )
}

/// The request for one run.
///
/// # Errors
/// [`HumeError::Validation`] for a run id that is empty, `.` or `..`.
pub fn get_request(ctx: &ClientContext, run_id: &RunId) -> Result<HttpRequest, HumeError> {
    check_run_id(run_id)?;
    Ok(ctx.request(
        Method::GET,
        ctx.base_url().v1_endpoint(&["run", run_id.as_str()]),
    ))
}

/// Decodes a run.
///
/// # Errors
/// Status errors (an unknown run is a [`HumeError::V1Api`] with status 404 and code
/// `not_found`) or [`HumeError::Decode`].
pub fn get_decode(
    ctx: &ClientContext,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Run, HumeError> {
    decode_json(ctx, "run", status, headers, body, Run::from_response)
}

/// The request for one page of a run's event log.
///
/// # Errors
/// [`HumeError::Validation`] for a bad run id or query.
pub fn events_request(
    ctx: &ClientContext,
    run_id: &RunId,
    query: &RunEventsQuery,
) -> Result<HttpRequest, HumeError> {
    check_run_id(run_id)?;
    query.validate()?;
    let url = ctx
        .base_url()
        .v1_endpoint_with_query(&["run", run_id.as_str(), "events"], &query.to_query_pairs());
    Ok(ctx.request(Method::GET, url))
}

/// Decodes one page of a run's event log.
///
/// # Errors
/// Status errors or [`HumeError::Decode`].
pub fn events_decode(
    ctx: &ClientContext,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<RunEventsPage, HumeError> {
    decode_json(
        ctx,
        "run events page",
        status,
        headers,
        body,
        RunEventsPage::from_response,
    )
}

/// A run id must be one safe path segment: not empty, not `.` or `..` (URL normalisation
/// removes them), no separators or control characters (the same check as a job id's,
/// [`RunId::check`]).
fn check_run_id(run_id: &RunId) -> Result<(), HumeError> {
    run_id.check().map_err(HumeError::from)
}

/// Paging state for listing every run matching a query, newest first. Pure: the caller sends
/// [`next_request`](Self::next_request), decodes the page and hands it to
/// [`accept`](Self::accept), until [`is_done`](Self::is_done). The filters and `page_size` are
/// kept on every page; the query's own `cursor`, if set, is where paging starts.
#[derive(Debug, Clone)]
pub struct ListAllRuns {
    query: ListRunsQuery,
    paging: CursorPaging,
}

impl ListAllRuns {
    /// Starts paging `query`.
    pub fn new(query: ListRunsQuery) -> Self {
        let paging = CursorPaging::new(query.cursor.clone());
        Self { query, paging }
    }

    /// The query of the next page (the filters plus the cursor), or `None` when done.
    pub fn next_query(&self) -> Option<ListRunsQuery> {
        if self.paging.is_done() {
            return None;
        }
        let mut query = self.query.clone();
        query.cursor = self.paging.cursor().map(str::to_owned);
        Some(query)
    }

    /// The request of the next page, or `None` when done.
    ///
    /// # Errors
    /// As [`list_request`].
    pub fn next_request(&self, ctx: &ClientContext) -> Option<Result<HttpRequest, HumeError>> {
        self.next_query().map(|q| list_request(ctx, &q))
    }

    /// `true` once the last page was taken.
    pub fn is_done(&self) -> bool {
        self.paging.is_done()
    }

    /// Takes a decoded page and returns its runs; done when it has no `next_cursor` (or
    /// repeats one already followed).
    pub fn accept(&mut self, page: RunsPage) -> Vec<RunSummary> {
        if self.paging.is_done() {
            return Vec::new();
        }
        self.paging.advance(page.next_cursor);
        page.runs
    }
}

/// A whole event log, gathered page by page. Pure, like [`ListAllRuns`]; the result
/// ([`into_log`](Self::into_log)) is one [`RunEventsPage`] holding every event in order,
/// `at_cap` and `gaps` true if any page said so, every capped kind once, and no
/// `next_cursor`.
#[derive(Debug, Clone)]
pub struct RunEventLog {
    run_id: RunId,
    query: RunEventsQuery,
    paging: CursorPaging,
    log: RunEventsPage,
}

impl RunEventLog {
    /// Gathers the log of `run_id`, each page of `query.page_size` entries (the server's
    /// default when unset), starting at `query.cursor` when set.
    pub fn new(run_id: RunId, query: RunEventsQuery) -> Self {
        let paging = CursorPaging::new(query.cursor.clone());
        Self {
            run_id,
            query,
            paging,
            log: RunEventsPage::default(),
        }
    }

    /// The run whose log this is.
    pub fn run_id(&self) -> &RunId {
        &self.run_id
    }

    /// The query of the next page, or `None` when done.
    pub fn next_query(&self) -> Option<RunEventsQuery> {
        if self.paging.is_done() {
            return None;
        }
        let mut query = self.query.clone();
        query.cursor = self.paging.cursor().map(str::to_owned);
        Some(query)
    }

    /// The request of the next page, or `None` when done.
    ///
    /// # Errors
    /// As [`events_request`].
    pub fn next_request(&self, ctx: &ClientContext) -> Option<Result<HttpRequest, HumeError>> {
        self.next_query()
            .map(|q| events_request(ctx, &self.run_id, &q))
    }

    /// `true` once the last page was taken.
    pub fn is_done(&self) -> bool {
        self.paging.is_done()
    }

    /// Adds a decoded page to the log.
    pub fn accept(&mut self, page: RunEventsPage) {
        if self.paging.is_done() {
            return;
        }
        self.paging.advance(page.next_cursor);
        self.log.events.extend(page.events);
        self.log.at_cap |= page.at_cap;
        self.log.gaps |= page.gaps;
        for kind in page.capped_kinds {
            if !self.log.capped_kinds.contains(&kind) {
                self.log.capped_kinds.push(kind);
            }
        }
    }

    /// The log gathered so far (all of it once [`is_done`](Self::is_done)).
    pub fn log(&self) -> &RunEventsPage {
        &self.log
    }

    /// The log gathered so far, taken.
    pub fn into_log(self) -> RunEventsPage {
        self.log
    }
}
