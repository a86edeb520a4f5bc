//! A raw WebSocket client (tokio-tungstenite) for the realtime endpoints: the handshake with a
//! key, text and binary messages, typed replies, and how the connection ended.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use hume_emulator::RunningEmulator;
use hume_models::v1::Run;
use hume_models::v1::realtime::{AudioServerMessage, VideoServerMessage};
use serde_json::Value;
use tokio::net::TcpStream;
use tokio_tungstenite_axum::tungstenite::client::IntoClientRequest;
use tokio_tungstenite_axum::tungstenite::http::HeaderValue;
use tokio_tungstenite_axum::tungstenite::protocol::CloseFrame;
use tokio_tungstenite_axum::tungstenite::{self, Message};
use tokio_tungstenite_axum::{MaybeTlsStream, WebSocketStream, connect_async};

use crate::v1::client::{KEY, V1, ok_json};

pub const AUDIO: &str = "/v1/expression/audio/realtime";
pub const VIDEO: &str = "/v1/expression/video/realtime";

/// Longest any single read waits.
const READ_LIMIT: Duration = Duration::from_secs(20);

/// A refused handshake: status and body.
#[derive(Debug)]
pub struct Refused {
    pub status: u16,
    pub body: Value,
}

/// How the connection ended.
#[derive(Debug, PartialEq)]
pub enum End {
    /// A close frame with this code and reason.
    Closed(u16, String),
    /// No close frame: the connection was dropped.
    Dropped,
}

pub struct Ws {
    stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

fn ws_url(emulator: &RunningEmulator, path: &str) -> String {
    format!(
        "{}{path}",
        emulator.base_url().replacen("http://", "ws://", 1)
    )
}

/// Opens a session with `key` (`None`: no credential).
pub async fn try_connect(
    emulator: &RunningEmulator,
    path: &str,
    key: Option<&str>,
) -> Result<Ws, Refused> {
    let mut request = ws_url(emulator, path).into_client_request().unwrap();
    if let Some(key) = key {
        request
            .headers_mut()
            .insert("X-Hume-Api-Key", HeaderValue::from_str(key).unwrap());
    }
    match connect_async(request).await {
        Ok((stream, response)) => {
            assert!(response.headers().contains_key("x-request-id"));
            Ok(Ws { stream })
        }
        Err(tungstenite::Error::Http(response)) => {
            let body = response.body().clone().unwrap_or_default();
            Err(Refused {
                status: response.status().as_u16(),
                body: serde_json::from_slice(&body).unwrap_or(Value::Null),
            })
        }
        Err(other) => panic!("handshake failed: {other}"),
    }
}

/// Opens a session with the test key.
pub async fn connect(emulator: &RunningEmulator, path: &str) -> Ws {
    try_connect(emulator, path, Some(KEY))
        .await
        .unwrap_or_else(|refused| panic!("handshake refused: {refused:?}"))
}

impl Ws {
    pub async fn text(&mut self, text: &str) {
        self.stream
            .send(Message::text(text.to_owned()))
            .await
            .expect("text sent");
    }

    pub async fn binary(&mut self, data: &[u8]) {
        self.stream
            .send(Message::binary(data.to_vec()))
            .await
            .expect("binary sent");
    }

    /// Sends a binary message; whether it went (the server may have closed already).
    pub async fn try_binary(&mut self, data: &[u8]) -> bool {
        self.stream
            .send(Message::binary(data.to_vec()))
            .await
            .is_ok()
    }

    pub async fn close_session(&mut self) {
        self.text(r#"{"type":"session.close"}"#).await;
    }

    /// The next text message (pings and pongs skipped); panics on anything else.
    pub async fn next_text(&mut self) -> String {
        loop {
            let message = tokio::time::timeout(READ_LIMIT, self.stream.next())
                .await
                .expect("a message in time");
            match message {
                Some(Ok(Message::Text(text))) => return text.as_str().to_owned(),
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                other => panic!("expected a text message, got {other:?}"),
            }
        }
    }

    pub async fn next_json(&mut self) -> Value {
        serde_json::from_str(&self.next_text().await).expect("JSON")
    }

    pub async fn next_audio(&mut self) -> AudioServerMessage {
        AudioServerMessage::from_json(&self.next_text().await).expect("an audio message")
    }

    pub async fn next_video(&mut self) -> VideoServerMessage {
        VideoServerMessage::from_json(&self.next_text().await).expect("a video message")
    }

    /// Reads audio messages up to and including `session.closed`.
    pub async fn audio_until_closed(&mut self) -> Vec<AudioServerMessage> {
        let mut messages = Vec::new();
        loop {
            let message = self.next_audio().await;
            let last = message.is_session_closed();
            messages.push(message);
            if last {
                return messages;
            }
        }
    }

    /// Reads to the end of the connection (text messages are collected).
    pub async fn end(&mut self) -> (Vec<String>, End) {
        let mut texts = Vec::new();
        loop {
            let message = tokio::time::timeout(READ_LIMIT, self.stream.next())
                .await
                .expect("the connection ends in time");
            match message {
                Some(Ok(Message::Text(text))) => texts.push(text.as_str().to_owned()),
                Some(Ok(Message::Close(frame))) => {
                    let end = frame.map_or(End::Closed(1005, String::new()), |f: CloseFrame| {
                        End::Closed(f.code.into(), f.reason.as_str().to_owned())
                    });
                    // Let the closing handshake finish.
                    while let Ok(Some(Ok(_))) =
                        tokio::time::timeout(READ_LIMIT, self.stream.next()).await
                    {
                    }
                    return (texts, end);
                }
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => return (texts, End::Dropped),
            }
        }
    }

    /// Closes the connection with a close frame of our own.
    pub async fn close_with(&mut self, code: u16, reason: &str) {
        self.stream
            .close(Some(CloseFrame {
                code: code.into(),
                reason: reason.into(),
            }))
            .await
            .expect("close sent");
        while let Ok(Some(Ok(_))) = tokio::time::timeout(READ_LIMIT, self.stream.next()).await {}
    }
}

/// The session id of a `session.created` (audio or video: the same field).
pub fn session_id(created: &Value) -> String {
    assert_eq!(created["type"], "session.created", "{created}");
    created["session_id"]
        .as_str()
        .expect("a session_id")
        .to_owned()
}

/// The run of a session.
pub async fn run(emulator: &RunningEmulator, run_id: &str) -> Run {
    Run::from_value(ok_json(
        &V1::new(emulator)
            .get(&format!("/v1/expression/run/{run_id}"))
            .await,
    ))
    .expect("the run parses")
}

/// Waits until the run of a session is no longer live (the server records the end right after
/// closing), at most a few seconds.
pub async fn ended_run(emulator: &RunningEmulator, run_id: &str) -> Run {
    for _ in 0..200 {
        let run = run(emulator, run_id).await;
        if run.status != hume_models::v1::RunStatus::Live {
            return run;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("run {run_id} is still live");
}

/// The run's event kinds, in order.
pub async fn event_kinds(emulator: &RunningEmulator, run_id: &str) -> Vec<Value> {
    let page = ok_json(
        &V1::new(emulator)
            .get(&format!("/v1/expression/run/{run_id}/events?page_size=200"))
            .await,
    );
    page["events"].as_array().expect("events").to_vec()
}
