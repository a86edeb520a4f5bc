//! A scripted WebSocket server on 127.0.0.1 for the WebSocket backends' tests: one thread,
//! one connection, the handshake's headers recorded, then a script (or a refusal).

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use std::time::Duration;

use http::{HeaderMap, HeaderName, HeaderValue};
use hume_core::{ApiKey, TransportError, WsConnectError, WsRequest};
use tungstenite::WebSocket;
use tungstenite::handshake::server::{ErrorResponse, Request, Response};

/// The API key of every backend test's request.
pub(crate) const KEY: &str = "sk-websocket-backend-secret";

/// A request for `url` with [`KEY`] and the client name, a 5 s timeout and `limit` bytes per
/// message.
pub(crate) fn request(url: &str, limit: u64) -> WsRequest {
    let mut headers = HeaderMap::new();
    headers.insert(
        HeaderName::from_static("x-hume-api-key"),
        ApiKey::new(KEY).unwrap().header_value(),
    );
    headers.insert("x-hume-client-name", HeaderValue::from_static("rust_sdk"));
    WsRequest::new(url, headers, Duration::from_secs(5), limit).unwrap()
}

/// The transport error of a connect that must fail with one (not a refusal).
pub(crate) fn transport_err<C: std::fmt::Debug>(
    result: Result<C, WsConnectError>,
) -> TransportError {
    match connect_err(result) {
        WsConnectError::Transport(e) => e,
        other => panic!("not a transport error: {other:?}"),
    }
}

/// The error of a connect that must fail.
pub(crate) fn connect_err<C: std::fmt::Debug>(result: Result<C, WsConnectError>) -> WsConnectError {
    match result {
        Ok(conn) => panic!("connected: {conn:?}"),
        Err(e) => e,
    }
}

/// A script run on an accepted WebSocket.
pub(crate) type SocketScript = Box<dyn FnOnce(&mut WebSocket<TcpStream>) + Send>;

/// What the server does with its one connection.
pub(crate) enum Script {
    /// Accept the upgrade, then run this with the socket.
    Accept(SocketScript),
    /// Run this with the raw TCP connection (no WebSocket at all).
    Raw(Box<dyn FnOnce(TcpStream) + Send>),
}

impl Script {
    /// Reads the handshake, answers nothing for `silence`, then hangs up.
    pub(crate) fn silent(silence: Duration) -> Script {
        Script::Raw(Box::new(move |mut tcp| {
            let mut buf = [0u8; 1024];
            let _ = tcp.read(&mut buf);
            std::thread::sleep(silence);
        }))
    }

    /// Answers what should be a TLS handshake with plain HTTP.
    pub(crate) fn not_tls() -> Script {
        Script::Raw(Box::new(|mut tcp| {
            let mut buf = [0u8; 1024];
            let _ = tcp.read(&mut buf);
            let _ = tcp.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\nthis is not tls");
        }))
    }
}

pub(crate) struct WsTestServer {
    addr: SocketAddr,
    headers: Arc<Mutex<Vec<(String, String)>>>,
    handle: Option<JoinHandle<()>>,
}

impl WsTestServer {
    pub fn start(script: Script) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let headers = Arc::new(Mutex::new(Vec::new()));
        let seen = headers.clone();
        let handle = std::thread::spawn(move || {
            let Ok((tcp, _)) = listener.accept() else {
                return;
            };
            let run = match script {
                Script::Raw(run) => return run(tcp),
                Script::Accept(run) => run,
            };
            // tungstenite's callback signature: its error is a whole HTTP response.
            #[allow(clippy::result_large_err)]
            let callback = |request: &Request, response: Response| {
                let mut seen = seen.lock().unwrap();
                for (name, value) in request.headers() {
                    seen.push((
                        name.as_str().to_owned(),
                        value.to_str().unwrap_or_default().to_owned(),
                    ));
                }
                Ok::<_, ErrorResponse>(response)
            };
            if let Ok(mut socket) = tungstenite::accept_hdr(tcp, callback) {
                run(&mut socket);
            }
        });
        Self {
            addr,
            headers,
            handle: Some(handle),
        }
    }

    /// A server that refuses the upgrade with `status` and `body`.
    pub fn refusing(status: u16, body: &'static str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let headers = Arc::new(Mutex::new(Vec::new()));
        let handle = std::thread::spawn(move || {
            let Ok((tcp, _)) = listener.accept() else {
                return;
            };
            #[allow(clippy::result_large_err)]
            let callback = |_: &Request, _: Response| {
                let refusal = http::Response::builder()
                    .status(status)
                    .header("content-type", "application/json")
                    .body(Some(body.to_owned()))
                    .unwrap();
                Err::<Response, _>(refusal)
            };
            let _ = tungstenite::accept_hdr(tcp, callback);
        });
        Self {
            addr,
            headers,
            handle: Some(handle),
        }
    }

    pub fn url(&self) -> String {
        format!("ws://{}/v1/expression/audio/realtime", self.addr)
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .lock()
            .unwrap()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    /// Waits for the script to finish (its assertions run on the server thread).
    pub fn join(mut self) {
        if let Some(handle) = self.handle.take() {
            handle.join().expect("the server script panicked");
        }
    }
}
