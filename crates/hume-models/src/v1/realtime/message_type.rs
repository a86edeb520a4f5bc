//! The `type` strings of every realtime message, for code that routes raw JSON.

/// Client → server: configure the session (before the first frame).
pub const SESSION_UPDATE: &str = "session.update";
/// Client → server: finish the session (the server answers what is pending first).
pub const SESSION_CLOSE: &str = "session.close";
/// Server → client: the first message, with the session id and the defaults in force.
pub const SESSION_CREATED: &str = "session.created";
/// Server → client: the full configuration in force after a `session.update`.
pub const SESSION_UPDATED: &str = "session.updated";
/// Server → client (audio): speech started.
pub const UTTERANCE_START: &str = "utterance.start";
/// Server → client: one measurement (audio window or video frame).
pub const MEASUREMENT_RESULT: &str = "measurement.result";
/// Server → client (audio): speech ended.
pub const UTTERANCE_END: &str = "utterance.end";
/// Server → client: a rejected message or a failure.
pub const ERROR: &str = "error";
/// Server → client: the last message, with the reason and totals.
pub const SESSION_CLOSED: &str = "session.closed";
