//! A scripted WebSocket server on 127.0.0.1 for the WebSocket backends' tests: one thread,
//! one connection, the handshake's headers recorded, then a script (or a refusal).

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use tungstenite::WebSocket;
use tungstenite::handshake::server::{ErrorResponse, Request, Response};

/// What the server does with its one connection.
pub(crate) enum Script {
    /// Accept the upgrade, then run this with the socket.
    Accept(Box<dyn FnOnce(&mut WebSocket<TcpStream>) + Send>),
    /// Run this with the raw TCP connection (no WebSocket at all).
    Raw(Box<dyn FnOnce(TcpStream) + Send>),
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
