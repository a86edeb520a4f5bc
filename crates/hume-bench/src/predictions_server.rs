//! [`PredictionsServer`]: a tiny HTTP/1.1 server answering
//! `GET /v0/batch/jobs/{id}/predictions` with one large predictions file, streamed from disk.
//!
//! The emulator synthesises predictions per job (a few hundred KB); the typed-fetch benchmark
//! needs a 100 MB body, so this server stands in for that one endpoint. It checks the
//! `X-Hume-Api-Key` header like the API, keeps connections alive, and answers anything else
//! with 404.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

/// A running predictions server on 127.0.0.1; stops when dropped.
#[derive(Debug)]
pub struct PredictionsServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// What every connection needs.
#[derive(Debug)]
struct Served {
    file: PathBuf,
    api_key: String,
}

impl PredictionsServer {
    /// Binds a free port on 127.0.0.1 and serves `file` to requests carrying `api_key`.
    ///
    /// # Errors
    /// If the port cannot be bound.
    pub fn start(file: PathBuf, api_key: String) -> io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let served = Arc::new(Served { file, api_key });
        let thread = {
            let stop = Arc::clone(&stop);
            std::thread::Builder::new()
                .name("predictions-server".into())
                .spawn(move || {
                    for stream in listener.incoming() {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        let Ok(stream) = stream else { continue };
                        let served = Arc::clone(&served);
                        let _ = std::thread::Builder::new()
                            .name("predictions-conn".into())
                            .spawn(move || {
                                let _ = serve_connection(stream, &served);
                            });
                    }
                })?
        };
        Ok(Self {
            addr,
            stop,
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`, the base URL to give a client.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for PredictionsServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One request head: the path, the API key header, and whether to close afterwards.
struct Head {
    method: String,
    path: String,
    api_key: Option<String>,
    close: bool,
}

/// Reads a request head; `None` when the client closed the connection.
fn read_head(reader: &mut impl BufRead) -> io::Result<Option<Head>> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let path = parts.next().unwrap_or_default().to_owned();
    let mut head = Head {
        method,
        path,
        api_key: None,
        close: false,
    };
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end();
        if header.is_empty() {
            return Ok(Some(head));
        }
        if let Some((name, value)) = header.split_once(':') {
            let value = value.trim();
            if name.eq_ignore_ascii_case("x-hume-api-key") {
                head.api_key = Some(value.to_owned());
            } else if name.eq_ignore_ascii_case("connection") {
                head.close = value.eq_ignore_ascii_case("close");
            }
        }
    }
}

/// Whether `path` is `/v0/batch/jobs/{id}/predictions`.
fn is_predictions_path(path: &str) -> bool {
    path.strip_prefix("/v0/batch/jobs/")
        .and_then(|rest| rest.strip_suffix("/predictions"))
        .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

fn serve_connection(stream: TcpStream, served: &Served) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = BufWriter::with_capacity(256 * 1024, stream);
    while let Some(head) = read_head(&mut reader)? {
        if head.api_key.as_deref() != Some(served.api_key.as_str()) {
            respond(
                &mut writer,
                "401 Unauthorized",
                br#"{"fault":{"faultstring":"Invalid ApiKey"}}"#,
            )?;
        } else if head.method != "GET" || !is_predictions_path(&head.path) {
            respond(&mut writer, "404 Not Found", br#"{"message":"not found"}"#)?;
        } else {
            let mut file = File::open(&served.file)?;
            let len = file.metadata()?.len();
            write!(
                writer,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len}\r\n\r\n"
            )?;
            io::copy(&mut file, &mut writer)?;
            writer.flush()?;
        }
        if head.close {
            break;
        }
    }
    Ok(())
}

fn respond(writer: &mut impl Write, status: &str, body: &[u8]) -> io::Result<()> {
    write!(
        writer,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )?;
    writer.write_all(body)?;
    writer.flush()
}

#[cfg(test)]
mod tests;
