//! [`ListAll`]: every job of a listing at once (the pages of [`ListAllJobs`]), for
//! operations that need the whole listing (submit reconciliation).

use std::sync::Arc;
use std::time::Duration;

use hume_models::{BatchJobDetails, ListJobsQuery};

use super::{Action, Event, Fetch, Operation, unexpected};
use crate::config::ClientContext;
use crate::endpoints::list::ListAllJobs;

/// Fetches every page of a listing and yields all its jobs, each once.
#[derive(Debug)]
pub(crate) struct ListAll {
    ctx: Arc<ClientContext>,
    paging: ListAllJobs,
    jobs: Vec<BatchJobDetails>,
    page: Option<Fetch<Vec<BatchJobDetails>>>,
}

impl ListAll {
    /// Lists every job matching `query` (see [`ListAllJobs::new`]).
    pub(crate) fn new(ctx: &Arc<ClientContext>, query: ListJobsQuery) -> Self {
        Self {
            ctx: Arc::clone(ctx),
            paging: ListAllJobs::new(query),
            jobs: Vec::new(),
            page: None,
        }
    }

    fn next_page(&mut self, now: Duration) -> Action<Vec<BatchJobDetails>> {
        let Some(query) = self.paging.next_query() else {
            return Action::Done(Ok(std::mem::take(&mut self.jobs)));
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
    ) -> Action<Vec<BatchJobDetails>> {
        match action.split() {
            Ok(io) => io,
            Err(Ok(jobs)) => {
                self.page = None;
                let fresh = self.paging.accept(jobs);
                self.jobs.extend(fresh);
                self.next_page(now)
            }
            Err(Err(err)) => {
                self.page = None;
                Action::Done(Err(err))
            }
        }
    }
}

impl Operation for ListAll {
    type Output = Vec<BatchJobDetails>;

    fn next(&mut self, event: Event, now: Duration) -> Action<Vec<BatchJobDetails>> {
        if let Some(page) = self.page.as_mut() {
            let action = page.next(event, now);
            return self.after_page(action, now);
        }
        match event {
            Event::Start => self.next_page(now),
            other => unexpected(&other, "listing jobs"),
        }
    }
}
