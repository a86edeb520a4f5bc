//! [`AwaitJob`]: poll a job's details until it ends, on the [`Poller`]'s schedule.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use hume_models::{BatchJobDetails, BatchJobStatus, JobId};

use super::{Action, Event, Fetch, Operation, unexpected};
use crate::HumeError;
use crate::config::ClientContext;
use crate::poll::{PollPolicy, PollStep, Poller};

/// A callback receiving the details of every poll.
pub type ProgressFn = dyn FnMut(&BatchJobDetails) + Send;

/// Waits until a job is `COMPLETED` or `FAILED` and yields its final details.
///
/// Polls at once, then on the [`Poller`]'s schedule (the client's [`PollPolicy`], with this
/// await's timeout): each poll is a [`Fetch`] of the details, with its own retries, bounded
/// by the time left ([`Fetch::within`]): the timeout is a deadline, a server that never
/// answers cannot stretch it. A
/// `FAILED` job is returned as a value unless [`with_raise_on_failed`](Self::with_raise_on_failed)
/// asked for [`HumeError::JobFailed`]. A poll that fails ends the await with its error. Once
/// the timeout is reached the await ends with [`HumeError::AwaitTimeout`] (naming the last
/// status seen); the job keeps running. A policy that is invalid (a timeout under 1 s) ends
/// the await before any request.
pub struct AwaitJob {
    ctx: Arc<ClientContext>,
    job_id: JobId,
    policy: PollPolicy,
    raise_on_failed: bool,
    progress: Option<Box<ProgressFn>>,
    rng: Option<Box<dyn FnMut() -> f64 + Send + Sync>>,
    poller: Option<Poller>,
    poll: Option<Fetch<BatchJobDetails>>,
    last_status: Option<BatchJobStatus>,
}

impl fmt::Debug for AwaitJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AwaitJob")
            .field("job_id", &self.job_id)
            .field("policy", &self.policy)
            .field("raise_on_failed", &self.raise_on_failed)
            .field("progress", &self.progress.as_ref().map(|_| ".."))
            .field("last_status", &self.last_status)
            .finish_non_exhaustive()
    }
}

impl AwaitJob {
    /// Awaits `job_id` with the client's poll policy, returning a `FAILED` job as a value,
    /// without a progress callback.
    pub fn new(ctx: &Arc<ClientContext>, job_id: impl Into<JobId>) -> Self {
        Self {
            policy: *ctx.config().poll(),
            ctx: Arc::clone(ctx),
            job_id: job_id.into(),
            raise_on_failed: false,
            progress: None,
            rng: None,
            poller: None,
            poll: None,
            last_status: None,
        }
    }

    /// How long to wait in total (checked when the await starts: at least 1 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.policy = self.policy.with_timeout(timeout);
        self
    }

    /// Treat a job that ends `FAILED` as [`HumeError::JobFailed`].
    pub fn with_raise_on_failed(mut self, raise: bool) -> Self {
        self.raise_on_failed = raise;
        self
    }

    /// Calls `progress` with the details of every poll, the last one included.
    pub fn with_progress(
        mut self,
        progress: impl FnMut(&BatchJobDetails) + Send + 'static,
    ) -> Self {
        self.progress = Some(Box::new(progress));
        self
    }

    /// Uses `rng` (values in `[0, 1)`) for the poll jitter instead of `fastrand` (tests).
    pub fn with_rng(mut self, rng: impl FnMut() -> f64 + Send + Sync + 'static) -> Self {
        self.rng = Some(Box::new(rng));
        self
    }

    /// The job awaited.
    pub fn job_id(&self) -> &JobId {
        &self.job_id
    }

    /// The poll policy of this await.
    pub fn policy(&self) -> &PollPolicy {
        &self.policy
    }

    /// Starts the next poll, bounded by the time left before the await's timeout.
    fn poll(&mut self, now: Duration) -> Action<BatchJobDetails> {
        let left = self.policy.timeout().saturating_sub(now);
        if left.is_zero() {
            return self.timed_out();
        }
        let mut fetch = Fetch::job_details(&self.ctx, self.job_id.clone()).within(left);
        let action = fetch.next(Event::Start, now);
        self.poll = Some(fetch);
        self.after_poll(action, now)
    }

    /// Passes a poll's I/O on; once it has the details, reports them and decides.
    fn after_poll(
        &mut self,
        action: Action<BatchJobDetails>,
        now: Duration,
    ) -> Action<BatchJobDetails> {
        let details = match action.split() {
            Ok(io) => return io,
            Err(result) => {
                self.poll = None;
                match result {
                    Ok(details) => details,
                    // A poll cut short by the await's own deadline is the await timing out.
                    Err(err) if now >= self.policy.timeout() && err.is_retryable() => {
                        return self.timed_out();
                    }
                    Err(err) => return Action::Done(Err(err)),
                }
            }
        };
        if let Some(progress) = self.progress.as_mut() {
            progress(&details);
        }
        self.last_status = Some(details.status().clone());
        if details.is_terminal() {
            if self.raise_on_failed && *details.status() == BatchJobStatus::Failed {
                return Action::Done(Err(self.ctx.scrub_error(HumeError::job_failed(
                    self.job_id.clone(),
                    details.state.message.clone(),
                ))));
            }
            return Action::Done(Ok(details));
        }
        let Some(poller) = self.poller.as_mut() else {
            return unexpected(&Event::Start, "polling without a schedule");
        };
        match poller.next(now) {
            PollStep::Sleep(delay) => Action::Sleep(delay),
            PollStep::TimedOut => self.timed_out(),
        }
    }

    /// The end at the timeout: [`HumeError::AwaitTimeout`] with the last status seen.
    fn timed_out(&self) -> Action<BatchJobDetails> {
        Action::Done(Err(HumeError::await_timeout(
            self.job_id.clone(),
            self.policy.timeout(),
            self.last_status.clone(),
        )))
    }
}

impl Operation for AwaitJob {
    type Output = BatchJobDetails;

    fn next(&mut self, event: Event, now: Duration) -> Action<BatchJobDetails> {
        if let Some(fetch) = self.poll.as_mut() {
            let action = fetch.next(event, now);
            return self.after_poll(action, now);
        }
        match event {
            Event::Start => {
                let poller = match self.rng.take() {
                    Some(rng) => Poller::with_rng(self.policy, rng),
                    None => Poller::new(self.policy),
                };
                match poller {
                    Ok(poller) => self.poller = Some(poller),
                    Err(err) => return Action::Done(Err(err)),
                }
                self.poll(now)
            }
            Event::Slept => self.poll(now),
            other => unexpected(&other, "awaiting a job"),
        }
    }
}

#[cfg(test)]
mod tests;
