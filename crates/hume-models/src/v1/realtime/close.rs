//! [`CloseReason`]: why a realtime session ended.

use crate::v1::open_enum::open_enum;

open_enum!(
    /// Why a realtime session ended (`reason` of `session.closed`, `close_reason` of a run).
    ///
    /// In a run record, a session the client closed carries the reason text of the client's
    /// close frame, kept as [`Other`](CloseReason::Other).
    CloseReason, "close reason", {
        /// The client sent `session.close`.
        ClientRequest => "client_request",
        /// The server is shutting down; reconnect.
        ServerShutdown => "server_shutdown",
        /// Nothing arrived for too long.
        IdleTimeout => "idle_timeout",
        /// An error ended the session (or, in a run record, the connection was lost).
        Error => "error",
    }
);
