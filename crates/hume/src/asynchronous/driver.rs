//! [`Driver`]: performs the actions of any [`Operation`] with an [`AsyncTransport`], the
//! body's chunks and `tokio::time::sleep`. The only place the async client does I/O.
//!
//! A download's file is written by one blocking task, fed chunks over a bounded channel, so
//! runtime threads never wait on the disk and network reads overlap with file writes.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use hume_core::download::body_read_error;
use hume_core::operation::{Action, Event, Operation};
use hume_core::{AsyncBody, AsyncTransport, Download, HumeError};

/// Chunks in flight between the network reader and the file writer.
const CHANNEL_CAPACITY: usize = 16;

/// Runs operations over one transport.
#[derive(Clone)]
pub(crate) struct Driver {
    transport: Arc<dyn AsyncTransport>,
}

impl Driver {
    pub(crate) fn new(transport: Arc<dyn AsyncTransport>) -> Self {
        Self { transport }
    }

    /// Runs `op` to the end: sends, reads and streams the last response's body, sleeps on
    /// tokio, as the operation's actions say.
    pub(crate) async fn run<O: Operation>(&self, mut op: O) -> Result<O::Output, HumeError> {
        let start = Instant::now();
        let mut body: Option<AsyncBody> = None;
        let mut event = Event::Start;
        loop {
            event = match op.next(event, start.elapsed()) {
                Action::Send(request) => {
                    drop(body.take()); // the previous response's body goes before sending
                    let rate = request.min_rate;
                    let (event, response_body) = Event::sent(self.transport.send(request).await);
                    // The transfer rate floor holds whatever the transport.
                    body = match rate {
                        Some(rate) => response_body.map(|b| b.with_min_rate(rate)),
                        None => response_body,
                    };
                    event
                }
                Action::ReadBody { limit, whole } => Event::Body(match body.as_mut() {
                    Some(body) if whole => body.read_to_vec_limited(limit).await,
                    Some(body) => body.read_up_to(limit).await,
                    None => Err(no_response()),
                }),
                Action::ReadChunk => Event::Chunk(match body.as_mut() {
                    Some(body) => body.chunk().await,
                    None => Err(no_response()),
                }),
                Action::StreamToFile { download, prefix } => Event::Streamed(match body.take() {
                    Some(body) => stream_to_file(body, download, prefix).await,
                    None => Err(HumeError::io("streaming a download", no_response())),
                }),
                Action::Sleep(delay) => {
                    tokio::time::sleep(delay).await;
                    Event::Slept
                }
                Action::Done(result) => return result,
            };
        }
    }
}

fn no_response() -> std::io::Error {
    std::io::Error::other("no response body to read")
}

impl fmt::Debug for Driver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.transport, f)
    }
}

/// What the async reader sends to the blocking writer.
enum Msg<B> {
    /// Bytes to append.
    Chunk(B),
    /// The body ended: check the length and rename.
    Finish,
}

/// Removes the temporary file if the download future is dropped (cancelled) before the
/// writer finished; the writer also drops its [`Download`] when the channel closes, but
/// later, on its own thread.
struct TempGuard(Option<PathBuf>);

impl Drop for TempGuard {
    fn drop(&mut self) {
        if let Some(temp) = self.0.take() {
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// Writes `prefix` then the rest of `body` into `download` through ONE blocking task: the
/// async side reads chunks and sends them over a bounded channel.
async fn stream_to_file(
    mut body: AsyncBody,
    download: Download,
    prefix: Vec<u8>,
) -> Result<u64, HumeError> {
    // The temporary name is chosen when the file is created: create it now (off the runtime
    // threads), so the guard removes exactly that file (a destination written in place has
    // none).
    let download = tokio::task::spawn_blocking(move || {
        let mut download = download;
        download.open().map(|()| download)
    })
    .await
    .map_err(|e| HumeError::io("writing a download", std::io::Error::other(e.to_string())))??;
    let mut guard = TempGuard(download.temp_path().map(Path::to_path_buf));
    let (tx, rx) = tokio::sync::mpsc::channel(CHANNEL_CAPACITY);
    let writer = spawn_writer(download, prefix, rx);
    let read = async {
        while let Some(chunk) = body
            .chunk()
            .await
            .map_err(|e| HumeError::Transport(body_read_error(e)))?
        {
            if tx.send(Msg::Chunk(chunk)).await.is_err() {
                // The writer stopped on an error; it is reported by the join below.
                return Ok(false);
            }
        }
        Ok(tx.send(Msg::Finish).await.is_ok())
    };
    let read: Result<bool, HumeError> = read.await;
    drop(tx);
    let written = writer
        .await
        .map_err(|e| HumeError::io("writing a download", std::io::Error::other(e.to_string())));
    let outcome = match (read, written) {
        (Err(e), _) => Err(e),
        (Ok(_), Ok(result)) => result,
        (Ok(_), Err(e)) => Err(e),
    };
    if outcome.is_ok() {
        guard.0 = None;
    }
    outcome
}

/// The blocking writer: writes the prefix, appends chunks until [`Msg::Finish`] (then checks
/// and renames) or until the channel closes without it (then drops the [`Download`],
/// removing the file).
fn spawn_writer<B: AsRef<[u8]> + Send + 'static>(
    mut download: Download,
    prefix: Vec<u8>,
    mut rx: tokio::sync::mpsc::Receiver<Msg<B>>,
) -> tokio::task::JoinHandle<Result<u64, HumeError>> {
    tokio::task::spawn_blocking(move || {
        download.write(&prefix)?;
        loop {
            match rx.blocking_recv() {
                Some(Msg::Chunk(chunk)) => download.write(chunk.as_ref())?,
                Some(Msg::Finish) => return download.finish(),
                None => return Err(aborted()),
            }
        }
    })
}

/// The writer's error when the channel closed without a finish signal.
fn aborted() -> HumeError {
    HumeError::io(
        "writing a download",
        std::io::Error::other("download abandoned before the end of the body"),
    )
}
