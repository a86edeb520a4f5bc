//! [`Session`]: one realtime session (and its reconnects) as a sans-IO state machine, the
//! [`Event`]s its driver reports and the [`Action`]s it asks for. The state diagram, the
//! driver loop and the rules are in the [module docs](super).

use std::collections::VecDeque;
use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use hume_models::ParseError;
use hume_models::v1::SessionId;
use hume_models::v1::realtime::{CloseReason, ErrorCode, ErrorMessage, message_type};
use serde_json::Value;

use super::config::{SessionConfig, StreamMode};
use super::end::SessionEnd;
use super::endpoint::{Endpoint, EndpointKind, Signal};
use super::event::{ReconnectCause, ResendCause, SessionEvent};
use super::frame::check_message_size;
use super::keepalive::{Keepalive, KeepaliveStep};
use super::pacing::{AudioPacer, VideoPacer};
use super::reconnect::{
    Backoff, CloseInfo, Observed, connect_failure_is_retryable, should_reconnect,
};
use super::refusal::Refusal;
use super::summary::{SessionStats, SessionSummary};
use crate::HumeError;
use crate::error::excerpt;

/// Most times one frame is sent again after `rate_limited`; the next rejection is final
/// (delivered as a [`Reply`](SessionEvent::Reply)), so a server that never accepts cannot
/// keep a session busy forever.
pub const MAX_RESENDS: u32 = 10;

/// How long after its last audio frame a recording waits before `session.close`, beyond twice
/// the measured round trip: an answer (`rate_limited`, `invalid_audio_frame`) is sent as the
/// server reads the frame, so it is back by then.
const AUDIO_SETTLE: Duration = Duration::from_millis(100);

/// The same wait when no round trip has been measured (keepalive off).
const AUDIO_SETTLE_UNMEASURED: Duration = Duration::from_millis(500);

/// Sent audio frames are kept at least this long to pair a late frame error with.
const PAIRING_WINDOW: Duration = Duration::from_secs(2);

/// What the driver reports to the session (with `now`, through [`Session::handle`]).
#[derive(Debug)]
#[non_exhaustive]
pub enum Event {
    /// [`Action::Connect`] succeeded: the WebSocket is open.
    Connected,
    /// [`Action::Connect`] failed: a refused handshake
    /// ([`handshake_error`](super::handshake_error): an invalid key, another status) or a
    /// transport failure.
    ConnectFailed(HumeError),
    /// A text message arrived.
    Text(String),
    /// A binary message arrived (the API sends none; it is logged and dropped).
    Binary(Bytes),
    /// A pong arrived.
    Pong,
    /// The connection ended: the peer's close frame, or none
    /// ([`CloseInfo::abnormal`]) when it dropped or a send or read failed. Also the answer to
    /// [`Action::Close`].
    Closed(CloseInfo),
}

/// What the driver does next (from [`Session::poll`]).
#[non_exhaustive]
pub enum Action<E: Endpoint> {
    /// Open the endpoint's WebSocket ([`EndpointKind::path`]; the key in the handshake
    /// header); answer with [`Event::Connected`] or [`Event::ConnectFailed`].
    Connect,
    /// Send this text message. A failed send is answered with [`Event::Closed`].
    SendText(String),
    /// Send this binary message (a frame). A failed send is answered with [`Event::Closed`].
    SendBinary(Bytes),
    /// Send a WebSocket ping (any payload); its pong comes back as [`Event::Pong`].
    Ping,
    /// Close the connection with this close frame; answer with [`Event::Closed`] once it has
    /// ended (with the peer's close frame, if one came).
    Close {
        /// The close code.
        code: u16,
        /// The close reason.
        reason: &'static str,
    },
    /// Hand this to the user.
    Deliver(SessionEvent<E>),
    /// Nothing to do until something arrives (a message, a command from the user) or until
    /// `until`, whichever is first; then poll again. `None`: no deadline.
    Wait {
        /// When to poll again at the latest.
        until: Option<Duration>,
    },
    /// The session is over: the summary after a clean [`close`](Session::close), or why it
    /// ended. Do not poll again.
    Done(Result<SessionSummary<E>, HumeError>),
}

impl<E: Endpoint> fmt::Debug for Action<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Connect => f.write_str("Connect"),
            Action::SendText(text) => f.debug_tuple("SendText").field(text).finish(),
            Action::SendBinary(data) => write!(f, "SendBinary({} bytes)", data.len()),
            Action::Ping => f.write_str("Ping"),
            Action::Close { code, reason } => f
                .debug_struct("Close")
                .field("code", code)
                .field("reason", reason)
                .finish(),
            Action::Deliver(event) => f.debug_tuple("Deliver").field(event).finish(),
            Action::Wait { until } => f.debug_struct("Wait").field("until", until).finish(),
            Action::Done(result) => f.debug_tuple("Done").field(result).finish(),
        }
    }
}

/// What [`Session::send_frame`] did with a frame that passed the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Submitted {
    /// Queued: it goes out when the session is open and the send budget allows.
    Queued,
    /// Dropped (live streams only): no send budget for it now, or no session open.
    Dropped,
}

/// Where a session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Phase {
    /// Opening a connection (the first, or a reconnect attempt).
    Connecting,
    /// Connected, waiting for `session.created`.
    Handshaking,
    /// `session.created` received: frames flow.
    Open,
    /// Waiting out the delay before a reconnect attempt.
    Reconnecting,
    /// Closing the connection.
    Closing,
    /// Over.
    Done,
}

/// A frame the user submitted.
#[derive(Clone)]
struct Frame {
    /// Submission order; resent frames keep theirs, so the queue stays in input order.
    seq: u64,
    tag: u64,
    data: Bytes,
    /// Audio it holds (zero for video).
    audio: Duration,
    /// Times sent again after a rejection.
    resends: u32,
    /// A live video frame's send number, taken when it was submitted.
    admitted: Option<u64>,
}

impl fmt::Debug for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Frame")
            .field("seq", &self.seq)
            .field("tag", &self.tag)
            .field("len", &self.data.len())
            .finish()
    }
}

/// A video frame sent and not yet answered.
#[derive(Debug)]
struct InFlight {
    frame: Frame,
    send_number: u64,
}

/// An audio frame sent in this connection.
#[derive(Debug)]
struct SentAudio {
    frame: Frame,
    /// Where its audio starts in the session's accepted audio.
    start: Duration,
    sent_at: Duration,
    /// Its transmission's number in this connection.
    sent_no: u64,
}

impl SentAudio {
    fn end(&self) -> Duration {
        self.start + self.frame.audio
    }
}

#[derive(Debug)]
enum Pacer {
    Audio(AudioPacer),
    Video(VideoPacer),
}

/// Why the session closed the connection itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LocalClose {
    HandshakeTimeout,
    KeepaliveTimeout,
    DrainTimeout,
    AfterClosed,
    Abort,
}

impl LocalClose {
    fn frame(self) -> (u16, &'static str) {
        match self {
            LocalClose::HandshakeTimeout => (1002, "no session.created"),
            LocalClose::KeepaliveTimeout => (1011, "keepalive ping timeout"),
            LocalClose::DrainTimeout => (1001, "no session.closed"),
            LocalClose::AfterClosed => (1000, ""),
            LocalClose::Abort => (1000, "client abort"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Not polled yet.
    Idle,
    Connecting {
        first: bool,
    },
    AwaitingCreated {
        since: Duration,
    },
    Open,
    ClosingConnection(LocalClose),
    Backoff {
        until: Duration,
    },
    Done,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closing {
    No,
    /// The user called `close`: send what is queued, then `session.close`.
    Requested,
    /// `session.close` went out: no reconnect any more.
    Sent,
}

/// The state of one connection (one server session).
#[derive(Debug)]
struct Conn<E: Endpoint> {
    session_id: Option<SessionId>,
    config: Option<E::Config>,
    update_sent: bool,
    pacer: Option<Pacer>,
    keepalive: Option<Keepalive>,
    in_flight: VecDeque<InFlight>,
    recent: VecDeque<SentAudio>,
    sends: u64,
    /// When the last audio frame left (a recording waits a moment before `session.close`).
    last_audio_sent_at: Option<Duration>,
    /// Audio pairing: the transmission number of the last frame an error was paired with.
    answered_upto: u64,
    /// Audio the server accepted (as far as the client knows).
    audio_offset: Duration,
    /// Start of the utterance in progress.
    utterance_open: Option<Duration>,
    /// End of the last utterance.
    settled: Duration,
    observed: Observed,
    /// The last error that said it was not retryable.
    fatal: Option<ErrorMessage>,
    closed: Option<E::Closed>,
    closed_at: Option<Duration>,
}

impl<E: Endpoint> Conn<E> {
    fn new() -> Self {
        Conn {
            session_id: None,
            config: None,
            update_sent: false,
            pacer: None,
            keepalive: None,
            in_flight: VecDeque::new(),
            recent: VecDeque::new(),
            sends: 0,
            last_audio_sent_at: None,
            answered_upto: 0,
            audio_offset: Duration::ZERO,
            utterance_open: None,
            settled: Duration::ZERO,
            observed: Observed::default(),
            fatal: None,
            closed: None,
            closed_at: None,
        }
    }

    /// Where the audio worth sending again after a reconnect starts: the utterance in
    /// progress, or everything after the last one.
    fn replay_floor(&self, replay: Duration) -> Duration {
        let utterance = self.utterance_open.unwrap_or(self.settled);
        utterance.max(self.audio_offset.saturating_sub(replay))
    }

    /// Forgets sent audio frames that can neither be paired nor sent again.
    fn trim_recent(&mut self, now: Duration, replay: Duration) {
        let floor = if replay.is_zero() {
            self.audio_offset
        } else {
            self.replay_floor(replay)
        };
        while let Some(front) = self.recent.front() {
            if front.end() <= floor && front.sent_at.saturating_add(PAIRING_WINDOW) <= now {
                self.recent.pop_front();
            } else {
                break;
            }
        }
    }

    /// Pairs an audio frame error that arrived at `now` with the frame it most likely
    /// answers: the newest frame sent half a round trip (the shortest one-way trip) or more
    /// before, after the last frame paired; else the oldest frame after that one. Half, not
    /// a whole: a frame's answer can come back about as fast as the measured ping, so a whole
    /// round trip would pass over the very frame it answers.
    fn take_audio_answer(&mut self, now: Duration) -> Option<SentAudio> {
        let rtt = self
            .keepalive
            .as_ref()
            .and_then(Keepalive::rtt)
            .unwrap_or(Duration::ZERO);
        let target = now.saturating_sub(rtt / 2);
        let after = self.answered_upto;
        let index = self
            .recent
            .iter()
            .rposition(|s| s.sent_no > after && s.sent_at <= target)
            .or_else(|| self.recent.iter().position(|s| s.sent_no > after))?;
        let sent = self.recent.remove(index)?;
        self.answered_upto = sent.sent_no;
        // The server did not take the frame's audio: what followed starts earlier.
        for later in self.recent.iter_mut().skip(index) {
            later.start = later.start.saturating_sub(sent.frame.audio);
        }
        self.audio_offset = self.audio_offset.saturating_sub(sent.frame.audio);
        Some(sent)
    }
}

/// One realtime session of endpoint `E` ([`Audio`](super::Audio) or
/// [`Video`](super::Video)), reconnects included, as a sans-IO state machine.
///
/// The user's side: [`update`](Self::update), [`send_frame`](Self::send_frame),
/// [`close`](Self::close), [`abort`](Self::abort). The driver's side: [`poll`](Self::poll)
/// for the next [`Action`], [`handle`](Self::handle) for each [`Event`]. Nothing here reads a
/// clock, sleeps or touches a socket: `now` is the driver's monotonic time since it started.
pub struct Session<E: Endpoint> {
    config: SessionConfig,
    state: State,
    conn: Option<Conn<E>>,
    queue: VecDeque<Frame>,
    update: Option<E::Update>,
    first_frame: bool,
    closing: Closing,
    drain_deadline: Option<Duration>,
    next_seq: u64,
    backoff: Backoff,
    pending: VecDeque<Action<E>>,
    result: Option<Result<SessionSummary<E>, HumeError>>,
    sessions: Vec<SessionId>,
    stats: SessionStats,
    /// Why the last connection ended, kept while a reconnect is under way.
    ended_by: Option<HumeError>,
}

impl<E: Endpoint> fmt::Debug for Session<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("endpoint", &E::KIND)
            .field("state", &self.state)
            .field("closing", &self.closing)
            .field("session_id", &self.session_id())
            .field("queued", &self.queue.len())
            .field("in_flight", &self.in_flight())
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

impl<E: Endpoint> Session<E> {
    /// A session that connects on its first [`poll`](Self::poll), drawing its first reconnect
    /// delay with `fastrand`.
    pub fn new(config: SessionConfig) -> Self {
        Self::with_rng(config, &mut fastrand::f64)
    }

    /// A session drawing its first reconnect delay from `rng` (values in `[0, 1)`).
    pub fn with_rng(config: SessionConfig, rng: &mut dyn FnMut() -> f64) -> Self {
        Session {
            config,
            state: State::Idle,
            conn: None,
            queue: VecDeque::new(),
            update: None,
            first_frame: false,
            closing: Closing::No,
            drain_deadline: None,
            next_seq: 0,
            backoff: Backoff::with_rng(config.reconnect(), rng),
            pending: VecDeque::new(),
            result: None,
            sessions: Vec::new(),
            stats: SessionStats::default(),
            ended_by: None,
        }
    }

    // ----- the user's side -----

    /// Configures the session: sent as `session.update` as soon as the session is open (and
    /// again first thing after every reconnect). An omitted field resets to its default.
    ///
    /// Refused, with nothing sent, after the first frame (the server would end the session
    /// with `config_invalid`), with values outside the documented rules, or once closing.
    pub fn update(&mut self, update: E::Update) -> Result<(), HumeError> {
        if self.closing != Closing::No || self.state == State::Done {
            return Err(HumeError::realtime_refused(Refusal::Closing));
        }
        if self.first_frame {
            return Err(HumeError::realtime_refused(Refusal::UpdateAfterFirstFrame));
        }
        E::validate_update(&update)
            .map_err(|e| HumeError::realtime_refused(Refusal::InvalidUpdate(e)))?;
        let text = E::update_message(&update);
        check_message_size(text.len(), E::KIND.max_message_bytes())
            .map_err(|e| HumeError::realtime_refused(Refusal::Frame(e)))?;
        self.update = Some(update);
        if let Some(conn) = &mut self.conn {
            conn.update_sent = false;
        }
        Ok(())
    }

    /// Submits one frame (audio: headerless 16 kHz mono s16le; video: one JPEG) with a `tag`
    /// of your choosing (a timestamp, an index) that comes back with its reply.
    ///
    /// The frame is checked first; a frame that fails is refused with a typed error and never
    /// sent. A good one is queued and goes out, paced, when [`poll`](Self::poll) says so. In a
    /// live stream a frame the budget has no room for, or submitted while no session is open,
    /// is [`Dropped`](Submitted::Dropped). Refused once the session is closing.
    pub fn send_frame(
        &mut self,
        data: impl Into<Bytes>,
        tag: u64,
        now: Duration,
    ) -> Result<Submitted, HumeError> {
        if self.closing != Closing::No || self.state == State::Done {
            return Err(HumeError::realtime_refused(Refusal::Closing));
        }
        let data = data.into();
        let audio =
            E::check_frame(&data).map_err(|e| HumeError::realtime_refused(Refusal::Frame(e)))?;
        let mut admitted = None;
        if self.config.mode() == StreamMode::Live {
            if self.state != State::Open {
                self.stats.dropped += 1;
                return Ok(Submitted::Dropped);
            }
            if let Some(Pacer::Video(pacer)) = self.conn.as_mut().and_then(|c| c.pacer.as_mut()) {
                match pacer.try_take(now) {
                    Some(number) => admitted = Some(number),
                    None => {
                        self.stats.dropped += 1;
                        return Ok(Submitted::Dropped);
                    }
                }
            }
        }
        self.first_frame = true;
        self.next_seq += 1;
        self.queue.push_back(Frame {
            seq: self.next_seq,
            tag,
            data,
            audio,
            resends: 0,
            admitted,
        });
        self.stats.submitted += 1;
        Ok(Submitted::Queued)
    }

    /// Finishes the session: the frames queued go out, then (a recording's video frames all
    /// answered) `session.close`; the server answers what is pending and sends
    /// `session.closed`, and [`Action::Done`] carries the totals. A reconnect under way goes
    /// on if frames are left to send; otherwise the session ends there, with the error that
    /// ended the last connection.
    pub fn close(&mut self) {
        if self.state == State::Done || self.closing != Closing::No {
            return;
        }
        self.closing = Closing::Requested;
        if matches!(self.state, State::Backoff { .. }) && self.queue.is_empty() {
            let error = self.take_ended_by();
            self.finish(Err(error));
        }
    }

    /// Ends the session now, without waiting for answers: the connection (if any) is closed
    /// and [`Action::Done`] carries [`SessionEnd::Aborted`].
    pub fn abort(&mut self) {
        match self.state {
            State::Done | State::ClosingConnection(_) => {}
            State::Open | State::AwaitingCreated { .. } => {
                self.state = State::ClosingConnection(LocalClose::Abort);
                let (code, reason) = LocalClose::Abort.frame();
                self.pending.push_back(Action::Close { code, reason });
            }
            State::Idle | State::Connecting { .. } | State::Backoff { .. } => {
                let end = self.end_error(None, SessionEnd::Aborted);
                self.finish(Err(end));
            }
        }
    }

    // ----- inspection -----

    /// Where the session is.
    pub fn phase(&self) -> Phase {
        match self.state {
            State::Idle | State::Connecting { .. } => Phase::Connecting,
            State::AwaitingCreated { .. } => Phase::Handshaking,
            State::Open => Phase::Open,
            State::Backoff { .. } => Phase::Reconnecting,
            State::ClosingConnection(_) => Phase::Closing,
            State::Done => Phase::Done,
        }
    }

    /// The current session's id (= run id), once `session.created` has come.
    pub fn session_id(&self) -> Option<&SessionId> {
        self.conn.as_ref().and_then(|c| c.session_id.as_ref())
    }

    /// Every session opened so far, in order (reconnects open new ones).
    pub fn sessions(&self) -> &[SessionId] {
        &self.sessions
    }

    /// The configuration in force in the current session (`session.created`'s defaults, then
    /// each `session.updated`).
    pub fn config_in_force(&self) -> Option<&E::Config> {
        self.conn.as_ref().and_then(|c| c.config.as_ref())
    }

    /// May [`update`](Self::update) still be called?
    pub fn can_update(&self) -> bool {
        !self.first_frame && self.closing == Closing::No && self.state != State::Done
    }

    /// Frames waiting to be sent (for backpressure: a driver can stop taking frames above a
    /// bound).
    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    /// Video frames sent and not yet answered.
    pub fn in_flight(&self) -> usize {
        self.conn.as_ref().map_or(0, |c| c.in_flight.len())
    }

    /// The shortest round trip the keepalive pings measured on this connection.
    pub fn rtt(&self) -> Option<Duration> {
        self.conn
            .as_ref()
            .and_then(|c| c.keepalive.as_ref())
            .and_then(Keepalive::rtt)
    }

    /// The current video send rate in frames per second (video sessions that are open).
    pub fn video_rate(&self) -> Option<f64> {
        match self.conn.as_ref().and_then(|c| c.pacer.as_ref()) {
            Some(Pacer::Video(pacer)) => Some(pacer.rate()),
            _ => None,
        }
    }

    /// Frame and connection counts so far.
    pub fn stats(&self) -> SessionStats {
        self.stats
    }

    /// The behaviour it was created with.
    pub fn settings(&self) -> &SessionConfig {
        &self.config
    }

    // ----- the driver's side -----

    /// The next thing the driver must do at `now`. Call it again after performing any action
    /// but [`Wait`](Action::Wait) (after that: when something arrives or the time comes) and
    /// [`Done`](Action::Done) (the end).
    pub fn poll(&mut self, now: Duration) -> Action<E> {
        if let Some(action) = self.pending.pop_front() {
            return action;
        }
        match self.state {
            State::Done => Action::Done(self.result.take().unwrap_or_else(|| {
                Err(HumeError::io(
                    "driving a realtime session",
                    std::io::Error::other("polled after it was done"),
                ))
            })),
            State::Idle => {
                self.state = State::Connecting { first: true };
                Action::Connect
            }
            State::Connecting { .. } | State::ClosingConnection(_) => Action::Wait { until: None },
            State::Backoff { until } => {
                if now >= until {
                    self.state = State::Connecting { first: false };
                    Action::Connect
                } else {
                    Action::Wait { until: Some(until) }
                }
            }
            State::AwaitingCreated { since } => {
                let deadline = since.saturating_add(self.config.handshake_timeout());
                if now >= deadline {
                    self.close_locally(LocalClose::HandshakeTimeout)
                } else {
                    Action::Wait {
                        until: Some(deadline),
                    }
                }
            }
            State::Open => self.poll_open(now),
        }
    }

    /// Takes what the driver observed at `now`. Then [`poll`](Self::poll).
    pub fn handle(&mut self, event: Event, now: Duration) {
        match event {
            Event::Connected => self.on_connected(now),
            Event::ConnectFailed(error) => self.on_connect_failed(error, now),
            Event::Text(text) => self.on_text(text.as_bytes(), now),
            Event::Binary(data) => {
                tracing::warn!(
                    endpoint = %E::KIND,
                    len = data.len(),
                    "ignoring a binary message from the server"
                );
                if let Some(keepalive) = self.conn.as_mut().and_then(|c| c.keepalive.as_mut()) {
                    keepalive.heard(now);
                }
            }
            Event::Pong => {
                if let Some(keepalive) = self.conn.as_mut().and_then(|c| c.keepalive.as_mut()) {
                    keepalive.pong(now);
                }
            }
            Event::Closed(close) => self.on_closed(close, now),
        }
    }

    // ----- internals -----

    fn deliver(&mut self, event: SessionEvent<E>) {
        self.pending.push_back(Action::Deliver(event));
    }

    fn finish(&mut self, result: Result<SessionSummary<E>, HumeError>) {
        if let Err(error) = &result {
            tracing::debug!(endpoint = %E::KIND, %error, "realtime session ended");
        }
        self.state = State::Done;
        self.result = Some(result);
        self.conn = None;
        self.queue.clear();
    }

    fn close_locally(&mut self, why: LocalClose) -> Action<E> {
        self.state = State::ClosingConnection(why);
        let (code, reason) = why.frame();
        Action::Close { code, reason }
    }

    fn poll_open(&mut self, now: Duration) -> Action<E> {
        let replay = self.config.audio_replay();
        let mode = self.config.mode();
        let Some(conn) = self.conn.as_mut() else {
            // Open always has a connection; end rather than loop if that were ever untrue.
            let end = self.end_error(None, SessionEnd::ConnectionClosed(CloseInfo::abnormal()));
            self.finish(Err(end));
            return self.poll(now);
        };
        let mut until = Deadline::default();

        if let Some(keepalive) = &mut conn.keepalive {
            match keepalive.step(now) {
                KeepaliveStep::Ping => return Action::Ping,
                KeepaliveStep::Dead => return self.close_locally(LocalClose::KeepaliveTimeout),
                KeepaliveStep::Until(t) => until.add(t),
            }
        }
        if let Some(at) = conn.closed_at {
            // After `session.closed` nothing more is sent; the server should close.
            let deadline = at.saturating_add(self.config.close_grace());
            if now >= deadline {
                return self.close_locally(LocalClose::AfterClosed);
            }
            until.add(deadline);
            return until.wait();
        }
        if let Some(deadline) = self.drain_deadline {
            if now >= deadline {
                return self.close_locally(LocalClose::DrainTimeout);
            }
            until.add(deadline);
        }
        if !conn.update_sent {
            conn.update_sent = true;
            if let Some(update) = &self.update {
                return Action::SendText(E::update_message(update));
            }
        }
        if self.closing != Closing::Sent
            && let Some(frame) = self.queue.front_mut()
        {
            let ready = match conn.pacer.as_mut() {
                Some(Pacer::Audio(pacer)) => {
                    if pacer.try_send(now, frame.audio) {
                        Ok(0)
                    } else {
                        Err(pacer.ready_at(now, frame.audio))
                    }
                }
                Some(Pacer::Video(pacer)) => match frame.admitted.take() {
                    Some(number) => Ok(number),
                    None => pacer.try_take(now).ok_or_else(|| pacer.ready_at(now)),
                },
                None => Err(now),
            };
            match ready {
                Ok(send_number) => {
                    let Some(frame) = self.queue.pop_front() else {
                        return until.wait();
                    };
                    let data = frame.data.clone();
                    conn.sends += 1;
                    self.stats.sent += 1;
                    match E::KIND {
                        EndpointKind::Video => {
                            conn.in_flight.push_back(InFlight { frame, send_number })
                        }
                        _ => {
                            conn.last_audio_sent_at = Some(now);
                            let start = conn.audio_offset;
                            conn.audio_offset += frame.audio;
                            conn.recent.push_back(SentAudio {
                                frame,
                                start,
                                sent_at: now,
                                sent_no: conn.sends,
                            });
                            let keep = if mode == StreamMode::Recording {
                                replay
                            } else {
                                Duration::ZERO
                            };
                            conn.trim_recent(now, keep);
                        }
                    }
                    return Action::SendBinary(data);
                }
                Err(ready_at) => until.add(ready_at),
            }
        }
        if self.closing == Closing::Requested && self.queue.is_empty() {
            let deadline = *self
                .drain_deadline
                .get_or_insert(now.saturating_add(self.config.drain_timeout()));
            until.add(deadline);
            // A recording waits for every video answer first, and for the time an audio
            // frame's `rate_limited` would take to come back: a rejected frame is sent again,
            // which it cannot be after `session.close`.
            let answers_due = mode == StreamMode::Recording
                && match E::KIND {
                    EndpointKind::Video => !conn.in_flight.is_empty(),
                    _ => match conn.last_audio_sent_at {
                        Some(sent) => {
                            let settle = conn
                                .keepalive
                                .as_ref()
                                .and_then(Keepalive::rtt)
                                .map_or(AUDIO_SETTLE_UNMEASURED, |rtt| {
                                    rtt.saturating_mul(2).saturating_add(AUDIO_SETTLE)
                                });
                            let settled = sent.saturating_add(settle);
                            until.add(settled);
                            now < settled
                        }
                        None => false,
                    },
                };
            if !answers_due {
                self.closing = Closing::Sent;
                return Action::SendText(E::close_message());
            }
        }
        until.wait()
    }

    fn on_connected(&mut self, now: Duration) {
        if !matches!(self.state, State::Connecting { .. }) {
            tracing::warn!(endpoint = %E::KIND, state = ?self.state, "unexpected connected event");
            return;
        }
        self.state = State::AwaitingCreated { since: now };
        self.conn = Some(Conn::new());
        self.backoff.opened(now);
    }

    fn on_connect_failed(&mut self, error: HumeError, now: Duration) {
        let State::Connecting { first } = self.state else {
            tracing::warn!(endpoint = %E::KIND, state = ?self.state, %error, "unexpected connect failure");
            return;
        };
        // The first connection is never retried: a wrong key or URL fails the same way again.
        if first || !connect_failure_is_retryable(&error) {
            self.finish(Err(error));
            return;
        }
        match self.backoff.next_delay(now) {
            Some(delay) => {
                self.schedule_reconnect(now, delay, ReconnectCause::ConnectFailed(error))
            }
            None => self.finish(Err(error)),
        }
    }

    fn schedule_reconnect(&mut self, now: Duration, delay: Duration, cause: ReconnectCause) {
        if self.closing == Closing::Requested && self.queue.is_empty() {
            // Closing with nothing left to send: no point in a new session just to close it.
            let error = self.take_ended_by();
            return self.finish(Err(error));
        }
        tracing::info!(endpoint = %E::KIND, ?delay, ?cause, "realtime session reconnecting");
        self.stats.reconnects += 1;
        self.state = State::Backoff {
            until: now.saturating_add(delay),
        };
        self.deliver(SessionEvent::Reconnecting {
            attempt: self.backoff.attempts(),
            delay,
            cause,
        });
    }

    /// The error that ended the last connection (while reconnecting).
    fn take_ended_by(&mut self) -> HumeError {
        self.ended_by.take().unwrap_or_else(|| {
            self.end_error(None, SessionEnd::ConnectionClosed(CloseInfo::abnormal()))
        })
    }

    fn on_text(&mut self, text: &[u8], now: Duration) {
        let Some(conn) = self.conn.as_mut() else {
            tracing::warn!(endpoint = %E::KIND, "ignoring a text message with no connection");
            return;
        };
        if let Some(keepalive) = &mut conn.keepalive {
            keepalive.heard(now);
        }
        match E::parse(text) {
            Ok(message) => self.on_message(message, now),
            Err(error) => self.on_malformed(text, error, now),
        }
    }

    fn on_message(&mut self, message: E::ServerMessage, now: Duration) {
        let owned = Owned::<E>::from(E::signal(&message));
        let awaiting = matches!(self.state, State::AwaitingCreated { .. });
        let keepalive = self.config.keepalive();
        let audio_burst = self.config.audio_burst();
        let replay = match self.config.mode() {
            StreamMode::Recording => self.config.audio_replay(),
            StreamMode::Live => Duration::ZERO,
        };
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        match owned {
            Owned::Created { session_id, config } => {
                if awaiting {
                    tracing::debug!(endpoint = %E::KIND, %session_id, "realtime session created");
                    self.state = State::Open;
                    self.sessions.push(session_id.clone());
                    conn.session_id = Some(session_id);
                    conn.config = Some(config);
                    conn.pacer = Some(match E::KIND {
                        EndpointKind::Video => Pacer::Video(VideoPacer::new(now)),
                        _ => Pacer::Audio(AudioPacer::with_burst(now, audio_burst)),
                    });
                    conn.keepalive = keepalive.map(|policy| Keepalive::new(policy, now));
                } else {
                    tracing::warn!(endpoint = %E::KIND, "unexpected session.created");
                }
                self.deliver(SessionEvent::Message(message));
            }
            Owned::Updated(config) => {
                conn.config = Some(config);
                self.deliver(SessionEvent::Message(message));
            }
            Owned::UtteranceStart(at) => {
                conn.utterance_open = Some(at);
                self.deliver(SessionEvent::Message(message));
            }
            Owned::UtteranceEnd(at) => {
                conn.utterance_open = None;
                conn.settled = conn.settled.max(at);
                conn.trim_recent(now, replay);
                self.deliver(SessionEvent::Message(message));
            }
            Owned::FrameResult => match conn.in_flight.pop_front() {
                Some(answered) => {
                    if let Some(Pacer::Video(pacer)) = &mut conn.pacer {
                        pacer.accepted(answered.send_number, now);
                    }
                    self.deliver(SessionEvent::Reply {
                        tag: answered.frame.tag,
                        message,
                    });
                }
                None => {
                    tracing::warn!(endpoint = %E::KIND, "a result with no frame in flight");
                    self.deliver(SessionEvent::Message(message));
                }
            },
            Owned::Error(error) => {
                conn.observed.last_error = Some(error.code.clone());
                if !error.retryable {
                    conn.fatal = Some(error.clone());
                }
                if E::KIND.error_answers_frame(&error.code) {
                    self.on_frame_error(message, error, now);
                } else {
                    self.deliver(SessionEvent::Message(message));
                }
            }
            Owned::Closed { closed, reason } => {
                conn.observed.closed_reason = Some(reason);
                conn.closed = Some(closed);
                conn.closed_at = Some(now);
                self.deliver(SessionEvent::Message(message));
            }
            Owned::Other => self.deliver(SessionEvent::Message(message)),
        }
    }

    /// An `error` that answers a frame: pair it, then resend, hand back or deliver it.
    fn on_frame_error(&mut self, message: E::ServerMessage, error: ErrorMessage, now: Duration) {
        let mode = self.config.mode();
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        let limited = error.code == ErrorCode::RateLimited;
        let frame = match E::KIND {
            EndpointKind::Video => conn.in_flight.pop_front().map(|answered| {
                if let Some(Pacer::Video(pacer)) = &mut conn.pacer {
                    if limited {
                        pacer.rate_limited(answered.send_number, now);
                    } else {
                        pacer.accepted(answered.send_number, now);
                    }
                }
                answered.frame
            }),
            _ => conn.take_audio_answer(now).map(|sent| {
                if limited && let Some(Pacer::Audio(pacer)) = &mut conn.pacer {
                    pacer.rate_limited(now, sent.frame.audio, sent.frame.audio);
                }
                sent.frame
            }),
        };
        let Some(mut frame) = frame else {
            tracing::warn!(endpoint = %E::KIND, code = %error.code, "a frame error with no frame to pair");
            self.deliver(SessionEvent::Message(message));
            return;
        };
        let resend = mode == StreamMode::Recording
            && if limited {
                frame.resends < MAX_RESENDS
            } else {
                E::KIND == EndpointKind::Video
                    && error.code == ErrorCode::InternalError
                    && error.retryable
                    && frame.resends == 0
            };
        if resend {
            frame.resends += 1;
            let tag = frame.tag;
            self.requeue(frame);
            self.stats.resent += 1;
            self.deliver(SessionEvent::Resending {
                tags: vec![tag],
                cause: ResendCause::Rejected(error),
            });
        } else if limited && mode == StreamMode::Live {
            self.deliver(SessionEvent::Rejected {
                tag: frame.tag,
                data: frame.data,
                error,
            });
        } else {
            self.deliver(SessionEvent::Reply {
                tag: frame.tag,
                message,
            });
        }
    }

    fn on_malformed(&mut self, text: &[u8], error: ParseError, now: Duration) {
        tracing::warn!(endpoint = %E::KIND, %error, "a server message that cannot be read");
        let answers_frame = serde_json::from_slice::<Value>(text)
            .ok()
            .is_some_and(|value| raw_answers_frame(E::KIND, &value));
        let mut tag = None;
        if answers_frame && let Some(conn) = self.conn.as_mut() {
            tag = match E::KIND {
                EndpointKind::Video => conn.in_flight.pop_front().map(|a| a.frame.tag),
                _ => conn.take_audio_answer(now).map(|s| s.frame.tag),
            };
        }
        self.deliver(SessionEvent::Malformed {
            text: excerpt(text, None),
            error,
            tag,
        });
    }

    fn on_closed(&mut self, close: CloseInfo, now: Duration) {
        let local = match self.state {
            State::ClosingConnection(why) => Some(why),
            State::Open | State::AwaitingCreated { .. } => None,
            State::Connecting { .. } => {
                // A driver that reports a connection ending before it opened.
                let error = crate::TransportError::connect(format!(
                    "the connection ended {close} before it opened"
                ));
                return self.on_connect_failed(HumeError::Transport(error), now);
            }
            state => {
                tracing::warn!(endpoint = %E::KIND, ?state, "unexpected closed event");
                return;
            }
        };
        let Some(conn) = self.conn.take() else {
            return;
        };
        tracing::debug!(endpoint = %E::KIND, %close, ?local, "realtime connection ended");
        let session_id = conn.session_id.clone();
        match local {
            Some(LocalClose::Abort) => {
                let end = self.end_error(session_id, SessionEnd::Aborted);
                return self.finish(Err(end));
            }
            Some(LocalClose::DrainTimeout) => {
                let end = self.end_error(session_id, SessionEnd::DrainTimeout);
                return self.finish(Err(end));
            }
            _ => {}
        }
        if self.closing == Closing::Sent {
            // The user's close: no reconnect, whatever happened.
            let clean = conn.observed.closed_reason == Some(CloseReason::ClientRequest);
            return match conn.closed {
                Some(closed) if clean => {
                    let summary = SessionSummary {
                        closed,
                        session_ids: self.sessions.clone(),
                        stats: self.stats,
                    };
                    self.finish(Ok(summary));
                }
                _ => {
                    let end = self.conn_end_error(&conn, &close, local);
                    self.finish(Err(end));
                }
            };
        }
        // A connection the client failed itself ended without a close frame from the server.
        let decide_on = match local {
            Some(LocalClose::HandshakeTimeout | LocalClose::KeepaliveTimeout) => {
                CloseInfo::abnormal()
            }
            _ => close.clone(),
        };
        let reconnect = self.config.reconnect().is_enabled()
            && should_reconnect(E::KIND, &decide_on, &conn.observed);
        if reconnect && let Some(delay) = self.backoff.next_delay(now) {
            self.ended_by = Some(self.conn_end_error(&conn, &close, local));
            let reason = conn.observed.closed_reason.clone();
            self.resend_unanswered(conn);
            let cause = match local {
                Some(LocalClose::HandshakeTimeout) => ReconnectCause::HandshakeTimeout,
                Some(LocalClose::KeepaliveTimeout) => ReconnectCause::KeepaliveTimeout,
                _ => ReconnectCause::Closed { close, reason },
            };
            return self.schedule_reconnect(now, delay, cause);
        }
        let end = self.conn_end_error(&conn, &close, local);
        self.finish(Err(end));
    }

    /// At a reconnect: what the ended connection left unanswered goes back in the queue (a
    /// recording) or is reported lost with the frames still queued (a live stream: stale by
    /// the time a new session opens).
    fn resend_unanswered(&mut self, conn: Conn<E>) {
        let recording = self.config.mode() == StreamMode::Recording;
        let again: Vec<Frame> = match E::KIND {
            EndpointKind::Video => conn.in_flight.into_iter().map(|a| a.frame).collect(),
            _ if recording && !self.config.audio_replay().is_zero() => {
                let floor = conn.replay_floor(self.config.audio_replay());
                conn.recent
                    .into_iter()
                    .filter(|s| s.end() > floor)
                    .map(|s| s.frame)
                    .collect()
            }
            _ => Vec::new(),
        };
        if recording {
            for frame in &mut self.queue {
                // Admitted by the old connection's budget; the new one decides again.
                frame.admitted = None;
            }
            if again.is_empty() {
                return;
            }
            let tags = again.iter().map(|f| f.tag).collect();
            self.stats.resent += again.len() as u64;
            for mut frame in again {
                frame.admitted = None;
                self.requeue(frame);
            }
            self.deliver(SessionEvent::Resending {
                tags,
                cause: ResendCause::Reconnected,
            });
        } else {
            let mut tags: Vec<u64> = again.iter().map(|f| f.tag).collect();
            self.stats.lost += again.len() as u64;
            self.stats.dropped += self.queue.len() as u64;
            tags.extend(self.queue.drain(..).map(|f| f.tag));
            if !tags.is_empty() {
                self.deliver(SessionEvent::Lost { tags });
            }
        }
    }

    /// Puts a frame back in the queue in submission order.
    fn requeue(&mut self, frame: Frame) {
        let at = self.queue.partition_point(|f| f.seq < frame.seq);
        self.queue.insert(at, frame);
        self.drain_deadline = None;
    }

    /// The error for a session whose connection ended with no reconnect.
    fn conn_end_error(
        &self,
        conn: &Conn<E>,
        close: &CloseInfo,
        local: Option<LocalClose>,
    ) -> HumeError {
        let session_id = conn.session_id.clone();
        if let Some(fatal) = &conn.fatal
            && matches!(conn.observed.closed_reason, None | Some(CloseReason::Error))
        {
            return HumeError::Realtime {
                code: fatal.code.clone(),
                message: fatal.message.clone(),
                retryable: fatal.retryable,
                session_id,
            };
        }
        let end = match (local, &conn.observed.closed_reason) {
            (Some(LocalClose::KeepaliveTimeout), _) => SessionEnd::KeepaliveTimeout,
            (Some(LocalClose::HandshakeTimeout), _) => SessionEnd::HandshakeTimeout,
            (_, Some(reason)) => SessionEnd::Closed {
                reason: reason.clone(),
            },
            (_, None) => SessionEnd::ConnectionClosed(close.clone()),
        };
        self.end_error(session_id, end)
    }

    fn end_error(&self, session_id: Option<SessionId>, end: SessionEnd) -> HumeError {
        HumeError::RealtimeSessionEnded {
            end,
            session_id: session_id.or_else(|| self.sessions.last().cloned()),
        }
    }
}

/// The earliest of several deadlines.
#[derive(Debug, Default)]
struct Deadline(Option<Duration>);

impl Deadline {
    fn add(&mut self, t: Duration) {
        self.0 = Some(self.0.map_or(t, |u| u.min(t)));
    }

    fn wait<E: Endpoint>(self) -> Action<E> {
        Action::Wait { until: self.0 }
    }
}

/// A [`Signal`] with owned parts, so the message can move on.
enum Owned<E: Endpoint> {
    Created {
        session_id: SessionId,
        config: E::Config,
    },
    Updated(E::Config),
    UtteranceStart(Duration),
    UtteranceEnd(Duration),
    FrameResult,
    Error(ErrorMessage),
    Closed {
        closed: E::Closed,
        reason: CloseReason,
    },
    Other,
}

impl<E: Endpoint> From<Signal<'_, E>> for Owned<E> {
    fn from(signal: Signal<'_, E>) -> Self {
        match signal {
            Signal::Created { session_id, config } => Owned::Created {
                session_id: session_id.clone(),
                config,
            },
            Signal::Updated(config) => Owned::Updated(config),
            Signal::UtteranceStart { audio_start_ms } => {
                Owned::UtteranceStart(Duration::from_millis(audio_start_ms))
            }
            Signal::UtteranceEnd { audio_end_ms } => {
                Owned::UtteranceEnd(Duration::from_millis(audio_end_ms))
            }
            Signal::FrameResult => Owned::FrameResult,
            Signal::Error(error) => Owned::Error(error.clone()),
            Signal::Closed { closed, reason } => Owned::Closed {
                closed: closed.clone(),
                reason: reason.clone(),
            },
            Signal::Other => Owned::Other,
        }
    }
}

/// Does an unreadable message still say (by its `type` and `code`) that it answers a frame?
fn raw_answers_frame(kind: EndpointKind, value: &Value) -> bool {
    let field = |name: &str| value.get(name).and_then(Value::as_str);
    match field("type") {
        Some(message_type::MEASUREMENT_RESULT) => kind == EndpointKind::Video,
        Some(message_type::ERROR) => {
            field("code").is_some_and(|code| kind.error_answers_frame(&ErrorCode::from(code)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
