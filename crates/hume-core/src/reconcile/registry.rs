//! [`SubmitRegistry`]: one client's claimed job ids, identical submissions in flight, and
//! what the claimed jobs taught of the server's clock.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use hume_models::JobId;

use super::server_clock::ServerClock;

/// How long a claim is remembered: far longer than any reconciliation window.
const RETENTION: Duration = Duration::from_secs(3600);

/// The job ids this client has returned from submits (*claimed*: no reconciliation may take
/// them for another submission), and the submissions in flight by request, so that two
/// identical requests reconciling at once report their ambiguity instead of guessing. The
/// creation times of claimed jobs, once seen, teach the client the server's clock
/// ([`ServerClock`]), which narrows the reconciliation listing.
/// Shared by a client's clones (it lives in the [`ClientContext`](crate::ClientContext)).
#[derive(Debug, Default)]
pub struct SubmitRegistry {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    claimed: HashMap<JobId, Claim>,
    order: VecDeque<(i64, JobId)>,
    in_flight: HashMap<Vec<u8>, usize>,
    clock: ServerClock,
}

/// When (client clock, Unix ms) a claimed job's request was first sent and its id claimed.
#[derive(Debug, Clone, Copy)]
struct Claim {
    sent_ms: i64,
    claimed_ms: i64,
}

impl SubmitRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Claims `job_id` at `now_ms`, for a request first sent at `sent_ms` (Unix ms); `false`
    /// if it was claimed already. Claims older than an hour are forgotten.
    pub fn claim(&self, job_id: &JobId, sent_ms: i64, now_ms: i64) -> bool {
        let mut inner = self.lock();
        let horizon = now_ms.saturating_sub(RETENTION.as_millis() as i64);
        while inner.order.front().is_some_and(|(at, _)| *at < horizon) {
            if let Some((_, old)) = inner.order.pop_front() {
                inner.claimed.remove(&old);
            }
        }
        if inner.claimed.contains_key(job_id) {
            return false;
        }
        let claim = Claim {
            sent_ms,
            claimed_ms: now_ms,
        };
        inner.claimed.insert(job_id.clone(), claim);
        inner.order.push_back((now_ms, job_id.clone()));
        true
    }

    /// Whether `job_id` was returned by a submit of this client.
    pub fn is_claimed(&self, job_id: &JobId) -> bool {
        self.lock().claimed.contains_key(job_id)
    }

    /// When (Unix ms) a submit of this client returned `job_id`, if one did.
    pub fn claimed_at(&self, job_id: &JobId) -> Option<i64> {
        self.lock()
            .claimed
            .get(job_id)
            .map(|claim| claim.claimed_ms)
    }

    /// Learns from the creation time (server clock, Unix ms) of `job_id`, when it is a job
    /// this client claimed: see [`ServerClock`]. Other jobs teach nothing.
    pub fn observe_created(&self, job_id: &JobId, created_ms: i64) {
        let mut inner = self.lock();
        if let Some(claim) = inner.claimed.get(job_id).copied() {
            inner
                .clock
                .observe(claim.sent_ms, claim.claimed_ms, created_ms);
        }
    }

    /// What the claimed jobs taught of the server's clock so far.
    pub fn server_clock(&self) -> ServerClock {
        self.lock().clock
    }

    /// Registers a submission of the request with this `fingerprint` (its exact bytes) as in
    /// flight until the returned guard is dropped.
    pub fn begin(self: &Arc<Self>, fingerprint: Vec<u8>) -> InFlight {
        *self
            .lock()
            .in_flight
            .entry(fingerprint.clone())
            .or_default() += 1;
        InFlight {
            registry: Arc::clone(self),
            fingerprint,
        }
    }

    /// How many submissions of the request with this `fingerprint` are in flight.
    pub fn in_flight(&self, fingerprint: &[u8]) -> usize {
        self.lock().in_flight.get(fingerprint).copied().unwrap_or(0)
    }
}

/// A submission in flight; dropping it ends it (see [`SubmitRegistry::begin`]).
#[derive(Debug)]
pub struct InFlight {
    registry: Arc<SubmitRegistry>,
    fingerprint: Vec<u8>,
}

impl InFlight {
    /// How many *other* submissions of the same request are in flight.
    pub fn others(&self) -> usize {
        self.registry.in_flight(&self.fingerprint).saturating_sub(1)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut inner = self.registry.lock();
        if let Some(count) = inner.in_flight.get_mut(&self.fingerprint) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                inner.in_flight.remove(&self.fingerprint);
            }
        }
    }
}

#[cfg(test)]
mod tests;
