//! Writing a streamed response to a file without ever leaving a partial file at the
//! destination.
//!
//! Bytes go through an [`OutputFile`]: a fresh, randomly named temporary file beside the
//! target (created with `create_new`, so a planted symbolic link is never followed), renamed
//! by [`Download::finish`] after the length check against `Content-Length`. On any error, or
//! if the [`Download`] is dropped unfinished, the temporary file is removed and the
//! destination is untouched. A destination that is not a regular file (`/dev/null`, a FIFO,
//! `/dev/stdout`) is written in place instead (see [`output_file`](crate::output_file)).
//! A size cap ([`Download::with_max_bytes`]) stops a body that would grow without end.
//!
//! A [`Download`] is a plain value until its first write ([`Download::new`] touches no file),
//! so the download operations in [`operation`](crate::operation) can hand one to a client's
//! driver, which does the file I/O: the blocking driver with [`stream_blocking`], the async
//! driver by feeding [`Download::write`] chunk by chunk from one blocking writer task.
//!
//! A body that breaks off (a read fails, or it ends before its announced length) does not end
//! the download: the driver hands the [`Download`] back ([`StreamEnd::Interrupted`], its
//! temporary file kept) and the operation resumes it with a `Range` request or drops it (the
//! file goes with it) and starts again.
//!
//! The rename alone guarantees that the destination is never a partial file, even if the
//! process dies. It does not make the bytes durable across a power loss or an OS crash: for
//! that, [`Download::with_sync`] (the clients' `sync_downloads(true)`) fsyncs the temporary
//! file before the rename, at a large cost in throughput (off by default).

use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use http::header::CONTENT_LENGTH;
use http::{HeaderMap, StatusCode};

use crate::HumeError;
use crate::json_check::JsonCompleteness;
use crate::output_file::OutputFile;
use crate::transport_error::{SendState, TransportError};

/// `Content-Length` of a response, if present and valid.
pub fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// A candidate temporary path for `dest`: hidden, beside it, with a random part (the name
/// actually used is chosen when the file is created, see
/// [`OutputFile`]).
pub fn temp_path_for(dest: &Path) -> PathBuf {
    crate::output_file::temp_name_for(dest)
}

/// A download to `dest`; see the [module docs](self).
#[derive(Debug)]
pub struct Download {
    dest: PathBuf,
    file: Option<BufWriter<OutputFile>>,
    opened: bool,
    expected: Option<u64>,
    received: u64,
    max_bytes: Option<u64>,
    sync: bool,
    /// Checks the bytes form one complete JSON value (what, status of the response).
    json: Option<(JsonCompleteness, &'static str, StatusCode)>,
}

/// Write buffer in front of the temporary file: network chunks are often a few KiB.
const WRITE_BUFFER: usize = 256 * 1024;

impl Download {
    /// A download to `dest` that has not touched the disk yet: the temporary file is created
    /// by [`open`](Self::open) or the first [`write`](Self::write). `expected` is the
    /// response's `Content-Length`, if any.
    pub fn new(dest: impl Into<PathBuf>, expected: Option<u64>) -> Self {
        Self {
            dest: dest.into(),
            file: None,
            opened: false,
            expected,
            received: 0,
            max_bytes: None,
            sync: false,
            json: None,
        }
    }

    /// [`new`](Self::new), then [`open`](Self::open).
    ///
    /// # Errors
    /// As [`open`](Self::open).
    pub fn start(dest: impl Into<PathBuf>, expected: Option<u64>) -> Result<Self, HumeError> {
        let mut download = Self::new(dest, expected);
        download.open()?;
        Ok(download)
    }

    /// Creates the temporary file (or opens a non-regular destination in place), if not done
    /// yet.
    ///
    /// # Errors
    /// [`HumeError::Io`] if the file cannot be created (e.g. missing directory, a directory
    /// at the destination), or the download was already finished.
    pub fn open(&mut self) -> Result<(), HumeError> {
        if self.opened {
            return match self.file {
                Some(_) => Ok(()),
                None => Err(HumeError::io(
                    "writing a finished download",
                    std::io::Error::other("closed"),
                )),
            };
        }
        if let Some(max) = self.max_bytes
            && self.expected.is_some_and(|e| e > max)
        {
            return Err(self.too_large(max));
        }
        let output = OutputFile::create(&self.dest)
            .map_err(|e| HumeError::io(format!("creating {}", self.dest.display()), e))?;
        self.file = Some(BufWriter::with_capacity(WRITE_BUFFER, output));
        self.opened = true;
        Ok(())
    }

    /// Whether [`finish`](Self::finish) fsyncs the file before the rename (default `false`):
    /// needed only for durability across a power loss, not for atomicity.
    pub fn with_sync(mut self, sync: bool) -> Self {
        self.sync = sync;
        self
    }

    /// Refuses a body of more than `max` bytes: announced larger (nothing is written) or
    /// grown larger while streaming (the temporary file is removed).
    pub fn with_max_bytes(mut self, max: u64) -> Self {
        self.max_bytes = Some(max);
        self
    }

    /// Checks, as the bytes go by, that they form one complete JSON value: a body cut short
    /// where its `Content-Length` says it ends is refused by [`finish`](Self::finish) as
    /// [`HumeError::Decode`] of `what` (nothing renamed into place). `status` is the
    /// response's.
    pub fn with_json_check(mut self, what: &'static str, status: StatusCode) -> Self {
        self.json = Some((JsonCompleteness::new(), what, status));
        self
    }

    /// Whether [`finish`](Self::finish) fsyncs before the rename; see
    /// [`with_sync`](Self::with_sync).
    pub fn syncs(&self) -> bool {
        self.sync
    }

    fn too_large(&self, max: u64) -> HumeError {
        HumeError::io(
            format!("downloading to {}", self.dest.display()),
            std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                format!("the body is larger than the {max} byte limit"),
            ),
        )
    }

    /// Appends a chunk.
    ///
    /// # Errors
    /// [`HumeError::Io`] on a write failure or past the size cap;
    /// [`HumeError::IncompleteDownload`] when more bytes arrive than `Content-Length` announced.
    pub fn write(&mut self, chunk: &[u8]) -> Result<(), HumeError> {
        self.open()?;
        self.received = self.received.saturating_add(chunk.len() as u64);
        if let Some(expected) = self.expected.filter(|e| self.received > *e) {
            return Err(HumeError::IncompleteDownload {
                path: self.dest.clone(),
                expected,
                received: self.received,
            });
        }
        if let Some(max) = self.max_bytes.filter(|m| self.received > *m) {
            return Err(self.too_large(max));
        }
        if let Some((check, _, _)) = self.json.as_mut() {
            check.feed(chunk);
        }
        let file = self.file.as_mut().ok_or_else(|| {
            HumeError::io(
                "writing a finished download",
                std::io::Error::other("closed"),
            )
        })?;
        file.write_all(chunk)
            .map_err(|e| HumeError::io(format!("writing {}", self.dest.display()), e))
    }

    /// Bytes written so far.
    pub fn received(&self) -> u64 {
        self.received
    }

    /// The destination.
    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// The temporary file being written, once opened (`None` before, and for a destination
    /// written in place).
    pub fn temp_path(&self) -> Option<&Path> {
        self.file.as_ref().and_then(|f| f.get_ref().temp_path())
    }

    /// The announced length (`Content-Length`), if any.
    pub fn expected(&self) -> Option<u64> {
        self.expected
    }

    /// Sets the announced total length (a resumed download learns it from `Content-Range`).
    pub fn set_expected(&mut self, expected: Option<u64>) {
        self.expected = expected;
    }

    /// `true` when fewer bytes than announced have been written.
    pub fn is_short(&self) -> bool {
        self.expected.is_some_and(|e| self.received < e)
    }

    /// Checks the length, flushes, syncs if [`with_sync`](Self::with_sync) asked for it, and
    /// renames the temporary file onto the destination. Returns the number of bytes written.
    ///
    /// # Errors
    /// [`HumeError::IncompleteDownload`] when fewer bytes than `Content-Length` arrived;
    /// [`HumeError::Io`] if flushing, syncing or renaming fails. The destination is untouched
    /// on error (unless written in place).
    pub fn finish(mut self) -> Result<u64, HumeError> {
        self.open()?;
        if let Some(expected) = self.expected.filter(|e| *e != self.received) {
            return Err(HumeError::IncompleteDownload {
                path: self.dest.clone(),
                expected,
                received: self.received,
            });
        }
        if let Some((check, what, status)) = self.json.take()
            && let Err(why) = check.finish()
        {
            return Err(HumeError::Decode {
                what,
                status,
                message: format!("the body is not complete json: {why}"),
                excerpt: String::new(),
            });
        }
        let file = self.file.take().ok_or_else(|| {
            HumeError::io("finishing a download", std::io::Error::other("closed"))
        })?;
        let output = file.into_inner().map_err(|e| {
            HumeError::io(format!("writing {}", self.dest.display()), e.into_error())
        })?;
        output
            .commit(self.sync)
            .map_err(|e| HumeError::io(format!("saving {}", self.dest.display()), e))?;
        Ok(self.received)
    }
}

impl Drop for Download {
    fn drop(&mut self) {
        // Unfinished: close without flushing the buffer into a file about to be removed (the
        // output removes its temporary file when dropped).
        if let Some(writer) = self.file.take() {
            drop(writer.into_parts());
        }
    }
}

/// A failure reading a response body, as a transport error that may have been sent: kind
/// [`Timeout`](crate::TransportErrorKind::Timeout) for [`std::io::ErrorKind::TimedOut`] (the
/// transports' idle timeout), [`Other`](crate::TransportErrorKind::Other) for
/// [`std::io::ErrorKind::InvalidData`] (a body over the size limit: not worth retrying),
/// [`Io`](crate::TransportErrorKind::Io) otherwise (reset, cut short).
pub fn body_read_error(err: std::io::Error) -> TransportError {
    match err.kind() {
        std::io::ErrorKind::TimedOut => TransportError::timeout(SendState::MaybeSent, err),
        std::io::ErrorKind::InvalidData => TransportError::other(SendState::MaybeSent, err),
        _ => TransportError::io(SendState::MaybeSent, err),
    }
}

/// How streaming a body into a [`Download`] ended.
#[derive(Debug)]
pub enum StreamEnd {
    /// The download is finished (length checked, renamed: the bytes written) or failed for good
    /// (writing the file, or more bytes than announced).
    Finished(Result<u64, HumeError>),
    /// The body broke off: reading it failed, or it ended before its announced length. The
    /// download so far comes back with its temporary file, to be resumed or dropped.
    Interrupted {
        /// The download so far.
        download: Download,
        /// Why the body broke off (see [`body_read_error`]).
        error: TransportError,
    },
}

impl StreamEnd {
    /// The end of a body that was read to its end: finished, or interrupted when it was
    /// shorter than announced.
    pub fn at_end_of_body(download: Download) -> Self {
        if download.is_short() {
            let message = format!(
                "the body ended after {} of {} bytes",
                download.received(),
                download.expected().unwrap_or_default()
            );
            return Self::Interrupted {
                download,
                error: body_read_error(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    message,
                )),
            };
        }
        Self::Finished(download.finish())
    }

    /// The end of a body whose read failed with `err`.
    pub fn read_failed(download: Download, err: std::io::Error) -> Self {
        let error = body_read_error(err);
        if error.kind() == crate::TransportErrorKind::Other {
            // Not a broken connection (e.g. over a size limit): nothing to resume.
            return Self::Finished(Err(HumeError::Transport(error)));
        }
        Self::Interrupted { download, error }
    }

    /// The outcome as a plain result: an interruption is its [`HumeError::Transport`] (the
    /// download is dropped, its temporary file removed).
    pub fn into_result(self) -> Result<u64, HumeError> {
        match self {
            Self::Finished(result) => result,
            Self::Interrupted { error, .. } => Err(HumeError::Transport(error)),
        }
    }
}

/// Writes `prefix`, then everything `body` yields, into `download`, and finishes it (length
/// check, rename).
///
/// Returns [`StreamEnd::Finished`] with the bytes written or a write failure, or
/// [`StreamEnd::Interrupted`] with the download so far when the body broke off.
pub fn stream_blocking(mut download: Download, prefix: &[u8], mut body: impl Read) -> StreamEnd {
    if let Err(err) = download.write(prefix) {
        return StreamEnd::Finished(Err(err));
    }
    // Reads as large as the write buffer: fewer syscalls, and full buffers bypass the copy.
    let mut buf = vec![0u8; WRITE_BUFFER];
    loop {
        let n = match body.read(&mut buf) {
            Ok(0) => return StreamEnd::at_end_of_body(download),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return StreamEnd::read_failed(download, e),
        };
        if let Err(err) = download.write(&buf[..n]) {
            return StreamEnd::Finished(Err(err));
        }
    }
}

#[cfg(test)]
mod tests;
