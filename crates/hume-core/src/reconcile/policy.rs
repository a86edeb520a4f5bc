//! [`ReconcilePolicy`]: whether and how a failed submission is reconciled.

use std::time::Duration;

/// Whether a submission that failed after it may have reached the server is reconciled (see
/// [`reconcile`](crate::reconcile)), and its limits. Builder-lite; on by default.
///
/// Defaults: a settle time of 2 s, 10 s of allowed clock skew, at most 3 resends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReconcilePolicy {
    enabled: bool,
    settle: Duration,
    clock_skew: Duration,
    max_resends: u32,
}

impl Default for ReconcilePolicy {
    fn default() -> Self {
        Self {
            enabled: true,
            settle: Duration::from_secs(2),
            clock_skew: Duration::from_secs(10),
            max_resends: 3,
        }
    }
}

impl ReconcilePolicy {
    /// No reconciliation: such a failure is
    /// [`HumeError::SubmitUncertain`](crate::HumeError::SubmitUncertain) at once, for the
    /// caller to sort out.
    pub fn disabled() -> Self {
        Self::default().with_enabled(false)
    }

    /// Turns reconciliation on or off.
    pub fn with_enabled(mut self, enabled: bool) -> Self {
        self.enabled = enabled;
        self
    }

    /// How long after the failure a job must have become visible in the listing to count as
    /// created (default 2 s). The listing is read at once, and once more at the end of this
    /// time if nothing matched.
    pub fn with_settle(mut self, settle: Duration) -> Self {
        self.settle = settle;
        self
    }

    /// How far the server's clock may lag behind the client's (default 10 s): the listing
    /// starts that long before the first send, until the client has learned the server's clock
    /// from a job it submitted (see [`ServerClock`](crate::reconcile::ServerClock)); from then
    /// on it starts 2 s (or this skew, if less) before the send by the server's clock.
    pub fn with_clock_skew(mut self, skew: Duration) -> Self {
        self.clock_skew = skew;
        self
    }

    /// How many times a request found not created is sent again (default 3).
    pub fn with_max_resends(mut self, resends: u32) -> Self {
        self.max_resends = resends;
        self
    }

    /// Whether reconciliation is on.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// The settle time.
    pub fn settle(&self) -> Duration {
        self.settle
    }

    /// The allowed clock skew.
    pub fn clock_skew(&self) -> Duration {
        self.clock_skew
    }

    /// The resend budget.
    pub fn max_resends(&self) -> u32 {
        self.max_resends
    }
}
