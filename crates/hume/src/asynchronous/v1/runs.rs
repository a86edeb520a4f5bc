//! [`RunsClient`]: runs of the async v1 client.

use hume_core::HumeError;
use hume_core::operation::{AllRunEvents, Fetch, RunPager};
use hume_models::v1::{ListRunsQuery, Run, RunEventsPage, RunEventsQuery, RunsPage};

use super::{AllRuns, ExpressionMeasurementClient};

/// Runs, the record of every upload and realtime session: [`ExpressionMeasurementClient::runs`].
/// A cheap view of the client (`Copy`).
#[derive(Debug, Clone, Copy)]
pub struct RunsClient<'a> {
    client: &'a ExpressionMeasurementClient,
}

impl<'a> RunsClient<'a> {
    pub(crate) fn new(client: &'a ExpressionMeasurementClient) -> Self {
        Self { client }
    }

    /// One page of runs, newest first (`GET /v1/expression/run`): only the query's set
    /// filters are sent; pass the page's `next_cursor` back as the query's `cursor` for the
    /// next page, or use [`list_all`](Self::list_all).
    ///
    /// # Errors
    /// [`HumeError::Validation`] for a bad query (before sending); API errors, transport
    /// failures, [`HumeError::Decode`].
    pub async fn list(self, query: &ListRunsQuery) -> Result<RunsPage, HumeError> {
        let fetch = Fetch::runs_page(self.client.ctx(), query)?;
        self.client.driver().run(fetch).await
    }

    /// Every run matching `query`, newest first, fetched page by page (`page_size` each) as
    /// [`AllRuns::next`] is awaited.
    pub fn list_all(self, query: ListRunsQuery) -> AllRuns {
        AllRuns::new(
            self.client.driver().clone(),
            RunPager::new(self.client.ctx(), query),
        )
    }

    /// One run (`GET /v1/expression/run/{run_id}`): a file response's `run_id` or a realtime
    /// session's id.
    ///
    /// # Errors
    /// [`HumeError::Validation`] for an empty, `.` or `..` id; an unknown run is
    /// [`HumeError::V1Api`] with status 404 and code `not_found`; other API errors, transport
    /// failures, [`HumeError::Decode`].
    pub async fn get(self, run_id: impl AsRef<str>) -> Result<Run, HumeError> {
        let fetch = Fetch::run(self.client.ctx(), run_id.as_ref())?;
        self.client.driver().run(fetch).await
    }

    /// The run's whole event log (`GET /v1/expression/run/{run_id}/events`, every page): one
    /// [`RunEventsPage`] with every event in order, `at_cap` and `gaps` as any page said, and
    /// no `next_cursor`. Only realtime sessions record events.
    ///
    /// # Errors
    /// As [`get`](Self::get).
    pub async fn events(self, run_id: impl AsRef<str>) -> Result<RunEventsPage, HumeError> {
        let op = AllRunEvents::new(self.client.ctx(), run_id.as_ref(), RunEventsQuery::new());
        self.client.driver().run(op).await
    }

    /// One page of the run's event log (the official SDK's `runs.list_events`).
    ///
    /// # Errors
    /// As [`get`](Self::get), and [`HumeError::Validation`] for a bad query.
    pub async fn events_page(
        self,
        run_id: impl AsRef<str>,
        query: &RunEventsQuery,
    ) -> Result<RunEventsPage, HumeError> {
        let fetch = Fetch::run_events_page(self.client.ctx(), run_id.as_ref(), query)?;
        self.client.driver().run(fetch).await
    }
}
