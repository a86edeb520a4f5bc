//! [`JobPager`]: every job of a listing, one job per run.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use hume_models::{BatchJobDetails, ListJobsQuery};

use super::{Action, Event, Fetch, Operation, unexpected};
use crate::config::ClientContext;
use crate::endpoints::list::ListAllJobs;

/// Every job matching a query, handed out one at a time: each run of the operation (from
/// [`Event::Start`] to [`Action::Done`]) yields the next job, fetching the next page
/// ([`Fetch::list_jobs`], paged by [`ListAllJobs`]) only when the jobs of the last one are
/// used up, and `None` once the listing is over. Unlike other operations it is run again and
/// again (drive it through `&mut`). After a failed page it yields that error once, then `None`.
#[derive(Debug)]
pub struct JobPager {
    ctx: Arc<ClientContext>,
    paging: ListAllJobs,
    ready: VecDeque<BatchJobDetails>,
    page: Option<Fetch<Vec<BatchJobDetails>>>,
    failed: bool,
}

impl JobPager {
    /// Lists every job matching `query` (see [`ListAllJobs::new`] for the order).
    pub fn new(ctx: &Arc<ClientContext>, query: ListJobsQuery) -> Self {
        Self {
            ctx: Arc::clone(ctx),
            paging: ListAllJobs::new(query),
            ready: VecDeque::new(),
            page: None,
            failed: false,
        }
    }

    /// Hands out a buffered job, or starts the next page, or ends the listing.
    fn next_job(&mut self, now: Duration) -> Action<Option<BatchJobDetails>> {
        if let Some(job) = self.ready.pop_front() {
            return Action::Done(Ok(Some(job)));
        }
        if self.failed {
            return Action::Done(Ok(None));
        }
        let Some(query) = self.paging.next_query() else {
            return Action::Done(Ok(None));
        };
        let mut page = Fetch::list_jobs(&self.ctx, query);
        let action = page.next(Event::Start, now);
        self.page = Some(page);
        self.after_page(action, now)
    }

    fn after_page(
        &mut self,
        action: Action<Vec<BatchJobDetails>>,
        now: Duration,
    ) -> Action<Option<BatchJobDetails>> {
        match action.split() {
            Ok(io) => io,
            Err(Ok(jobs)) => {
                self.page = None;
                self.ready.extend(self.paging.accept(jobs));
                self.next_job(now)
            }
            Err(Err(err)) => {
                self.page = None;
                self.failed = true;
                self.ready.clear();
                Action::Done(Err(err))
            }
        }
    }
}

impl Operation for JobPager {
    type Output = Option<BatchJobDetails>;

    fn next(&mut self, event: Event, now: Duration) -> Action<Option<BatchJobDetails>> {
        if let Some(page) = self.page.as_mut() {
            let action = page.next(event, now);
            return self.after_page(action, now);
        }
        match event {
            Event::Start => self.next_job(now),
            other => unexpected(&other, "listing jobs"),
        }
    }
}

#[cfg(test)]
mod tests;
