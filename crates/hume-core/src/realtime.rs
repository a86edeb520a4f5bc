//! Realtime sessions of the v1 API (`/v1/expression/{audio,video}/realtime`, WebSocket) as
//! pure state machines: no I/O, no clock read, no sleep; time is passed in.
//!
//! - [`Session`] (session.rs): one session of an [`Endpoint`] ([`Audio`] or [`Video`]),
//!   reconnects included: the handshake, configuration before the first frame, frame checks,
//!   pacing, pairing replies with frames, `session.close` → drain → `session.closed`, keepalive
//!   and the reconnect decision. A driver feeds it [`Event`]s and performs its [`Action`]s.
//! - [`pacing`]: the send-rate budgets [`AudioPacer`] and [`VideoPacer`].
//! - [`reconnect`]: when and how soon to reconnect ([`should_reconnect`], [`Backoff`],
//!   [`ReconnectPolicy`]).
//! - [`frame`]: the local frame checks ([`check_audio_frame`], [`check_video_frame`]);
//!   [`keepalive`] ([`KeepalivePolicy`]); [`handshake_error`] (handshake.rs): the error for a
//!   refused handshake; [`SessionConfig`] and [`StreamMode`] (config.rs); what comes out:
//!   [`SessionEvent`] (event.rs), [`SessionSummary`] (summary.rs), and the errors' details
//!   [`Refusal`] and [`SessionEnd`].
//! - [`connect_request`] (connect.rs): the handshake of an endpoint ([`realtime_url`]: `wss://`
//!   from an `https` base URL, `ws://` from `http`), and [`connect_error`]: what a failed one
//!   becomes. The socket itself is a [`WsTransport`](crate::WsTransport) or
//!   [`AsyncWsTransport`](crate::AsyncWsTransport).
//!
//! # Driving a session
//!
//! A driver owns the WebSocket and a monotonic clock (`now`: time since it started). It loops:
//! [`Session::poll`] gives an [`Action`]; the driver performs it and reports what happened
//! with [`Session::handle`]. On [`Action::Wait`] it waits for whichever comes first: a
//! message on the socket, a command from the user ([`Session::send_frame`],
//! [`Session::update`], [`Session::close`]), or the deadline; then it polls again.
//!
//! | action | the driver | then reports |
//! |---|---|---|
//! | `Connect` | opens `wss://<host>` + [`EndpointKind::path`], key in the handshake header | `Connected`, or `ConnectFailed(`[`handshake_error`]` or transport error)` |
//! | `SendText(s)`, `SendBinary(b)` | sends one message | nothing (`Closed` if the send failed) |
//! | `Ping` | sends a ping | `Pong` when it comes |
//! | `Close { code, reason }` | closes the socket | `Closed(the peer's close frame or none)` |
//! | `Deliver(event)` | hands the [`SessionEvent`] to the user | nothing |
//! | `Wait { until }` | waits as above | `Text`, `Binary`, `Pong`, `Closed`, or nothing (time's up) |
//! | `Done(result)` | returns: the summary, or the error | – |
//!
//! "Reconnect after D" is `Deliver(`[`SessionEvent::Reconnecting`]` { delay: D, .. })`, then
//! `Wait { until: now + D }`, then `Connect`. A blocking driver runs this on the thread that
//! reads the socket (a second thread or a timeout-based read lets it send while it waits); an
//! async one `select!`s over the socket, a command channel and a timer.
//!
//! ```
//! use std::collections::VecDeque;
//! use std::time::Duration;
//!
//! use hume_core::realtime::{Action, Audio, CloseInfo, Event, Session, SessionConfig};
//! use hume_models::v1::realtime::{
//!     AudioProduced, AudioReceived, AudioServerMessage, AudioSessionClosed,
//!     AudioSessionCreated, CloseReason,
//! };
//!
//! let mut session = Session::<Audio>::new(SessionConfig::default());
//! session.send_frame(vec![0u8; 3200], 7, Duration::ZERO)?; // 100 ms of audio, tag 7
//! session.close();
//!
//! // A pretend server: what it sends back, in order.
//! let server = |message: AudioServerMessage| Event::Text(message.to_json());
//! let mut inbox = VecDeque::new();
//! let mut now = Duration::ZERO;
//! let summary = loop {
//!     match session.poll(now) {
//!         Action::Connect => {
//!             session.handle(Event::Connected, now);
//!             inbox.push_back(server(AudioSessionCreated::with_defaults("s-1").into()));
//!         }
//!         Action::SendBinary(_frame) => {}
//!         Action::SendText(text) if text.contains("session.close") => {
//!             let totals = (AudioReceived::new(100, 1), AudioProduced::new(0, 0));
//!             let closed =
//!                 AudioSessionClosed::new("s-1", CloseReason::ClientRequest, totals.0, totals.1);
//!             inbox.push_back(server(closed.into()));
//!             inbox.push_back(Event::Closed(CloseInfo::new(1000, "")));
//!         }
//!         Action::SendText(_) => {}
//!         Action::Ping => inbox.push_back(Event::Pong),
//!         Action::Close { .. } => session.handle(Event::Closed(CloseInfo::new(1000, "")), now),
//!         Action::Deliver(event) => println!("{event:?}"),
//!         // A real driver waits for the socket, the user and the deadline at once.
//!         Action::Wait { until } => match inbox.pop_front() {
//!             Some(event) => session.handle(event, now),
//!             None => now = until.expect("a deadline"),
//!         },
//!         Action::Done(result) => break result?,
//!         _ => {}
//!     }
//! };
//! assert_eq!(summary.closed.received.frames, 1);
//! assert_eq!(now, Duration::from_millis(100)); // the frame waited for its budget
//! # Ok::<(), hume_core::HumeError>(())
//! ```
//!
//! # States
//!
//! ```text
//!              poll             Connected              session.created
//!    Idle ──────────► Connecting ──────────► Handshaking ──────────────► Open ◄─┐ frames, replies,
//!                       ▲  │ ConnectFailed        │                       │  └──┘ pings, close()
//!            delay over │  └──────────────┐       │ Closed, or no         │ Closed (server close, drop,
//!                       │                 ▼       │ session.created       │ failed send), or a local
//!                 Reconnecting ◄─ yes ──again? ◄──┴─ in time ─────────────┘ Close (keepalive dead, drain
//!                       │                 │ no                              timeout, after session.closed)
//!                       │ close(), nothing▼
//!                       └─ left to send ─► Done: Ok(summary) after session.close → session.closed,
//!                                                Err(why) otherwise
//! ```
//!
//! "again?" is the reconnect decision: after a failed attempt, yes unless it was the first
//! connection or its failure would repeat ([`connect_failure_is_retryable`]); after a
//! connection ended, yes unless `session.close` was sent or [`should_reconnect`] says no; and
//! only while [`Backoff`] has attempts left. [`Session::abort`] ends any phase at once.
//!
//! Inside Open, closing goes: [`close`](Session::close) → the queued frames are sent (a
//! recording's video frames all answered, so a rejected one can go again) → `session.close`
//! → the server answers what is pending → `session.closed` → the server closes (or, after
//! [`close_grace`](SessionConfig::close_grace), the client does) → `Done(Ok(summary))`. From
//! the moment only answers are awaited, [`drain_timeout`](SessionConfig::drain_timeout)
//! bounds the wait.
//!
//! # Rules
//!
//! **Handshake.** The server's first message is `session.created`: the session id (= run id,
//! [`Session::session_id`], all of them in [`Session::sessions`]) and the defaults in force
//! ([`Session::config_in_force`], replaced by each `session.updated`). Frames and updates
//! submitted earlier wait for it. No `session.created` within
//! [`handshake_timeout`](SessionConfig::handshake_timeout): the connection is closed and
//! treated as dropped.
//!
//! **Configuration.** [`Session::update`] is sent as soon as the session is open, before any
//! frame, and again first thing after every reconnect. After the first frame it is refused
//! locally ([`Refusal::UpdateAfterFirstFrame`]) before anything is sent: the server would end
//! the session with `config_invalid`. Invalid values are refused too
//! ([`Refusal::InvalidUpdate`]).
//!
//! **Frames.** Checked before they are queued ([`check_audio_frame`]: non-empty, even length,
//! ≤ 10 s / 320,000 bytes, no WAV header; [`check_video_frame`]: one complete JPEG ≤ 2 MB and
//! ≤ 8,294,400 px; both under the socket's message limit, 1 MiB / 2 MB). A refused frame is a
//! [`HumeError::RealtimeRefused`](crate::HumeError::RealtimeRefused) and the session goes on.
//!
//! **Pacing.** Frames leave when the budget allows ([`AudioPacer`]: ≤ 1 s of audio per
//! second; [`VideoPacer`]: ≤ 3 fps, halved on `rate_limited` down to one frame per 2 s, doubled
//! back after accepted frames). A live video frame with no budget is dropped
//! ([`Submitted::Dropped`]); everything else waits.
//!
//! # Pairing replies with frames
//!
//! Each frame carries a caller's `tag`. **Video**: every frame gets exactly one reply, in the
//! order sent, so a queue of frames in flight pairs each `measurement.result` or frame
//! `error` (`invalid_image_frame`, `rate_limited`, `internal_error`) exactly
//! ([`SessionEvent::Reply`]); `frame_id` counts only results and is not used. **Audio**:
//! accepted frames get no reply, so an `invalid_audio_frame` or `rate_limited` cannot be tied
//! to its frame by the protocol. The session pairs it with the newest frame sent at least one
//! measured round trip (keepalive ping) before the error arrived and after the last frame
//! paired; with frames paced at real time and a round trip shorter than a frame, that is the
//! frame. It is an estimate, and documented as one.
//!
//! A `rate_limited` frame of a recording is sent again (up to [`MAX_RESENDS`] times, before
//! any later frame; [`SessionEvent::Resending`]), as is a video frame whose measurement
//! failed with a retryable `internal_error` (once); a live stream gets it back instead
//! ([`SessionEvent::Rejected`]) to resend or drop.
//!
//! **Idle.** The server closes sessions that receive nothing for a while (`session.closed`
//! with `idle_timeout`; the API does not document how long, so nothing here guesses): that
//! ends the session without a reconnect
//! ([`SessionEnd::Closed`]). WebSocket pings after 20 s of quiet keep the connection through
//! middleboxes and detect a dead one ([`KeepalivePolicy`]; no pong or message 20 s later:
//! closed and treated as dropped); the first ping, right after `session.created`, measures the
//! round trip used by the audio pairing.
//!
//! # Reconnecting
//!
//! When the connection ends without the client having sent `session.close`,
//! [`should_reconnect`] decides (1001, 1006 or no close frame, 1011, 1012, 1013;
//! `server_shutdown` even with 1000; 1008 only for audio after `internal_error`), and
//! [`Backoff`] spaces the attempts (1–5 s, ×1.3, ≤ 10 s, 30 in a row, reset after 5 s up). A
//! failed attempt is retried unless its handshake status says it would fail again (an invalid
//! key never reconnects); the first connection is never retried. The new session is a new run
//! with a new id; ids and times in its messages start again from 0.
//!
//! Frames in flight when the connection ends: the new session receives the last `session.update`
//! first, then, in a recording, **the video frames still unanswered** (in order, before later
//! frames; their replies from the old session never come) and **the audio of the utterance
//! in progress** (from its `utterance.start`, or everything after the last `utterance.end`, at
//! most [`audio_replay`](SessionConfig::audio_replay), default 10 s), so it is measured whole
//! in the new session ([`SessionEvent::Resending`] with [`ResendCause::Reconnected`]). A live
//! stream sends none of it again and reports the frames in flight and still queued as
//! [`SessionEvent::Lost`].

mod config;
mod connect;
mod end;
mod endpoint;
mod event;
pub mod frame;
mod handshake;
pub mod keepalive;
pub mod pacing;
pub mod reconnect;
mod refusal;
mod session;
mod summary;

#[cfg(test)]
mod testing;

pub use config::{SessionConfig, StreamMode};
pub use connect::{connect_error, connect_request, realtime_url};
pub use end::SessionEnd;
pub use endpoint::{Audio, Endpoint, EndpointKind, Signal, Video};
pub use event::{ReconnectCause, ResendCause, SessionEvent};
pub use frame::{
    FrameError, audio_duration, check_audio_frame, check_message_size, check_video_frame,
};
pub use handshake::handshake_error;
pub use keepalive::KeepalivePolicy;
pub use pacing::{
    AudioPacer, DEFAULT_AUDIO_BURST, MAX_VIDEO_FPS, MIN_VIDEO_FPS, RECOVER_AFTER, VideoPacer,
};
pub use reconnect::{
    ABNORMAL_CLOSURE, Backoff, CloseInfo, Observed, POLICY_VIOLATION, RECONNECT_CLOSE_CODES,
    ReconnectPolicy, connect_failure_is_retryable, is_retryable_handshake, should_reconnect,
};
pub use refusal::Refusal;
pub use session::{Action, Event, MAX_RESENDS, Phase, Session, Submitted};
pub use summary::{SessionStats, SessionSummary};

/// Compile-time check: sessions move between threads (a driver task, a spawned future).
#[allow(dead_code)]
fn assert_send() {
    fn is<T: Send + 'static>() {}
    is::<Session<Audio>>();
    is::<Session<Video>>();
    is::<Action<Video>>();
    is::<SessionEvent<Audio>>();
}
