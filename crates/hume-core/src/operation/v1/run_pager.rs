//! [`RunPager`]: every run of a listing, one run per run of the operation.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use hume_models::v1::{ListRunsQuery, RunSummary, RunsPage};

use super::super::{Action, Event, Fetch, Operation, unexpected};
use crate::config::ClientContext;
use crate::endpoints::v1::runs::{ListAllRuns, list_decode};

/// Every run matching a query, newest first, handed out one at a time: each run of the
/// operation (from [`Event::Start`] to [`Action::Done`]) yields the next run, fetching the
/// next page (paged by [`ListAllRuns`] over the API's cursor) only when the runs of the last
/// one are used up, and `None` once the listing is over. Like
/// [`JobPager`](crate::JobPager) it is run again and again (drive it through `&mut`). A bad
/// query or a failed page is yielded as an error once, then `None`.
#[derive(Debug)]
pub struct RunPager {
    ctx: Arc<ClientContext>,
    paging: ListAllRuns,
    ready: VecDeque<RunSummary>,
    page: Option<Fetch<RunsPage>>,
    failed: bool,
}

impl RunPager {
    /// Lists every run matching `query` (its `page_size` is the size of each page).
    pub fn new(ctx: &Arc<ClientContext>, query: ListRunsQuery) -> Self {
        Self {
            ctx: Arc::clone(ctx),
            paging: ListAllRuns::new(query),
            ready: VecDeque::new(),
            page: None,
            failed: false,
        }
    }

    /// Hands out a buffered run, or starts the next page, or ends the listing.
    fn next_run(&mut self, now: Duration) -> Action<Option<RunSummary>> {
        if let Some(run) = self.ready.pop_front() {
            return Action::Done(Ok(Some(run)));
        }
        if self.failed {
            return Action::Done(Ok(None));
        }
        let request = match self.paging.next_request(&self.ctx) {
            None => return Action::Done(Ok(None)),
            Some(Ok(request)) => request,
            Some(Err(err)) => {
                self.failed = true;
                return Action::Done(Err(err));
            }
        };
        let mut page = Fetch::new(&self.ctx, request, list_decode);
        let action = page.next(Event::Start, now);
        self.page = Some(page);
        self.after_page(action, now)
    }

    fn after_page(
        &mut self,
        action: Action<RunsPage>,
        now: Duration,
    ) -> Action<Option<RunSummary>> {
        match action.split() {
            Ok(io) => io,
            Err(Ok(page)) => {
                self.page = None;
                self.ready.extend(self.paging.accept(page));
                self.next_run(now)
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

impl Operation for RunPager {
    type Output = Option<RunSummary>;

    fn next(&mut self, event: Event, now: Duration) -> Action<Option<RunSummary>> {
        if let Some(page) = self.page.as_mut() {
            let action = page.next(event, now);
            return self.after_page(action, now);
        }
        match event {
            Event::Start => self.next_run(now),
            other => unexpected(&other, "listing runs"),
        }
    }
}
