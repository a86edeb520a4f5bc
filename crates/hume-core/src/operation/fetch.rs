//! [`Fetch`]: any JSON endpoint, from request to decoded value.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, StatusCode};
use hume_models::{BatchJobDetails, JobId, ListJobsQuery, Predictions};

use super::head::{Head, HeadStep};
use super::{Action, Event, Operation, unexpected};
use crate::HumeError;
use crate::config::{ClientContext, ERROR_BODY_LIMIT};
use crate::download::body_read_error;
use crate::endpoints::{details, list, predictions};
use crate::http::HttpRequest;

/// An endpoint's decoder: status, headers and body bytes to a value or an error.
pub type Decoder<T> = Box<
    dyn FnOnce(&ClientContext, StatusCode, &HeaderMap, &[u8]) -> Result<T, HumeError> + Send + Sync,
>;

/// One request through redirects and retries, its body read (all of a success, at most
/// [`ERROR_BODY_LIMIT`] of an error) and decoded by the endpoint's decoder.
///
/// Reading the body is part of the attempt: a body cut short, reset or timed out is a failure
/// of the attempt ([`Exchange::on_failure`](crate::Exchange::on_failure)), so an idempotent
/// request is sent again within the same retry budget as a dropped connection, and a POST
/// that may have been received is not.
pub struct Fetch<T> {
    ctx: Arc<ClientContext>,
    head: Head,
    response: Option<(StatusCode, HeaderMap)>,
    decode: Option<Decoder<T>>,
}

impl<T> fmt::Debug for Fetch<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fetch")
            .field("head", &self.head)
            .field("response", &self.response)
            .finish_non_exhaustive()
    }
}

impl<T> Fetch<T> {
    /// Fetches `request` and decodes the reply with `decode`.
    pub fn new(
        ctx: &Arc<ClientContext>,
        request: HttpRequest,
        decode: impl FnOnce(&ClientContext, StatusCode, &HeaderMap, &[u8]) -> Result<T, HumeError>
        + Send
        + Sync
        + 'static,
    ) -> Self {
        Self::with_head(ctx, Head::new(ctx, request), Box::new(decode))
    }

    /// [`new`](Self::new) for a request about `job_id`, which must be a safe path segment:
    /// otherwise the fetch ends with [`HumeError::InvalidId`] before sending anything.
    fn for_job(
        ctx: &Arc<ClientContext>,
        job_id: &JobId,
        request: HttpRequest,
        decode: impl FnOnce(&ClientContext, StatusCode, &HeaderMap, &[u8]) -> Result<T, HumeError>
        + Send
        + Sync
        + 'static,
    ) -> Self {
        Self::with_head(ctx, Head::for_job(ctx, job_id, request), Box::new(decode))
    }

    fn with_head(ctx: &Arc<ClientContext>, head: Head, decode: Decoder<T>) -> Self {
        Self {
            head,
            ctx: Arc::clone(ctx),
            response: None,
            decode: Some(decode),
        }
    }
}

impl<T> Fetch<T> {
    /// Bounds the whole fetch (every attempt, retry and body) to `left` from its start: how a
    /// poll of an await never outlives the await's deadline, even against a server that
    /// never answers.
    #[must_use]
    pub fn within(mut self, left: Duration) -> Self {
        self.head = self.head.within(&self.ctx, left);
        self
    }
}

impl Fetch<BatchJobDetails> {
    /// `GET /v0/batch/jobs/{id}`: the job's details.
    pub fn job_details(ctx: &Arc<ClientContext>, job_id: impl Into<JobId>) -> Self {
        let job_id = job_id.into();
        let request = details::request(ctx, &job_id);
        Self::for_job(ctx, &job_id.clone(), request, move |ctx, s, h, b| {
            details::decode(ctx, &job_id, s, h, b)
        })
    }
}

impl Fetch<BatchJobDetails> {
    /// [`job_details`](Self::job_details) bounded by [`within`](Self::within): its retries
    /// stop `left` after it starts (or at the retry policy's own limit, if sooner) and each
    /// attempt's timeout is cut to the time left: a poll of an await never outlives its
    /// deadline.
    pub fn job_details_within(
        ctx: &Arc<ClientContext>,
        job_id: impl Into<JobId>,
        left: Duration,
    ) -> Self {
        // Every attempt's timeout and deadline are cut to the time left too, not only the
        // retries: a server that never answers cannot stretch the await.
        Self::job_details(ctx, job_id).within(left)
    }
}

impl Fetch<Predictions> {
    /// `GET /v0/batch/jobs/{id}/predictions`, typed.
    pub fn job_predictions(ctx: &Arc<ClientContext>, job_id: impl Into<JobId>) -> Self {
        let job_id = job_id.into();
        let request = predictions::request(ctx, &job_id);
        Self::for_job(ctx, &job_id.clone(), request, move |ctx, s, h, b| {
            predictions::decode(ctx, &job_id, s, h, b)
        })
    }
}

impl Fetch<serde_json::Value> {
    /// `GET /v0/batch/jobs/{id}/predictions` as untyped JSON.
    pub fn job_predictions_raw(ctx: &Arc<ClientContext>, job_id: impl Into<JobId>) -> Self {
        let job_id = job_id.into();
        let request = predictions::request(ctx, &job_id);
        Self::for_job(ctx, &job_id.clone(), request, move |ctx, s, h, b| {
            predictions::decode_raw(ctx, &job_id, s, h, b)
        })
    }
}

impl Fetch<Vec<u8>> {
    /// `GET /v0/batch/jobs/{id}/predictions` as the server's bytes, unchanged.
    pub fn job_predictions_bytes(ctx: &Arc<ClientContext>, job_id: impl Into<JobId>) -> Self {
        let job_id = job_id.into();
        let request = predictions::request(ctx, &job_id);
        Self::for_job(ctx, &job_id.clone(), request, move |ctx, s, h, b| {
            predictions::decode_bytes(ctx, &job_id, s, h, b)
        })
    }
}

impl Fetch<Vec<BatchJobDetails>> {
    /// `GET /v0/batch/jobs`: one page of jobs.
    pub fn list_jobs(ctx: &Arc<ClientContext>, query: &ListJobsQuery) -> Self {
        Self::new(ctx, list::request(ctx, query), list::decode)
    }
}

impl<T> Operation for Fetch<T> {
    type Output = T;

    fn next(&mut self, event: Event, now: Duration) -> Action<T> {
        match event {
            Event::Body(read) => {
                let Some((status, headers)) = self.response.take() else {
                    return unexpected(&Event::Body(read), "no body was asked for");
                };
                match read {
                    Ok(bytes) => match self.decode.take() {
                        Some(decode) => Action::Done(decode(&self.ctx, status, &headers, &bytes)),
                        None => unexpected(&Event::Body(Ok(bytes)), "already decoded"),
                    },
                    Err(err) => self.head.fail(body_read_error(err), now),
                }
            }
            event => match self.head.on(event, now) {
                HeadStep::Final(status, headers) => {
                    let whole = status.is_success();
                    let limit = if whole {
                        self.ctx.config().max_response_bytes()
                    } else {
                        ERROR_BODY_LIMIT
                    };
                    self.response = Some((status, headers));
                    Action::ReadBody { limit, whole }
                }
                HeadStep::Act(action) => action,
            },
        }
    }
}

#[cfg(test)]
mod tests;
