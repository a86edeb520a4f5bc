//! The message unions of the realtime audio socket: [`AudioClientMessage`] (what a client
//! sends as text) and [`AudioServerMessage`] (what the server sends), tagged by `type`.
//!
//! Audio itself goes in binary messages (headerless s16le PCM, 16 kHz mono), not here.

use serde::{Serialize, Serializer};
use serde_json::Value;

use super::tagged::{TagOnly, Tagged, message_enum_impls, type_of};
use super::{
    AudioSessionClosed, AudioSessionCreated, AudioSessionUpdate, AudioSessionUpdated, ErrorMessage,
    UtteranceStart, message_type,
};
use crate::ParseError;
use crate::parse_error;
use crate::v1::{AudioMeasurement, Utterance};

/// A text message a client sends on the audio socket.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum AudioClientMessage {
    /// `session.update`: configure the session (before the first frame).
    SessionUpdate(AudioSessionUpdate),
    /// `session.close`: finish; the server sends what is pending, then `session.closed`.
    SessionClose,
    /// A message of a `type` this crate does not know (or without one), as sent.
    Unknown(Value),
}

impl AudioClientMessage {
    /// The wire `type` (for [`Unknown`](Self::Unknown), its `type` if it has one, else "").
    pub fn type_name(&self) -> &str {
        match self {
            AudioClientMessage::SessionUpdate(_) => message_type::SESSION_UPDATE,
            AudioClientMessage::SessionClose => message_type::SESSION_CLOSE,
            AudioClientMessage::Unknown(v) => type_of(v).unwrap_or(""),
        }
    }

    /// Classifies a decoded message by its `type`.
    pub fn from_value(value: Value) -> Result<Self, ParseError> {
        Ok(match type_of(&value) {
            Some(message_type::SESSION_UPDATE) => AudioClientMessage::SessionUpdate(
                parse_error::from_value("AudioSessionUpdate", value)?,
            ),
            Some(message_type::SESSION_CLOSE) => AudioClientMessage::SessionClose,
            _ => AudioClientMessage::Unknown(value),
        })
    }
}

message_enum_impls!(AudioClientMessage, "AudioClientMessage");

impl Serialize for AudioClientMessage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let kind = self.type_name();
        match self {
            AudioClientMessage::SessionUpdate(m) => Tagged { kind, body: m }.serialize(s),
            AudioClientMessage::SessionClose => TagOnly { kind }.serialize(s),
            AudioClientMessage::Unknown(v) => v.serialize(s),
        }
    }
}

impl From<AudioSessionUpdate> for AudioClientMessage {
    fn from(m: AudioSessionUpdate) -> Self {
        AudioClientMessage::SessionUpdate(m)
    }
}

/// A message the server sends on the audio socket.
///
/// Order: `session.created` first; `session.updated` after each `session.update`; for each
/// utterance `utterance.start`, its `measurement.result`s, `utterance.end`; `error` at any
/// time; `session.closed` last. A session ended by an error may leave its last utterance
/// without an `utterance.end`.
///
/// ```
/// use hume_models::v1::realtime::AudioServerMessage;
///
/// let m = AudioServerMessage::from_json(r#"{"type":"utterance.start","utterance_id":0,"audio_start_ms":98}"#)?;
/// assert!(matches!(m, AudioServerMessage::UtteranceStart(ref u) if u.audio_start_ms == 98));
///
/// // A message type added after this crate was written is kept, not rejected.
/// let m = AudioServerMessage::from_json(r#"{"type":"session.warning","detail":"x"}"#)?;
/// assert_eq!(m.type_name(), "session.warning");
/// assert!(matches!(m, AudioServerMessage::Unknown(_)));
/// # Ok::<(), hume_models::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum AudioServerMessage {
    /// `session.created`: the session id and the defaults in force.
    SessionCreated(AudioSessionCreated),
    /// `session.updated`: the configuration in force after a `session.update`.
    SessionUpdated(AudioSessionUpdated),
    /// `utterance.start`: speech started.
    UtteranceStart(UtteranceStart),
    /// `measurement.result`: one measurement of the current utterance.
    MeasurementResult(AudioMeasurement),
    /// `utterance.end`: speech ended; the utterance's full extent.
    UtteranceEnd(Utterance),
    /// `error`: a rejected frame or message, or a failure (see
    /// [`ErrorMessage::retryable`]).
    Error(ErrorMessage),
    /// `session.closed`: the reason and totals; the last message.
    SessionClosed(AudioSessionClosed),
    /// A message of a `type` this crate does not know (or without one), as sent.
    Unknown(Value),
}

impl AudioServerMessage {
    /// The wire `type` (for [`Unknown`](Self::Unknown), its `type` if it has one, else "").
    pub fn type_name(&self) -> &str {
        match self {
            AudioServerMessage::SessionCreated(_) => message_type::SESSION_CREATED,
            AudioServerMessage::SessionUpdated(_) => message_type::SESSION_UPDATED,
            AudioServerMessage::UtteranceStart(_) => message_type::UTTERANCE_START,
            AudioServerMessage::MeasurementResult(_) => message_type::MEASUREMENT_RESULT,
            AudioServerMessage::UtteranceEnd(_) => message_type::UTTERANCE_END,
            AudioServerMessage::Error(_) => message_type::ERROR,
            AudioServerMessage::SessionClosed(_) => message_type::SESSION_CLOSED,
            AudioServerMessage::Unknown(v) => type_of(v).unwrap_or(""),
        }
    }

    /// Classifies a decoded message by its `type`.
    pub fn from_value(value: Value) -> Result<Self, ParseError> {
        use AudioServerMessage as M;
        Ok(match type_of(&value) {
            Some(message_type::SESSION_CREATED) => {
                M::SessionCreated(parse_error::from_value("AudioSessionCreated", value)?)
            }
            Some(message_type::SESSION_UPDATED) => {
                M::SessionUpdated(parse_error::from_value("AudioSessionUpdated", value)?)
            }
            Some(message_type::UTTERANCE_START) => {
                M::UtteranceStart(parse_error::from_value("UtteranceStart", value)?)
            }
            Some(message_type::MEASUREMENT_RESULT) => {
                M::MeasurementResult(parse_error::from_value("AudioMeasurement", value)?)
            }
            Some(message_type::UTTERANCE_END) => {
                M::UtteranceEnd(parse_error::from_value("UtteranceEnd", value)?)
            }
            Some(message_type::ERROR) => M::Error(parse_error::from_value("ErrorMessage", value)?),
            Some(message_type::SESSION_CLOSED) => {
                M::SessionClosed(parse_error::from_value("AudioSessionClosed", value)?)
            }
            _ => M::Unknown(value),
        })
    }

    /// Is this the last message of the session (`session.closed`)?
    pub fn is_session_closed(&self) -> bool {
        matches!(self, AudioServerMessage::SessionClosed(_))
    }
}

message_enum_impls!(AudioServerMessage, "AudioServerMessage");

impl Serialize for AudioServerMessage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let kind = self.type_name();
        match self {
            AudioServerMessage::SessionCreated(m) => Tagged { kind, body: m }.serialize(s),
            AudioServerMessage::SessionUpdated(m) => Tagged { kind, body: m }.serialize(s),
            AudioServerMessage::UtteranceStart(m) => Tagged { kind, body: m }.serialize(s),
            AudioServerMessage::MeasurementResult(m) => Tagged { kind, body: m }.serialize(s),
            AudioServerMessage::UtteranceEnd(m) => Tagged { kind, body: m }.serialize(s),
            AudioServerMessage::Error(m) => Tagged { kind, body: m }.serialize(s),
            AudioServerMessage::SessionClosed(m) => Tagged { kind, body: m }.serialize(s),
            AudioServerMessage::Unknown(v) => v.serialize(s),
        }
    }
}

macro_rules! from_body {
    ($($body:ty => $variant:ident),*) => {$(
        impl From<$body> for AudioServerMessage {
            fn from(m: $body) -> Self {
                AudioServerMessage::$variant(m)
            }
        }
    )*};
}

from_body!(
    AudioSessionCreated => SessionCreated,
    AudioSessionUpdated => SessionUpdated,
    UtteranceStart => UtteranceStart,
    AudioMeasurement => MeasurementResult,
    Utterance => UtteranceEnd,
    ErrorMessage => Error,
    AudioSessionClosed => SessionClosed
);
