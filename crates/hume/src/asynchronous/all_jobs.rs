//! [`AllJobs`]: every job matching a query, page after page, as an async pager.

use hume_core::HumeError;
use hume_core::operation::JobPager;
use hume_models::BatchJobDetails;

use super::driver::Driver;

/// Every job matching a query, fetching pages as it goes (paged by creation time,
/// de-duplicated by job id). Call [`next`](Self::next) until it returns `None`; it yields one
/// `Err` and ends if a page fails.
///
/// ```no_run
/// use hume::HumeError;
/// use hume::asynchronous::HumeBatchClient;
/// use hume::models::{BatchJobStatus, ListJobsQuery};
///
/// async fn print_completed(client: &HumeBatchClient) -> Result<(), HumeError> {
///     let query = ListJobsQuery::new().with_status(BatchJobStatus::Completed);
///     let mut jobs = client.list_all_jobs(query);
///     while let Some(job) = jobs.next().await {
///         let job = job?;
///         println!("{:?} {}", job.job_id, job.status());
///     }
///     Ok(())
/// }
/// ```
#[derive(Debug)]
#[must_use = "the pager does nothing unless `next` is awaited"]
pub struct AllJobs {
    driver: Driver,
    pager: JobPager,
}

impl AllJobs {
    pub(crate) fn new(driver: Driver, pager: JobPager) -> Self {
        Self { driver, pager }
    }

    /// The next job, fetching the next page when needed; `None` when every job was seen.
    pub async fn next(&mut self) -> Option<Result<BatchJobDetails, HumeError>> {
        self.driver.run(&mut self.pager).await.transpose()
    }

    /// Collects every remaining job, stopping at the first error.
    ///
    /// # Errors
    /// The first failure of a page request.
    pub async fn collect(mut self) -> Result<Vec<BatchJobDetails>, HumeError> {
        let mut jobs = Vec::new();
        while let Some(job) = self.next().await {
            jobs.push(job?);
        }
        Ok(jobs)
    }
}
