//! What `hume stream` prints for each session event, for people or as JSON Lines, and the
//! [`Tally`] of frames that were not measured.
//!
//! # `--json`
//! One JSON object per line, told apart by `event`:
//!
//! | `event` | other keys | when |
//! |---|---|---|
//! | `message` | `message`: the server's message | a server message that answers no frame (`session.created`, `session.updated`, `utterance.start`, audio `measurement.result`, `utterance.end`, a session `error`, `session.closed`, an unknown type) |
//! | `reply` | `frame_ms`, `message` | the server's answer to one frame (video: every frame's `measurement.result` or `error`; audio: a frame's `error`) |
//! | `resending` | `frames_ms`, `cause` | frames the client sends again (`rate_limited`, a reconnect) |
//! | `rejected` | `frame_ms`, `error` | a live frame answered `rate_limited`, dropped |
//! | `lost` | `frames_ms` | live frames a reconnect left without replies |
//! | `malformed` | `text`, `error`, `frame_ms` | a server message that could not be read |
//! | `reconnecting` | `attempt`, `delay_ms`, `cause` | the connection ended; a new session follows |
//! | `frame_refused` | `error` | a frame the client refused to send (the stream goes on) |
//! | `source_error` | `error` | reading the media failed (no more frames are read) |
//! | `totals` | `closed`, `session_ids`, `stats` | last: the final `session.closed` and the client's counts |
//!
//! `frame_ms` is the frame's time in the media, in milliseconds (audio: its start; video:
//! its index at `--fps`, or its arrival with `--live`).

use serde_json::{Value, json};

use hume::HumeError;
use hume::models::v1::Face;
use hume::realtime::{
    Audio, AudioServerMessage, AudioSessionClosed, Endpoint, ErrorCode, ErrorMessage,
    ReconnectCause, ResendCause, SessionEvent, SessionSummary, Video, VideoServerMessage,
    VideoSessionClosed,
};

use crate::output::top_scores;

/// One printed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A result, on stdout.
    Out(String),
    /// Information, on stderr (silenced by `--quiet`).
    Note(String),
    /// A problem, on stderr after `hume: ` (never silenced).
    Problem(String),
}

/// An endpoint whose messages `hume stream` can print.
pub trait Shown: Endpoint {
    /// A server message as JSON.
    fn message_value(message: &Self::ServerMessage) -> Value;
    /// A `session.closed` as JSON.
    fn closed_value(closed: &Self::Closed) -> Value;
    /// The lines of a message that answers no frame (people's form).
    fn message_lines(message: &Self::ServerMessage, top: usize) -> Vec<Line>;
    /// The lines of the reply to the frame tagged `tag` (people's form).
    fn reply_lines(tag: u64, message: &Self::ServerMessage, top: usize) -> Vec<Line>;
    /// The message's error, if it is an `error`.
    fn error_of(message: &Self::ServerMessage) -> Option<&ErrorMessage>;
    /// One line of totals from the final `session.closed`.
    fn totals_line(closed: &Self::Closed) -> String;
}

/// Seconds from milliseconds, three decimals (`1.234`).
pub fn secs(ms: u64) -> String {
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn problem(error: &ErrorMessage) -> String {
    format!("{}: {}", error.code, error.message)
}

impl Shown for Audio {
    fn message_value(message: &AudioServerMessage) -> Value {
        serde_json::to_value(message).unwrap_or(Value::Null)
    }

    fn closed_value(closed: &AudioSessionClosed) -> Value {
        serde_json::to_value(closed).unwrap_or(Value::Null)
    }

    fn message_lines(message: &AudioServerMessage, top: usize) -> Vec<Line> {
        let line = match message {
            AudioServerMessage::SessionCreated(c) => Line::Note(format!(
                "session {} open (measurement every {} ms of speech)",
                c.session_id, c.measurement_timer_ms
            )),
            AudioServerMessage::SessionUpdated(u) => Line::Note(format!(
                "session configured: measurement every {} ms of speech",
                u.measurement_timer_ms
            )),
            AudioServerMessage::UtteranceStart(u) => Line::Out(format!(
                "utterance {} started at {} s",
                u.utterance_id,
                secs(u.audio_start_ms)
            )),
            AudioServerMessage::MeasurementResult(m) => {
                let mut text = format!(
                    "utterance {} measurement {} {}-{} s ({}): {}",
                    m.utterance_id,
                    m.measurement_id,
                    secs(m.audio_start_ms),
                    secs(m.audio_end_ms),
                    m.trigger,
                    top_scores(&m.expressions, top)
                );
                if !m.voice_attributes.is_empty() {
                    text.push_str(&format!(
                        "; voice: {}",
                        top_scores(&m.voice_attributes, top)
                    ));
                }
                Line::Out(text)
            }
            AudioServerMessage::UtteranceEnd(u) => Line::Out(format!(
                "utterance {} ended: {}-{} s",
                u.utterance_id,
                secs(u.audio_start_ms),
                secs(u.audio_end_ms)
            )),
            AudioServerMessage::Error(e) => Line::Problem(problem(e)),
            AudioServerMessage::SessionClosed(c) => {
                Line::Note(format!("session {} closed: {}", c.session_id, c.reason))
            }
            other => Line::Note(format!(
                "a server message of type {:?}, not shown",
                other.type_name()
            )),
        };
        vec![line]
    }

    fn reply_lines(tag: u64, message: &AudioServerMessage, top: usize) -> Vec<Line> {
        match message {
            AudioServerMessage::Error(e) => vec![Line::Problem(format!(
                "audio frame at {} s: {}",
                secs(tag),
                problem(e)
            ))],
            other => Self::message_lines(other, top),
        }
    }

    fn error_of(message: &AudioServerMessage) -> Option<&ErrorMessage> {
        match message {
            AudioServerMessage::Error(e) => Some(e),
            _ => None,
        }
    }

    fn totals_line(closed: &AudioSessionClosed) -> String {
        let (received, produced) = (&closed.received, &closed.produced);
        format!(
            "totals: {} s of audio in {} frame{}; {} utterance{}, {} measurement{} (session {}, {})",
            secs(received.audio_duration_ms),
            received.frames,
            plural(received.frames),
            produced.utterances,
            plural(produced.utterances),
            produced.measurements,
            plural(produced.measurements),
            closed.session_id,
            closed.reason
        )
    }
}

/// The row of one measured face: `face 0  0.9488  romance 0.5457, ...  | smile 0.2`.
fn face_line(face: &Face, top: usize) -> String {
    let id = face
        .face_id
        .map_or_else(|| "-".to_owned(), |id| id.to_string());
    let mut text = format!(
        "  face {id}  {}  {}",
        face.confidence,
        top_scores(face.expression_scores(), top)
    );
    if !face.description_scores().is_empty() {
        text.push_str(&format!(
            "  | {}",
            top_scores(face.description_scores(), top)
        ));
    }
    text
}

impl Shown for Video {
    fn message_value(message: &VideoServerMessage) -> Value {
        serde_json::to_value(message).unwrap_or(Value::Null)
    }

    fn closed_value(closed: &VideoSessionClosed) -> Value {
        serde_json::to_value(closed).unwrap_or(Value::Null)
    }

    fn message_lines(message: &VideoServerMessage, top: usize) -> Vec<Line> {
        match message {
            VideoServerMessage::SessionCreated(c) => vec![Line::Note(format!(
                "session {} open (face threshold {}, min size {} px)",
                c.session_id, c.face.threshold, c.face.min_size
            ))],
            VideoServerMessage::SessionUpdated(u) => vec![Line::Note(format!(
                "session configured: face threshold {}, min size {} px",
                u.face.threshold, u.face.min_size
            ))],
            VideoServerMessage::MeasurementResult(m) => {
                let measured = m.measured_faces().count();
                let mut lines = vec![Line::Out(format!(
                    "frame {}: {} face{}, {measured} measured",
                    m.frame_id,
                    m.faces.len(),
                    plural(m.faces.len() as u64)
                ))];
                lines.extend(m.measured_faces().map(|f| Line::Out(face_line(f, top))));
                lines
            }
            VideoServerMessage::Error(e) => vec![Line::Problem(problem(e))],
            VideoServerMessage::SessionClosed(c) => vec![Line::Note(format!(
                "session {} closed: {}",
                c.session_id, c.reason
            ))],
            other => vec![Line::Note(format!(
                "a server message of type {:?}, not shown",
                other.type_name()
            ))],
        }
    }

    fn reply_lines(tag: u64, message: &VideoServerMessage, top: usize) -> Vec<Line> {
        match message {
            VideoServerMessage::MeasurementResult(m) => {
                let measured = m.measured_faces().count();
                let mut lines = vec![Line::Out(format!(
                    "frame at {} s (frame_id {}): {} face{}, {measured} measured",
                    secs(tag),
                    m.frame_id,
                    m.faces.len(),
                    plural(m.faces.len() as u64)
                ))];
                lines.extend(m.measured_faces().map(|f| Line::Out(face_line(f, top))));
                lines
            }
            VideoServerMessage::Error(e) => vec![Line::Problem(format!(
                "frame at {} s: {}",
                secs(tag),
                problem(e)
            ))],
            other => Self::message_lines(other, top),
        }
    }

    fn error_of(message: &VideoServerMessage) -> Option<&ErrorMessage> {
        match message {
            VideoServerMessage::Error(e) => Some(e),
            _ => None,
        }
    }

    fn totals_line(closed: &VideoSessionClosed) -> String {
        format!(
            "totals: {} frame{} received; {} face{} measured (session {}, {})",
            closed.received.frames,
            plural(closed.received.frames),
            closed.produced.measurements,
            plural(closed.produced.measurements),
            closed.session_id,
            closed.reason
        )
    }
}

fn reconnect_cause(cause: &ReconnectCause) -> String {
    match cause {
        ReconnectCause::Closed {
            close,
            reason: Some(reason),
        } => format!("closed {close}, session.closed {reason}"),
        ReconnectCause::Closed {
            close,
            reason: None,
        } => format!("closed {close}"),
        ReconnectCause::KeepaliveTimeout => "no answer to pings".to_owned(),
        ReconnectCause::HandshakeTimeout => "no session.created".to_owned(),
        ReconnectCause::ConnectFailed(error) => format!("connecting failed: {error}"),
        other => format!("{other:?}"),
    }
}

fn resend_cause(cause: &ResendCause) -> String {
    match cause {
        ResendCause::Rejected(error) => error.code.to_string(),
        ResendCause::Reconnected => "reconnected".to_owned(),
        other => format!("{other:?}"),
    }
}

/// The lines of one session event.
pub fn event<E>(event: &SessionEvent<E>, json: bool, top: usize) -> Vec<Line>
where
    E: Shown,
{
    if json {
        let line = match event {
            SessionEvent::Message(message) => {
                json!({"event": "message", "message": E::message_value(message)})
            }
            SessionEvent::Reply { tag, message } => {
                json!({"event": "reply", "frame_ms": tag, "message": E::message_value(message)})
            }
            SessionEvent::Resending { tags, cause } => {
                json!({"event": "resending", "frames_ms": tags, "cause": resend_cause(cause)})
            }
            SessionEvent::Rejected { tag, error, .. } => {
                json!({"event": "rejected", "frame_ms": tag, "error": serde_json::to_value(error).unwrap_or(Value::Null)})
            }
            SessionEvent::Lost { tags } => json!({"event": "lost", "frames_ms": tags}),
            SessionEvent::Malformed { text, error, tag } => json!({
                "event": "malformed", "text": text, "error": error.to_string(), "frame_ms": tag
            }),
            SessionEvent::Reconnecting {
                attempt,
                delay,
                cause,
            } => json!({
                "event": "reconnecting",
                "attempt": attempt,
                "delay_ms": u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                "cause": reconnect_cause(cause),
            }),
            other => json!({"event": "other", "debug": format!("{other:?}")}),
        };
        return vec![Line::Out(line.to_string())];
    }
    match event {
        SessionEvent::Message(message) => E::message_lines(message, top),
        SessionEvent::Reply { tag, message } => E::reply_lines(*tag, message, top),
        SessionEvent::Resending { tags, cause } => vec![Line::Note(format!(
            "sending {} frame{} again ({})",
            tags.len(),
            plural(tags.len() as u64),
            resend_cause(cause)
        ))],
        SessionEvent::Rejected { tag, error, .. } => vec![Line::Problem(format!(
            "frame at {} s: {}; dropped (live source)",
            secs(*tag),
            problem(error)
        ))],
        SessionEvent::Lost { tags } => vec![Line::Note(format!(
            "{} frame{} lost in a reconnect (live source): no replies will come",
            tags.len(),
            plural(tags.len() as u64)
        ))],
        SessionEvent::Malformed { error, tag, .. } => vec![Line::Problem(match tag {
            Some(tag) => format!("unreadable reply to the frame at {} s: {error}", secs(*tag)),
            None => format!("unreadable server message: {error}"),
        })],
        SessionEvent::Reconnecting {
            attempt,
            delay,
            cause,
        } => vec![Line::Note(format!(
            "connection ended ({}); reconnecting in {:.1} s (attempt {attempt})",
            reconnect_cause(cause),
            delay.as_secs_f64()
        ))],
        other => vec![Line::Note(format!("{other:?}"))],
    }
}

/// The lines of an error about a frame: refused before sending, or the source failing.
pub fn frame_error(error: &HumeError, refused: bool, json: bool) -> Vec<Line> {
    if json {
        let event = if refused {
            "frame_refused"
        } else {
            "source_error"
        };
        return vec![Line::Out(
            json!({"event": event, "error": error.to_string()}).to_string(),
        )];
    }
    if refused {
        vec![Line::Problem(error.to_string())]
    } else {
        vec![Line::Problem(format!(
            "{error}; no more frames are read, the session closes"
        ))]
    }
}

/// The last lines: the final `session.closed` and the client's counts.
pub fn totals<E>(summary: &SessionSummary<E>, json: bool) -> Vec<Line>
where
    E: Shown,
{
    let stats = summary.stats;
    if json {
        let ids: Vec<&str> = summary.session_ids.iter().map(|id| id.as_str()).collect();
        let line = json!({
            "event": "totals",
            "closed": E::closed_value(&summary.closed),
            "session_ids": ids,
            "stats": {
                "submitted": stats.submitted,
                "sent": stats.sent,
                "resent": stats.resent,
                "dropped": stats.dropped,
                "lost": stats.lost,
                "reconnects": stats.reconnects,
            },
        });
        return vec![Line::Out(line.to_string())];
    }
    let mut lines = vec![Line::Out(E::totals_line(&summary.closed))];
    let mut client = format!(
        "client: {} frame{} submitted, {} sent",
        stats.submitted,
        plural(stats.submitted),
        stats.sent
    );
    for (n, what) in [
        (stats.resent, "sent again"),
        (stats.dropped, "dropped"),
        (stats.lost, "lost"),
    ] {
        if n > 0 {
            client.push_str(&format!(", {n} {what}"));
        }
    }
    if stats.reconnects > 0 {
        client.push_str(&format!(
            ", {} reconnect{} ({} sessions, one run each; the totals are the last one's: {})",
            stats.reconnects,
            plural(u64::from(stats.reconnects)),
            summary.session_ids.len(),
            summary
                .session_ids
                .iter()
                .map(|id| id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    lines.push(Line::Out(client));
    lines
}

/// Frames that were not measured, for the exit code.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Frames refused by the client before sending.
    pub refused: u64,
    /// Frames the server answered with an error (not sent again).
    pub failed: u64,
}

impl Tally {
    /// Counts an event.
    pub fn count<E>(&mut self, event: &SessionEvent<E>)
    where
        E: Shown,
    {
        if let SessionEvent::Reply { message, .. } = event
            && let Some(error) = E::error_of(message)
            && error.code != ErrorCode::RateLimited
        {
            self.failed += 1;
        }
    }

    /// Why the exit code is 7, if frames went unmeasured.
    pub fn failure(&self) -> Option<String> {
        (self.refused + self.failed > 0).then(|| {
            format!(
                "{} frame{} not measured: {} refused before sending, {} answered with an error",
                self.refused + self.failed,
                plural(self.refused + self.failed),
                self.refused,
                self.failed
            )
        })
    }
}
