//! Operations: every client call as a sans-IO state machine that a client's driver runs.
//!
//! An [`Operation`] never sends, reads, writes or sleeps. It is fed [`Event`]s (what the
//! driver's last [`Action`] produced) with `now`, the monotonic time since the driver started
//! the operation, and answers with the next [`Action`]: send this request, read the body of
//! the last response, read one chunk of it, stream the rest into a file, sleep, or done. So
//! the whole behaviour of a call (retries, redirects, how much body to read, the predictions
//! sniffing, the await loop) is written once, here, and tested with scripted events and a
//! fake clock; each client has one small driver that performs the actions (the blocking one
//! with `std::io::Read` and `std::thread::sleep`, the async one with tokio).
//!
//! A driver keeps the body of the last response: [`Action::ReadBody`], [`Action::ReadChunk`]
//! and [`Action::StreamToFile`] read it, and [`Action::Send`] drops it. Its loop:
//!
//! ```
//! use std::time::Instant;
//! use hume_core::operation::{Action, Event, Operation};
//! use hume_core::{HumeError, Transport};
//!
//! fn run<O: Operation>(transport: &dyn Transport, mut op: O) -> Result<O::Output, HumeError> {
//!     let start = Instant::now();
//!     let mut body = None;
//!     let mut event = Event::Start;
//!     loop {
//!         event = match op.next(event, start.elapsed()) {
//!             Action::Send(request) => {
//!                 let (event, response_body) = Event::sent(transport.send(request));
//!                 body = response_body;
//!                 event
//!             }
//!             Action::ReadBody { limit, whole } => Event::Body(match body.as_mut() {
//!                 Some(b) if whole => b.read_to_vec_limited(limit),
//!                 Some(b) => b.read_up_to(limit),
//!                 None => Err(std::io::Error::other("no response")),
//!             }),
//!             Action::Sleep(delay) => {
//!                 std::thread::sleep(delay);
//!                 Event::Slept
//!             }
//!             Action::Done(result) => return result,
//!             // Downloads also need ReadChunk and StreamToFile, a reconciled submit HashFiles.
//!             _ => return Err(HumeError::io("driving", std::io::Error::other("unsupported"))),
//!         };
//!     }
//! }
//! ```
//!
//! The operations: [`Fetch`] (any JSON endpoint: send through [`Exchange`](crate::Exchange)'s
//! redirects and retries, read the body as part of the attempt, decode), [`Submit`] (a fetch
//! with the "may the job exist?" rules, then reconciliation: list, match, settle, resend),
//! [`DownloadArtifacts`], [`DownloadPredictions`] (sniffs an error body sent with 200 before
//! streaming; a body that breaks off resumes with `Range` or restarts), [`AwaitJob`] (details
//! fetches on the adaptive or legacy schedule, transient failures waited out) and [`JobPager`]
//! (every job of a listing, one per run). They compose: an operation can run another and pass
//! its I/O actions on ([`Action::split`]). The Expression Measurement API v1 operations are in
//! [`v1`] ([`Measure`], [`RunPager`], [`AllRunEvents`]).

mod await_job;
mod download_artifacts;
mod download_predictions;
mod fetch;
mod head;
mod list_all;
mod pager;
mod resume;
mod submit;
pub mod v1;

#[cfg(test)]
mod testing;

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use crate::HumeError;
use crate::download::{Download, StreamEnd};
use crate::http::{HttpRequest, HttpResponse};
use crate::reconcile::{FileKey, FilesToHash};
use crate::transport_error::TransportError;

pub use self::await_job::{AwaitJob, ProgressFn};
pub use self::download_artifacts::DownloadArtifacts;
pub use self::download_predictions::DownloadPredictions;
pub use self::fetch::{Decoder, Fetch};
pub use self::pager::JobPager;
pub use self::submit::Submit;
pub use self::v1::{AllRunEvents, Measure, RunPager};

/// What the driver's last action produced; the first event is [`Event::Start`].
#[derive(Debug)]
pub enum Event {
    /// The operation starts (nothing happened yet).
    Start,
    /// [`Action::Send`] got a response head; the driver keeps its body unread.
    Response {
        /// Status code.
        status: StatusCode,
        /// Every response header.
        headers: HeaderMap,
    },
    /// [`Action::Send`] failed without a response.
    TransportFailed(TransportError),
    /// What [`Action::ReadBody`] read (or the failure reading it).
    Body(std::io::Result<Vec<u8>>),
    /// What [`Action::ReadChunk`] read: the next chunk, or `None` at the end of the body.
    Chunk(std::io::Result<Option<Bytes>>),
    /// How [`Action::StreamToFile`] ended: the bytes written (the file is in place), or why it
    /// failed for good (writing the file, more bytes than announced).
    Streamed(Result<u64, HumeError>),
    /// [`Action::StreamToFile`] broke off: reading the body failed, or it ended before its
    /// announced length. The download so far comes back, its temporary file kept, for the
    /// operation to resume or drop.
    Interrupted {
        /// The download so far.
        download: Download,
        /// Why the body broke off (see [`body_read_error`](crate::download::body_read_error)).
        error: TransportError,
    },
    /// [`Action::Sleep`] is over.
    Slept,
    /// What [`Action::HashFiles`] computed: each file's name and MD5, or why it could not.
    Hashed(std::io::Result<Vec<FileKey>>),
}

impl From<StreamEnd> for Event {
    /// [`Event::Streamed`] or [`Event::Interrupted`].
    fn from(end: StreamEnd) -> Self {
        match end {
            StreamEnd::Finished(result) => Self::Streamed(result),
            StreamEnd::Interrupted { download, error } => Self::Interrupted { download, error },
        }
    }
}

impl Event {
    /// The event for the outcome of [`Action::Send`], and the body the driver keeps.
    pub fn sent<B>(result: Result<HttpResponse<B>, TransportError>) -> (Self, Option<B>) {
        match result {
            Ok(response) => (
                Self::Response {
                    status: response.status,
                    headers: response.headers,
                },
                Some(response.body),
            ),
            Err(err) => (Self::TransportFailed(err), None),
        }
    }
}

/// What the driver does next.
pub enum Action<T> {
    /// Send this request (dropping the previous response's body); answer with
    /// [`Event::Response`] or [`Event::TransportFailed`].
    Send(HttpRequest),
    /// Read the last response's body; answer with [`Event::Body`]. `whole`: all of it, failing
    /// with [`std::io::ErrorKind::InvalidData`] past `limit` bytes; otherwise at most `limit`
    /// bytes (an error body).
    ReadBody {
        /// Most bytes read.
        limit: u64,
        /// Read to the end (or fail past the limit), rather than a prefix.
        whole: bool,
    },
    /// Read the next chunk of the last response's body (any size the driver likes); answer
    /// with [`Event::Chunk`].
    ReadChunk,
    /// Write `prefix` (bytes already read), then the rest of the last response's body into
    /// `download`, then [`finish`](Download::finish) it; answer with [`Event::Streamed`], or
    /// [`Event::Interrupted`] with the download when the body breaks off
    /// ([`StreamEnd`] converts into the event).
    StreamToFile {
        /// Where the bytes go (no file is touched before the driver writes).
        download: Download,
        /// Bytes of the body read before streaming began.
        prefix: Vec<u8>,
    },
    /// Sleep this long; answer with [`Event::Slept`].
    Sleep(Duration),
    /// Hash these local files ([`FilesToHash::hash`]: a full read of each, so off any async
    /// thread); answer with [`Event::Hashed`]. Only a failed submission being reconciled asks.
    HashFiles(FilesToHash),
    /// The operation is over.
    Done(Result<T, HumeError>),
}

impl<T> Action<T> {
    /// `Err` with the result for [`Action::Done`]; otherwise `Ok` with the same I/O action
    /// for an operation of any output type (how an operation passes on the actions of one it
    /// runs inside itself).
    pub fn split<U>(self) -> Result<Action<U>, Result<T, HumeError>> {
        match self {
            Self::Send(request) => Ok(Action::Send(request)),
            Self::ReadBody { limit, whole } => Ok(Action::ReadBody { limit, whole }),
            Self::ReadChunk => Ok(Action::ReadChunk),
            Self::StreamToFile { download, prefix } => {
                Ok(Action::StreamToFile { download, prefix })
            }
            Self::Sleep(delay) => Ok(Action::Sleep(delay)),
            Self::HashFiles(files) => Ok(Action::HashFiles(files)),
            Self::Done(result) => Err(result),
        }
    }
}

impl<T> fmt::Debug for Action<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Send(request) => f.debug_tuple("Send").field(request).finish(),
            Self::ReadBody { limit, whole } => f
                .debug_struct("ReadBody")
                .field("limit", limit)
                .field("whole", whole)
                .finish(),
            Self::ReadChunk => f.write_str("ReadChunk"),
            Self::StreamToFile { download, prefix } => f
                .debug_struct("StreamToFile")
                .field("download", download)
                .field("prefix_len", &prefix.len())
                .finish(),
            Self::Sleep(delay) => f.debug_tuple("Sleep").field(delay).finish(),
            Self::HashFiles(files) => f.debug_tuple("HashFiles").field(files).finish(),
            Self::Done(Ok(_)) => f.write_str("Done(Ok(..))"),
            Self::Done(Err(err)) => f.debug_tuple("Done").field(err).finish(),
        }
    }
}

/// A client call as a sans-IO state machine; see the [module docs](self).
pub trait Operation: Send {
    /// What the operation yields when it succeeds.
    type Output;

    /// Takes the outcome of the last action, `now` after the driver started the operation
    /// (monotonic; tests pass a fake clock), and returns the next action. Called first with
    /// [`Event::Start`]; not called again after [`Action::Done`], except for operations that
    /// say they can be run again (such as [`JobPager`]).
    fn next(&mut self, event: Event, now: Duration) -> Action<Self::Output>;
}

impl<O: Operation + ?Sized> Operation for &mut O {
    type Output = O::Output;

    fn next(&mut self, event: Event, now: Duration) -> Action<Self::Output> {
        (**self).next(event, now)
    }
}

/// The error for an event an operation cannot take in its state (a driver bug).
pub(crate) fn unexpected<T>(event: &Event, state: &str) -> Action<T> {
    let kind = match event {
        Event::Start => "start",
        Event::Response { .. } => "response",
        Event::TransportFailed(_) => "transport failure",
        Event::Body(_) => "body",
        Event::Chunk(_) => "chunk",
        Event::Streamed(_) => "streamed",
        Event::Interrupted { .. } => "interrupted",
        Event::Slept => "slept",
        Event::Hashed(_) => "hashed",
    };
    Action::Done(Err(HumeError::io(
        "driving an operation",
        std::io::Error::other(format!("unexpected {kind} event while {state}")),
    )))
}

#[cfg(test)]
mod tests;
