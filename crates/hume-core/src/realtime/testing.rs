//! Test support for the realtime machines: a fake driver on a fake clock that records what a
//! session asks for, scripted server messages, and small media builders. Nothing here sleeps
//! or opens a socket.

use std::time::Duration;

use bytes::Bytes;
use hume_bench_data::test_media::jpeg;
use hume_models::v1::realtime::{
    AudioProduced, AudioReceived, AudioServerMessage, AudioSessionClosed, AudioSessionCreated,
    CloseReason, ErrorCode, ErrorMessage, UtteranceStart, VideoProduced, VideoReceived,
    VideoServerMessage, VideoSessionClosed, VideoSessionCreated,
};
use hume_models::v1::{AudioMeasurement, FrameMeasurement, MeasurementTrigger, Utterance};

use super::{
    Action, CloseInfo, Endpoint, EndpointKind, Event, ReconnectCause, ResendCause, Session,
    SessionConfig, SessionEvent, SessionSummary,
};
use crate::HumeError;

pub(crate) fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

pub(crate) fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// `ms` milliseconds of audio whose samples all hold `tag` (so a sent frame can be told apart).
pub(crate) fn audio(ms: u64, tag: u8) -> Bytes {
    Bytes::from(vec![tag; (ms * 32) as usize])
}

/// A distinct video frame per tag (its width encodes the tag).
pub(crate) fn video(tag: u16) -> Bytes {
    Bytes::from(jpeg(100 + tag, 100, 0))
}

/// The tag [`video`] encoded in a frame.
pub(crate) fn video_tag(frame: &[u8]) -> u64 {
    let info = hume_models::v1::media::inspect_jpeg(frame).unwrap();
    u64::from(info.width - 100)
}

/// What the fake driver saw the session ask for.
#[derive(Debug)]
pub(crate) enum Did<E: Endpoint> {
    Connect(Duration),
    Text(String),
    Binary(Bytes, Duration),
    Ping,
    Close(u16, &'static str),
    Event(SessionEvent<E>),
    Wait(Option<Duration>),
    Done(Result<SessionSummary<E>, HumeError>),
}

/// A session under test and the fake clock.
pub(crate) struct Harness<E: Endpoint> {
    pub(crate) session: Session<E>,
    pub(crate) now: Duration,
}

/// The test default: no keepalive (its pings would show up everywhere) and a first reconnect
/// delay of exactly 1 s (the random draw pinned to 0).
pub(crate) fn quiet() -> SessionConfig {
    SessionConfig::default().with_keepalive(None)
}

impl<E: Endpoint> Harness<E> {
    pub(crate) fn new(config: SessionConfig) -> Self {
        Harness {
            session: Session::with_rng(config, &mut || 0.0),
            now: Duration::ZERO,
        }
    }

    /// Polls until the session waits or is done; everything it asked for, the last `Wait` or
    /// `Done` included. `Close` is answered with a normal close at once.
    pub(crate) fn run(&mut self) -> Vec<Did<E>> {
        let mut did = Vec::new();
        for _ in 0..10_000 {
            match self.session.poll(self.now) {
                Action::Connect => did.push(Did::Connect(self.now)),
                Action::SendText(text) => did.push(Did::Text(text)),
                Action::SendBinary(data) => did.push(Did::Binary(data, self.now)),
                Action::Ping => did.push(Did::Ping),
                Action::Close { code, reason } => {
                    did.push(Did::Close(code, reason));
                    self.session
                        .handle(Event::Closed(CloseInfo::new(1000, "")), self.now);
                }
                Action::Deliver(event) => did.push(Did::Event(event)),
                Action::Wait { until } => {
                    did.push(Did::Wait(until));
                    return did;
                }
                Action::Done(result) => {
                    did.push(Did::Done(result));
                    return did;
                }
            }
        }
        panic!("the session never waited: {did:?}");
    }

    /// Reports an event, then runs.
    pub(crate) fn on(&mut self, event: Event) -> Vec<Did<E>> {
        self.session.handle(event, self.now);
        self.run()
    }

    /// The server sends `json`, then runs.
    pub(crate) fn text(&mut self, json: impl Into<String>) -> Vec<Did<E>> {
        self.on(Event::Text(json.into()))
    }

    /// Moves the clock to `t`, then runs.
    pub(crate) fn at(&mut self, t: Duration) -> Vec<Did<E>> {
        assert!(t >= self.now, "the fake clock never goes back");
        self.now = t;
        self.run()
    }

    /// Runs, then keeps moving the clock to each deadline until the session waits with none
    /// or is done (or `limit` is reached); everything it did.
    pub(crate) fn run_until_idle(&mut self, limit: Duration) -> Vec<Did<E>> {
        let mut all = self.run();
        loop {
            match all.last() {
                Some(Did::Wait(Some(until))) if *until <= limit => {
                    let until = *until;
                    all.pop();
                    all.extend(self.at(until));
                }
                _ => return all,
            }
        }
    }

    /// Submits a frame at the current time.
    pub(crate) fn frame(&mut self, data: Bytes, tag: u64) -> super::Submitted {
        self.session.send_frame(data, tag, self.now).unwrap()
    }
}

/// The binary messages sent, with their times.
pub(crate) fn binaries<E: Endpoint>(did: &[Did<E>]) -> Vec<(Bytes, Duration)> {
    did.iter()
        .filter_map(|d| match d {
            Did::Binary(data, at) => Some((data.clone(), *at)),
            _ => None,
        })
        .collect()
}

/// The text messages sent.
pub(crate) fn texts<E: Endpoint>(did: &[Did<E>]) -> Vec<String> {
    did.iter()
        .filter_map(|d| match d {
            Did::Text(text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// The events delivered.
pub(crate) fn events<E: Endpoint>(did: Vec<Did<E>>) -> Vec<SessionEvent<E>> {
    did.into_iter()
        .filter_map(|d| match d {
            Did::Event(event) => Some(event),
            _ => None,
        })
        .collect()
}

/// The result of a run that ended.
pub(crate) fn done<E: Endpoint>(did: Vec<Did<E>>) -> Result<SessionSummary<E>, HumeError> {
    match did.into_iter().last() {
        Some(Did::Done(result)) => result,
        other => panic!("not done: {other:?}"),
    }
}

/// The deadline of a run that ended waiting.
pub(crate) fn waits_until<E: Endpoint>(did: &[Did<E>]) -> Option<Duration> {
    match did.last() {
        Some(Did::Wait(until)) => *until,
        other => panic!("not waiting: {other:?}"),
    }
}

pub(crate) const UPDATE_PREFIX: &str = r#"{"type":"session.update""#;
pub(crate) const CLOSE: &str = r#"{"type":"session.close"}"#;

pub(crate) fn error(code: ErrorCode, retryable: bool) -> ErrorMessage {
    let message = format!("{code} for a test");
    ErrorMessage::new(code, message, retryable)
}

// ----- audio server messages -----

pub(crate) fn audio_created(id: &str) -> String {
    AudioServerMessage::from(AudioSessionCreated::with_defaults(id)).to_json()
}

pub(crate) fn audio_error(code: ErrorCode, retryable: bool) -> String {
    AudioServerMessage::from(error(code, retryable)).to_json()
}

pub(crate) fn utterance_start(id: u64, at_ms: u64) -> String {
    AudioServerMessage::from(UtteranceStart::new(id, at_ms)).to_json()
}

pub(crate) fn utterance_end(id: u64, start_ms: u64, end_ms: u64) -> String {
    AudioServerMessage::from(Utterance::new(id, start_ms, end_ms)).to_json()
}

pub(crate) fn audio_measurement(id: u64, start_ms: u64, end_ms: u64) -> String {
    AudioServerMessage::from(AudioMeasurement::new(
        id,
        0,
        start_ms,
        end_ms,
        MeasurementTrigger::Interval,
        Vec::new(),
        Vec::new(),
    ))
    .to_json()
}

pub(crate) fn audio_closed(id: &str, reason: CloseReason, frames: u64) -> String {
    AudioServerMessage::from(AudioSessionClosed::new(
        id,
        reason,
        AudioReceived::new(frames * 100, frames),
        AudioProduced::new(0, 0),
    ))
    .to_json()
}

// ----- video server messages -----

pub(crate) fn video_created(id: &str) -> String {
    VideoServerMessage::from(VideoSessionCreated::with_defaults(id)).to_json()
}

pub(crate) fn video_result(frame_id: u64) -> String {
    VideoServerMessage::from(FrameMeasurement::new(frame_id, Vec::new())).to_json()
}

pub(crate) fn video_error(code: ErrorCode, retryable: bool) -> String {
    VideoServerMessage::from(error(code, retryable)).to_json()
}

pub(crate) fn video_closed(id: &str, reason: CloseReason, frames: u64) -> String {
    VideoServerMessage::from(VideoSessionClosed::new(
        id,
        reason,
        VideoReceived::new(frames),
        VideoProduced::new(frames),
    ))
    .to_json()
}

/// One line per thing the session did, for comparing whole sequences:
/// `connect@0`, `update`, `close`, `frame 3@100`, `ping`, `close 1011 (keepalive ping timeout)`,
/// `message session.created`,
/// `reply 3 measurement.result`, `resending [3] rate_limited`, `rejected 3`, `lost [3]`,
/// `malformed Some(3)`, `reconnecting #1 in 1000ms (with code 1012)`, `wait 100`, `wait`,
/// `done ok`, `done err <display>`.
pub(crate) fn describe<E: Endpoint>(did: &[Did<E>]) -> Vec<String> {
    did.iter().map(describe_one).collect()
}

fn frame_tag<E: Endpoint>(data: &[u8]) -> u64 {
    match E::KIND {
        EndpointKind::Video => video_tag(data),
        _ => u64::from(data[0]),
    }
}

fn describe_one<E: Endpoint>(did: &Did<E>) -> String {
    match did {
        Did::Connect(at) => format!("connect@{}", at.as_millis()),
        Did::Text(text) if text.starts_with(UPDATE_PREFIX) => "update".into(),
        Did::Text(text) if text == CLOSE => "close".into(),
        Did::Text(text) => format!("text {text}"),
        Did::Binary(data, at) => format!("frame {}@{}", frame_tag::<E>(data), at.as_millis()),
        Did::Ping => "ping".into(),
        Did::Close(code, "") => format!("close {code}"),
        Did::Close(code, reason) => format!("close {code} ({reason})"),
        Did::Event(event) => describe_event(event),
        Did::Wait(None) => "wait".into(),
        Did::Wait(Some(until)) => format!("wait {}", until.as_millis()),
        Did::Done(Ok(_)) => "done ok".into(),
        Did::Done(Err(e)) => format!("done err {e}"),
    }
}

pub(crate) fn describe_event<E: Endpoint>(event: &SessionEvent<E>) -> String {
    match event {
        SessionEvent::Message(m) => format!("message {}", E::message_type(m)),
        SessionEvent::Reply { tag, message } => {
            format!("reply {tag} {}", E::message_type(message))
        }
        SessionEvent::Resending { tags, cause } => {
            let cause = match cause {
                ResendCause::Rejected(e) => e.code.to_string(),
                ResendCause::Reconnected => "reconnected".into(),
            };
            format!("resending {tags:?} {cause}")
        }
        SessionEvent::Rejected { tag, .. } => format!("rejected {tag}"),
        SessionEvent::Lost { tags } => format!("lost {tags:?}"),
        SessionEvent::Malformed { tag, .. } => format!("malformed {tag:?}"),
        SessionEvent::Reconnecting {
            attempt,
            delay,
            cause,
        } => {
            let cause = match cause {
                ReconnectCause::Closed { close, .. } => close.to_string(),
                ReconnectCause::KeepaliveTimeout => "keepalive".into(),
                ReconnectCause::HandshakeTimeout => "handshake".into(),
                ReconnectCause::ConnectFailed(e) => format!("failed: {e}"),
            };
            format!(
                "reconnecting #{attempt} in {}ms ({cause})",
                delay.as_millis()
            )
        }
    }
}
