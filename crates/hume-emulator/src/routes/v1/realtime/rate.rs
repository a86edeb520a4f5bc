//! [`TokenBucket`]: a session's send-rate budget, on the emulator's clock.
//!
//! The bucket accrues `rate` units per second up to `capacity` and starts full. A frame costing
//! `cost` goes through when the bucket holds `min(cost, capacity)` and takes its whole `cost`,
//! so a frame larger than the capacity leaves a debt the next frames wait out — the rule the
//! client's pacer follows, which is what lets a paced client never be refused. Audio counts
//! milliseconds of audio (1000 per second), video frames (3 per second). Time is passed in
//! (`now`: time since the session opened), so the rules are tested without a clock.

use std::time::Duration;

/// Slack when comparing fractional token counts.
const EPSILON: f64 = 1e-9;

/// A token bucket; see the [module docs](self).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TokenBucket {
    rate: f64,
    capacity: f64,
    tokens: f64,
    updated_at: Duration,
}

impl TokenBucket {
    /// A full bucket at `now`, accruing `rate` units per second up to `capacity`.
    pub(crate) fn full(rate: f64, capacity: f64, now: Duration) -> TokenBucket {
        TokenBucket {
            rate,
            capacity,
            tokens: capacity,
            updated_at: now,
        }
    }

    fn refill(&mut self, now: Duration) {
        let elapsed = now.saturating_sub(self.updated_at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.rate).min(self.capacity.max(self.tokens));
        self.updated_at = self.updated_at.max(now);
    }

    /// Takes `cost` if the bucket holds `min(cost, capacity)` at `now`; `false` (nothing taken)
    /// otherwise.
    pub(crate) fn try_take(&mut self, now: Duration, cost: f64) -> bool {
        self.refill(now);
        if self.tokens + EPSILON < cost.min(self.capacity) {
            return false;
        }
        self.tokens -= cost;
        true
    }

    /// The units held at `now` (negative while in debt), without taking any.
    #[cfg(test)]
    pub(crate) fn tokens_at(&self, now: Duration) -> f64 {
        let mut copy = self.clone();
        copy.refill(now);
        copy.tokens
    }
}

#[cfg(test)]
mod tests;
