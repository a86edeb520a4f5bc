//! [`SessionSummary`] (what a session that closed cleanly returns) and [`SessionStats`].

use hume_models::v1::SessionId;

use super::endpoint::Endpoint;

/// What a session that closed cleanly returns: the server's totals and the client's count.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SessionSummary<E: Endpoint> {
    /// The last session's `session.closed` (reason `client_request`) with its totals. After a
    /// reconnect these cover only the last session; each earlier one is a run of its own.
    pub closed: E::Closed,
    /// Every session opened, in order (each is also a run id).
    pub session_ids: Vec<SessionId>,
    /// What the client did.
    pub stats: SessionStats,
}

/// Frame and connection counts of a session, over all its reconnects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SessionStats {
    /// Frames accepted by [`send_frame`](super::Session::send_frame) (queued, not dropped).
    pub submitted: u64,
    /// Binary messages sent, each resend counted again.
    pub sent: u64,
    /// Frames queued again (after `rate_limited`, a retryable `internal_error`, or a
    /// reconnect).
    pub resent: u64,
    /// Live frames dropped: no send budget, or no session open.
    pub dropped: u64,
    /// Live video frames whose replies a reconnect lost.
    pub lost: u64,
    /// Reconnects scheduled.
    pub reconnects: u32,
}
