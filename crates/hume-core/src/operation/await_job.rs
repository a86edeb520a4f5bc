//! [`AwaitJob`]: poll a job's details until it ends, riding out transient failures, on the
//! adaptive or the legacy schedule.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use hume_models::{BatchJobDetails, BatchJobStatus, JobId};

use super::{Action, Event, Fetch, Operation, unexpected};
use crate::HumeError;
use crate::config::ClientContext;
use crate::poll::{PollPolicy, PollSchedule, PollStep, Poller};

/// A callback receiving the details of every poll.
pub type ProgressFn = dyn FnMut(&BatchJobDetails) + Send;

/// A shared source of random numbers in `[0, 1)` (the poll jitter and the error backoff).
type Rng = Arc<Mutex<Box<dyn FnMut() -> f64 + Send>>>;

/// Shortest and longest wait between two looks at what the client has learned, while no job
/// has completed yet (adaptive schedule).
const MIN_TICK: Duration = Duration::from_millis(50);
const MAX_TICK: Duration = Duration::from_secs(1);
/// The margin after a job's expected end before it is polled.
const MARGIN: Duration = Duration::from_millis(10);

/// Waits until a job is `COMPLETED` or `FAILED` and yields its final details.
///
/// **Polling.** Polls at once (an adaptive await of a job this client submitted a moment ago
/// skips that poll: it knows the job was just created); then on the client's [`PollPolicy`]
/// (with this await's timeout). Under [`PollSchedule::Legacy`] that is the policy's backoff (1 s, 2 s, 4 s, …,
/// jittered). Under [`PollSchedule::Adaptive`] (the default) the same backoff is the fallback;
/// once the client has seen jobs complete ([`JobDurations`](crate::JobDurations)), the next
/// poll comes at this job's expected end (its start plus the usual run time, or its creation
/// plus the usual total, in the server's timestamps read against this machine's clock), and a
/// job still running then is polled again in short jittered steps that double (or at the
/// backoff's next poll, if sooner). Until a first job has completed, an adaptive await wakes now and then
/// (every 1/16 of the time it has waited, 50 ms to 1 s) to see whether one has, so awaits
/// started together learn from the first that finishes.
///
/// **Failures.** Each poll is a [`Fetch`] of the details with its own retries (bounded by the
/// time left). A poll that still fails with a transient error (5xx, 429, a connection error, a
/// body cut short, a timeout) does not end the await: it polls again after a jittered backoff
/// (the retry policy's, or the server's `Retry-After`), until the deadline. 401 and 403
/// ([`HumeError::InvalidApiKey`]), 404 ([`HumeError::JobNotFound`]) and any other error end
/// it at once.
///
/// **End.** A `FAILED` job is returned as a value unless
/// [`with_raise_on_failed`](Self::with_raise_on_failed) asked for [`HumeError::JobFailed`].
/// At the timeout the await ends with [`HumeError::AwaitTimeout`], naming the job, the last
/// status seen, the last failure if polls were failing, and how to resume; the job keeps
/// running. A policy that is invalid (a timeout under 1 s) ends the await before any request.
pub struct AwaitJob {
    ctx: Arc<ClientContext>,
    job_id: JobId,
    policy: PollPolicy,
    raise_on_failed: bool,
    progress: Option<Box<ProgressFn>>,
    rng: Rng,
    clock: fn() -> SystemTime,
    poller: Option<Poller>,
    poll: Option<Fetch<BatchJobDetails>>,
    last: Option<Seen>,
    last_error: Option<HumeError>,
    failures: u32,
    overdue: u32,
    next_poll_at: Duration,
    wall_start_ms: i64,
    /// When this client's submit returned the job (Unix ms), when that was a moment ago: the
    /// job's creation, near enough, before any poll.
    submitted_ms: Option<i64>,
}

/// What the last successful poll said.
#[derive(Debug, Clone)]
struct Seen {
    status: BatchJobStatus,
    created_ms: Option<i64>,
    started_ms: Option<i64>,
}

impl fmt::Debug for AwaitJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AwaitJob")
            .field("job_id", &self.job_id)
            .field("policy", &self.policy)
            .field("raise_on_failed", &self.raise_on_failed)
            .field("progress", &self.progress.as_ref().map(|_| ".."))
            .field("last", &self.last)
            .field("failures", &self.failures)
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
            rng: Arc::new(Mutex::new(Box::new(fastrand::f64))),
            clock: SystemTime::now,
            poller: None,
            poll: None,
            last: None,
            last_error: None,
            failures: 0,
            overdue: 0,
            next_poll_at: Duration::ZERO,
            wall_start_ms: 0,
            submitted_ms: None,
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

    /// Uses `rng` (values in `[0, 1)`) for the poll jitter and the error backoff instead of
    /// `fastrand` (tests).
    pub fn with_rng(mut self, rng: impl FnMut() -> f64 + Send + Sync + 'static) -> Self {
        self.rng = Arc::new(Mutex::new(Box::new(rng)));
        self
    }

    /// Reads the wall clock from `clock` instead of the system's, once, when the await starts
    /// (tests): the adaptive schedule compares it with the job's timestamps.
    pub fn with_clock(mut self, clock: fn() -> SystemTime) -> Self {
        self.clock = clock;
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

    fn adaptive(&self) -> bool {
        self.policy.schedule() == PollSchedule::Adaptive
    }

    /// A random number in `[0, 1]`.
    fn draw(&self) -> f64 {
        let mut rng = self.rng.lock().unwrap_or_else(|p| p.into_inner());
        let r = (rng)();
        if r.is_finite() {
            r.clamp(0.0, 1.0)
        } else {
            0.5
        }
    }

    /// `base` scaled by a factor in `1 ± jitter` (the policy's).
    fn jittered(&self, base: Duration) -> Duration {
        let jitter = self.policy.jitter();
        if jitter <= 0.0 {
            return base;
        }
        let factor = 1.0 - jitter + 2.0 * jitter * self.draw();
        Duration::try_from_secs_f64(base.as_secs_f64() * factor).unwrap_or(base)
    }

    fn timed_out(&mut self) -> Action<BatchJobDetails> {
        Action::Done(Err(HumeError::AwaitTimeout {
            job_id: self.job_id.clone(),
            timeout: self.policy.timeout(),
            last_status: self.last.as_ref().map(|seen| seen.status.clone()),
            last_error: self.last_error.take().map(Box::new),
        }))
    }

    /// Polls at once, unless the schedule is adaptive and this client's submit returned the
    /// job less than one initial delay ago: then the job is known to have just been created,
    /// and the first poll comes at its expected end (or after the initial delay, not
    /// jittered, before anything is learned).
    fn first_poll(&mut self, now: Duration) -> Action<BatchJobDetails> {
        let fresh = self
            .ctx
            .submissions()
            .claimed_at(&self.job_id)
            .filter(|at| {
                let age = self.wall_start_ms.saturating_sub(*at);
                (0..ms(self.policy.initial_delay())).contains(&age)
            });
        if !self.adaptive() || fresh.is_none() {
            return self.poll(now);
        }
        self.submitted_ms = fresh;
        let Some(poller) = self.poller.as_mut() else {
            return unexpected(&Event::Start, "polling without a schedule");
        };
        // The initial delay without jitter: earlier, a job just created is rarely done (one
        // more poll each); the submits already spread these first polls.
        self.next_poll_at = match poller.next(now) {
            PollStep::Sleep(_) => now + self.policy.initial_delay().min(self.policy.timeout()),
            PollStep::TimedOut => now,
        };
        if let Some((end, _)) = self.expected_end() {
            self.next_poll_at = end.min(self.policy.timeout());
        }
        self.sleep_toward(now)
    }

    /// Starts the next poll; its fetch retries no longer than the time left.
    /// At the deadline no poll starts: no time is left for it to be sent and answered.
    fn poll(&mut self, now: Duration) -> Action<BatchJobDetails> {
        let left = self.policy.timeout().saturating_sub(now);
        if left.is_zero() {
            return self.timed_out();
        }
        let mut fetch = Fetch::job_details_within(&self.ctx, self.job_id.clone(), left);
        let action = fetch.next(Event::Start, now);
        self.poll = Some(fetch);
        self.after_poll(action, now)
    }

    /// Passes a poll's I/O on; once it has an answer, decides.
    fn after_poll(
        &mut self,
        action: Action<BatchJobDetails>,
        now: Duration,
    ) -> Action<BatchJobDetails> {
        match action.split() {
            Ok(io) => io,
            Err(result) => {
                self.poll = None;
                match result {
                    Ok(details) => self.on_details(details, now),
                    Err(err) => self.on_failure(err, now),
                }
            }
        }
    }

    fn on_details(&mut self, details: BatchJobDetails, now: Duration) -> Action<BatchJobDetails> {
        if let Some(progress) = self.progress.as_mut() {
            progress(&details);
        }
        self.failures = 0;
        self.last_error = None;
        if let Some(created) = details.state.created_timestamp_ms {
            self.ctx
                .submissions()
                .observe_created(&self.job_id, created);
        }
        self.last = Some(Seen {
            status: details.status().clone(),
            created_ms: details.state.created_timestamp_ms,
            started_ms: details.state.started_timestamp_ms,
        });
        if details.is_terminal() {
            self.ctx.durations().record(&details);
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
        let fallback = match poller.next(now) {
            PollStep::Sleep(delay) => now + delay,
            PollStep::TimedOut => return self.timed_out(),
        };
        let mut at = fallback;
        if self.adaptive()
            && let Some((end, step)) = self.expected_end()
        {
            if end > now {
                // Expected to end later: poll then (the backoff is for not knowing).
                at = end.min(self.policy.timeout());
            } else {
                // Past its expected end: look again soon, then less and less soon.
                let step = step
                    .checked_mul(1 << self.overdue.min(16))
                    .unwrap_or(Duration::MAX);
                at = at.min(now.saturating_add(self.jittered(step)));
                self.overdue = self.overdue.saturating_add(1);
            }
        }
        self.next_poll_at = at;
        self.sleep_toward(now)
    }

    /// A poll failed: end the await, or poll again after a backoff until the deadline.
    fn on_failure(&mut self, err: HumeError, now: Duration) -> Action<BatchJobDetails> {
        let transient =
            err.is_retryable() || err.status() == Some(http::StatusCode::REQUEST_TIMEOUT);
        if !transient {
            return Action::Done(Err(err));
        }
        tracing::debug!(job_id = %self.job_id, error = %err, "poll failed; polling again");
        let server_delay = match &err {
            HumeError::RateLimited { retry_after } => *retry_after,
            _ => None,
        };
        let left = self.policy.timeout().saturating_sub(now);
        // A poll the deadline stopped before it was sent says nothing new: the failure of
        // the polls before it is the one worth naming.
        let cut_by_deadline = left.is_zero()
            && matches!(&err, HumeError::Transport(t)
                if t.kind() == crate::TransportErrorKind::Timeout
                    && t.send_state() == crate::SendState::NotSent);
        if !(cut_by_deadline && self.last_error.is_some()) {
            self.last_error = Some(err);
        }
        if left.is_zero() {
            return self.timed_out();
        }
        let retry = self.ctx.config().retry();
        let base = retry.backoff(self.failures);
        self.failures = self.failures.saturating_add(1);
        // Half of the backoff, plus a random part of the other half.
        let mut delay = base / 2 + base.mul_f64(0.5 * self.draw());
        if let Some(server) = server_delay {
            delay = delay.max(server.min(retry.max_backoff()));
        }
        let delay = delay.min(left);
        self.next_poll_at = now + delay;
        Action::Sleep(delay)
    }

    /// When this job should end by what the client has learned (await time, with a little
    /// margin), and the step to look again by when it has not; `None` before anything is
    /// known.
    fn expected_end(&self) -> Option<(Duration, Duration)> {
        let estimate = self.ctx.durations().estimate()?;
        let end_ms = match (self.last.as_ref(), estimate.run) {
            (
                Some(Seen {
                    started_ms: Some(started),
                    ..
                }),
                Some(run),
            ) => started.checked_add(ms(run))?,
            _ => self
                .last
                .as_ref()
                .and_then(|seen| seen.created_ms)
                .or(self.submitted_ms)?
                .checked_add(ms(estimate.total))?,
        };
        let after_start = end_ms.saturating_sub(self.wall_start_ms).max(0);
        let margin = estimate.total / 100 + MARGIN;
        let end = Duration::from_millis(u64::try_from(after_start).unwrap_or(0)) + margin;
        let step = (estimate.total / 20).max(Duration::from_millis(20));
        Some((end, step))
    }

    /// Sleeps until the next poll, or polls now. While no job has completed, an adaptive
    /// await sleeps in ticks to look again at what the client has learned.
    fn sleep_toward(&mut self, now: Duration) -> Action<BatchJobDetails> {
        if now >= self.next_poll_at {
            return self.poll(now);
        }
        let mut slice = self.next_poll_at - now;
        if self.adaptive() && self.ctx.durations().is_empty() {
            slice = slice.min((now / 16).clamp(MIN_TICK, MAX_TICK));
        }
        Action::Sleep(slice)
    }

    /// A sleep ended: poll when due, or earlier once the job's end can be expected.
    fn on_wake(&mut self, now: Duration) -> Action<BatchJobDetails> {
        if self.adaptive()
            && self.failures == 0
            && self.overdue == 0
            && let Some((end, _)) = self.expected_end()
        {
            self.next_poll_at = self.next_poll_at.min(end.max(now));
        }
        self.sleep_toward(now)
    }
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
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
                let rng = Arc::clone(&self.rng);
                let draw = move || {
                    let mut rng = rng.lock().unwrap_or_else(|p| p.into_inner());
                    (rng)()
                };
                match Poller::with_rng(self.policy, draw) {
                    Ok(poller) => self.poller = Some(poller),
                    Err(err) => return Action::Done(Err(err)),
                }
                let since = (self.clock)()
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .unwrap_or_default();
                self.wall_start_ms = i64::try_from(since.as_millis()).unwrap_or(i64::MAX);
                self.first_poll(now)
            }
            Event::Slept => self.on_wake(now),
            other => unexpected(&other, "awaiting a job"),
        }
    }
}

#[cfg(test)]
mod tests;
