//! [`SessionEvent`]: what a session hands to its user, with [`ResendCause`] and
//! [`ReconnectCause`].

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use hume_models::ParseError;
use hume_models::v1::realtime::{CloseReason, ErrorMessage};

use super::endpoint::Endpoint;
use super::reconnect::CloseInfo;
use crate::HumeError;

/// Something for the user of a session, in the order it happened. Every server message comes
/// out exactly once, as a [`Message`](Self::Message), a [`Reply`](Self::Reply), a
/// [`Resending`](Self::Resending) (its error inside), a [`Rejected`](Self::Rejected) or a
/// [`Malformed`](Self::Malformed).
#[non_exhaustive]
pub enum SessionEvent<E: Endpoint> {
    /// A server message that answers no frame: `session.created` (again after each
    /// reconnect, with a new session id), `session.updated`, audio `utterance.start`,
    /// `measurement.result` and `utterance.end`, an `error` about a text message or the
    /// session, `session.closed`, a message of an unknown type.
    Message(E::ServerMessage),
    /// The final reply to one frame, with the `tag` it was sent with. Video: a
    /// `measurement.result` or a frame `error`, paired exactly (replies come in the order
    /// frames were sent). Audio: an `invalid_audio_frame` or an unresent `rate_limited`,
    /// paired by an estimate (see the [module docs](super#pairing-replies-with-frames)).
    Reply {
        /// The frame's tag.
        tag: u64,
        /// The reply.
        message: E::ServerMessage,
    },
    /// Frames the session sends again, in a recording ([`StreamMode::Recording`]).
    ///
    /// [`StreamMode::Recording`]: super::StreamMode::Recording
    Resending {
        /// The frames' tags.
        tags: Vec<u64>,
        /// Why.
        cause: ResendCause,
    },
    /// A frame the server answered `rate_limited` in a live stream, handed back: send it again
    /// ([`Session::send_frame`](super::Session::send_frame)) or let it go.
    Rejected {
        /// The frame's tag.
        tag: u64,
        /// The frame's bytes.
        data: Bytes,
        /// The server's error.
        error: ErrorMessage,
    },
    /// Frames of a live stream that a reconnect left without a reply and that are not sent
    /// again: video frames sent and not yet answered, and frames (either endpoint) still
    /// queued, stale by the time a new session opens.
    Lost {
        /// The frames' tags.
        tags: Vec<u64>,
    },
    /// A text message that could not be read. When its `type` says it answered a frame, that
    /// frame's tag comes with it (so the pairing of later replies stays right).
    Malformed {
        /// The text (at most 512 bytes of it).
        text: String,
        /// Why it could not be read.
        error: ParseError,
        /// The frame it answered, if its type says it answered one.
        tag: Option<u64>,
    },
    /// The connection ended and the session reconnects after `delay`; a new
    /// `session.created` follows when it has.
    Reconnecting {
        /// This attempt's number in the current run of attempts (from 1).
        attempt: u32,
        /// The wait before the attempt.
        delay: Duration,
        /// What ended the connection, or the attempt before.
        cause: ReconnectCause,
    },
}

impl<E: Endpoint> fmt::Debug for SessionEvent<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionEvent::Message(message) => f.debug_tuple("Message").field(message).finish(),
            SessionEvent::Reply { tag, message } => f
                .debug_struct("Reply")
                .field("tag", tag)
                .field("message", message)
                .finish(),
            SessionEvent::Resending { tags, cause } => f
                .debug_struct("Resending")
                .field("tags", tags)
                .field("cause", cause)
                .finish(),
            // The frame's bytes would flood a log: their length is enough.
            SessionEvent::Rejected { tag, data, error } => f
                .debug_struct("Rejected")
                .field("tag", tag)
                .field("len", &data.len())
                .field("error", error)
                .finish(),
            SessionEvent::Lost { tags } => f.debug_struct("Lost").field("tags", tags).finish(),
            SessionEvent::Malformed { text, error, tag } => f
                .debug_struct("Malformed")
                .field("text", text)
                .field("error", error)
                .field("tag", tag)
                .finish(),
            SessionEvent::Reconnecting {
                attempt,
                delay,
                cause,
            } => f
                .debug_struct("Reconnecting")
                .field("attempt", attempt)
                .field("delay", delay)
                .field("cause", cause)
                .finish(),
        }
    }
}

/// Why frames are sent again.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResendCause {
    /// The server rejected the frame: `rate_limited`, or (video) a retryable `internal_error`.
    Rejected(ErrorMessage),
    /// The connection ended before the frames were answered (video) or measured (audio of the
    /// utterance in progress); the new session gets them.
    Reconnected,
}

/// What ended a connection (or attempt) that a reconnect follows.
#[derive(Debug)]
#[non_exhaustive]
pub enum ReconnectCause {
    /// The connection closed.
    Closed {
        /// The close as the driver saw it.
        close: CloseInfo,
        /// The `session.closed` reason, if one came (`server_shutdown`).
        reason: Option<CloseReason>,
    },
    /// Keepalive pings went unanswered.
    KeepaliveTimeout,
    /// The server sent no `session.created`.
    HandshakeTimeout,
    /// A reconnect attempt failed and may be made again.
    ConnectFailed(HumeError),
}
