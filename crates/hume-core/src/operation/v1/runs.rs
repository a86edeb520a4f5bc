//! The run endpoints as [`Fetch`]es: one page of runs, one run, one page of a run's events.

use std::sync::Arc;

use hume_models::v1::{ListRunsQuery, Run, RunEventsPage, RunEventsQuery, RunId, RunsPage};

use super::super::Fetch;
use crate::HumeError;
use crate::config::ClientContext;
use crate::endpoints::v1::runs;

impl Fetch<RunsPage> {
    /// `GET /v1/expression/run`: one page of runs, newest first.
    ///
    /// # Errors
    /// [`HumeError::Validation`] for a bad query (nothing is sent).
    pub fn runs_page(ctx: &Arc<ClientContext>, query: &ListRunsQuery) -> Result<Self, HumeError> {
        Ok(Self::new(
            ctx,
            runs::list_request(ctx, query)?,
            runs::list_decode,
        ))
    }
}

impl Fetch<Run> {
    /// `GET /v1/expression/run/{run_id}`: one run, with its configuration.
    ///
    /// # Errors
    /// [`HumeError::Validation`] for a run id that is empty, `.` or `..`.
    pub fn run(ctx: &Arc<ClientContext>, run_id: impl Into<RunId>) -> Result<Self, HumeError> {
        let request = runs::get_request(ctx, &run_id.into())?;
        Ok(Self::new(ctx, request, runs::get_decode))
    }
}

impl Fetch<RunEventsPage> {
    /// `GET /v1/expression/run/{run_id}/events`: one page of the run's event log.
    ///
    /// # Errors
    /// [`HumeError::Validation`] for a bad run id or query.
    pub fn run_events_page(
        ctx: &Arc<ClientContext>,
        run_id: impl Into<RunId>,
        query: &RunEventsQuery,
    ) -> Result<Self, HumeError> {
        let request = runs::events_request(ctx, &run_id.into(), query)?;
        Ok(Self::new(ctx, request, runs::events_decode))
    }
}
