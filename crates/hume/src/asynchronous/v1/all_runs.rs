//! [`AllRuns`]: every run matching a query, page after page, as an async pager.

use hume_core::HumeError;
use hume_core::operation::RunPager;
use hume_models::v1::RunSummary;

use super::super::driver::Driver;

/// Every run matching a query, newest first, fetching pages by cursor as it goes. Call
/// [`next`](Self::next) until it returns `None`; it yields one `Err` and ends if the query is
/// invalid or a page fails.
///
/// ```no_run
/// use hume::HumeError;
/// use hume::asynchronous::ExpressionMeasurementClient;
/// use hume::models::v1::{ListRunsQuery, RunEndpoint};
///
/// async fn print_audio_runs(client: &ExpressionMeasurementClient) -> Result<(), HumeError> {
///     let query = ListRunsQuery::new().with_endpoint(RunEndpoint::Audio).with_page_size(50);
///     let mut runs = client.runs().list_all(query);
///     while let Some(run) = runs.next().await {
///         let run = run?;
///         println!("{} {} {} s", run.run_id, run.status, run.metered_seconds);
///     }
///     Ok(())
/// }
/// ```
#[derive(Debug)]
#[must_use = "the pager does nothing unless `next` is awaited"]
pub struct AllRuns {
    driver: Driver,
    pager: RunPager,
}

impl AllRuns {
    pub(crate) fn new(driver: Driver, pager: RunPager) -> Self {
        Self { driver, pager }
    }

    /// The next run, fetching the next page when needed; `None` when every run was seen.
    pub async fn next(&mut self) -> Option<Result<RunSummary, HumeError>> {
        self.driver.run(&mut self.pager).await.transpose()
    }

    /// Collects every remaining run, stopping at the first error.
    ///
    /// # Errors
    /// The first failure (a bad query or a page request).
    pub async fn collect(mut self) -> Result<Vec<RunSummary>, HumeError> {
        let mut runs = Vec::new();
        while let Some(run) = self.next().await {
            runs.push(run?);
        }
        Ok(runs)
    }
}
