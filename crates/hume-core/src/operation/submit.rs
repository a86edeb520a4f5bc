//! [`Submit`]: start a job, with the rules that say whether a failed submission may have
//! created it.

use std::sync::Arc;
use std::time::Duration;

use hume_models::{JobId, JobRequest};

use super::{Action, Event, Fetch, Operation};
use crate::HumeError;
use crate::config::ClientContext;
use crate::endpoints::submit;

/// `POST /v0/batch/jobs` for a [`JobRequest`] (JSON, or multipart with its local files),
/// yielding the new job's id.
///
/// The request is checked when the operation starts (validation, every local file readable):
/// a bad request ends it before anything is sent. The POST is retried only when no job can
/// have been created (not sent, 429, 503). A failure after the request may have reached the
/// server (a transport failure that may have been sent, a body cut short, a 5xx other than
/// 503, an unreadable 2xx) is [`HumeError::SubmitUncertain`].
#[derive(Debug)]
pub struct Submit {
    ctx: Arc<ClientContext>,
    request: Option<JobRequest>,
    fetch: Option<Fetch<JobId>>,
}

impl Submit {
    /// Submits `request`.
    pub fn new(ctx: &Arc<ClientContext>, request: JobRequest) -> Self {
        Self {
            ctx: Arc::clone(ctx),
            request: Some(request),
            fetch: None,
        }
    }

    /// The request (until the operation starts).
    pub fn request(&self) -> Option<&JobRequest> {
        self.request.as_ref()
    }
}

impl Operation for Submit {
    type Output = JobId;

    fn next(&mut self, event: Event, now: Duration) -> Action<JobId> {
        if let (Event::Start, Some(job)) = (&event, self.request.take()) {
            match submit::request(&self.ctx, &job) {
                Ok(request) => {
                    self.fetch = Some(Fetch::new(&self.ctx, request, submit::decode));
                }
                Err(err) => return Action::Done(Err(err)),
            }
        }
        let Some(fetch) = self.fetch.as_mut() else {
            return super::unexpected(&event, "submitting without a request");
        };
        match fetch.next(event, now).split() {
            Ok(io) => io,
            Err(Ok(job_id)) => {
                tracing::debug!(%job_id, "submitted batch job");
                Action::Done(Ok(job_id))
            }
            Err(Err(HumeError::Transport(err))) => Action::Done(Err(submit::transport_error(err))),
            Err(Err(err)) => Action::Done(Err(err)),
        }
    }
}

#[cfg(test)]
mod tests;
