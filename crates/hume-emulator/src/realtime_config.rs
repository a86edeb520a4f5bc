//! [`RealtimeConfig`]: the settings of the realtime WebSocket sessions
//! (`/v1/expression/{audio,video}/realtime`).

use std::time::Duration;

use crate::session_faults::SessionFaults;

/// Concurrent sessions allowed by default; a handshake beyond it gets 503 `server_busy`.
pub const DEFAULT_MAX_SESSIONS: usize = 500;

/// A session that receives no message for this long is closed (`idle_timeout`) by default.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// Audio a session may send ahead of real time by default: the client's 250 ms burst plus
/// 250 ms of slack for scheduling and network jitter.
pub const DEFAULT_AUDIO_BURST: Duration = Duration::from_millis(500);

/// Video frames a session may send ahead of 3 frames per second by default: the client's
/// 2-frame burst plus one frame of slack.
pub const DEFAULT_VIDEO_BURST_FRAMES: u32 = 3;

/// Settings of the realtime sessions (builder-lite: `RealtimeConfig::default().with_*(..)`).
///
/// Send rates are measured on the emulator's clock with a token bucket per session, full when
/// the session opens: audio accrues one millisecond of audio per millisecond, up to
/// [`with_audio_burst`](Self::with_audio_burst); video three frames per second, up to
/// [`with_video_burst`](Self::with_video_burst) frames. A frame goes through when the bucket
/// holds its cost (audio: its length, capped at the burst; video: one frame) and takes its
/// whole cost, so a frame longer than the burst leaves a debt the next frames wait out, as the
/// client's pacer does. A frame that does not fit gets `rate_limited` and is not measured.
/// [`with_relaxed_pacing`](Self::with_relaxed_pacing) turns the check off (benchmarks with
/// many concurrent sessions on a loaded machine).
#[derive(Debug, Clone, PartialEq)]
pub struct RealtimeConfig {
    pub(crate) max_sessions: usize,
    pub(crate) idle_timeout: Duration,
    pub(crate) relaxed_pacing: bool,
    pub(crate) audio_burst: Duration,
    pub(crate) video_burst: u32,
    pub(crate) faults: SessionFaults,
}

impl Default for RealtimeConfig {
    /// [`DEFAULT_MAX_SESSIONS`], [`DEFAULT_IDLE_TIMEOUT`], rates enforced with
    /// [`DEFAULT_AUDIO_BURST`] and [`DEFAULT_VIDEO_BURST_FRAMES`], no faults.
    fn default() -> Self {
        RealtimeConfig {
            max_sessions: DEFAULT_MAX_SESSIONS,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            relaxed_pacing: false,
            audio_burst: DEFAULT_AUDIO_BURST,
            video_burst: DEFAULT_VIDEO_BURST_FRAMES,
            faults: SessionFaults::none(),
        }
    }
}

impl RealtimeConfig {
    /// At most this many sessions at once (at least 1); one more handshake gets 503
    /// `server_busy`.
    pub fn with_max_sessions(mut self, max: usize) -> Self {
        self.max_sessions = max.max(1);
        self
    }

    /// Closes a session (`session.closed` with `idle_timeout`, close code 1000) when no text or
    /// binary message arrived for this long (pings do not count). At least 1 ms.
    pub fn with_idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout.max(Duration::from_millis(1));
        self
    }

    /// `true`: no send-rate check at all (no `rate_limited` unless forced by
    /// [`SessionFaults::with_rate_limit_every`]).
    pub fn with_relaxed_pacing(mut self, relaxed: bool) -> Self {
        self.relaxed_pacing = relaxed;
        self
    }

    /// How much audio a session may send ahead of real time (at least 1 ms).
    pub fn with_audio_burst(mut self, burst: Duration) -> Self {
        self.audio_burst = burst.max(Duration::from_millis(1));
        self
    }

    /// How many video frames a session may send ahead of 3 frames per second (at least 1).
    pub fn with_video_burst(mut self, frames: u32) -> Self {
        self.video_burst = frames.max(1);
        self
    }

    /// Fault injection for sessions.
    pub fn with_faults(mut self, faults: SessionFaults) -> Self {
        self.faults = faults;
        self
    }

    /// Most concurrent sessions.
    pub fn max_sessions(&self) -> usize {
        self.max_sessions
    }

    /// The idle timeout.
    pub fn idle_timeout(&self) -> Duration {
        self.idle_timeout
    }

    /// Whether the send-rate check is off.
    pub fn relaxed_pacing(&self) -> bool {
        self.relaxed_pacing
    }

    /// The audio burst.
    pub fn audio_burst(&self) -> Duration {
        self.audio_burst
    }

    /// The video burst, in frames.
    pub fn video_burst(&self) -> u32 {
        self.video_burst
    }

    /// The session faults.
    pub fn faults(&self) -> &SessionFaults {
        &self.faults
    }
}

#[cfg(test)]
mod tests;
