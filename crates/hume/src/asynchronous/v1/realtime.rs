//! [`RealtimeSession`] ([`AudioSession`], [`VideoSession`]) and [`FrameSender`]: the async
//! driver of a realtime session. One tokio task per session owns the socket and performs the
//! [`Session`] machine's actions; the machine sits behind a mutex the handle shares (never
//! held across an await), so `send_frame` answers at once and wakes the task. Every rule
//! (handshake, configuration lock, frame checks, pacing, pairing, close and drain, reconnects)
//! is the machine's, in `hume_core::realtime`.

use std::fmt;
use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_core::Stream;
use hume_core::realtime::{
    Action, Audio, CloseInfo, Endpoint, Event, Phase, Refusal, Session, SessionConfig,
    SessionEvent, SessionStats, SessionSummary, Submitted, Video, connect_error, connect_request,
};
use hume_core::{
    AsyncWsConnection, AsyncWsTransport, ClientContext, HumeError, TransportError, WsMessage,
    WsRequest,
};
use hume_models::v1::SessionId;
use tokio::sync::{Notify, mpsc, oneshot};
use tokio::time::Instant;

use crate::realtime::{DEFAULT_MAX_QUEUED, Frame};

/// A realtime audio session (`/v1/expression/audio/realtime`) of the async client.
pub type AudioSession = RealtimeSession<Audio>;

/// A realtime video session (`/v1/expression/video/realtime`) of the async client.
pub type VideoSession = RealtimeSession<Video>;

/// What the handle and the driver task share.
struct Shared<E: Endpoint> {
    state: Mutex<State<E>>,
    /// A command for the driver (a frame, an update, close, abort).
    wake: Notify,
    /// Room in the queue, or the end, for senders waiting on backpressure.
    room: Notify,
    start: Instant,
    max_queued: AtomicUsize,
}

struct State<E: Endpoint> {
    session: Session<E>,
    result: Option<Result<SessionSummary<E>, HumeError>>,
    done: bool,
}

impl<E: Endpoint> Shared<E> {
    fn lock(&self) -> MutexGuard<'_, State<E>> {
        // The state stays consistent whatever panicked while holding it: take it back.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn now(&self) -> Duration {
        self.start.elapsed()
    }
}

/// One realtime session (and its reconnects), driven by its own tokio task.
///
/// Frames go in with [`send_frame`](Self::send_frame) (checked, queued, sent as the pacing
/// allows; it waits while more than [`max_queued`](Self::set_max_queued) frames wait, so a
/// loop over a recording runs at the send rate) or from another task through a
/// [`FrameSender`] ([`sender`](Self::sender)); the session's events come out as a `Stream`
/// ([`next`](Self::next)`.await`): every server message, each frame's reply with its tag,
/// resends, reconnects. The socket is served the whole time, whether or not the events are
/// read (they wait in an unbounded queue).
///
/// The stream ends when the session is over; [`close`](Self::close) then returns how it
/// ended: the `session.closed` totals after a clean close, or the error. Call
/// [`finish`](Self::finish) first to read every event to the end, or `close` directly to skip
/// them. Dropping the session aborts it.
pub struct RealtimeSession<E: Endpoint> {
    shared: Arc<Shared<E>>,
    events: mpsc::UnboundedReceiver<SessionEvent<E>>,
}

impl<E: Endpoint> fmt::Debug for RealtimeSession<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.shared.lock();
        f.debug_struct("RealtimeSession")
            .field("session", &state.session)
            .field("done", &state.done)
            .finish_non_exhaustive()
    }
}

/// A handle for sending into a [`RealtimeSession`] from another task: cheap to clone, `Send +
/// Sync`. It keeps no session alive: once the session is dropped or over, its calls are
/// refused.
pub struct FrameSender<E: Endpoint> {
    shared: Arc<Shared<E>>,
}

impl<E: Endpoint> Clone for FrameSender<E> {
    fn clone(&self) -> Self {
        Self {
            shared: self.shared.clone(),
        }
    }
}

impl<E: Endpoint> fmt::Debug for FrameSender<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FrameSender").finish_non_exhaustive()
    }
}

impl<E: Endpoint> FrameSender<E> {
    /// As [`RealtimeSession::update`].
    ///
    /// # Errors
    /// As [`RealtimeSession::update`].
    pub fn update(&self, update: E::Update) -> Result<(), HumeError> {
        self.shared.lock().session.update(update)?;
        self.shared.wake.notify_one();
        Ok(())
    }

    /// As [`RealtimeSession::send_frame`].
    ///
    /// # Errors
    /// As [`RealtimeSession::send_frame`].
    pub async fn send_frame(
        &self,
        data: impl Into<Bytes>,
        tag: u64,
    ) -> Result<Submitted, HumeError> {
        let submitted = self.try_send_frame(data, tag)?;
        loop {
            // Register before looking, so a wake-up in between is not missed.
            let room = self.shared.room.notified();
            {
                let state = self.shared.lock();
                let max = self.shared.max_queued.load(Ordering::Relaxed);
                if state.done || state.session.queued() <= max {
                    return Ok(submitted);
                }
            }
            room.await;
        }
    }

    /// As [`RealtimeSession::try_send_frame`].
    ///
    /// # Errors
    /// As [`RealtimeSession::try_send_frame`].
    pub fn try_send_frame(&self, data: impl Into<Bytes>, tag: u64) -> Result<Submitted, HumeError> {
        let now = self.shared.now();
        let submitted = self.shared.lock().session.send_frame(data, tag, now)?;
        self.shared.wake.notify_one();
        Ok(submitted)
    }

    /// As [`RealtimeSession::finish`].
    pub fn finish(&self) {
        self.shared.lock().session.close();
        self.shared.wake.notify_one();
    }

    /// Sends every frame of `frames` (at the send rate: each waits for room in the queue),
    /// then [`finish`](Self::finish)es the session. Frames refused by the local checks are
    /// skipped and returned with their tags; a failing source ends the sending (the session
    /// still finishes with what was sent) and is the error.
    ///
    /// The source is read on the calling task; [`WavFrames`](crate::realtime::WavFrames) and
    /// the JPEG sources read small pieces of a local file per frame.
    ///
    /// # Errors
    /// The source's error.
    pub async fn send_all<I>(&self, frames: I) -> Result<Vec<(u64, HumeError)>, HumeError>
    where
        I: IntoIterator<Item = Result<Frame, HumeError>>,
    {
        let mut refused = Vec::new();
        for frame in frames {
            let frame = match frame {
                Ok(frame) => frame,
                Err(error) => {
                    self.finish();
                    return Err(error);
                }
            };
            match self.send_frame(frame.data, frame.tag).await {
                Ok(_) => {}
                Err(
                    error @ HumeError::RealtimeRefused {
                        refusal: Refusal::Closing,
                        ..
                    },
                ) => {
                    // Closing or over: nothing more can go.
                    refused.push((frame.tag, error));
                    break;
                }
                Err(error) => refused.push((frame.tag, error)),
            }
        }
        self.finish();
        Ok(refused)
    }
}

impl<E: Endpoint> RealtimeSession<E> {
    /// Opens a session: spawns its driver task, connects and waits for `session.created`.
    pub(crate) async fn connect(
        ctx: Arc<ClientContext>,
        transport: Arc<dyn AsyncWsTransport>,
        config: SessionConfig,
    ) -> Result<Self, HumeError> {
        let request = connect_request(&ctx, E::KIND)?;
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                session: Session::new(config),
                result: None,
                done: false,
            }),
            wake: Notify::new(),
            room: Notify::new(),
            start: Instant::now(),
            max_queued: AtomicUsize::new(DEFAULT_MAX_QUEUED),
        });
        let (events_tx, events) = mpsc::unbounded_channel();
        let (opened_tx, opened) = oneshot::channel();
        let driver = Driver {
            shared: shared.clone(),
            ctx,
            transport,
            request,
            conn: None,
            events: events_tx,
            opened: Some(opened_tx),
        };
        tokio::spawn(driver.run());
        let session = Self { shared, events };
        match opened.await {
            Ok(Ok(())) => Ok(session),
            Ok(Err(error)) => Err(error),
            Err(_) => Err(HumeError::io(
                "opening a realtime session",
                std::io::Error::other("the session's driver task ended"),
            )),
        }
    }

    /// A [`FrameSender`] for this session, to send from another task.
    pub fn sender(&self) -> FrameSender<E> {
        FrameSender {
            shared: self.shared.clone(),
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
    pub fn update(&self, update: E::Update) -> Result<(), HumeError> {
        self.sender().update(update)
    }

    /// Submits one frame (audio: headerless 16 kHz mono s16le, ≤ 10 s; video: one JPEG) with
    /// a `tag` of your choosing that comes back with its reply. It is checked, queued and sent
    /// when the pacing allows (at most 1 s of audio per second, 3 video frames per second);
    /// this returns once at most [`set_max_queued`](Self::set_max_queued) frames wait.
    ///
    /// # Errors
    /// [`HumeError::RealtimeRefused`], nothing sent and the session going on: a frame that
    /// fails the checks, or a session that is closing or over (then [`close`](Self::close)
    /// says how it ended).
    pub async fn send_frame(
        &self,
        data: impl Into<Bytes>,
        tag: u64,
    ) -> Result<Submitted, HumeError> {
        self.sender().send_frame(data, tag).await
    }

    /// [`send_frame`](Self::send_frame) without waiting for room in the queue.
    ///
    /// # Errors
    /// As [`send_frame`](Self::send_frame).
    pub fn try_send_frame(&self, data: impl Into<Bytes>, tag: u64) -> Result<Submitted, HumeError> {
        self.sender().try_send_frame(data, tag)
    }

    /// No more frames: the queued ones go out, then `session.close`; the server answers what
    /// is pending and sends `session.closed`. Keep reading to the end of the stream.
    pub fn finish(&self) {
        self.sender().finish();
    }

    /// Most frames that may wait in the queue before [`send_frame`](Self::send_frame) waits
    /// (default 8).
    pub fn set_max_queued(&self, max: usize) {
        self.shared.max_queued.store(max, Ordering::Relaxed);
        self.shared.room.notify_waiters();
    }

    // ----- reading -----

    /// The next event, or `None` once the session is over ([`close`](Self::close) says how).
    pub async fn next(&mut self) -> Option<SessionEvent<E>> {
        self.events.recv().await
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
    pub async fn close(mut self) -> Result<SessionSummary<E>, HumeError> {
        self.finish();
        while self.events.recv().await.is_some() {}
        let result = self.shared.lock().result.take();
        result.unwrap_or_else(|| {
            Err(HumeError::io(
                "closing a realtime session",
                std::io::Error::other("the session's driver task ended without an outcome"),
            ))
        })
    }

    /// Ends the session now without waiting for answers (the connection is closed).
    pub async fn abort(mut self) {
        self.shared.lock().session.abort();
        self.shared.wake.notify_one();
        while self.events.recv().await.is_some() {}
    }

    // ----- inspection -----

    /// Where the session is.
    pub fn phase(&self) -> Phase {
        self.shared.lock().session.phase()
    }

    /// The current session's id (= run id).
    pub fn session_id(&self) -> Option<SessionId> {
        self.shared.lock().session.session_id().cloned()
    }

    /// Every session opened so far (a reconnect opens a new one, a new run).
    pub fn session_ids(&self) -> Vec<SessionId> {
        self.shared.lock().session.sessions().to_vec()
    }

    /// The configuration in force (`session.created`'s defaults, then `session.updated`).
    pub fn config_in_force(&self) -> Option<E::Config> {
        self.shared.lock().session.config_in_force().cloned()
    }

    /// Frames waiting to be sent.
    pub fn queued(&self) -> usize {
        self.shared.lock().session.queued()
    }

    /// Frame and connection counts so far.
    pub fn stats(&self) -> SessionStats {
        self.shared.lock().session.stats()
    }

    /// The shortest round trip measured by the keepalive pings.
    pub fn rtt(&self) -> Option<Duration> {
        self.shared.lock().session.rtt()
    }
}

impl<E: Endpoint> Stream for RealtimeSession<E> {
    type Item = SessionEvent<E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().events.poll_recv(cx)
    }
}

impl<E: Endpoint> Drop for RealtimeSession<E> {
    /// Aborts a session that is still running (its task closes the connection and ends).
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        if !state.done {
            state.session.abort();
            drop(state);
            self.shared.wake.notify_one();
        }
    }
}

/// The driver task of one session.
struct Driver<E: Endpoint> {
    shared: Arc<Shared<E>>,
    ctx: Arc<ClientContext>,
    transport: Arc<dyn AsyncWsTransport>,
    request: WsRequest,
    conn: Option<Box<dyn AsyncWsConnection>>,
    events: mpsc::UnboundedSender<SessionEvent<E>>,
    opened: Option<oneshot::Sender<Result<(), HumeError>>>,
}

/// What woke a waiting driver.
enum Woke {
    Command,
    Received(Result<Option<WsMessage>, TransportError>),
    Deadline,
}

impl<E: Endpoint> Driver<E> {
    async fn run(mut self) {
        loop {
            let now = self.shared.now();
            let action = self.shared.lock().session.poll(now);
            match action {
                Action::Connect => {
                    let event = match self.transport.connect(self.request.clone()).await {
                        Ok(conn) => {
                            self.conn = Some(conn);
                            Event::Connected
                        }
                        Err(error) => Event::ConnectFailed(connect_error(&self.ctx, error)),
                    };
                    self.handle(event);
                }
                Action::SendText(text) => self.send(WsMessage::Text(text)).await,
                Action::SendBinary(data) => {
                    self.send(WsMessage::Binary(data)).await;
                    self.shared.room.notify_waiters();
                }
                Action::Ping => self.send(WsMessage::Ping(Bytes::new())).await,
                Action::Close { code, reason } => self.close_connection(code, reason).await,
                Action::Deliver(event) => {
                    if self.events.send(event).is_err() {
                        // Nobody reads any more: the handle is gone.
                        self.shared.lock().session.abort();
                    }
                }
                Action::Wait { until } => self.wait(until).await,
                Action::Done(result) => {
                    self.conn = None;
                    let opened = self.opened.take();
                    let result = match (opened, result) {
                        (Some(opened), Err(error)) => {
                            let _ = opened.send(Err(error));
                            None
                        }
                        (_, result) => Some(result),
                    };
                    let mut state = self.shared.lock();
                    state.result = result;
                    state.done = true;
                    drop(state);
                    self.shared.room.notify_waiters();
                    return;
                }
                _ => {}
            }
            if self.opened.is_some() && self.shared.lock().session.phase() == Phase::Open {
                if let Some(opened) = self.opened.take() {
                    let _ = opened.send(Ok(()));
                }
            }
        }
    }

    fn handle(&self, event: Event) {
        let now = self.shared.now();
        self.shared.lock().session.handle(event, now);
    }

    /// Waits for a command, a message or the deadline, whichever is first, and reports it.
    async fn wait(&mut self, until: Option<Duration>) {
        let woke = {
            let mut notified = pin!(self.shared.wake.notified());
            let mut received = pin!(recv(&mut self.conn));
            let mut deadline = pin!(sleep(until.map(|t| self.shared.start + t)));
            poll_fn(|cx| {
                if notified.as_mut().poll(cx).is_ready() {
                    return Poll::Ready(Woke::Command);
                }
                if let Poll::Ready(received) = received.as_mut().poll(cx) {
                    return Poll::Ready(Woke::Received(received));
                }
                if deadline.as_mut().poll(cx).is_ready() {
                    return Poll::Ready(Woke::Deadline);
                }
                Poll::Pending
            })
            .await
        };
        let Woke::Received(received) = woke else {
            return;
        };
        let event = match received {
            Ok(Some(WsMessage::Text(text))) => Event::Text(text),
            Ok(Some(WsMessage::Binary(data))) => Event::Binary(data),
            Ok(Some(WsMessage::Pong(_))) => Event::Pong,
            Ok(Some(WsMessage::Close(close))) => {
                self.conn = None;
                Event::Closed(close)
            }
            // A ping (answered by the backend) or another control message.
            Ok(Some(_)) => return,
            Ok(None) => {
                self.conn = None;
                Event::Closed(CloseInfo::abnormal())
            }
            Err(error) => {
                tracing::debug!(%error, "realtime connection failed");
                self.conn = None;
                Event::Closed(CloseInfo::abnormal())
            }
        };
        self.handle(event);
    }

    async fn send(&mut self, message: WsMessage) {
        let sent = match self.conn.as_mut() {
            Some(conn) => conn.send(message).await,
            None => Err(TransportError::io(
                hume_core::SendState::NotSent,
                std::io::Error::from(std::io::ErrorKind::NotConnected),
            )),
        };
        if let Err(error) = sent {
            tracing::debug!(%error, "realtime send failed");
            self.conn = None;
            self.handle(Event::Closed(CloseInfo::abnormal()));
        }
    }

    /// Closes the connection with this frame and waits (at most the close grace) for the
    /// peer's close frame.
    async fn close_connection(&mut self, code: u16, reason: &'static str) {
        let grace = self.shared.lock().session.settings().close_grace();
        let mut close = CloseInfo::abnormal();
        if let Some(mut conn) = self.conn.take()
            && conn
                .send(WsMessage::Close(CloseInfo::new(code, reason)))
                .await
                .is_ok()
        {
            let peer = tokio::time::timeout(grace, async {
                loop {
                    match conn.recv().await {
                        Ok(Some(WsMessage::Close(peer))) => return Some(peer),
                        Ok(Some(_)) => {}
                        Ok(None) | Err(_) => return None,
                    }
                }
            })
            .await;
            if let Ok(Some(peer)) = peer {
                close = peer;
            }
        }
        self.handle(Event::Closed(close));
    }
}

/// The next message of the connection, or never without one.
async fn recv(
    conn: &mut Option<Box<dyn AsyncWsConnection>>,
) -> Result<Option<WsMessage>, TransportError> {
    match conn {
        Some(conn) => conn.recv().await,
        None => std::future::pending().await,
    }
}

/// Sleeps until `until`, or forever without one.
async fn sleep(until: Option<Instant>) {
    match until {
        Some(until) => tokio::time::sleep_until(until).await,
        None => std::future::pending().await,
    }
}
