//! [`SessionEnd`]: how a realtime session ended when the client did not end it, inside
//! [`HumeError::RealtimeSessionEnded`](crate::HumeError::RealtimeSessionEnded).

use std::fmt;

use hume_models::v1::realtime::CloseReason;

use super::reconnect::{CloseInfo, RECONNECT_CLOSE_CODES};

/// How a realtime session ended without the totals the client asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionEnd {
    /// The server closed the session (`session.closed`) with this reason: `idle_timeout`,
    /// `server_shutdown` with no reconnect left, `error` with no error message.
    Closed {
        /// The `session.closed` reason.
        reason: CloseReason,
    },
    /// The connection closed without a `session.closed` (and no reconnect followed).
    ConnectionClosed(CloseInfo),
    /// Keepalive pings went unanswered: the connection was dead.
    KeepaliveTimeout,
    /// The server accepted the connection but sent no `session.created`.
    HandshakeTimeout,
    /// After `session.close`, `session.closed` did not come within the drain timeout.
    DrainTimeout,
    /// The client aborted the session ([`Session::abort`](super::Session::abort)).
    Aborted,
}

impl SessionEnd {
    /// May a new session succeed where this one ended? (A shutdown, a dropped or dead
    /// connection, a server asking to try again: yes; an idle timeout or an abort: no.)
    pub fn is_retryable(&self) -> bool {
        match self {
            SessionEnd::Closed { reason } => *reason == CloseReason::ServerShutdown,
            SessionEnd::ConnectionClosed(close) => {
                RECONNECT_CLOSE_CODES.contains(&close.code_or_abnormal())
            }
            SessionEnd::KeepaliveTimeout | SessionEnd::HandshakeTimeout => true,
            SessionEnd::DrainTimeout | SessionEnd::Aborted => false,
        }
    }
}

impl fmt::Display for SessionEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionEnd::Closed { reason } => write!(f, "the server closed it ({reason})"),
            SessionEnd::ConnectionClosed(close) => write!(f, "the connection closed {close}"),
            SessionEnd::KeepaliveTimeout => f.write_str("keepalive pings went unanswered"),
            SessionEnd::HandshakeTimeout => f.write_str("the server sent no session.created"),
            SessionEnd::DrainTimeout => {
                f.write_str("session.closed did not come in time after session.close")
            }
            SessionEnd::Aborted => f.write_str("aborted by the client"),
        }
    }
}
