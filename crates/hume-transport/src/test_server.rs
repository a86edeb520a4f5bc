//! A tiny HTTP/1.1 server on 127.0.0.1 for the backend tests: answers each connection with the
//! next scripted raw response (then closes it) and records what it received.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// A request as the server received it.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    pub method: String,
    pub path: String,
    /// Header names lowercased, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What to do with one connection.
pub(crate) enum Reply {
    /// Send these bytes, then close.
    Raw(Vec<u8>),
    /// Read the request, then keep the connection open without answering for this long.
    Stall(Duration),
    /// Send these bytes (a head and part of a body), then stay silent for this long.
    SendThenStall(Vec<u8>, Duration),
    /// Send the head, then the body one byte at a time, pausing between bytes.
    Drip(Vec<u8>, Vec<u8>, Duration),
}

pub(crate) struct TestServer {
    addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    handle: Option<JoinHandle<()>>,
}

/// A full response with `Content-Length` and `Connection: close`.
pub(crate) fn response(status_line: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut out = format!("HTTP/1.1 {status_line}\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    Reply::Raw(bytes)
}

impl TestServer {
    /// Serves one connection per reply, in order, then stops.
    pub fn start(replies: Vec<Reply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = received.clone();
        let handle = std::thread::spawn(move || {
            for reply in replies {
                let Ok((stream, _)) = listener.accept() else {
                    return;
                };
                let mut reader = BufReader::new(stream);
                let Some(req) = read_request(&mut reader) else {
                    continue;
                };
                log.lock().unwrap().push(req);
                let mut stream = reader.into_inner();
                match reply {
                    Reply::Raw(bytes) => {
                        let _ = stream.write_all(&bytes);
                        let _ = stream.flush();
                    }
                    Reply::Stall(d) => std::thread::sleep(d),
                    Reply::SendThenStall(bytes, d) => {
                        let _ = stream.write_all(&bytes);
                        let _ = stream.flush();
                        std::thread::sleep(d);
                    }
                    Reply::Drip(head, body, pause) => {
                        let _ = stream.write_all(&head);
                        for byte in body {
                            let _ = stream.flush();
                            std::thread::sleep(pause);
                            if stream.write_all(&[byte]).is_err() {
                                break;
                            }
                        }
                    }
                }
            }
        });
        Self {
            addr,
            received,
            handle: Some(handle),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits for the server thread (all replies used).
    pub fn join(mut self) -> Vec<Received> {
        if let Some(h) = self.handle.take() {
            h.join().unwrap();
        }
        self.received()
    }
}

fn read_request(reader: &mut BufReader<std::net::TcpStream>) -> Option<Received> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (name, value) = h.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let len: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map_or(0, |(_, v)| v.parse().unwrap());
    let mut body = vec![0u8; len];
    reader.read_exact(&mut body).ok()?;
    Some(Received {
        method,
        path,
        headers,
        body,
    })
}
