//! Keeping a realtime connection alive and noticing when it is not: WebSocket pings after a
//! quiet spell ([`KeepalivePolicy`]), the round-trip time they measure, and the verdict
//! "dead" when neither a pong nor anything else comes back in time.
//!
//! The API does not document the server's idle timeout (a session that receives nothing for
//! too long ends with `session.closed`, reason `idle_timeout`), and a ping may well not count
//! as activity there, so pings are about the connection, not the session: they keep
//! middleboxes from dropping a quiet connection and detect a dead one long before TCP would.
//! The defaults are those of the `websockets` library the official Python SDK runs on.

use std::time::Duration;

/// When to ping and how long to wait for an answer. Builder-lite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeepalivePolicy {
    interval: Duration,
    timeout: Duration,
}

impl Default for KeepalivePolicy {
    /// A ping after 20 s without a message; the connection is dead if 20 s more pass without a
    /// pong or any message.
    fn default() -> Self {
        KeepalivePolicy {
            interval: Duration::from_secs(20),
            timeout: Duration::from_secs(20),
        }
    }
}

impl KeepalivePolicy {
    /// Quiet time after which a ping goes out.
    pub fn with_interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// How long an unanswered ping may wait before the connection counts as dead.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Quiet time after which a ping goes out.
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// How long an unanswered ping may wait.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }
}

/// Pings sent one after another when a connection opens, to measure its round trip.
const PROBES: u8 = 3;

/// What the keepalive wants now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeepaliveStep {
    /// Send a ping.
    Ping,
    /// Nothing came back in time: the connection is dead.
    Dead,
    /// Nothing to do before this time.
    Until(Duration),
}

/// The keepalive state of one connection.
#[derive(Debug, Clone)]
pub(crate) struct Keepalive {
    policy: KeepalivePolicy,
    last_heard: Duration,
    ping_sent_at: Option<Duration>,
    /// A ping right away, to measure the round trip early.
    probe_now: bool,
    /// Probes still to send, each right after the previous one's pong: the shortest round trip
    /// counts, so one pong read late (a busy client) does not inflate it.
    probes_left: u8,
    rtt: Option<Duration>,
}

impl Keepalive {
    /// The keepalive of a connection that opened (or was last heard from) at `now`.
    pub(crate) fn new(policy: KeepalivePolicy, now: Duration) -> Self {
        Keepalive {
            policy,
            last_heard: now,
            ping_sent_at: None,
            probe_now: true,
            probes_left: PROBES - 1,
            rtt: None,
        }
    }

    /// A message arrived at `now`.
    pub(crate) fn heard(&mut self, now: Duration) {
        self.last_heard = self.last_heard.max(now);
    }

    /// A pong arrived at `now`: it answers the outstanding ping and measures the round trip.
    pub(crate) fn pong(&mut self, now: Duration) {
        self.heard(now);
        if let Some(sent) = self.ping_sent_at.take() {
            let rtt = now.saturating_sub(sent);
            self.rtt = Some(self.rtt.map_or(rtt, |best| best.min(rtt)));
            if self.probes_left > 0 {
                self.probes_left -= 1;
                self.probe_now = true;
            }
        }
    }

    /// The shortest round trip measured, if any.
    pub(crate) fn rtt(&self) -> Option<Duration> {
        self.rtt
    }

    /// What to do at `now`. A [`Ping`](KeepaliveStep::Ping) is recorded as sent.
    pub(crate) fn step(&mut self, now: Duration) -> KeepaliveStep {
        if let Some(sent) = self.ping_sent_at {
            let deadline = sent.saturating_add(self.policy.timeout);
            if now < deadline {
                return KeepaliveStep::Until(deadline);
            }
            if self.last_heard <= sent {
                return KeepaliveStep::Dead;
            }
            // The pong got lost but the peer spoke since: alive; ping again later.
            self.ping_sent_at = None;
        }
        let due = self.last_heard.saturating_add(self.policy.interval);
        if self.probe_now || now >= due {
            self.probe_now = false;
            self.ping_sent_at = Some(now);
            return KeepaliveStep::Ping;
        }
        KeepaliveStep::Until(due)
    }
}

#[cfg(test)]
mod tests;
