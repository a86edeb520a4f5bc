//! [`AllRunEvents`]: a run's whole event log, page after page.

use std::sync::Arc;
use std::time::Duration;

use hume_models::v1::{RunEventsPage, RunEventsQuery, RunId};

use super::super::{Action, Event, Fetch, Operation, unexpected};
use crate::config::ClientContext;
use crate::endpoints::v1::runs::{RunEventLog, events_decode};

/// `GET /v1/expression/run/{run_id}/events` until the last page, gathered by
/// [`RunEventLog`] into one [`RunEventsPage`] (every event in order, no `next_cursor`). A bad
/// run id or a failed page ends it with that error.
#[derive(Debug)]
pub struct AllRunEvents {
    ctx: Arc<ClientContext>,
    log: Option<RunEventLog>,
    page: Option<Fetch<RunEventsPage>>,
}

impl AllRunEvents {
    /// The whole log of `run_id`, pages of `query.page_size` entries (the server's default
    /// when unset), from `query.cursor` when set.
    pub fn new(ctx: &Arc<ClientContext>, run_id: impl Into<RunId>, query: RunEventsQuery) -> Self {
        Self {
            ctx: Arc::clone(ctx),
            log: Some(RunEventLog::new(run_id.into(), query)),
            page: None,
        }
    }

    /// Starts the next page, or ends with the log.
    fn next_page(&mut self, now: Duration) -> Action<RunEventsPage> {
        let Some(log) = self.log.as_ref() else {
            return unexpected(&Event::Start, "the log was already handed out");
        };
        let request = match log.next_request(&self.ctx) {
            None => {
                return match self.log.take() {
                    Some(log) => Action::Done(Ok(log.into_log())),
                    None => unexpected(&Event::Start, "the log was already handed out"),
                };
            }
            Some(Ok(request)) => request,
            Some(Err(err)) => return Action::Done(Err(err)),
        };
        let mut page = Fetch::new(&self.ctx, request, events_decode);
        let action = page.next(Event::Start, now);
        self.page = Some(page);
        self.after_page(action, now)
    }

    fn after_page(
        &mut self,
        action: Action<RunEventsPage>,
        now: Duration,
    ) -> Action<RunEventsPage> {
        match action.split() {
            Ok(io) => io,
            Err(Ok(page)) => {
                self.page = None;
                if let Some(log) = self.log.as_mut() {
                    log.accept(page);
                }
                self.next_page(now)
            }
            Err(Err(err)) => {
                self.page = None;
                Action::Done(Err(err))
            }
        }
    }
}

impl Operation for AllRunEvents {
    type Output = RunEventsPage;

    fn next(&mut self, event: Event, now: Duration) -> Action<RunEventsPage> {
        if let Some(page) = self.page.as_mut() {
            let action = page.next(event, now);
            return self.after_page(action, now);
        }
        match event {
            Event::Start => self.next_page(now),
            other => unexpected(&other, "gathering run events"),
        }
    }
}
