//! [`Driver`]: performs the actions of any [`Operation`] with a blocking [`Transport`],
//! `std::io::Read` and `std::thread::sleep`. The only place the blocking client does I/O.

use std::fmt;
use std::io::Read;
use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;
use hume_core::download::stream_blocking;
use hume_core::operation::{Action, Event, Operation};
use hume_core::{BlockingBody, HumeError, Transport};

/// Largest chunk one [`Action::ReadChunk`] reads.
const CHUNK: usize = 8 * 1024;

/// Runs operations over one transport.
#[derive(Clone)]
pub(crate) struct Driver {
    transport: Arc<dyn Transport>,
}

impl Driver {
    pub(crate) fn new(transport: Arc<dyn Transport>) -> Self {
        Self { transport }
    }

    /// Runs `op` to the end: sends, reads and streams the last response's body, sleeps on
    /// this thread, as the operation's actions say.
    pub(crate) fn run<O: Operation>(&self, mut op: O) -> Result<O::Output, HumeError> {
        let start = Instant::now();
        let mut body: Option<BlockingBody> = None;
        let mut event = Event::Start;
        loop {
            event = match op.next(event, start.elapsed()) {
                Action::Send(request) => {
                    drop(body.take()); // the previous response's body goes before sending
                    let rate = request.min_rate;
                    let (event, response_body) = Event::sent(self.transport.send(request));
                    // The transfer rate floor holds whatever the transport.
                    body = match rate {
                        Some(rate) => response_body.map(|b| b.with_min_rate(rate)),
                        None => response_body,
                    };
                    event
                }
                Action::ReadBody { limit, whole } => Event::Body(match body.as_mut() {
                    Some(body) if whole => body.read_to_vec_limited(limit),
                    Some(body) => body.read_up_to(limit),
                    None => Err(no_response()),
                }),
                Action::ReadChunk => Event::Chunk(match body.as_mut() {
                    Some(body) => read_chunk(body),
                    None => Err(no_response()),
                }),
                Action::StreamToFile { download, prefix } => match body.take() {
                    Some(body) => Event::from(stream_blocking(download, &prefix, body)),
                    None => {
                        Event::Streamed(Err(HumeError::io("streaming a download", no_response())))
                    }
                },
                Action::Sleep(delay) => {
                    std::thread::sleep(delay);
                    Event::Slept
                }
                Action::HashFiles(files) => Event::Hashed(files.hash()),
                Action::Done(result) => return result,
            };
        }
    }
}

/// One read of at most [`CHUNK`] bytes; `None` at the end of the body.
fn read_chunk(body: &mut BlockingBody) -> std::io::Result<Option<Bytes>> {
    let mut buf = vec![0u8; CHUNK];
    loop {
        match body.read(&mut buf) {
            Ok(0) => return Ok(None),
            Ok(n) => {
                buf.truncate(n);
                return Ok(Some(Bytes::from(buf)));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
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
