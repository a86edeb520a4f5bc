//! [`AllJobs`]: every job matching a query, page after page.

use hume_core::HumeError;
use hume_core::endpoints::list;
use hume_models::BatchJobDetails;

use super::client::HumeBatchClient;
use crate::pages::Pages;

/// An iterator over every job matching a query, fetching pages as it goes (paged by creation
/// time, de-duplicated by job id). Yields one `Err` and ends if a page fails.
#[derive(Debug)]
#[must_use = "iterators do nothing unless consumed"]
pub struct AllJobs {
    client: HumeBatchClient,
    pages: Pages,
}

impl AllJobs {
    pub(crate) fn new(client: HumeBatchClient, pages: Pages) -> Self {
        Self { client, pages }
    }
}

impl Iterator for AllJobs {
    type Item = Result<BatchJobDetails, HumeError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(job) = self.pages.pop() {
                return Some(Ok(job));
            }
            let sender = self.client.sender();
            let req = self.pages.next_request(&sender.ctx)?;
            match sender.fetch(req, list::decode) {
                Ok(page) => self.pages.accept(page),
                Err(err) => {
                    self.pages.fail();
                    return Some(Err(err));
                }
            }
        }
    }
}

impl std::iter::FusedIterator for AllJobs {}
