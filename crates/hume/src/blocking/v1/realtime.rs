//! [`RealtimeSession`] ([`AudioSession`], [`VideoSession`]): the blocking driver of a realtime
//! session. It owns the socket and the clock, performs the [`Session`] machine's actions on
//! the calling thread and hands its events out as an iterator; every rule (handshake,
//! configuration lock, frame checks, pacing, pairing, close and drain, reconnects) is the
//! machine's, in `hume_core::realtime`.

use std::collections::VecDeque;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use hume_core::realtime::{
    Action, Audio, CloseInfo, Endpoint, Event, Phase, Session, SessionConfig, SessionEvent,
    SessionStats, SessionSummary, Submitted, Video, connect_error, connect_request,
};
use hume_core::{ClientContext, HumeError, WsConnection, WsMessage, WsRequest, WsTransport};

use crate::realtime::{DEFAULT_MAX_QUEUED, Frame};

/// A realtime audio session (`/v1/expression/audio/realtime`) of the blocking client.
pub type AudioSession = RealtimeSession<Audio>;

/// A realtime video session (`/v1/expression/video/realtime`) of the blocking client.
pub type VideoSession = RealtimeSession<Video>;

/// One realtime session (and its reconnects), driven on the calling thread.
///
/// Frames go in with [`send_frame`](Self::send_frame) (checked, queued, sent as the pacing
/// allows; it blocks while more than [`max_queued`](Self::set_max_queued) frames wait, so a
/// loop over a recording runs at the send rate); the session's events come out of the
/// iterator ([`SessionEvent`]: every server message, each frame's reply with its tag,
/// resends, reconnects). Nothing happens on the socket between calls: call
/// [`try_next`](Self::try_next) now and then when you only send, or use
/// [`stream`](Self::stream), which interleaves both.
///
/// The iterator ends when the session is over; [`close`](Self::close) then returns how it
/// ended: the `session.closed` totals after a clean close, or the error. Call
/// [`finish`](Self::finish) first to read every event to the end, or `close` directly to
/// skip them.
pub struct RealtimeSession<E: Endpoint> {
    session: Session<E>,
    ctx: Arc<ClientContext>,
    transport: Arc<dyn WsTransport>,
    request: WsRequest,
    conn: Option<Box<dyn WsConnection>>,
    start: Instant,
    events: VecDeque<SessionEvent<E>>,
    result: Option<Result<SessionSummary<E>, HumeError>>,
    max_queued: usize,
}

impl<E: Endpoint> fmt::Debug for RealtimeSession<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RealtimeSession")
            .field("session", &self.session)
            .field("url", &self.request.url())
            .field("events", &self.events.len())
            .field("done", &self.result.is_some())
            .finish_non_exhaustive()
    }
}

impl<E: Endpoint> RealtimeSession<E> {
    /// Opens a session: connects and waits for `session.created`.
    pub(crate) fn connect(
        ctx: Arc<ClientContext>,
        transport: Arc<dyn WsTransport>,
        config: SessionConfig,
    ) -> Result<Self, HumeError> {
        let request = connect_request(&ctx, E::KIND)?;
        let mut session = Self {
            session: Session::new(config),
            ctx,
            transport,
            request,
            conn: None,
            start: Instant::now(),
            events: VecDeque::new(),
            result: None,
            max_queued: DEFAULT_MAX_QUEUED,
        };
        while session.result.is_none() && session.session.phase() != Phase::Open {
            session.step(true);
        }
        match session.result.take() {
            Some(Err(error)) => Err(error),
            Some(Ok(_)) => Err(HumeError::io(
                "opening a realtime session",
                std::io::Error::other("the session ended before it opened"),
            )),
            None => Ok(session),
        }
    }

    // ----- sending -----

    /// Configures the session (`session.update`), before the first frame only; an omitted
    /// field resets to its default. Sent at once, and again after every reconnect.
    ///
    /// # Errors
    /// [`HumeError::RealtimeRefused`], nothing sent: after the first frame (the server would
    /// end the session with `config_invalid`), values outside the documented rules, or the
    /// session closing.
    pub fn update(&mut self, update: E::Update) -> Result<(), HumeError> {
        self.session.update(update)?;
        self.step(false);
        Ok(())
    }

    /// Submits one frame (audio: headerless 16 kHz mono s16le, ≤ 10 s; video: one JPEG) with
    /// a `tag` of your choosing that comes back with its reply. It is checked, queued and sent
    /// when the pacing allows (at most 1 s of audio per second, 3 video frames per second);
    /// this call returns once at most [`set_max_queued`](Self::set_max_queued) frames wait.
    ///
    /// # Errors
    /// [`HumeError::RealtimeRefused`], nothing sent and the session going on: a frame that
    /// fails the checks, or a session that is closing or over (then [`close`](Self::close)
    /// says how it ended).
    pub fn send_frame(&mut self, data: impl Into<Bytes>, tag: u64) -> Result<Submitted, HumeError> {
        let submitted = self.session.send_frame(data, tag, self.now())?;
        self.step(false);
        while self.result.is_none() && self.session.queued() > self.max_queued {
            self.step(true);
        }
        Ok(submitted)
    }

    /// No more frames: the queued ones go out, then `session.close`; the server answers what
    /// is pending and sends `session.closed`. Keep iterating to read the rest.
    pub fn finish(&mut self) {
        self.session.close();
        self.step(false);
    }

    /// Sends `frames` while reading the session's events: an iterator over both, which
    /// [`finish`](Self::finish)es the session when the frames run out and ends with the
    /// session. See [`Streaming`].
    ///
    /// ```no_run
    /// # fn demo(client: &hume::blocking::ExpressionMeasurementClient) -> Result<(), hume::HumeError> {
    /// use hume::realtime::{SessionConfig, SessionEvent, WavFrames};
    ///
    /// let mut session = client.audio().connect(SessionConfig::default())?;
    /// for event in session.stream(WavFrames::open("speech.wav")?) {
    ///     println!("{:?}", event?);
    /// }
    /// let summary = session.close()?;
    /// println!("{} ms of audio measured", summary.closed.received.audio_duration_ms);
    /// # Ok(()) }
    /// ```
    pub fn stream<I>(&mut self, frames: I) -> Streaming<'_, E, I::IntoIter>
    where
        I: IntoIterator<Item = Result<Frame, HumeError>>,
    {
        Streaming {
            session: self,
            frames: Some(frames.into_iter()),
        }
    }

    /// Most frames that may wait in the queue before [`send_frame`](Self::send_frame) blocks
    /// (default 8). Zero: every call waits until its frame has gone.
    pub fn set_max_queued(&mut self, max: usize) {
        self.max_queued = max;
    }

    // ----- reading -----

    /// The next event if one is ready, without waiting (it does the socket work that is due:
    /// sends frames whose time has come, reads what arrived). `None` does not mean the end;
    /// [`is_done`](Self::is_done) does.
    pub fn try_next(&mut self) -> Option<SessionEvent<E>> {
        if self.events.is_empty() {
            self.step(false);
        }
        self.events.pop_front()
    }

    /// Whether the session is over and every event has been read.
    pub fn is_done(&self) -> bool {
        self.result.is_some() && self.events.is_empty()
    }

    /// Ends the session: [`finish`](Self::finish), then waits for the end, dropping the events
    /// not read. Returns the last session's `session.closed` (its totals) with every session
    /// id and the client's counts.
    ///
    /// # Errors
    /// Why the session ended otherwise: [`HumeError::Realtime`] (a server error that ended it:
    /// `config_invalid`, `message_too_large`, ...), [`HumeError::RealtimeSessionEnded`] (idle
    /// timeout, a drop with no reconnect left, ...), [`HumeError::InvalidApiKey`] or another
    /// handshake or transport failure of a reconnect.
    pub fn close(mut self) -> Result<SessionSummary<E>, HumeError> {
        self.session.close();
        while self.result.is_none() {
            self.step(true);
            self.events.clear();
        }
        self.take_result()
    }

    /// Ends the session now without waiting for answers (the connection is closed).
    pub fn abort(mut self) {
        self.session.abort();
        while self.result.is_none() {
            self.step(true);
        }
    }

    // ----- inspection -----

    /// Where the session is.
    pub fn phase(&self) -> Phase {
        self.session.phase()
    }

    /// The current session's id (= run id).
    pub fn session_id(&self) -> Option<&hume_models::v1::SessionId> {
        self.session.session_id()
    }

    /// Every session opened so far (a reconnect opens a new one, a new run).
    pub fn session_ids(&self) -> &[hume_models::v1::SessionId] {
        self.session.sessions()
    }

    /// The configuration in force (`session.created`'s defaults, then `session.updated`).
    pub fn config_in_force(&self) -> Option<&E::Config> {
        self.session.config_in_force()
    }

    /// Frames waiting to be sent.
    pub fn queued(&self) -> usize {
        self.session.queued()
    }

    /// Frame and connection counts so far.
    pub fn stats(&self) -> SessionStats {
        self.session.stats()
    }

    /// The shortest round trip measured by the keepalive pings.
    pub fn rtt(&self) -> Option<Duration> {
        self.session.rtt()
    }

    // ----- the driver -----

    fn now(&self) -> Duration {
        self.start.elapsed()
    }

    fn take_result(&mut self) -> Result<SessionSummary<E>, HumeError> {
        self.result.take().unwrap_or_else(|| {
            Err(HumeError::io(
                "closing a realtime session",
                std::io::Error::other("the session's outcome was already taken"),
            ))
        })
    }

    /// Performs the machine's actions until it waits; then, with `block`, waits once (for a
    /// message, or until its deadline) and reports what happened; without, takes only what
    /// has already arrived.
    fn step(&mut self, block: bool) {
        while self.result.is_none() {
            let now = self.now();
            match self.session.poll(now) {
                Action::Connect => match self.transport.connect(self.request.clone()) {
                    Ok(conn) => {
                        self.conn = Some(conn);
                        self.session.handle(Event::Connected, self.now());
                    }
                    Err(error) => {
                        let error = connect_error(&self.ctx, error);
                        self.session.handle(Event::ConnectFailed(error), self.now());
                    }
                },
                Action::SendText(text) => self.send(WsMessage::Text(text)),
                Action::SendBinary(data) => self.send(WsMessage::Binary(data)),
                Action::Ping => self.send(WsMessage::Ping(Bytes::new())),
                Action::Close { code, reason } => self.close_connection(code, reason),
                Action::Deliver(event) => self.events.push_back(event),
                Action::Wait { until } => {
                    let timeout = match (block, until) {
                        (false, _) => Some(Duration::ZERO),
                        (true, Some(until)) => Some(until.saturating_sub(now)),
                        (true, None) => None,
                    };
                    self.wait(timeout);
                    return;
                }
                Action::Done(result) => {
                    self.conn = None;
                    self.result = Some(result);
                }
                _ => {}
            }
        }
    }

    /// Waits up to `timeout` for the socket and reports what came; `true` if something did.
    /// Without a connection it only sleeps out the timeout.
    fn wait(&mut self, timeout: Option<Duration>) -> bool {
        let Some(conn) = self.conn.as_mut() else {
            match timeout {
                Some(t) if !t.is_zero() => std::thread::sleep(t),
                // Nothing can arrive and nothing is due: do not wait forever.
                _ => {}
            }
            return false;
        };
        let received = conn.recv(timeout);
        let now = self.now();
        match received {
            Ok(None) => false,
            Ok(Some(message)) => {
                self.receive(message, now);
                // Take whatever else has arrived already, so replies come out in bursts.
                while let Some(conn) = self.conn.as_mut() {
                    match conn.recv(Some(Duration::ZERO)) {
                        Ok(Some(message)) => self.receive(message, self.now()),
                        Ok(None) => break,
                        Err(error) => {
                            tracing::debug!(%error, "realtime connection failed");
                            self.conn = None;
                            self.session
                                .handle(Event::Closed(CloseInfo::abnormal()), self.now());
                        }
                    }
                }
                true
            }
            Err(error) => {
                tracing::debug!(%error, "realtime connection failed");
                self.conn = None;
                self.session
                    .handle(Event::Closed(CloseInfo::abnormal()), now);
                true
            }
        }
    }

    fn receive(&mut self, message: WsMessage, now: Duration) {
        let event = match message {
            WsMessage::Text(text) => Event::Text(text),
            WsMessage::Binary(data) => Event::Binary(data),
            WsMessage::Pong(_) => Event::Pong,
            WsMessage::Close(close) => {
                self.conn = None;
                Event::Closed(close)
            }
            // The backend answered it; nothing for the session.
            _ => return,
        };
        self.session.handle(event, now);
    }

    fn send(&mut self, message: WsMessage) {
        let sent = match self.conn.as_mut() {
            Some(conn) => conn.send(message),
            None => Ok(()),
        };
        if self.conn.is_none() || sent.is_err() {
            if let Err(error) = sent {
                tracing::debug!(%error, "realtime send failed");
            }
            self.conn = None;
            self.session
                .handle(Event::Closed(CloseInfo::abnormal()), self.now());
        }
    }

    /// Closes the connection with this frame and waits (at most the close grace) for the
    /// peer's close frame.
    fn close_connection(&mut self, code: u16, reason: &'static str) {
        let grace = self.session.settings().close_grace();
        let mut close = CloseInfo::abnormal();
        if let Some(mut conn) = self.conn.take() {
            if conn
                .send(WsMessage::Close(CloseInfo::new(code, reason)))
                .is_ok()
            {
                let deadline = Instant::now() + grace;
                loop {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    match conn.recv(Some(left)) {
                        Ok(Some(WsMessage::Close(peer))) => {
                            close = peer;
                            break;
                        }
                        Ok(Some(_)) => {}
                        Ok(None) | Err(_) => break,
                    }
                }
            }
        }
        self.session.handle(Event::Closed(close), self.now());
    }
}

impl<E: Endpoint> Iterator for RealtimeSession<E> {
    type Item = SessionEvent<E>;

    /// The next event, waiting for it (and doing the socket work meanwhile); `None` once the
    /// session is over ([`close`](RealtimeSession::close) says how).
    fn next(&mut self) -> Option<SessionEvent<E>> {
        loop {
            if let Some(event) = self.events.pop_front() {
                return Some(event);
            }
            if self.result.is_some() {
                return None;
            }
            self.step(true);
        }
    }
}

/// [`RealtimeSession::stream`]: sends frames from a source while reading the session's
/// events, as one iterator.
///
/// A frame is taken from the source whenever the queue has room (so a recording goes out at
/// the send rate and the source is read as it goes); when the source runs out the session is
/// [`finish`](RealtimeSession::finish)ed, and the iterator ends with the session. Items are
/// the session's events, or an error about a frame: one refused before sending
/// ([`HumeError::RealtimeRefused`]; the stream goes on) or the source failing (no more frames
/// are read; the session finishes with what was sent). Afterwards,
/// [`close`](RealtimeSession::close) returns the outcome.
pub struct Streaming<'a, E: Endpoint, I> {
    session: &'a mut RealtimeSession<E>,
    frames: Option<I>,
}

impl<E: Endpoint, I> fmt::Debug for Streaming<'_, E, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Streaming")
            .field("session", &self.session)
            .field("source_done", &self.frames.is_none())
            .finish()
    }
}

impl<E, I> Iterator for Streaming<'_, E, I>
where
    E: Endpoint,
    I: Iterator<Item = Result<Frame, HumeError>>,
{
    type Item = Result<SessionEvent<E>, HumeError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(event) = self.session.events.pop_front() {
                return Some(Ok(event));
            }
            if self.session.result.is_some() {
                return None;
            }
            if self.session.session.queued() <= self.session.max_queued
                && let Some(frames) = self.frames.as_mut()
            {
                match frames.next() {
                    Some(Ok(frame)) => {
                        let now = self.session.now();
                        let submitted = self.session.session.send_frame(frame.data, frame.tag, now);
                        self.session.step(false);
                        if let Err(error) = submitted {
                            return Some(Err(error));
                        }
                    }
                    Some(Err(error)) => {
                        self.frames = None;
                        self.session.finish();
                        return Some(Err(error));
                    }
                    None => {
                        self.frames = None;
                        self.session.finish();
                    }
                }
                continue;
            }
            self.session.step(true);
        }
    }
}
