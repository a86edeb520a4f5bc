//! A scripted WebSocket server on 127.0.0.1 for the realtime client tests: each connection
//! runs the script with its index, the handshake's headers are recorded, and a connection can
//! be refused, closed with any code or dropped without a close frame.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use hume::asynchronous::RealtimeSession;
use hume::realtime::{Endpoint, Frame, ReconnectPolicy, SessionConfig, SessionEvent};
use hume::{ApiKey, HumeError};
use hume_models::v1::realtime::{AudioServerMessage, VideoServerMessage};
use serde_json::Value;
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;

pub const KEY: &str = "sk-realtime-test-key";

/// What a client sent, as the server read it.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    /// A JSON text message.
    Json(Value),
    /// A binary frame, with when it arrived (since the connection opened).
    Binary(Vec<u8>, Duration),
    /// The client's close frame (code), or the connection's end.
    Closed(Option<u16>),
}

/// One accepted connection.
pub struct Peer {
    ws: WebSocketStream<TcpStream>,
    opened: Instant,
}

impl Peer {
    pub async fn send(&mut self, text: String) {
        let _ = self.ws.send(Message::Text(text.into())).await;
    }

    pub async fn audio(&mut self, message: impl Into<AudioServerMessage>) {
        self.send(message.into().to_json()).await;
    }

    pub async fn video(&mut self, message: impl Into<VideoServerMessage>) {
        self.send(message.into().to_json()).await;
    }

    /// The next text or binary message (pings are answered by tungstenite).
    pub async fn next(&mut self) -> Incoming {
        loop {
            match self.ws.next().await {
                Some(Ok(Message::Text(text))) => {
                    return Incoming::Json(serde_json::from_str(text.as_str()).unwrap());
                }
                Some(Ok(Message::Binary(data))) => {
                    return Incoming::Binary(data.to_vec(), self.opened.elapsed());
                }
                Some(Ok(Message::Close(frame))) => {
                    return Incoming::Closed(frame.map(|f| u16::from(f.code)));
                }
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => return Incoming::Closed(None),
            }
        }
    }

    /// Closes with a close frame and waits for the client's answer.
    pub async fn close(mut self, code: u16, reason: &str) {
        let frame = CloseFrame {
            code: code.into(),
            reason: reason.to_owned().into(),
        };
        let _ = self.ws.close(Some(frame)).await;
        while let Some(Ok(_)) = self.ws.next().await {}
    }

    /// Drops the TCP connection without a close frame.
    pub fn drop_connection(self) {
        drop(self.ws);
    }
}

/// The server.
pub struct ScriptedServer {
    port: u16,
    connections: Arc<AtomicUsize>,
    keys: Arc<Mutex<Vec<String>>>,
}

impl ScriptedServer {
    /// Runs `script(index, peer)` for each connection (index from 0).
    pub async fn start<F, Fut>(script: F) -> Self
    where
        F: Fn(usize, Peer) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        Self::start_with(script, |_| None).await
    }

    /// As [`start`](Self::start), refusing the handshake of connection `index` when `refuse`
    /// gives a status for it.
    pub async fn start_with<F, Fut, R>(script: F, refuse: R) -> Self
    where
        F: Fn(usize, Peer) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
        R: Fn(usize) -> Option<u16> + Send + Sync + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let keys = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(script);
        let refuse = Arc::new(refuse);
        let (count, seen) = (connections.clone(), keys.clone());
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let index = count.fetch_add(1, Ordering::SeqCst);
                let (script, refuse, seen) = (script.clone(), refuse.clone(), seen.clone());
                tokio::spawn(async move {
                    let refusal = refuse(index);
                    // tungstenite's callback signature: its error is a whole HTTP response.
                    #[allow(clippy::result_large_err)]
                    let callback = |request: &Request, response: Response| {
                        let key = request
                            .headers()
                            .get("x-hume-api-key")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_owned();
                        seen.lock().unwrap().push(key);
                        match refusal {
                            Some(status) => Err::<Response, ErrorResponse>(
                                http::Response::builder()
                                    .status(status)
                                    .body(Some(format!(
                                        "{{\"message\":\"refused\",\"status\":{status}}}"
                                    )))
                                    .unwrap(),
                            ),
                            None => Ok(response),
                        }
                    };
                    let Ok(ws) = tokio_tungstenite::accept_hdr_async(tcp, callback).await else {
                        return;
                    };
                    script(
                        index,
                        Peer {
                            ws,
                            opened: Instant::now(),
                        },
                    )
                    .await;
                });
            }
        });
        Self {
            port,
            connections,
            keys,
        }
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Connections accepted so far (refused handshakes included).
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// The `X-Hume-Api-Key` of every handshake.
    pub fn keys(&self) -> Vec<String> {
        self.keys.lock().unwrap().clone()
    }
}

pub fn api_key() -> ApiKey {
    ApiKey::new(KEY).unwrap()
}

/// A session config whose reconnects come after 20 ms (tests do not wait seconds).
pub fn fast_reconnects() -> SessionConfig {
    let ms = Duration::from_millis(20);
    SessionConfig::default().with_reconnect(
        ReconnectPolicy::default()
            .with_first_delay(ms, ms)
            .with_max_attempts(3),
    )
}

/// `ms` milliseconds of 16 kHz mono s16le audio whose bytes all hold `fill`.
pub fn audio(ms: usize, fill: u8) -> Vec<u8> {
    vec![fill; ms * 32]
}

/// Feeds `frames` to `session` from a task (its [`FrameSender`](hume::asynchronous::FrameSender))
/// while reading its events until it ends: the events, and the frames the sender refused
/// (tag, error). Panics if the source fails or the task panics.
pub async fn feed_and_drain<E, I>(
    session: &mut RealtimeSession<E>,
    frames: I,
) -> (Vec<SessionEvent<E>>, Vec<(u64, HumeError)>)
where
    E: Endpoint,
    I: IntoIterator<Item = Result<Frame, HumeError>> + Send + 'static,
    I::IntoIter: Send,
{
    let sender = session.sender();
    let feeder = tokio::spawn(async move { sender.send_all(frames).await });
    let mut events = Vec::new();
    while let Some(event) = session.next().await {
        events.push(event);
    }
    (events, feeder.await.unwrap().unwrap())
}

/// The events of a blocking stream, and the frames it refused.
pub fn split<T, E>(items: impl IntoIterator<Item = Result<T, E>>) -> (Vec<T>, Vec<E>) {
    let (mut events, mut refused) = (Vec::new(), Vec::new());
    for item in items {
        match item {
            Ok(event) => events.push(event),
            Err(error) => refused.push(error),
        }
    }
    (events, refused)
}

/// The replies among `events`: each frame's tag and the message that answered it.
pub fn replies<E: Endpoint>(events: &[SessionEvent<E>]) -> Vec<(u64, &E::ServerMessage)> {
    events
        .iter()
        .filter_map(|e| match e {
            SessionEvent::Reply { tag, message } => Some((*tag, message)),
            _ => None,
        })
        .collect()
}

/// The server's messages among `events`, replies included, in order.
pub fn messages<E: Endpoint>(events: &[SessionEvent<E>]) -> Vec<&E::ServerMessage> {
    events
        .iter()
        .filter_map(|e| match e {
            SessionEvent::Message(m) | SessionEvent::Reply { message: m, .. } => Some(m),
            _ => None,
        })
        .collect()
}
