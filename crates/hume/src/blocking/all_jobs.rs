//! [`AllJobs`]: every job matching a query, page after page.

use hume_core::HumeError;
use hume_core::operation::JobPager;
use hume_models::BatchJobDetails;

use super::driver::Driver;

/// An iterator over every job matching a query, fetching pages as it goes (paged by creation
/// time, de-duplicated by job id). Yields one `Err` and ends if a page fails.
#[derive(Debug)]
#[must_use = "iterators do nothing unless consumed"]
pub struct AllJobs {
    driver: Driver,
    pager: JobPager,
}

impl AllJobs {
    pub(crate) fn new(driver: Driver, pager: JobPager) -> Self {
        Self { driver, pager }
    }
}

impl Iterator for AllJobs {
    type Item = Result<BatchJobDetails, HumeError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.driver.run(&mut self.pager).transpose()
    }
}

impl std::iter::FusedIterator for AllJobs {}
