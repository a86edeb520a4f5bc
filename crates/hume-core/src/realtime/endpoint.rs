//! The two realtime endpoints as types: [`Audio`] and [`Video`], both [`Endpoint`]s, so one
//! [`Session`](super::Session) machine serves both and hands out each one's own message
//! types.
//!
//! What differs between them is all here: the message types, the frame check, the message size
//! limit and which server messages answer a frame. The rest (handshake, configuration lock,
//! pacing, pairing, close and drain, reconnect) is written once, in the session.

use std::fmt;
use std::time::Duration;

use hume_models::ParseError;
use hume_models::ValidationErrors;
use hume_models::v1::SessionId;
use hume_models::v1::limits::{MAX_AUDIO_MESSAGE_BYTES, MAX_VIDEO_MESSAGE_BYTES};
use hume_models::v1::realtime::{
    AudioClientMessage, AudioServerMessage, AudioSessionClosed, AudioSessionUpdate,
    AudioSessionUpdated, CloseReason, ErrorCode, ErrorMessage, VideoClientMessage,
    VideoServerMessage, VideoSessionClosed, VideoSessionUpdate, VideoSessionUpdated,
};

use super::frame::{FrameError, check_audio_frame, check_video_frame};

/// Which realtime endpoint, as a value (for logs, errors and the reconnect rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EndpointKind {
    /// `/v1/expression/audio/realtime`.
    Audio,
    /// `/v1/expression/video/realtime`.
    Video,
}

impl EndpointKind {
    /// `"audio"` or `"video"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EndpointKind::Audio => "audio",
            EndpointKind::Video => "video",
        }
    }

    /// The WebSocket path, appended to the `wss://` origin.
    pub fn path(self) -> &'static str {
        match self {
            EndpointKind::Audio => "/v1/expression/audio/realtime",
            EndpointKind::Video => "/v1/expression/video/realtime",
        }
    }

    /// The largest message (text or binary) the socket takes; a larger one ends the session.
    pub fn max_message_bytes(self) -> u64 {
        match self {
            EndpointKind::Audio => MAX_AUDIO_MESSAGE_BYTES,
            EndpointKind::Video => MAX_VIDEO_MESSAGE_BYTES,
        }
    }

    /// Does an `error` with this code answer one frame? Video: `invalid_image_frame`,
    /// `rate_limited`, `internal_error` (every frame gets exactly one reply). Audio:
    /// `invalid_audio_frame` and `rate_limited` (accepted frames get no reply).
    pub fn error_answers_frame(self, code: &ErrorCode) -> bool {
        match self {
            EndpointKind::Audio => code.answers_audio_frame(),
            EndpointKind::Video => code.answers_video_frame(),
        }
    }
}

impl fmt::Display for EndpointKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a session learns from one server message; see [`Endpoint::signal`].
#[derive(Debug)]
#[non_exhaustive]
pub enum Signal<'a, E: Endpoint> {
    /// `session.created`: the session (= run) id and the configuration in force.
    Created {
        /// The new session's id.
        session_id: &'a SessionId,
        /// The defaults in force.
        config: E::Config,
    },
    /// `session.updated`: the configuration in force.
    Updated(E::Config),
    /// Audio `utterance.start`: speech started at this point of the session's audio.
    UtteranceStart {
        /// Milliseconds from the start of the session's accepted audio.
        audio_start_ms: u64,
    },
    /// Audio `utterance.end`: speech ended at this point of the session's audio.
    UtteranceEnd {
        /// Milliseconds from the start of the session's accepted audio.
        audio_end_ms: u64,
    },
    /// Video `measurement.result`: the answer to the oldest unanswered frame.
    FrameResult,
    /// `error`.
    Error(&'a ErrorMessage),
    /// `session.closed`: why, and the totals.
    Closed {
        /// The message.
        closed: &'a E::Closed,
        /// Its `reason`.
        reason: &'a CloseReason,
    },
    /// Anything else (audio `measurement.result`, a message of an unknown type).
    Other,
}

/// A realtime endpoint: [`Audio`] or [`Video`] (sealed; the session machine is generic over
/// it). The functions are the endpoint's own rules, usable on their own too.
pub trait Endpoint: sealed::Sealed + fmt::Debug + Send + Sync + 'static {
    /// The client's `session.update` body.
    type Update: Clone + fmt::Debug + Send + Sync + 'static;
    /// The configuration in force (`session.created`'s defaults, `session.updated`).
    type Config: Clone + fmt::Debug + PartialEq + Send + Sync + 'static;
    /// Every message the server sends (tagged by `type`, unknown types kept).
    type ServerMessage: Clone + fmt::Debug + Send + Sync + 'static;
    /// The `session.closed` body: reason and totals.
    type Closed: Clone + fmt::Debug + PartialEq + Send + Sync + 'static;

    /// Which endpoint this is.
    const KIND: EndpointKind;

    /// Checks one frame before it is sent; `Ok` carries the audio it holds (zero for video,
    /// whose pacing counts frames).
    fn check_frame(frame: &[u8]) -> Result<Duration, FrameError>;

    /// Checks a `session.update` against the documented rules, every problem at once.
    fn validate_update(update: &Self::Update) -> Result<(), ValidationErrors>;

    /// The `session.update` text message.
    fn update_message(update: &Self::Update) -> String;

    /// The `session.close` text message.
    fn close_message() -> String;

    /// Parses one text message from the server (an unknown `type` is kept, never an error).
    fn parse(text: &[u8]) -> Result<Self::ServerMessage, ParseError>;

    /// A message's wire `type` (`"session.created"`, ...; an unknown message's own `type`, or
    /// `""`).
    fn message_type(message: &Self::ServerMessage) -> &str;

    /// What the session learns from a message.
    fn signal(message: &Self::ServerMessage) -> Signal<'_, Self>
    where
        Self: Sized;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Audio {}
    impl Sealed for super::Video {}
}

/// The realtime audio endpoint (`/v1/expression/audio/realtime`): binary frames of headerless
/// 16 kHz mono s16le PCM, paced at most one second of audio per second. A type-level marker
/// (`Session<Audio>`); it has no values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audio {}

/// The realtime video endpoint (`/v1/expression/video/realtime`): one complete JPEG per binary
/// frame, at most three frames per second, one reply per frame. A type-level marker
/// (`Session<Video>`); it has no values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Video {}

impl Endpoint for Audio {
    type Update = AudioSessionUpdate;
    type Config = AudioSessionUpdated;
    type ServerMessage = AudioServerMessage;
    type Closed = AudioSessionClosed;

    const KIND: EndpointKind = EndpointKind::Audio;

    fn check_frame(frame: &[u8]) -> Result<Duration, FrameError> {
        check_audio_frame(frame)
    }

    fn validate_update(update: &AudioSessionUpdate) -> Result<(), ValidationErrors> {
        update.validate()
    }

    fn update_message(update: &AudioSessionUpdate) -> String {
        AudioClientMessage::SessionUpdate(update.clone()).to_json()
    }

    fn close_message() -> String {
        AudioClientMessage::SessionClose.to_json()
    }

    fn parse(text: &[u8]) -> Result<AudioServerMessage, ParseError> {
        AudioServerMessage::from_slice(text)
    }

    fn message_type(message: &AudioServerMessage) -> &str {
        message.type_name()
    }

    fn signal(message: &AudioServerMessage) -> Signal<'_, Audio> {
        match message {
            AudioServerMessage::SessionCreated(m) => Signal::Created {
                session_id: &m.session_id,
                config: m.config(),
            },
            AudioServerMessage::SessionUpdated(m) => Signal::Updated(m.clone()),
            AudioServerMessage::UtteranceStart(m) => Signal::UtteranceStart {
                audio_start_ms: m.audio_start_ms,
            },
            AudioServerMessage::UtteranceEnd(m) => Signal::UtteranceEnd {
                audio_end_ms: m.audio_end_ms,
            },
            AudioServerMessage::Error(e) => Signal::Error(e),
            AudioServerMessage::SessionClosed(m) => Signal::Closed {
                closed: m,
                reason: &m.reason,
            },
            _ => Signal::Other,
        }
    }
}

impl Endpoint for Video {
    type Update = VideoSessionUpdate;
    type Config = VideoSessionUpdated;
    type ServerMessage = VideoServerMessage;
    type Closed = VideoSessionClosed;

    const KIND: EndpointKind = EndpointKind::Video;

    fn check_frame(frame: &[u8]) -> Result<Duration, FrameError> {
        check_video_frame(frame).map(|_| Duration::ZERO)
    }

    fn validate_update(update: &VideoSessionUpdate) -> Result<(), ValidationErrors> {
        update.validate()
    }

    fn update_message(update: &VideoSessionUpdate) -> String {
        VideoClientMessage::SessionUpdate(update.clone()).to_json()
    }

    fn close_message() -> String {
        VideoClientMessage::SessionClose.to_json()
    }

    fn parse(text: &[u8]) -> Result<VideoServerMessage, ParseError> {
        VideoServerMessage::from_slice(text)
    }

    fn message_type(message: &VideoServerMessage) -> &str {
        message.type_name()
    }

    fn signal(message: &VideoServerMessage) -> Signal<'_, Video> {
        match message {
            VideoServerMessage::SessionCreated(m) => Signal::Created {
                session_id: &m.session_id,
                config: m.config(),
            },
            VideoServerMessage::SessionUpdated(m) => Signal::Updated(m.clone()),
            VideoServerMessage::MeasurementResult(_) => Signal::FrameResult,
            VideoServerMessage::Error(e) => Signal::Error(e),
            VideoServerMessage::SessionClosed(m) => Signal::Closed {
                closed: m,
                reason: &m.reason,
            },
            _ => Signal::Other,
        }
    }
}

#[cfg(test)]
mod tests;
