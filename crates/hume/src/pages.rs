//! [`Pages`]: the buffer between [`ListAllJobs`] paging and the jobs handed out one by one,
//! shared by the blocking iterator and the async pager.

use std::collections::VecDeque;

use hume_core::{ClientContext, HttpRequest, ListAllJobs};
use hume_models::{BatchJobDetails, ListJobsQuery};

/// Paging state plus the jobs of the last page not yet handed out. After an error the
/// listing ends.
#[derive(Debug)]
pub(crate) struct Pages {
    paging: ListAllJobs,
    ready: VecDeque<BatchJobDetails>,
    failed: bool,
}

impl Pages {
    pub(crate) fn new(query: ListJobsQuery) -> Self {
        Self {
            paging: ListAllJobs::new(query),
            ready: VecDeque::new(),
            failed: false,
        }
    }

    /// The next buffered job, if any.
    pub(crate) fn pop(&mut self) -> Option<BatchJobDetails> {
        self.ready.pop_front()
    }

    /// The request for the next page, or `None` when the listing is over.
    pub(crate) fn next_request(&self, ctx: &ClientContext) -> Option<HttpRequest> {
        if self.failed {
            return None;
        }
        self.paging.next_request(ctx)
    }

    /// Takes a decoded page (keeping only jobs not seen before).
    pub(crate) fn accept(&mut self, page: Vec<BatchJobDetails>) {
        self.ready.extend(self.paging.accept(page));
    }

    /// Ends the listing after an error.
    pub(crate) fn fail(&mut self) {
        self.failed = true;
        self.ready.clear();
    }
}
