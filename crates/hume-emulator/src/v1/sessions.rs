//! [`SessionRegistry`]: how many realtime sessions are open, within the configured cap, and
//! the order they opened in (session faults pick sessions by it).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::watch;

/// The realtime sessions of one emulator.
#[derive(Debug)]
pub(crate) struct SessionRegistry {
    max: usize,
    /// Sessions open now (a watch, so shutdown can wait for zero).
    live: Arc<watch::Sender<usize>>,
    opened: AtomicU64,
}

/// One open session's place: frees it when dropped.
#[derive(Debug)]
pub(crate) struct SessionSlot {
    live: Arc<watch::Sender<usize>>,
    /// The order the session opened in, from 0.
    pub(crate) index: u64,
}

impl Drop for SessionSlot {
    fn drop(&mut self) {
        self.live.send_modify(|n| *n = n.saturating_sub(1));
    }
}

impl SessionRegistry {
    /// A registry allowing `max` sessions at once (at least 1).
    pub(crate) fn new(max: usize) -> SessionRegistry {
        SessionRegistry {
            max: max.max(1),
            live: Arc::new(watch::Sender::new(0)),
            opened: AtomicU64::new(0),
        }
    }

    /// A slot for one more session, or `None` at the cap.
    pub(crate) fn try_open(&self) -> Option<SessionSlot> {
        let mut taken = false;
        self.live.send_if_modified(|n| {
            taken = *n < self.max;
            if taken {
                *n += 1;
            }
            taken
        });
        taken.then(|| SessionSlot {
            live: Arc::clone(&self.live),
            index: self.opened.fetch_add(1, Ordering::SeqCst),
        })
    }

    /// Sessions open now.
    pub(crate) fn live(&self) -> usize {
        *self.live.borrow()
    }

    /// The most sessions open at once.
    pub(crate) fn max(&self) -> usize {
        self.max
    }

    /// Waits until no session is open, at most `limit`; whether none is.
    pub(crate) async fn wait_closed(&self, limit: Duration) -> bool {
        let mut rx = self.live.subscribe();
        tokio::time::timeout(limit, rx.wait_for(|n| *n == 0))
            .await
            .is_ok_and(|r| r.is_ok())
    }
}

#[cfg(test)]
mod tests;
