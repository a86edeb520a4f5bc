//! Send-rate budgets for realtime sessions, on an injected clock: [`AudioPacer`] (at most one
//! second of audio per second of wall time) and [`VideoPacer`] (at most three frames per
//! second, halving on `rate_limited` and recovering while frames are accepted).
//!
//! Neither reads a clock or sleeps: every call takes `now`, the monotonic time since the
//! driver started (as everywhere in hume-core), and the answer is "send now" or "the earliest
//! time this frame may go". A frame over the budget waits; nothing is ever sent early, so a
//! server enforcing the documented rates does not answer `rate_limited`.
//!
//! # Audio: a token bucket in audio time
//!
//! Credit accrues at 1 ns of audio per ns of wall time, up to a small burst (250 ms by
//! default, [`DEFAULT_AUDIO_BURST`]), starting from zero when the session starts. A frame of
//! `d` goes once the credit reaches `min(d, burst)` and takes `d` from it (a frame longer than
//! the burst leaves a debt the next frames wait out). So with frames no longer than the burst
//! the audio sent never exceeds the wall time since the session started, a driver that wakes
//! late catches up by at most the burst, and a 60 s recording in 100 ms frames takes 60 s
//! (the unit tests pin it within 2 %).
//!
//! # Video: an adaptive frame allowance
//!
//! The allowance accrues at the current rate (3 fps at first, the documented limit), starts at
//! one frame and holds at most two, so a live frame arriving on time just after a late one
//! still goes. A `rate_limited` reply means the server's budget was empty: the rate halves
//! (down to [`MIN_VIDEO_FPS`], one frame per 2 s) and the allowance empties. Every
//! [`RECOVER_AFTER`] frames accepted at a reduced rate double it again, up to 3 fps. Replies
//! to frames sent before the last change say nothing about the new rate and are ignored (each
//! send has a number for that).

use std::time::Duration;

use hume_models::v1::limits::{MAX_AUDIO_MS_PER_SECOND, MAX_VIDEO_FRAMES_PER_SECOND};

/// Audio credit that can build up while nothing is sent: how far a late driver catches up.
pub const DEFAULT_AUDIO_BURST: Duration = Duration::from_millis(250);

/// The highest video rate: the documented limit of three frames per second.
pub const MAX_VIDEO_FPS: f64 = MAX_VIDEO_FRAMES_PER_SECOND as f64;

/// The lowest video rate after repeated `rate_limited` replies: one frame per two seconds.
pub const MIN_VIDEO_FPS: f64 = 0.5;

/// Frames accepted at a reduced video rate before the rate doubles.
pub const RECOVER_AFTER: u32 = 3;

/// Video allowance at the start: one frame, so the client is never ahead of the rate.
const VIDEO_START_ALLOWANCE: f64 = 1.0;
/// Most video allowance that can build up: two frames.
const VIDEO_BURST: f64 = 2.0;
/// Float slack when comparing an allowance with one whole frame.
const EPSILON: f64 = 1e-9;

// The audio bucket accrues one nanosecond of audio per nanosecond of wall time.
const _: () = assert!(MAX_AUDIO_MS_PER_SECOND == 1000);

fn nanos(d: Duration) -> i64 {
    i64::try_from(d.as_nanos()).unwrap_or(i64::MAX)
}

/// The audio send budget of one session; see the [module docs](self).
///
/// ```
/// use std::time::Duration;
/// use hume_core::realtime::AudioPacer;
///
/// let ms = Duration::from_millis;
/// let mut pacer = AudioPacer::new(Duration::ZERO);
/// // A 100 ms frame waits until 100 ms of wall time have passed ...
/// assert_eq!(pacer.ready_at(Duration::ZERO, ms(100)), ms(100));
/// assert!(!pacer.try_send(ms(50), ms(100)));
/// assert!(pacer.try_send(ms(100), ms(100)));
/// // ... and the next one another 100 ms.
/// assert_eq!(pacer.ready_at(ms(100), ms(100)), ms(200));
/// ```
#[derive(Debug, Clone)]
pub struct AudioPacer {
    /// Nanoseconds of credit that can build up.
    capacity: i64,
    /// Nanoseconds of audio that may go now; negative after a frame longer than the burst.
    tokens: i64,
    updated_at: Duration,
    sent: Duration,
}

impl AudioPacer {
    /// A budget starting empty at `now`, with the [`DEFAULT_AUDIO_BURST`].
    pub fn new(now: Duration) -> Self {
        Self::with_burst(now, DEFAULT_AUDIO_BURST)
    }

    /// A budget starting empty at `now` with another burst. A zero burst sends each frame at
    /// once and then waits out its length.
    pub fn with_burst(now: Duration, burst: Duration) -> Self {
        AudioPacer {
            capacity: nanos(burst),
            tokens: 0,
            updated_at: now,
            sent: Duration::ZERO,
        }
    }

    /// The credit at `now`, without recording it.
    fn tokens_at(&self, now: Duration) -> i64 {
        let elapsed = nanos(now.saturating_sub(self.updated_at));
        self.tokens
            .saturating_add(elapsed)
            .min(self.capacity.max(self.tokens))
    }

    fn refill(&mut self, now: Duration) {
        self.tokens = self.tokens_at(now);
        self.updated_at = self.updated_at.max(now);
    }

    /// Credit a frame of `frame` needs before it may go.
    fn needed(&self, frame: Duration) -> i64 {
        nanos(frame).min(self.capacity)
    }

    /// The earliest time, `now` or later, a frame holding `frame` of audio may be sent.
    pub fn ready_at(&self, now: Duration, frame: Duration) -> Duration {
        // A `now` before the last update (a driver bug) counts from the update.
        let now = now.max(self.updated_at);
        let missing = self.needed(frame) - self.tokens_at(now);
        if missing <= 0 {
            now
        } else {
            now.saturating_add(Duration::from_nanos(missing.unsigned_abs()))
        }
    }

    /// Takes the budget for a frame holding `frame` of audio if it may go at `now`; `false`
    /// (and nothing taken) if it must wait ([`ready_at`](Self::ready_at) says until when).
    pub fn try_send(&mut self, now: Duration, frame: Duration) -> bool {
        self.refill(now);
        if self.tokens < self.needed(frame) {
            return false;
        }
        self.tokens -= nanos(frame);
        self.sent += frame;
        true
    }

    /// After a `rate_limited` reply: the server counts the rejected audio as not received, so
    /// it leaves the total, and the next frame waits `pause` more (the rejected frame's length:
    /// "wait briefly and resend").
    pub fn rate_limited(&mut self, now: Duration, rejected: Duration, pause: Duration) {
        self.refill(now);
        self.sent = self.sent.saturating_sub(rejected);
        self.tokens = self.tokens.min(0).saturating_sub(nanos(pause));
    }

    /// Audio sent so far (less any rejected by `rate_limited`).
    pub fn sent(&self) -> Duration {
        self.sent
    }
}

/// The video send budget of one session; see the [module docs](self).
///
/// ```
/// use std::time::Duration;
/// use hume_core::realtime::VideoPacer;
///
/// let ms = Duration::from_millis;
/// let mut pacer = VideoPacer::new(Duration::ZERO);
/// let first = pacer.try_take(Duration::ZERO).unwrap(); // one frame of allowance at the start
/// assert_eq!(pacer.try_take(Duration::ZERO), None);
/// assert_eq!(pacer.ready_at(Duration::ZERO), Duration::from_nanos(333_333_334));
/// pacer.rate_limited(first, ms(10));
/// assert_eq!(pacer.rate(), 1.5);
/// ```
#[derive(Debug, Clone)]
pub struct VideoPacer {
    rate: f64,
    allowance: f64,
    updated_at: Duration,
    /// Frames taken so far; each take's number is this count after it.
    sends: u64,
    /// The number of the last send before the rate last changed.
    changed_after: u64,
    /// Frames sent after the last change and accepted since.
    accepted: u32,
    /// The rate has been lowered at least once: the burst is then at most one second.
    slowed: bool,
}

impl VideoPacer {
    /// A budget at 3 fps with one frame of allowance at `now`.
    pub fn new(now: Duration) -> Self {
        VideoPacer {
            rate: MAX_VIDEO_FPS,
            allowance: VIDEO_START_ALLOWANCE,
            updated_at: now,
            sends: 0,
            changed_after: 0,
            accepted: 0,
            slowed: false,
        }
    }

    /// The current rate in frames per second.
    pub fn rate(&self) -> f64 {
        self.rate
    }

    /// Frames taken so far.
    pub fn sends(&self) -> u64 {
        self.sends
    }

    fn capacity(&self) -> f64 {
        if self.slowed {
            // Once the server has shown a lower limit, its burst may be as small as its rate.
            VIDEO_BURST.min(self.rate.max(1.0))
        } else {
            VIDEO_BURST
        }
    }

    fn allowance_at(&self, now: Duration) -> f64 {
        let elapsed = now.saturating_sub(self.updated_at).as_secs_f64();
        (self.allowance + elapsed * self.rate).min(self.capacity().max(self.allowance))
    }

    fn refill(&mut self, now: Duration) {
        self.allowance = self.allowance_at(now);
        self.updated_at = self.updated_at.max(now);
    }

    /// The earliest time, `now` or later, the next frame may be sent (rounded up to the
    /// nanosecond, so the allowance is whole when it comes).
    pub fn ready_at(&self, now: Duration) -> Duration {
        let now = now.max(self.updated_at);
        let missing = 1.0 - self.allowance_at(now);
        if missing <= EPSILON {
            return now;
        }
        let wait = (missing / self.rate * 1e9).ceil();
        now.saturating_add(Duration::from_nanos(wait as u64))
    }

    /// Takes one frame of allowance if a frame may go at `now` and returns the send's number
    /// (from 1), which [`rate_limited`](Self::rate_limited) and [`accepted`](Self::accepted)
    /// take back; `None` if the frame must wait (or, from a live source, be dropped).
    pub fn try_take(&mut self, now: Duration) -> Option<u64> {
        self.refill(now);
        if self.allowance + EPSILON < 1.0 {
            return None;
        }
        self.allowance = (self.allowance - 1.0).max(0.0);
        self.sends += 1;
        Some(self.sends)
    }

    /// The frame of send `send_number` was answered `rate_limited`: halve the rate (not below
    /// [`MIN_VIDEO_FPS`]) and empty the allowance. Ignored for frames sent before the last
    /// change, whose rejection the change already answered.
    pub fn rate_limited(&mut self, send_number: u64, now: Duration) {
        if send_number <= self.changed_after {
            return;
        }
        self.refill(now);
        self.rate = (self.rate / 2.0).max(MIN_VIDEO_FPS);
        self.allowance = 0.0;
        self.changed_after = self.sends;
        self.accepted = 0;
        self.slowed = true;
    }

    /// The frame of send `send_number` passed the server's rate check (a result, or an error
    /// other than `rate_limited`). After [`RECOVER_AFTER`] of them sent at a reduced rate, the
    /// rate doubles, up to 3 fps.
    pub fn accepted(&mut self, send_number: u64, now: Duration) {
        if send_number <= self.changed_after || self.rate >= MAX_VIDEO_FPS {
            return;
        }
        self.accepted += 1;
        if self.accepted >= RECOVER_AFTER {
            self.refill(now);
            self.rate = (self.rate * 2.0).min(MAX_VIDEO_FPS);
            self.changed_after = self.sends;
            self.accepted = 0;
        }
    }
}

#[cfg(test)]
mod tests;
