//! [`Driver`]: performs the actions of any [`Operation`] with an [`AsyncTransport`], the
//! body's chunks and `tokio::time::sleep`. The only place the async client does I/O.
//!
//! A download's file is written by one blocking task, fed chunks over a bounded channel, so
//! runtime threads never wait on the disk and network reads overlap with file writes.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use hume_core::download::StreamEnd;
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
                Action::StreamToFile { download, prefix } => match body.take() {
                    Some(body) => Event::from(stream_to_file(body, download, prefix).await),
                    None => {
                        Event::Streamed(Err(HumeError::io("streaming a download", no_response())))
                    }
                },
                Action::Sleep(delay) => {
                    tokio::time::sleep(delay).await;
                    Event::Slept
                }
                Action::HashFiles(files) => Event::Hashed(
                    tokio::task::spawn_blocking(move || files.hash())
                        .await
                        .unwrap_or_else(|e| Err(std::io::Error::other(e.to_string()))),
                ),
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

/// How the blocking writer stopped.
enum Writer {
    /// It finished the download, or writing failed for good.
    Done(StreamEnd),
    /// The channel closed without [`Msg::Finish`] (the body broke off): the download so far.
    Abandoned(Download),
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
/// async side reads chunks and sends them over a bounded channel. A body that breaks off
/// hands the download back ([`StreamEnd::Interrupted`]) once the writer has written every
/// chunk received.
async fn stream_to_file(mut body: AsyncBody, download: Download, prefix: Vec<u8>) -> StreamEnd {
    // The temporary name is chosen when the file is created: create it now (off the runtime
    // threads), so the guard removes exactly that file (a destination written in place has
    // none; a resumed download has its file already).
    let opened = tokio::task::spawn_blocking(move || {
        let mut download = download;
        download.open().map(|()| download)
    })
    .await
    .map_err(|e| HumeError::io("writing a download", std::io::Error::other(e.to_string())));
    let download = match opened {
        Ok(Ok(download)) => download,
        Ok(Err(e)) | Err(e) => return StreamEnd::Finished(Err(e)),
    };
    let mut guard = TempGuard(download.temp_path().map(Path::to_path_buf));
    let (tx, rx) = tokio::sync::mpsc::channel(CHANNEL_CAPACITY);
    let writer = spawn_writer(download, prefix, rx);
    let mut broke_off = None;
    loop {
        match body.chunk().await {
            Ok(Some(chunk)) => {
                if tx.send(Msg::Chunk(chunk)).await.is_err() {
                    // The writer stopped on an error; it is reported by the join below.
                    break;
                }
            }
            Ok(None) => {
                let _ = tx.send(Msg::Finish).await;
                break;
            }
            Err(err) => {
                broke_off = Some(err);
                break;
            }
        }
    }
    drop(tx);
    let end = match writer.await {
        Ok(Writer::Done(end)) => end,
        Ok(Writer::Abandoned(download)) => match broke_off {
            Some(err) => StreamEnd::read_failed(download, err),
            // Only the writer's own failure closes the channel otherwise; it reports Done.
            None => StreamEnd::at_end_of_body(download),
        },
        Err(e) => StreamEnd::Finished(Err(HumeError::io(
            "writing a download",
            std::io::Error::other(e.to_string()),
        ))),
    };
    if !matches!(end, StreamEnd::Finished(Err(_))) {
        // Renamed into place, or handed back (the download removes its own file when dropped).
        guard.0 = None;
    }
    end
}

/// The blocking writer: writes the prefix, appends chunks until [`Msg::Finish`] (then checks
/// and renames) or until the channel closes without it (then hands the [`Download`] back).
fn spawn_writer<B: AsRef<[u8]> + Send + 'static>(
    mut download: Download,
    prefix: Vec<u8>,
    mut rx: tokio::sync::mpsc::Receiver<Msg<B>>,
) -> tokio::task::JoinHandle<Writer> {
    tokio::task::spawn_blocking(move || {
        if let Err(err) = download.write(&prefix) {
            return Writer::Done(StreamEnd::Finished(Err(err)));
        }
        loop {
            match rx.blocking_recv() {
                Some(Msg::Chunk(chunk)) => {
                    if let Err(err) = download.write(chunk.as_ref()) {
                        return Writer::Done(StreamEnd::Finished(Err(err)));
                    }
                }
                Some(Msg::Finish) => return Writer::Done(StreamEnd::at_end_of_body(download)),
                None => return Writer::Abandoned(download),
            }
        }
    })
}
