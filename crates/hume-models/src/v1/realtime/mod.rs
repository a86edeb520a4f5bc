//! The realtime WebSocket messages of the v1 API, tagged by `type`.
//!
//! Two sockets, `GET /v1/expression/audio/realtime` and `GET /v1/expression/video/realtime`.
//! Media goes in binary messages (audio: headerless s16le PCM, 16 kHz mono, ≤ 10 s per frame;
//! video: one complete JPEG per frame); everything else is JSON text:
//!
//! | direction | audio | video |
//! |---|---|---|
//! | client → server | [`AudioClientMessage`]: `session.update`, `session.close` | [`VideoClientMessage`]: the same |
//! | server → client | [`AudioServerMessage`]: `session.created`, `session.updated`, `utterance.start`, `measurement.result`, `utterance.end`, `error`, `session.closed` | [`VideoServerMessage`]: `session.created`, `session.updated`, `measurement.result`, `error`, `session.closed` |
//!
//! A message of an unknown `type` (or with none) parses to `Unknown(serde_json::Value)`: the
//! server may add message types, and a client must not fail on them. A known type whose
//! fields do not fit is a [`ParseError`](crate::ParseError) naming the field.
//!
//! # Configuration
//!
//! The server opens with `session.created` (the session id, which is also the run id, and the
//! defaults in force). A client may send one `session.update` **before its first frame**; an
//! update after it ends the session with `config_invalid`. **An omitted field resets to its
//! default**: an update is the whole configuration, not a patch on the previous one
//! ([`AudioSessionUpdate::resolve`], [`VideoSessionUpdate::resolve`] compute what the
//! server's `session.updated` will report). Defaults: audio `audio/pcm`, `s16le`, 16 kHz,
//! 1 channel, `measurement_timer_ms` 3000; video `image/jpeg`, face threshold 0.9,
//! min_size 60.
//!
//! # Ending
//!
//! `session.close` asks the server to finish: it answers what is pending, sends
//! `session.closed` with the [`CloseReason`] and totals, and closes the connection. The
//! server also closes idle sessions (`idle_timeout`) and sessions that hit a fatal error
//! (`error` with `retryable: false`).

mod audio_messages;
mod audio_session;
mod close;
mod error_message;
pub mod message_type;
mod tagged;
mod video_messages;
mod video_session;

pub use audio_messages::{AudioClientMessage, AudioServerMessage};
pub use audio_session::{
    AudioProduced, AudioReceived, AudioSessionClosed, AudioSessionCreated, AudioSessionUpdate,
    AudioSessionUpdated, UtteranceStart,
};
pub use close::CloseReason;
pub use error_message::{ErrorCode, ErrorMessage};
pub use video_messages::{VideoClientMessage, VideoServerMessage};
pub use video_session::{
    VideoProduced, VideoReceived, VideoSessionClosed, VideoSessionCreated, VideoSessionUpdate,
    VideoSessionUpdated,
};
