//! [`MinTransferRate`]: the slowest a response body may arrive.
//!
//! A per-read (idle) timeout does not stop a server that sends one byte just before every
//! timeout: a 64 KiB body dripped that way takes days. A floor on the transfer rate does: in
//! every window of [`MinTransferRate::window`] at least [`MinTransferRate::bytes`] must
//! arrive, or the read fails with [`std::io::ErrorKind::TimedOut`] (a failed attempt, retried
//! like any timeout). [`RateFloor`] is the pure check (time passed in, tested with a fake
//! clock); the body wrappers ([`BlockingBody::with_min_rate`](crate::BlockingBody::with_min_rate),
//! [`AsyncBody::with_min_rate`](crate::AsyncBody::with_min_rate)) feed it the monotonic clock.

use std::io;
use std::time::{Duration, Instant};

/// At least `bytes` in every `window` (default: 1 KiB per 10 s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinTransferRate {
    bytes: u64,
    window: Duration,
}

impl Default for MinTransferRate {
    fn default() -> Self {
        Self {
            bytes: 1024,
            window: Duration::from_secs(10),
        }
    }
}

impl MinTransferRate {
    /// At least `bytes` in every `window` (a zero window is read as one second).
    pub fn new(bytes: u64, window: Duration) -> Self {
        Self {
            bytes,
            window: if window.is_zero() {
                Duration::from_secs(1)
            } else {
                window
            },
        }
    }

    /// Bytes that must arrive in each window.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The window.
    pub fn window(&self) -> Duration {
        self.window
    }
}

/// The check of one body against a [`MinTransferRate`], fed the time of each read.
#[derive(Debug, Clone)]
pub struct RateFloor {
    rate: MinTransferRate,
    window_start: Duration,
    in_window: u64,
}

impl RateFloor {
    /// A check whose first window starts at `now`.
    pub fn new(rate: MinTransferRate, now: Duration) -> Self {
        Self {
            rate,
            window_start: now,
            in_window: 0,
        }
    }

    /// Records `n` bytes read at `now`.
    ///
    /// # Errors
    /// [`io::ErrorKind::TimedOut`] when a whole window passed with fewer bytes than the floor.
    pub fn record(&mut self, now: Duration, n: usize) -> io::Result<()> {
        self.in_window = self.in_window.saturating_add(n as u64);
        let elapsed = now.saturating_sub(self.window_start);
        if elapsed < self.rate.window {
            return Ok(());
        }
        if self.in_window < self.rate.bytes {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!(
                    "the response body arrives too slowly: {} bytes in {:.1} s, at least {} \
                     bytes per {} s required",
                    self.in_window,
                    elapsed.as_secs_f64(),
                    self.rate.bytes,
                    self.rate.window.as_secs_f64()
                ),
            ));
        }
        self.window_start = now;
        self.in_window = 0;
        Ok(())
    }
}

/// A [`RateFloor`] on the monotonic clock.
#[derive(Debug)]
pub(crate) struct ClockedFloor {
    floor: RateFloor,
    start: Instant,
}

impl ClockedFloor {
    pub(crate) fn new(rate: MinTransferRate) -> Self {
        Self {
            floor: RateFloor::new(rate, Duration::ZERO),
            start: Instant::now(),
        }
    }

    pub(crate) fn record(&mut self, n: usize) -> io::Result<()> {
        self.floor.record(self.start.elapsed(), n)
    }
}

#[cfg(test)]
mod tests;
