//! [`Refusal`]: what a session refuses before sending, inside
//! [`HumeError::RealtimeRefused`](crate::HumeError::RealtimeRefused).

use std::fmt;

use hume_models::ValidationErrors;

use super::frame::FrameError;

/// A frame or `session.update` the session refused locally; nothing was sent and the session
/// goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// The frame failed a check.
    Frame(FrameError),
    /// A `session.update` after the first frame, which the server would answer by ending the
    /// session with `config_invalid`.
    UpdateAfterFirstFrame,
    /// A `session.update` with values outside the documented rules.
    InvalidUpdate(ValidationErrors),
    /// The session is closing or has ended: [`close`](super::Session::close) was called, or it
    /// is over.
    Closing,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Frame(e) => e.fmt(f),
            Refusal::UpdateAfterFirstFrame => f.write_str(
                "session.update after the first frame would end the session (config_invalid); \
                 configure the session before sending frames",
            ),
            Refusal::InvalidUpdate(errors) => write!(f, "invalid session.update: {errors}"),
            Refusal::Closing => f.write_str("the session is closing or has ended"),
        }
    }
}

impl From<FrameError> for Refusal {
    fn from(e: FrameError) -> Self {
        Refusal::Frame(e)
    }
}
