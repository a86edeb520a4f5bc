//! [`SessionFaults`]: fault injection for realtime sessions — cutting a session short (a dropped
//! connection, or a close with 1012 or 1013) and forcing `rate_limited` on some frames.
//!
//! These are deterministic (counted, not drawn), so a test knows exactly which session and which
//! frame is hit. The HTTP fault plan ([`FaultConfig`](crate::FaultConfig)) applies to the
//! WebSocket handshake as to any request, independently of these.

use std::fmt;
use std::time::Duration;

/// How a session is cut short by fault injection. No `session.closed` is sent first: the
/// session ends as it would behind a proxy that restarts or a worker that crashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SessionCut {
    /// The TCP connection is closed without a WebSocket close frame (the client sees 1006).
    /// The run records close code 1011, reason `error`, status `errored`.
    Drop,
    /// A close frame with 1012 (service restart). The run records 1012, reason
    /// `server_shutdown`, status `ended`.
    Restart,
    /// A close frame with 1013 (try again later). The run records 1013, reason `error`, status
    /// `errored`.
    TryAgainLater,
}

impl SessionCut {
    /// The close code sent, or `None` for [`Drop`](Self::Drop) (no close frame).
    pub fn close_code(self) -> Option<u16> {
        match self {
            SessionCut::Drop => None,
            SessionCut::Restart => Some(1012),
            SessionCut::TryAgainLater => Some(1013),
        }
    }

    /// `drop`, `1012` or `1013` (the command-line spelling).
    pub fn as_str(self) -> &'static str {
        match self {
            SessionCut::Drop => "drop",
            SessionCut::Restart => "1012",
            SessionCut::TryAgainLater => "1013",
        }
    }
}

impl fmt::Display for SessionCut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Faults injected into realtime sessions (builder-lite; none by default).
///
/// - A **cut** ends a session abruptly ([`SessionCut`]) once it has handled
///   [`with_cut_after_frames`](Self::with_cut_after_frames) binary messages (each answered
///   first), or once [`with_cut_after`](Self::with_cut_after) has passed since it opened,
///   whichever comes first; with neither, right after `session.created`. With
///   [`with_cut_sessions`](Self::with_cut_sessions) only the first K sessions the emulator
///   opens are cut, so a client that reconnects gets a healthy session next.
/// - [`with_rate_limit_every`](Self::with_rate_limit_every): every n-th frame of each session
///   that reaches the send-rate check (after the audio frame checks; first thing for video) is
///   answered `rate_limited` and not measured, whatever the actual rate.
///
/// ```
/// use std::time::Duration;
/// use hume_emulator::{SessionCut, SessionFaults};
///
/// // The first session closes with 1012 after 20 frames; every 5th frame is rate limited.
/// let faults = SessionFaults::none()
///     .with_cut(SessionCut::Restart)
///     .with_cut_after_frames(20)
///     .with_cut_sessions(1)
///     .with_rate_limit_every(5);
/// assert!(faults.is_active());
/// assert!(faults.cuts_session(0) && !faults.cuts_session(1));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionFaults {
    cut: Option<SessionCut>,
    cut_after_frames: Option<u64>,
    cut_after: Option<Duration>,
    cut_sessions: Option<u64>,
    rate_limit_every: Option<u64>,
}

impl SessionFaults {
    /// No faults (same as `Default`).
    pub fn none() -> Self {
        SessionFaults::default()
    }

    /// Cuts sessions short this way (see [`SessionCut`]).
    pub fn with_cut(mut self, cut: SessionCut) -> Self {
        self.cut = Some(cut);
        self
    }

    /// Cuts a session once it has handled this many binary messages (frames), each answered
    /// before the cut.
    pub fn with_cut_after_frames(mut self, frames: u64) -> Self {
        self.cut_after_frames = Some(frames);
        self
    }

    /// Cuts a session this long after it opened.
    pub fn with_cut_after(mut self, after: Duration) -> Self {
        self.cut_after = Some(after);
        self
    }

    /// Cuts only the first `sessions` sessions the emulator opens (all of them by default).
    pub fn with_cut_sessions(mut self, sessions: u64) -> Self {
        self.cut_sessions = Some(sessions);
        self
    }

    /// Answers every `n`-th frame of a session `rate_limited` (`0` turns this off).
    pub fn with_rate_limit_every(mut self, n: u64) -> Self {
        self.rate_limit_every = (n > 0).then_some(n);
        self
    }

    /// The cut, if any.
    pub fn cut(&self) -> Option<SessionCut> {
        self.cut
    }

    /// Frames after which a session is cut.
    pub fn cut_after_frames(&self) -> Option<u64> {
        self.cut_after_frames
    }

    /// Time after which a session is cut.
    pub fn cut_after(&self) -> Option<Duration> {
        self.cut_after
    }

    /// How many sessions are cut (`None`: every one).
    pub fn cut_sessions(&self) -> Option<u64> {
        self.cut_sessions
    }

    /// Every how many frames one is rate limited.
    pub fn rate_limit_every(&self) -> Option<u64> {
        self.rate_limit_every
    }

    /// Is the session opened `index`-th (from 0) cut?
    pub fn cuts_session(&self, index: u64) -> bool {
        self.cut.is_some() && self.cut_sessions.is_none_or(|n| index < n)
    }

    /// The cut of the session opened `index`-th: how, after how many frames and after how
    /// long (both `None`: at once).
    pub(crate) fn cut_for(&self, index: u64) -> Option<CutPlan> {
        let cut = self.cut.filter(|_| self.cuts_session(index))?;
        let (frames, after) = match (self.cut_after_frames, self.cut_after) {
            (None, None) => (Some(0), None),
            other => other,
        };
        Some(CutPlan { cut, frames, after })
    }

    /// Whether any fault is configured.
    pub fn is_active(&self) -> bool {
        self.cut.is_some() || self.rate_limit_every.is_some()
    }
}

/// When and how one session is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CutPlan {
    pub(crate) cut: SessionCut,
    /// After this many frames handled.
    pub(crate) frames: Option<u64>,
    /// After this long.
    pub(crate) after: Option<Duration>,
}

#[cfg(test)]
mod tests;
