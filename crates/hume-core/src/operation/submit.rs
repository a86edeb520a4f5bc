//! [`Submit`]: start a job exactly once: the rules that say whether a failed submission may
//! have created it, and the reconciliation that finds out.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use hume_models::{BatchJobDetails, JobId, JobRequest, ListJobsQuery, When};

use super::list_all::ListAll;
use super::{Action, Event, Fetch, Operation, unexpected};
use crate::HumeError;
use crate::config::ClientContext;
use crate::endpoints::submit;
use crate::http::HttpRequest;
use crate::reconcile::{FileKey, FilesToHash, InFlight, echoes};

/// Page size of the reconciliation listing.
const LISTING_PAGE: u32 = 100;

/// Once the server's clock is learned, how long before the first send (by that clock) the
/// listing starts: room for servers whose clocks differ and for drift (at most the policy's
/// clock skew).
const LEARNED_CLOCK_MARGIN: Duration = Duration::from_secs(2);

/// `POST /v0/batch/jobs` for a [`JobRequest`] (JSON, or multipart with its local files),
/// yielding the new job's id, exactly once.
///
/// The request is checked when the operation starts (validation, every local file readable):
/// a bad request ends it before anything is sent. The POST is retried only when no job can
/// have been created (not sent, 429, 503). A failure after the request may have reached the
/// server (a transport failure that may have been sent, a body cut short, a 5xx other than
/// 503, an unreadable 2xx) is reconciled when the client's
/// [`ReconcilePolicy`](crate::ReconcilePolicy) allows (the default): the jobs created since
/// just before the first send are listed and their echoed requests compared with this one (see
/// [`reconcile`](crate::reconcile)). One unclaimed match is the job; none, still after the
/// settle time, means none was created and the request is sent again; several (or a match
/// while an identical submission of this client is in flight) end in
/// [`HumeError::SubmitUncertain`] with the candidate ids. With reconciliation off, such a
/// failure is `SubmitUncertain` at once. Every id returned is claimed in the client's
/// [`SubmitRegistry`](crate::SubmitRegistry).
pub struct Submit {
    ctx: Arc<ClientContext>,
    job: Option<JobRequest>,
    sent: Option<Sent>,
    stage: Stage,
    clock: fn() -> SystemTime,
}

/// What a started submission keeps to send again and to recognise its job.
#[derive(Debug)]
struct Sent {
    job: JobRequest,
    request: HttpRequest,
    files: FilesToHash,
    keys: Option<Vec<FileKey>>,
    in_flight: InFlight,
    /// When the request was first sent (client clock, Unix ms).
    sent_ms: i64,
    /// Jobs created from this time on (server clock, Unix ms) are listed: set by each listing.
    window_start_ms: i64,
    resends: u32,
    /// The failure being reconciled (the source of a `SubmitUncertain`), and when it came.
    failure: Option<(HumeError, Duration)>,
    /// The listing under way is the one at the end of the settle time.
    final_round: bool,
}

#[derive(Debug)]
enum Stage {
    Idle,
    Sending(Fetch<JobId>),
    Hashing,
    Listing(ListAll),
    Settling,
}

impl fmt::Debug for Submit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Submit")
            .field("job", &self.job)
            .field("sent", &self.sent)
            .field("stage", &self.stage)
            .finish_non_exhaustive()
    }
}

impl Submit {
    /// Submits `request`.
    pub fn new(ctx: &Arc<ClientContext>, request: JobRequest) -> Self {
        Self {
            ctx: Arc::clone(ctx),
            job: Some(request),
            sent: None,
            stage: Stage::Idle,
            clock: SystemTime::now,
        }
    }

    /// Reads the wall clock from `clock` instead of the system's (tests): it dates the first
    /// send (the start of the reconciliation listing) and the claims.
    pub fn with_clock(mut self, clock: fn() -> SystemTime) -> Self {
        self.clock = clock;
        self
    }

    /// The request (until the operation starts).
    pub fn request(&self) -> Option<&JobRequest> {
        self.job.as_ref()
    }

    fn now_ms(&self) -> i64 {
        let since = (self.clock)()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
    }

    /// Validates and sends the request.
    fn start(&mut self, job: JobRequest, now: Duration) -> Action<JobId> {
        let request = match submit::request(&self.ctx, &job) {
            Ok(request) => request,
            Err(err) => return Action::Done(Err(err)),
        };
        let mut fingerprint = serde_json::to_vec(&job).unwrap_or_default();
        for path in job.files() {
            fingerprint.push(0);
            fingerprint.extend_from_slice(path.to_string_lossy().as_bytes());
        }
        self.sent = Some(Sent {
            files: FilesToHash::stamp(job.files()),
            job,
            request: request.clone(),
            keys: None,
            in_flight: self.ctx.submissions().begin(fingerprint),
            sent_ms: self.now_ms(),
            window_start_ms: i64::MIN,
            resends: 0,
            failure: None,
            final_round: false,
        });
        self.send(request, now)
    }

    fn send(&mut self, request: HttpRequest, now: Duration) -> Action<JobId> {
        let mut fetch = Fetch::new(&self.ctx, request, submit::decode);
        let action = fetch.next(Event::Start, now);
        self.stage = Stage::Sending(fetch);
        self.after_send(action, now)
    }

    fn after_send(&mut self, action: Action<JobId>, now: Duration) -> Action<JobId> {
        match action.split() {
            Ok(io) => io,
            Err(Ok(job_id)) => {
                tracing::debug!(%job_id, "submitted batch job");
                self.finish(job_id)
            }
            Err(Err(err)) => {
                let err = match err {
                    HumeError::Transport(err) => submit::transport_error(err),
                    err => err,
                };
                if err.job_may_exist() && self.ctx.config().reconcile().enabled() {
                    self.reconcile(err, now)
                } else {
                    self.done(Err(err))
                }
            }
        }
    }

    /// Claims `job_id` and returns it.
    fn finish(&mut self, job_id: JobId) -> Action<JobId> {
        let now_ms = self.now_ms();
        let sent_ms = self.sent.as_ref().map_or(now_ms, |sent| sent.sent_ms);
        self.ctx.submissions().claim(&job_id, sent_ms, now_ms);
        self.done(Ok(job_id))
    }

    /// Jobs created from this time on (server clock, Unix ms) may be the one `sent` created:
    /// the first send, less a margin once the server's clock is learned, else less the
    /// policy's clock skew.
    fn window_start_ms(&self, sent: &Sent) -> i64 {
        let skew = self.ctx.config().reconcile().clock_skew();
        let skew_ms = i64::try_from(skew.as_millis()).unwrap_or(i64::MAX);
        let margin_ms = i64::try_from(LEARNED_CLOCK_MARGIN.min(skew).as_millis()).unwrap_or(0);
        self.ctx
            .submissions()
            .server_clock()
            .earliest_created(sent.sent_ms, margin_ms)
            .unwrap_or_else(|| sent.sent_ms.saturating_sub(skew_ms))
    }

    fn done(&mut self, result: Result<JobId, HumeError>) -> Action<JobId> {
        self.stage = Stage::Idle;
        self.sent = None; // no longer in flight
        Action::Done(result)
    }

    /// A failure that may have created the job: find out.
    fn reconcile(&mut self, err: HumeError, now: Duration) -> Action<JobId> {
        let Some(sent) = self.sent.as_mut() else {
            return Action::Done(Err(err));
        };
        tracing::info!(error = %err, "submission may have reached the server; reconciling");
        sent.failure = Some((err, now));
        sent.final_round = false;
        if sent.keys.is_none() && !sent.files.is_empty() {
            self.stage = Stage::Hashing;
            return Action::HashFiles(sent.files.clone());
        }
        self.list(now)
    }

    fn list(&mut self, now: Duration) -> Action<JobId> {
        let Some(sent) = self.sent.as_ref() else {
            return unexpected(&Event::Start, "listing without a submission");
        };
        let window_start_ms = self.window_start_ms(sent);
        if let Some(sent) = self.sent.as_mut() {
            sent.window_start_ms = window_start_ms;
        }
        let query = ListJobsQuery::new()
            .with_when(When::CreatedAfter, window_start_ms.saturating_sub(1))
            .with_limit(LISTING_PAGE);
        let mut listing = ListAll::new(&self.ctx, query);
        let action = listing.next(Event::Start, now);
        self.stage = Stage::Listing(listing);
        self.after_listing(action, now)
    }

    fn after_listing(
        &mut self,
        action: Action<Vec<BatchJobDetails>>,
        now: Duration,
    ) -> Action<JobId> {
        match action.split() {
            Ok(io) => io,
            Err(Ok(jobs)) => self.decide(&jobs, now),
            Err(Err(err)) => {
                tracing::warn!(error = %err, "listing jobs to reconcile a submission failed");
                let final_round = self.sent.as_ref().is_none_or(|s| s.final_round);
                if final_round || !err.is_retryable() {
                    self.uncertain(Vec::new())
                } else {
                    self.settle(now)
                }
            }
        }
    }

    /// Compares the listed jobs with the request.
    fn decide(&mut self, jobs: &[BatchJobDetails], now: Duration) -> Action<JobId> {
        let Some(sent) = self.sent.as_ref() else {
            return unexpected(&Event::Start, "deciding without a submission");
        };
        let registry = self.ctx.submissions();
        for job in jobs {
            if let (Some(id), Some(created)) = (&job.job_id, job.state.created_timestamp_ms) {
                registry.observe_created(id, created);
            }
        }
        let keys = sent.keys.as_deref().unwrap_or_default();
        let candidates: Vec<JobId> = jobs
            .iter()
            .filter(|job| {
                job.state
                    .created_timestamp_ms
                    .is_none_or(|created| created >= sent.window_start_ms)
            })
            .filter(|job| echoes(&job.request, &sent.job, keys))
            .filter_map(|job| job.job_id.clone())
            .filter(|id| !registry.is_claimed(id))
            .collect();
        let others = sent.in_flight.others();
        match (candidates.as_slice(), others) {
            ([job_id], 0) => {
                let now_ms = self.now_ms();
                if self.ctx.submissions().claim(job_id, sent.sent_ms, now_ms) {
                    tracing::info!(%job_id, "submission reconciled: the job exists");
                    let job_id = job_id.clone();
                    self.stage = Stage::Idle;
                    self.sent = None;
                    Action::Done(Ok(job_id))
                } else {
                    // Claimed by another submission between the listing and now.
                    self.uncertain(candidates)
                }
            }
            ([], _) => {
                if sent.final_round {
                    self.resend(now)
                } else {
                    self.settle(now)
                }
            }
            _ => {
                tracing::warn!(
                    candidates = candidates.len(),
                    identical_in_flight = others,
                    "submission reconciled ambiguously"
                );
                self.uncertain(candidates)
            }
        }
    }

    /// Waits for the end of the settle time, then lists once more.
    fn settle(&mut self, now: Duration) -> Action<JobId> {
        let settle = self.ctx.config().reconcile().settle();
        let Some(sent) = self.sent.as_mut() else {
            return unexpected(&Event::Start, "settling without a submission");
        };
        sent.final_round = true;
        let failed_at = sent.failure.as_ref().map_or(now, |(_, at)| *at);
        let wait = (failed_at + settle).saturating_sub(now);
        if wait.is_zero() {
            return self.list(now);
        }
        self.stage = Stage::Settling;
        Action::Sleep(wait)
    }

    /// No job was created: send again, within the resend budget.
    fn resend(&mut self, now: Duration) -> Action<JobId> {
        let max = self.ctx.config().reconcile().max_resends();
        let Some(sent) = self.sent.as_mut() else {
            return unexpected(&Event::Start, "resending without a submission");
        };
        if sent.resends >= max {
            return self.uncertain(Vec::new());
        }
        sent.resends += 1;
        tracing::info!(
            resend = sent.resends,
            "no job was created by the failed submission; sending it again"
        );
        let request = sent.request.clone();
        self.send(request, now)
    }

    fn uncertain(&mut self, candidates: Vec<JobId>) -> Action<JobId> {
        let source = self
            .sent
            .as_mut()
            .and_then(|s| s.failure.take())
            .map_or_else(
                || {
                    HumeError::io(
                        "reconciling a submission",
                        std::io::Error::other("no failure"),
                    )
                },
                |(err, _)| match err {
                    HumeError::SubmitUncertain { source, .. } => *source,
                    other => other,
                },
            );
        self.done(Err(HumeError::SubmitUncertain {
            source: Box::new(source),
            candidates,
        }))
    }
}

impl Operation for Submit {
    type Output = JobId;

    fn next(&mut self, event: Event, now: Duration) -> Action<JobId> {
        match (std::mem::replace(&mut self.stage, Stage::Idle), event) {
            (Stage::Idle, Event::Start) => match self.job.take() {
                Some(job) => self.start(job, now),
                None => unexpected(&Event::Start, "submitting without a request"),
            },
            (Stage::Sending(mut fetch), event) => {
                let action = fetch.next(event, now);
                self.stage = Stage::Sending(fetch);
                self.after_send(action, now)
            }
            (Stage::Hashing, Event::Hashed(result)) => match result {
                Ok(keys) => {
                    if let Some(sent) = self.sent.as_mut() {
                        sent.keys = Some(keys);
                    }
                    self.list(now)
                }
                Err(err) => {
                    tracing::warn!(error = %err, "cannot hash the uploaded files to reconcile");
                    self.uncertain(Vec::new())
                }
            },
            (Stage::Listing(mut listing), event) => {
                let action = listing.next(event, now);
                self.stage = Stage::Listing(listing);
                self.after_listing(action, now)
            }
            (Stage::Settling, Event::Slept) => self.list(now),
            (_, event) => unexpected(&event, "submitting"),
        }
    }
}

#[cfg(test)]
mod tests;
