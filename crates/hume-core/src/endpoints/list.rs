//! `GET /v0/batch/jobs`: one page of jobs, and [`ListAllJobs`], the paging state machine.
//!
//! The API has no cursor: [`ListAllJobs`] pages by creation time (`sort_by=created`,
//! `when=created_before`, newest first; or `created_after`, oldest first). Whether the server
//! compares `created_timestamp_ms` with `timestamp_ms` strictly or inclusively is unknown
//! (SPEC.md), ties in one millisecond come in no known order, and more jobs can share one
//! millisecond than fit on a page. So the pager never skips past a millisecond it has not
//! seen whole: see [`ListAllJobs`].

use std::collections::HashSet;

use http::{HeaderMap, Method, StatusCode};
use hume_models::{BatchJobDetails, Direction, JobId, JobList, ListJobsQuery, SortBy, When};

use crate::HumeError;
use crate::config::ClientContext;
use crate::http::HttpRequest;

/// The request for one page of jobs (only the set query parameters are sent).
pub fn request(ctx: &ClientContext, query: &ListJobsQuery) -> HttpRequest {
    let url = ctx
        .base_url()
        .endpoint_with_query(&["jobs"], &query.to_query_pairs());
    ctx.request(Method::GET, url)
}

/// Decodes one page (a bare JSON array of jobs).
///
/// # Errors
/// Status errors, or [`HumeError::Decode`].
pub fn decode(
    ctx: &ClientContext,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Vec<BatchJobDetails>, HumeError> {
    super::decode_json(
        ctx,
        "job list",
        None,
        status,
        headers,
        body,
        JobList::from_response,
    )
    .map(JobList::into_vec)
}

/// The page size asked for when the caller's query sets none: the documented default.
pub const DEFAULT_PAGE_LIMIT: u32 = 50;

/// The largest page size the pager asks for when one millisecond holds more jobs than a page.
pub const MAX_PAGE_LIMIT: u32 = 10_000;

/// How the server compares creation times with `timestamp_ms`, as far as the pager has seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bounds {
    /// Not known yet: queries are shaped to work either way.
    Unknown,
    /// A job created exactly at `timestamp_ms` was returned: `<=` / `>=`.
    Inclusive,
}

/// Paging state for listing every job matching a query. Pure: the caller sends
/// [`next_request`](Self::next_request), decodes the page and hands it to
/// [`accept`](Self::accept), until [`is_done`](Self::is_done).
///
/// How it pages (newest first; oldest first mirrors it): the *frontier* is the creation
/// millisecond up to which every job has been seen, except possibly some of the frontier
/// millisecond itself. Each next page asks for the jobs created at or before the frontier
/// (`created_before` frontier + 1 while the comparison might be strict; frontier once a
/// returned job created exactly at `timestamp_ms` shows it is inclusive), so a millisecond cut
/// by the end of a page is fetched again whole and de-duplicated by `job_id`. A full page whose
/// jobs all share the frontier millisecond means that millisecond holds more jobs than a page:
/// the next page asks for twice as many (up to [`MAX_PAGE_LIMIT`]). The listing ends at a page
/// shorter than asked for. Every page moves the frontier, doubles the page, or learns the
/// comparison, so it never loops; a server that returns fewer jobs than asked although more
/// match (a silent cap on `limit`) would end it early.
#[derive(Debug, Clone)]
pub struct ListAllJobs {
    query: ListJobsQuery,
    ascending: bool,
    page_limit: u32,
    limit: u32,
    frontier: Option<i64>,
    bounds: Bounds,
    seen: HashSet<JobId>,
    done: bool,
}

impl ListAllJobs {
    /// Starts paging. `status` filters are kept; `sort_by` becomes `created`; `limit` (or
    /// [`DEFAULT_PAGE_LIMIT`]) is the page size. A `created_after` query pages oldest first;
    /// anything else pages newest first from the query's `created_before` time (or from now,
    /// when unset). The first page is the caller's query as given.
    pub fn new(query: ListJobsQuery) -> Self {
        let mut query = query.with_sort_by(SortBy::Created);
        let ascending = query.when == Some(When::CreatedAfter);
        query.direction = Some(if ascending {
            Direction::Asc
        } else {
            Direction::Desc
        });
        if query.when.is_none() {
            query.timestamp_ms = None;
        }
        let page_limit = query.limit.unwrap_or(DEFAULT_PAGE_LIMIT);
        query.limit = Some(page_limit);
        Self {
            query,
            ascending,
            page_limit,
            limit: page_limit,
            frontier: None,
            bounds: Bounds::Unknown,
            seen: HashSet::new(),
            done: false,
        }
    }

    /// The query of the next page, or `None` when done.
    pub fn next_query(&self) -> Option<&ListJobsQuery> {
        (!self.done).then_some(&self.query)
    }

    /// The request of the next page, or `None` when done.
    pub fn next_request(&self, ctx: &ClientContext) -> Option<HttpRequest> {
        self.next_query().map(|q| request(ctx, q))
    }

    /// `true` once every page has been read.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Takes the decoded page of [`next_query`](Self::next_query), returns the jobs not seen
    /// before (in page order), and sets up the next page (see the [type docs](Self)). Done when
    /// the page is shorter than asked for, holds no creation time to continue from, or one
    /// millisecond holds more than [`MAX_PAGE_LIMIT`] jobs.
    pub fn accept(&mut self, page: Vec<BatchJobDetails>) -> Vec<BatchJobDetails> {
        if self.done {
            return Vec::new();
        }
        let page_len = page.len();
        let asked = self.query.limit.unwrap_or(self.page_limit);
        let learned = self.learn_bounds(&page);
        // Past the frontier: jobs of a neighbouring millisecond an inclusive server added.
        let beyond = |created: Option<i64>| match (self.frontier, created) {
            (Some(frontier), Some(created)) if self.ascending => created < frontier,
            (Some(frontier), Some(created)) => created > frontier,
            _ => false,
        };
        let mut edge: Option<i64> = None;
        let mut fresh = Vec::new();
        for job in page {
            let created = job.state.created_timestamp_ms;
            if beyond(created) {
                continue;
            }
            if let Some(created) = created {
                edge = Some(edge.map_or(created, |e| {
                    if self.ascending {
                        e.max(created)
                    } else {
                        e.min(created)
                    }
                }));
            }
            let new = match &job.job_id {
                Some(id) => self.seen.insert(id.clone()),
                // Without an id a job cannot be de-duplicated: pass it on.
                None => true,
            };
            if new {
                fresh.push(job);
            }
        }
        if (page_len as u64) < u64::from(asked) {
            self.done = true;
            return fresh;
        }
        let moved = match (edge, self.frontier) {
            (Some(edge), Some(frontier)) if self.ascending => edge > frontier,
            (Some(edge), Some(frontier)) => edge < frontier,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if moved {
            self.frontier = edge;
            self.limit = self.page_limit;
        } else if self.frontier.is_none() {
            // A full page without a single creation time: nothing to continue from.
            self.done = true;
            return fresh;
        } else if !learned {
            // The whole page is the frontier millisecond: it holds more jobs than a page.
            if self.limit >= MAX_PAGE_LIMIT {
                tracing::warn!(
                    frontier = ?self.frontier,
                    "more than {MAX_PAGE_LIMIT} jobs share one creation millisecond; listing stops"
                );
                self.done = true;
                return fresh;
            }
            self.limit = self.limit.saturating_mul(2).min(MAX_PAGE_LIMIT);
        }
        self.set_next_query();
        fresh
    }

    /// Notes an inclusive comparison: a job created exactly at the query's `timestamp_ms`.
    /// Returns `true` when this page taught it.
    fn learn_bounds(&mut self, page: &[BatchJobDetails]) -> bool {
        if self.bounds == Bounds::Inclusive || self.query.when.is_none() {
            return false;
        }
        let Some(ts) = self.query.timestamp_ms else {
            return false;
        };
        if page
            .iter()
            .any(|job| job.state.created_timestamp_ms == Some(ts))
        {
            self.bounds = Bounds::Inclusive;
            return true;
        }
        false
    }

    /// The query for the jobs at or beyond the frontier, whatever the comparison.
    fn set_next_query(&mut self) {
        let Some(frontier) = self.frontier else {
            return;
        };
        let (when, timestamp) = match (self.ascending, self.bounds) {
            (false, Bounds::Unknown) => (When::CreatedBefore, frontier.saturating_add(1)),
            (true, Bounds::Unknown) => (When::CreatedAfter, frontier.saturating_sub(1)),
            (_, Bounds::Inclusive) => (
                if self.ascending {
                    When::CreatedAfter
                } else {
                    When::CreatedBefore
                },
                frontier,
            ),
        };
        self.query.when = Some(when);
        self.query.timestamp_ms = Some(timestamp);
        self.query.limit = Some(self.limit);
    }
}

#[cfg(test)]
mod tests;
