//! How a realtime session ends ([`Ending`]): what the client is sent last, the close frame,
//! and what the run records; and how a failed read ends it ([`ReadFailure`]).
//!
//! | ending | last messages | close frame | run: close code, reason, status |
//! |---|---|---|---|
//! | `session.close` | pending results, `session.closed` `client_request` | 1000 | 1000, `client_request`, `ended` |
//! | idle timeout | pending results, `session.closed` `idle_timeout` | 1000 | 1000, `idle_timeout`, `ended` |
//! | emulator shutdown | pending results, `session.closed` `server_shutdown` | 1001 | 1001, `server_shutdown`, `ended` |
//! | an error (`config_invalid`, `message_too_large`, ...) | the `error`, `session.closed` `error` | 1008 (1009 too large, 1007 bad UTF-8, 1002 protocol) | that code, `error`, `errored` |
//! | the client's close frame | – | (the reply) | its code and reason text (none without a code); `ended` for 1000/1001 or no code, else `errored` |
//! | connection lost (no close frame) | – | – | 1011, `error`, `errored` |
//! | fault: dropped | – | none (TCP closed) | 1011, `error`, `errored` |
//! | fault: 1012 / 1013 | – | 1012 / 1013 | 1012 `server_shutdown` `ended` / 1013 `error` `errored` |

use axum::Error;
use hume_models::v1::RunStatus;
use hume_models::v1::realtime::CloseReason;
use tokio_tungstenite_axum::tungstenite;

use crate::SessionCut;

/// Close code recorded for a connection lost without a close frame.
pub(crate) const LOST: u16 = 1011;

/// How a session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ending {
    /// The client sent `session.close`.
    ClientRequest,
    /// Nothing arrived for the idle timeout.
    IdleTimeout,
    /// The emulator is shutting down.
    ServerShutdown,
    /// An error ended it (its `error` message was sent); the close code.
    Fatal(u16),
    /// The client closed the connection (code and reason of its close frame).
    ClientClosed {
        /// The code (`None`: a close frame without one).
        code: Option<u16>,
        /// The reason text.
        reason: String,
    },
    /// The connection ended without a close frame, or a send failed.
    Lost,
    /// Fault injection cut it.
    Cut(SessionCut),
}

impl Ending {
    /// The reason of the `session.closed` sent before closing, if one is.
    pub(crate) fn closed_reason(&self) -> Option<CloseReason> {
        match self {
            Ending::ClientRequest => Some(CloseReason::ClientRequest),
            Ending::IdleTimeout => Some(CloseReason::IdleTimeout),
            Ending::ServerShutdown => Some(CloseReason::ServerShutdown),
            Ending::Fatal(_) => Some(CloseReason::Error),
            Ending::ClientClosed { .. } | Ending::Lost | Ending::Cut(_) => None,
        }
    }

    /// The close frame the emulator sends (`None`: it sends none — the client closed, the
    /// connection is gone, or a dropped connection is being simulated).
    pub(crate) fn close_frame(&self) -> Option<(u16, &'static str)> {
        match self {
            Ending::ClientRequest => Some((1000, "client_request")),
            Ending::IdleTimeout => Some((1000, "idle_timeout")),
            Ending::ServerShutdown => Some((1001, "server_shutdown")),
            Ending::Fatal(code) => Some((*code, "error")),
            Ending::Cut(SessionCut::Restart) => Some((1012, "service restart")),
            Ending::Cut(SessionCut::TryAgainLater) => Some((1013, "try again later")),
            Ending::Cut(SessionCut::Drop) | Ending::ClientClosed { .. } | Ending::Lost => None,
        }
    }

    /// What the run records: close code, close reason, status.
    pub(crate) fn record(&self) -> (Option<u16>, Option<CloseReason>, RunStatus) {
        match self {
            Ending::ClientRequest => (
                Some(1000),
                Some(CloseReason::ClientRequest),
                RunStatus::Ended,
            ),
            Ending::IdleTimeout => (Some(1000), Some(CloseReason::IdleTimeout), RunStatus::Ended),
            Ending::ServerShutdown => (
                Some(1001),
                Some(CloseReason::ServerShutdown),
                RunStatus::Ended,
            ),
            Ending::Fatal(code) => (Some(*code), Some(CloseReason::Error), RunStatus::Errored),
            Ending::ClientClosed { code: None, .. } => (None, None, RunStatus::Ended),
            Ending::ClientClosed {
                code: Some(code),
                reason,
            } => {
                let status = if matches!(code, 1000 | 1001) {
                    RunStatus::Ended
                } else {
                    RunStatus::Errored
                };
                (Some(*code), Some(CloseReason::from_wire(reason)), status)
            }
            Ending::Lost | Ending::Cut(SessionCut::Drop) => {
                (Some(LOST), Some(CloseReason::Error), RunStatus::Errored)
            }
            Ending::Cut(SessionCut::Restart) => (
                Some(1012),
                Some(CloseReason::ServerShutdown),
                RunStatus::Ended,
            ),
            Ending::Cut(SessionCut::TryAgainLater) => {
                (Some(1013), Some(CloseReason::Error), RunStatus::Errored)
            }
        }
    }
}

/// Why reading from the socket failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadFailure {
    /// A message (or frame) over the socket's size limit.
    TooLarge,
    /// A text message that is not UTF-8.
    InvalidUtf8,
    /// The client broke the WebSocket protocol.
    Protocol,
    /// The connection is gone.
    Lost,
}

/// Classifies a read error of axum's WebSocket by the tungstenite error inside it.
pub(crate) fn read_failure(error: Error) -> ReadFailure {
    let inner = error.into_inner();
    let Some(error) = inner.downcast_ref::<tungstenite::Error>() else {
        return ReadFailure::Lost;
    };
    match error {
        tungstenite::Error::Capacity(_) => ReadFailure::TooLarge,
        tungstenite::Error::Utf8(_) => ReadFailure::InvalidUtf8,
        tungstenite::Error::Protocol(
            tungstenite::error::ProtocolError::ResetWithoutClosingHandshake,
        ) => ReadFailure::Lost,
        tungstenite::Error::Protocol(_) => ReadFailure::Protocol,
        _ => ReadFailure::Lost,
    }
}

#[cfg(test)]
mod tests;
