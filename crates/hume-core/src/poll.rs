//! Polling policy for awaiting job completion, and the pure state machine of its backoff.
//!
//! The backoff follows the legacy Python client: first poll at once, then sleep 1 s, 2 s,
//! 4 s, … (doubling, capped), each sleep shortened so the total never passes the timeout; one
//! last poll at the timeout, then give up. With the default 300 s and jitter off, polls happen at
//! t = 0, 1, 3, 7, 15, 31, 63, 127, 255 and 300 s. Jitter (on by default) scales each sleep by a
//! factor in `[0.8, 1.2]`, so the number of polls stays near that minimum.
//!
//! Two schedules ([`PollSchedule`]) use it. [`Legacy`](PollSchedule::Legacy) is that backoff
//! alone. [`Adaptive`](PollSchedule::Adaptive) (the default) falls back to it, and polls near a
//! job's expected end once the client has seen jobs complete (see
//! [`JobDurations`](crate::JobDurations) and [`AwaitJob`](crate::AwaitJob)).

use std::fmt;
use std::time::Duration;

use crate::HumeError;

/// The shortest allowed await timeout.
pub const MIN_AWAIT_TIMEOUT: Duration = Duration::from_secs(1);

/// When an await polls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum PollSchedule {
    /// Near the job's expected end, learned from the jobs this client has seen complete; the
    /// backoff of the policy until the first has, or once a job runs past its expected end
    /// (then in short jittered steps from there). The default.
    #[default]
    Adaptive,
    /// The backoff of the policy only (the legacy Python client's schedule).
    Legacy,
}

/// How to poll a job until it finishes. Builder-lite: `PollPolicy::default().with_timeout(..)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PollPolicy {
    initial_delay: Duration,
    max_delay: Duration,
    timeout: Duration,
    jitter: f64,
    schedule: PollSchedule,
}

impl Default for PollPolicy {
    fn default() -> Self {
        Self {
            initial_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(300),
            timeout: Duration::from_secs(300),
            jitter: 0.2,
            schedule: PollSchedule::Adaptive,
        }
    }
}

impl PollPolicy {
    /// The default policy with the legacy schedule: 1 s doubling backoff only, as the legacy
    /// Python client polls.
    pub fn legacy() -> Self {
        Self::default().with_schedule(PollSchedule::Legacy)
    }

    /// Which schedule to poll on (default [`PollSchedule::Adaptive`]).
    pub fn with_schedule(mut self, schedule: PollSchedule) -> Self {
        self.schedule = schedule;
        self
    }

    /// The schedule.
    pub fn schedule(&self) -> PollSchedule {
        self.schedule
    }

    /// Overall time to wait before giving up (default 300 s; at least 1 s, checked by
    /// [`validate`](Self::validate)).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// First sleep (default 1 s).
    pub fn with_initial_delay(mut self, delay: Duration) -> Self {
        self.initial_delay = delay;
        self
    }

    /// Cap of one sleep (default 300 s).
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Bounded jitter as a fraction: each sleep is scaled by `1 ± fraction` (default 0.2;
    /// clamped to `[0, 0.5]`; 0 turns jitter off).
    pub fn with_jitter(mut self, fraction: f64) -> Self {
        self.jitter = if fraction.is_finite() {
            fraction.clamp(0.0, 0.5)
        } else {
            0.0
        };
        self
    }

    /// Overall timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// First sleep.
    pub fn initial_delay(&self) -> Duration {
        self.initial_delay
    }

    /// Cap of one sleep.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// Jitter fraction.
    pub fn jitter(&self) -> f64 {
        self.jitter
    }

    /// Checks the policy.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] when the timeout is under 1 s ("timeout must be at least 1
    /// second") or the initial delay is zero.
    pub fn validate(&self) -> Result<(), HumeError> {
        if self.timeout < MIN_AWAIT_TIMEOUT {
            return Err(HumeError::InvalidConfig(
                "timeout must be at least 1 second".into(),
            ));
        }
        if self.initial_delay.is_zero() {
            return Err(HumeError::InvalidConfig(
                "poll initial delay must be positive".into(),
            ));
        }
        Ok(())
    }
}

/// What to do after a poll that found the job unfinished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PollStep {
    /// Sleep this long, then poll again.
    Sleep(Duration),
    /// The timeout is reached: stop with [`HumeError::AwaitTimeout`].
    TimedOut,
}

/// The polling state of one await.
pub struct Poller {
    policy: PollPolicy,
    next_delay: Duration,
    rng: Box<dyn FnMut() -> f64 + Send + Sync>,
}

impl fmt::Debug for Poller {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Poller")
            .field("policy", &self.policy)
            .field("next_delay", &self.next_delay)
            .finish()
    }
}

impl Poller {
    /// A poller using `fastrand` for jitter.
    ///
    /// # Errors
    /// As [`PollPolicy::validate`].
    pub fn new(policy: PollPolicy) -> Result<Self, HumeError> {
        Self::with_rng(policy, fastrand::f64)
    }

    /// A poller with an injected random source returning values in `[0, 1)`.
    ///
    /// # Errors
    /// As [`PollPolicy::validate`].
    pub fn with_rng(
        policy: PollPolicy,
        rng: impl FnMut() -> f64 + Send + Sync + 'static,
    ) -> Result<Self, HumeError> {
        policy.validate()?;
        Ok(Self {
            policy,
            next_delay: policy.initial_delay.min(policy.max_delay),
            rng: Box::new(rng),
        })
    }

    /// The policy in use.
    pub fn policy(&self) -> &PollPolicy {
        &self.policy
    }

    /// Called after a poll found the job unfinished, `elapsed` after the await began (the
    /// caller measures it; request time counts). Returns the next sleep, or
    /// [`PollStep::TimedOut`] once `elapsed` reaches the timeout.
    pub fn next(&mut self, elapsed: Duration) -> PollStep {
        let Some(remaining) = self
            .policy
            .timeout
            .checked_sub(elapsed)
            .filter(|r| !r.is_zero())
        else {
            return PollStep::TimedOut;
        };
        let nominal = self.next_delay;
        self.next_delay = nominal
            .checked_mul(2)
            .unwrap_or(Duration::MAX)
            .min(self.policy.max_delay);
        let jittered = if self.policy.jitter > 0.0 {
            let r = (self.rng)();
            let r = if r.is_finite() {
                r.clamp(0.0, 1.0)
            } else {
                0.5
            };
            let factor = 1.0 - self.policy.jitter + 2.0 * self.policy.jitter * r;
            Duration::try_from_secs_f64(nominal.as_secs_f64() * factor).unwrap_or(nominal)
        } else {
            nominal
        };
        PollStep::Sleep(jittered.min(remaining))
    }
}

#[cfg(test)]
mod tests;
