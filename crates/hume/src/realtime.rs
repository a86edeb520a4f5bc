//! Realtime sessions of the Expression Measurement API v1 (`/v1/expression/audio/realtime`,
//! `/v1/expression/video/realtime`, WebSocket): what both clients share.
//!
//! A session is opened by a client, `client.audio().connect(SessionConfig::default())` or
//! `client.video().connect(..)` (blocking: [`crate::blocking::RealtimeSession`], an iterator of
//! events; async: [`crate::asynchronous::RealtimeSession`], a `Stream` of events). Frames go in
//! with `send_frame(bytes, tag)`; each event is a [`SessionEvent`]: every server message, the
//! reply to each frame with the tag it was sent with, resends and reconnects. `close()` returns
//! the [`SessionSummary`] (the server's `session.closed` totals) or the error that ended the
//! session.
//!
//! The rules are those of `hume_core::realtime::Session`, the one state machine both clients
//! drive:
//!
//! - **Configuration** (`update(..)`, a `session.update`) only before the first frame: later it
//!   is refused locally, since the server would end the session with `config_invalid`.
//! - **Frames** are checked before they are queued (audio: non-empty, even length, ≤ 10 s of
//!   16 kHz mono s16le, no WAV header; video: one complete JPEG ≤ 2 MB and ≤ 8,294,400 px); a
//!   refused frame is a [`HumeError::RealtimeRefused`](crate::HumeError::RealtimeRefused) and
//!   the session goes on.
//! - **Pacing**: frames leave at most at the documented rates (1 s of audio per second; 3 video
//!   frames per second, halved on `rate_limited` down to one per 2 s and recovering as frames
//!   are accepted), so a recording streamed as fast as it can be read runs at real time and
//!   gets no `rate_limited`. A `rate_limited` frame of a recording is sent again.
//! - **Pairing**: every video frame gets exactly one reply, paired by order; an audio frame's
//!   error is paired by an estimate (accepted audio frames get no reply).
//! - **Reconnects** ([`ReconnectPolicy`], the official SDKs' policy): after a dropped
//!   connection, a close with 1001, 1011, 1012 or 1013, or `session.closed` with
//!   `server_shutdown`, the client opens a new session (a new run) after 1–5 s, ×1.3 per
//!   attempt up to 10 s, at most 30 attempts in a row (counted again after 5 s of uptime); the
//!   last `session.update` goes first, then (in a recording) the video frames still unanswered
//!   and the audio of the utterance in progress. Never after `session.close`, an invalid key
//!   (401/403 handshake: the first connection fails at once), a `config_invalid` or another
//!   error that ends the session. [`StreamMode::Live`] drops what a live source cannot catch up
//!   on instead.
//!
//! Helpers for sources: [`WavFrames`] reads a WAV file of any rate, channel count and sample
//! format as 16 kHz mono s16le frames (hound to decode, rubato to resample), [`JpegFrames`]
//! turns JPEG files into timestamped frames and [`MjpegFrames`] splits an MJPEG stream (JPEGs
//! one after another on a reader) into frames. Each yields [`Frame`]s whose tag is the frame's
//! time in milliseconds, so every reply comes back paired with its timestamp; the session's
//! pacing sends them at the right rate.

mod frame;
mod jpeg;
mod wav;

pub use frame::Frame;
pub use jpeg::{JpegFrames, MjpegFrames};
pub use wav::{DEFAULT_FRAME_MS, WavFrames};

pub use hume_core::realtime::{
    Audio, CloseInfo, Endpoint, EndpointKind, FrameError, KeepalivePolicy, Phase, ReconnectCause,
    ReconnectPolicy, Refusal, ResendCause, SessionConfig, SessionEnd, SessionEvent, SessionStats,
    SessionSummary, StreamMode, Submitted, Video,
};
pub use hume_models::v1::realtime::{
    AudioServerMessage, AudioSessionClosed, AudioSessionUpdate, AudioSessionUpdated, CloseReason,
    ErrorCode, ErrorMessage, VideoServerMessage, VideoSessionClosed, VideoSessionUpdate,
    VideoSessionUpdated,
};

/// Frames that may wait in a session's queue before `send_frame` waits for room (the
/// default of `set_max_queued`).
pub const DEFAULT_MAX_QUEUED: usize = 8;
