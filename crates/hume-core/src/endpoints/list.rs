//! `GET /v0/batch/jobs`: one page of jobs, and [`ListAllJobs`], the paging state machine.
//!
//! The API has no cursor. [`ListAllJobs`] pages with `sort_by=created` and
//! `when=created_before` + `timestamp_ms` = the last item's creation time, newest first (or
//! `created_after`, oldest first, if the caller's query asked for that), de-duplicates by
//! `job_id` (the comparison may be inclusive) and stops when a page adds nothing new.

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

/// Paging state for listing every job matching a query. Pure: the caller sends
/// [`next_request`](Self::next_request), decodes the page and hands it to
/// [`accept`](Self::accept), until [`is_done`](Self::is_done).
#[derive(Debug, Clone)]
pub struct ListAllJobs {
    query: ListJobsQuery,
    seen: HashSet<JobId>,
    done: bool,
}

impl ListAllJobs {
    /// Starts paging. `limit` and `status` filters are kept; `sort_by` becomes `created`.
    /// A `created_after` query pages oldest first; anything else pages newest first from the
    /// query's `created_before` time (or from now, when unset).
    pub fn new(query: ListJobsQuery) -> Self {
        let mut query = query.with_sort_by(SortBy::Created);
        query.direction = Some(if query.when == Some(When::CreatedAfter) {
            Direction::Asc
        } else {
            Direction::Desc
        });
        if query.when.is_none() {
            query.timestamp_ms = None;
        }
        Self {
            query,
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

    /// Takes a decoded page, returns the jobs not seen before (in page order) and moves the
    /// cursor to the last job's creation time. Done when the page adds no new job id, is shorter
    /// than the query's `limit`, or has no creation time to continue from.
    pub fn accept(&mut self, page: Vec<BatchJobDetails>) -> Vec<BatchJobDetails> {
        if self.done {
            return Vec::new();
        }
        let page_len = page.len();
        let cursor = page
            .iter()
            .rev()
            .find_map(|job| job.state.created_timestamp_ms);
        let mut new_ids = 0usize;
        let fresh: Vec<BatchJobDetails> = page
            .into_iter()
            .filter(|job| match &job.job_id {
                Some(id) => {
                    let new = self.seen.insert(id.clone());
                    new_ids += usize::from(new);
                    new
                }
                // Without an id a job cannot be de-duplicated; pass it on but do not count it
                // as progress.
                None => true,
            })
            .collect();
        let short_page = self
            .query
            .limit
            .is_some_and(|limit| (page_len as u64) < u64::from(limit));
        match cursor {
            Some(ts) if new_ids > 0 && !short_page => {
                let when = if self.query.direction == Some(Direction::Asc) {
                    When::CreatedAfter
                } else {
                    When::CreatedBefore
                };
                self.query.when = Some(when);
                self.query.timestamp_ms = Some(ts);
            }
            _ => self.done = true,
        }
        fresh
    }
}
