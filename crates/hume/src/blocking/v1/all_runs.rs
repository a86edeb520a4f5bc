//! [`AllRuns`]: every run matching a query, page after page.

use hume_core::HumeError;
use hume_core::operation::RunPager;
use hume_models::v1::RunSummary;

use super::super::driver::Driver;

/// An iterator over every run matching a query, newest first, fetching pages by cursor as it
/// goes. Yields one `Err` and ends if the query is invalid or a page fails.
#[derive(Debug)]
#[must_use = "iterators do nothing unless consumed"]
pub struct AllRuns {
    driver: Driver,
    pager: RunPager,
}

impl AllRuns {
    pub(crate) fn new(driver: Driver, pager: RunPager) -> Self {
        Self { driver, pager }
    }
}

impl Iterator for AllRuns {
    type Item = Result<RunSummary, HumeError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.driver.run(&mut self.pager).transpose()
    }
}

impl std::iter::FusedIterator for AllRuns {}
