//! The message unions of the realtime video socket: [`VideoClientMessage`] (what a client
//! sends as text) and [`VideoServerMessage`] (what the server sends), tagged by `type`.
//!
//! Frames go in binary messages (one complete JPEG each), not here.

use serde::{Serialize, Serializer};
use serde_json::Value;

use super::tagged::{TagOnly, Tagged, message_enum_impls, type_of};
use super::{
    ErrorMessage, VideoSessionClosed, VideoSessionCreated, VideoSessionUpdate, VideoSessionUpdated,
    message_type,
};
use crate::ParseError;
use crate::parse_error;
use crate::v1::FrameMeasurement;

/// A text message a client sends on the video socket.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum VideoClientMessage {
    /// `session.update`: configure the session (before the first frame).
    SessionUpdate(VideoSessionUpdate),
    /// `session.close`: finish; frames already sent are answered before `session.closed`.
    SessionClose,
    /// A message of a `type` this crate does not know (or without one), as sent.
    Unknown(Value),
}

impl VideoClientMessage {
    /// The wire `type` (for [`Unknown`](Self::Unknown), its `type` if it has one, else "").
    pub fn type_name(&self) -> &str {
        match self {
            VideoClientMessage::SessionUpdate(_) => message_type::SESSION_UPDATE,
            VideoClientMessage::SessionClose => message_type::SESSION_CLOSE,
            VideoClientMessage::Unknown(v) => type_of(v).unwrap_or(""),
        }
    }

    /// Classifies a decoded message by its `type`.
    pub fn from_value(value: Value) -> Result<Self, ParseError> {
        Ok(match type_of(&value) {
            Some(message_type::SESSION_UPDATE) => VideoClientMessage::SessionUpdate(
                parse_error::from_value("VideoSessionUpdate", value)?,
            ),
            Some(message_type::SESSION_CLOSE) => VideoClientMessage::SessionClose,
            _ => VideoClientMessage::Unknown(value),
        })
    }
}

message_enum_impls!(VideoClientMessage, "VideoClientMessage");

impl Serialize for VideoClientMessage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let kind = self.type_name();
        match self {
            VideoClientMessage::SessionUpdate(m) => Tagged { kind, body: m }.serialize(s),
            VideoClientMessage::SessionClose => TagOnly { kind }.serialize(s),
            VideoClientMessage::Unknown(v) => v.serialize(s),
        }
    }
}

impl From<VideoSessionUpdate> for VideoClientMessage {
    fn from(m: VideoSessionUpdate) -> Self {
        VideoClientMessage::SessionUpdate(m)
    }
}

/// A message the server sends on the video socket.
///
/// Every frame gets exactly one reply, in the order sent: a `measurement.result` or an
/// `error` whose code [answers a frame](super::ErrorCode::answers_video_frame). Other errors
/// answer a text message or end the session.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum VideoServerMessage {
    /// `session.created`: the session id and the defaults in force.
    SessionCreated(VideoSessionCreated),
    /// `session.updated`: the configuration in force after a `session.update`.
    SessionUpdated(VideoSessionUpdated),
    /// `measurement.result`: the faces of one accepted frame.
    MeasurementResult(FrameMeasurement),
    /// `error`: a rejected frame or message, or a failure.
    Error(ErrorMessage),
    /// `session.closed`: the reason and totals; the last message.
    SessionClosed(VideoSessionClosed),
    /// A message of a `type` this crate does not know (or without one), as sent.
    Unknown(Value),
}

impl VideoServerMessage {
    /// The wire `type` (for [`Unknown`](Self::Unknown), its `type` if it has one, else "").
    pub fn type_name(&self) -> &str {
        match self {
            VideoServerMessage::SessionCreated(_) => message_type::SESSION_CREATED,
            VideoServerMessage::SessionUpdated(_) => message_type::SESSION_UPDATED,
            VideoServerMessage::MeasurementResult(_) => message_type::MEASUREMENT_RESULT,
            VideoServerMessage::Error(_) => message_type::ERROR,
            VideoServerMessage::SessionClosed(_) => message_type::SESSION_CLOSED,
            VideoServerMessage::Unknown(v) => type_of(v).unwrap_or(""),
        }
    }

    /// Classifies a decoded message by its `type`.
    pub fn from_value(value: Value) -> Result<Self, ParseError> {
        use VideoServerMessage as M;
        Ok(match type_of(&value) {
            Some(message_type::SESSION_CREATED) => {
                M::SessionCreated(parse_error::from_value("VideoSessionCreated", value)?)
            }
            Some(message_type::SESSION_UPDATED) => {
                M::SessionUpdated(parse_error::from_value("VideoSessionUpdated", value)?)
            }
            Some(message_type::MEASUREMENT_RESULT) => {
                M::MeasurementResult(parse_error::from_value("FrameMeasurement", value)?)
            }
            Some(message_type::ERROR) => M::Error(parse_error::from_value("ErrorMessage", value)?),
            Some(message_type::SESSION_CLOSED) => {
                M::SessionClosed(parse_error::from_value("VideoSessionClosed", value)?)
            }
            _ => M::Unknown(value),
        })
    }

    /// Does this message answer one frame (a result, or an error that
    /// [answers a frame](super::ErrorCode::answers_video_frame))?
    pub fn answers_frame(&self) -> bool {
        match self {
            VideoServerMessage::MeasurementResult(_) => true,
            VideoServerMessage::Error(e) => e.code.answers_video_frame(),
            _ => false,
        }
    }

    /// Is this the last message of the session (`session.closed`)?
    pub fn is_session_closed(&self) -> bool {
        matches!(self, VideoServerMessage::SessionClosed(_))
    }
}

message_enum_impls!(VideoServerMessage, "VideoServerMessage");

impl Serialize for VideoServerMessage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let kind = self.type_name();
        match self {
            VideoServerMessage::SessionCreated(m) => Tagged { kind, body: m }.serialize(s),
            VideoServerMessage::SessionUpdated(m) => Tagged { kind, body: m }.serialize(s),
            VideoServerMessage::MeasurementResult(m) => Tagged { kind, body: m }.serialize(s),
            VideoServerMessage::Error(m) => Tagged { kind, body: m }.serialize(s),
            VideoServerMessage::SessionClosed(m) => Tagged { kind, body: m }.serialize(s),
            VideoServerMessage::Unknown(v) => v.serialize(s),
        }
    }
}

macro_rules! from_body {
    ($($body:ty => $variant:ident),*) => {$(
        impl From<$body> for VideoServerMessage {
            fn from(m: $body) -> Self {
                VideoServerMessage::$variant(m)
            }
        }
    )*};
}

from_body!(
    VideoSessionCreated => SessionCreated,
    VideoSessionUpdated => SessionUpdated,
    FrameMeasurement => MeasurementResult,
    ErrorMessage => Error,
    VideoSessionClosed => SessionClosed
);
