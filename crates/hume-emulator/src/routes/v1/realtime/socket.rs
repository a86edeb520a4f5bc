//! The socket driver: runs one [`RealtimeEndpoint`] session over axum's WebSocket.
//!
//! It records the run, sends `session.created`, then handles messages one at a time, in the
//! order they arrive, while it watches the idle deadline (reset by every text or binary
//! message; pings do not count), the emulator's shutdown and a fault's cut. Each message's
//! [`Step`](super::session_core::Step) is answered at once — a frame's error goes out as soon as
//! the frame was read, which is how clients pair errors with frames. Then it ends the session
//! as its [`Ending`] says: the last messages, the close frame, the run record.
//!
//! Bounds: messages are limited by the WebSocket layer to the endpoint's size limit (a larger
//! one is never buffered whole: the frame header is enough to refuse it), the send buffer to
//! [`MAX_WRITE_BUFFER`], every send to [`SEND_TIMEOUT`] (a client that stops reading loses the
//! connection), and the closing handshake to [`CLOSE_WAIT`].

use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use hume_models::v1::realtime::ErrorCode;
use hume_models::v1::{RunEventKind, SessionId};
use tokio::time::{Instant, sleep_until, timeout};

use super::ending::{Ending, ReadFailure, read_failure};
use super::live_run::LiveRun;
use super::session_core::{CLOSE_TOO_BIG, RealtimeEndpoint, Step, StepEnd, detail};
use crate::session_faults::CutPlan;
use crate::state::AppState;
use crate::v1::{Caller, SessionSlot};

/// Most bytes waiting to be sent on one socket.
pub(crate) const MAX_WRITE_BUFFER: usize = 1 << 20;
/// Longest a send may take before the connection is given up.
pub(crate) const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest the closing handshake is waited for.
pub(crate) const CLOSE_WAIT: Duration = Duration::from_secs(2);
/// Close code of a session ended by a text message that is not UTF-8.
const CLOSE_INVALID_DATA: u16 = 1007;
/// Close code of a session ended by a broken WebSocket protocol.
const CLOSE_PROTOCOL: u16 = 1002;

/// Runs one session of endpoint `E` on an upgraded connection, holding `slot` until it ends.
pub(crate) async fn run<E: RealtimeEndpoint>(
    mut socket: WebSocket,
    state: Arc<AppState>,
    caller: Caller,
    slot: SessionSlot,
) {
    let settings = state.config.v1.realtime.clone();
    let run_id = state.v1.ids.run_id();
    let mut session = E::open(SessionId::new(run_id.as_str()), &settings);
    let opened = Instant::now();
    let live = LiveRun::open(
        Arc::clone(&state),
        run_id,
        &caller,
        E::ENDPOINT,
        session.run_config(),
    );
    let cut = settings.faults.cut_for(slot.index);
    let ending = drive(
        &mut socket,
        &mut session,
        &live,
        &state,
        settings.idle_timeout,
        cut,
        opened,
    )
    .await;
    close(&mut socket, &mut session, &ending).await;
    live.finish(&ending, session.usage(), session.run_config());
    drop(slot);
}

/// Sends one text message within [`SEND_TIMEOUT`]; `false` when the connection is gone.
async fn send(socket: &mut WebSocket, text: String) -> bool {
    matches!(
        timeout(SEND_TIMEOUT, socket.send(Message::text(text))).await,
        Ok(Ok(()))
    )
}

/// Sleeps until `deadline`, or forever without one.
async fn sleep_until_some(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

/// The answer to a failed read.
fn failed_read<E: RealtimeEndpoint>(failure: ReadFailure) -> Option<Step> {
    match failure {
        ReadFailure::TooLarge => Some(
            Step::fatal(
                ErrorCode::MessageTooLarge,
                format!(
                    "a message was larger than the limit of {} bytes",
                    E::MAX_MESSAGE_BYTES
                ),
                CLOSE_TOO_BIG,
            )
            .with_event(
                RunEventKind::MessageTooLarge,
                detail("limit_bytes", E::MAX_MESSAGE_BYTES),
            ),
        ),
        ReadFailure::InvalidUtf8 => Some(Step::fatal(
            ErrorCode::MessageInvalid,
            "a text message was not valid UTF-8",
            CLOSE_INVALID_DATA,
        )),
        ReadFailure::Protocol => Some(Step::fatal(
            ErrorCode::MessageInvalid,
            "the client broke the WebSocket protocol",
            CLOSE_PROTOCOL,
        )),
        ReadFailure::Lost => None,
    }
}

/// Handles messages until the session ends; how it ended.
async fn drive<E: RealtimeEndpoint>(
    socket: &mut WebSocket,
    session: &mut E,
    live: &LiveRun,
    state: &AppState,
    idle: Duration,
    cut: Option<CutPlan>,
    opened: Instant,
) -> Ending {
    if !send(socket, session.created()).await {
        return Ending::Lost;
    }
    let mut idle_deadline = opened + idle;
    let cut_deadline = cut.and_then(|plan| plan.after).map(|after| opened + after);
    let mut frames: u64 = 0;
    let mut recorded = (session.usage(), session.run_config());
    let mut shutdown = state.shutdown.subscribe();
    loop {
        if let Some(plan) = cut
            && plan.frames.is_some_and(|n| frames >= n)
        {
            return Ending::Cut(plan.cut);
        }
        let message = tokio::select! {
            biased;
            _ = shutdown.wait_for(|stop| *stop) => return Ending::ServerShutdown,
            () = sleep_until_some(cut_deadline) => {
                return cut.map_or(Ending::Lost, |plan| Ending::Cut(plan.cut));
            }
            () = sleep_until(idle_deadline) => return Ending::IdleTimeout,
            message = socket.recv() => message,
        };
        let now = Instant::now();
        let elapsed = now.saturating_duration_since(opened);
        let step = match message {
            Some(Ok(Message::Text(text))) => {
                idle_deadline = now + idle;
                session.on_text(text.as_str(), elapsed)
            }
            Some(Ok(Message::Binary(data))) => {
                idle_deadline = now + idle;
                frames += 1;
                session.on_frame(&data, elapsed)
            }
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            Some(Ok(Message::Close(frame))) => {
                return Ending::ClientClosed {
                    code: frame.as_ref().map(|f| f.code),
                    reason: frame
                        .map(|f| f.reason.as_str().to_owned())
                        .unwrap_or_default(),
                };
            }
            Some(Err(error)) => match failed_read::<E>(read_failure(error)) {
                Some(step) => step,
                None => return Ending::Lost,
            },
            None => return Ending::Lost,
        };
        live.log(step.events);
        for message in step.messages {
            if !send(socket, message).await {
                return Ending::Lost;
            }
        }
        let current = (session.usage(), session.run_config());
        if current != recorded {
            live.progress(current.0, current.1.clone());
            recorded = current;
        }
        match step.end {
            Some(StepEnd::ClientRequest) => return Ending::ClientRequest,
            Some(StepEnd::Fatal { close_code }) => return Ending::Fatal(close_code),
            None => {}
        }
    }
}

/// Ends the connection as `ending` says: the last messages, the close frame, and the closing
/// handshake (bounded by [`CLOSE_WAIT`]).
async fn close<E: RealtimeEndpoint>(socket: &mut WebSocket, session: &mut E, ending: &Ending) {
    if let Some(reason) = ending.closed_reason() {
        for message in session.finish(reason) {
            if !send(socket, message).await {
                return;
            }
        }
    }
    match (ending.close_frame(), ending) {
        (Some((code, reason)), _) => {
            let frame = CloseFrame {
                code,
                reason: reason.into(),
            };
            if matches!(
                timeout(SEND_TIMEOUT, socket.send(Message::Close(Some(frame)))).await,
                Ok(Ok(()))
            ) {
                wait_closed(socket).await;
            }
        }
        // Sends the reply to the client's close frame.
        (None, Ending::ClientClosed { .. }) => wait_closed(socket).await,
        // Dropping the socket closes the TCP connection without a close frame.
        (None, _) => {}
    }
}

/// Reads until the peer closes (or [`CLOSE_WAIT`] passes), which also flushes a queued close
/// reply. After a message over the limit the rest of it is still on the wire and reads as
/// garbage; the connection then stays open (unread) until the deadline, so the client, still
/// sending, gets to read the answer before the socket closes.
async fn wait_closed(socket: &mut WebSocket) {
    let deadline = Instant::now() + CLOSE_WAIT;
    loop {
        match tokio::time::timeout_at(deadline, socket.recv()).await {
            Ok(Some(Ok(_))) => continue,
            Ok(Some(Err(error))) => {
                if read_failure(error) != ReadFailure::Lost {
                    sleep_until(deadline).await;
                }
                return;
            }
            Ok(None) | Err(_) => return,
        }
    }
}
