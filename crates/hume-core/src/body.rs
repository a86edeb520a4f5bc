//! Request bodies (re-sendable) and streamed response bodies (blocking and async).

use std::fmt;
use std::io::{self, Read};

use bytes::Bytes;
use http::HeaderValue;

use crate::multipart::MultipartBody;

/// The body of an [`HttpRequest`](crate::HttpRequest).
///
/// Every variant can be sent again: `Clone` is cheap (bytes are reference counted and a
/// multipart body holds file *paths*, re-opened each time it is read), so a request can be
/// retried or redirected without buffering uploads.
#[derive(Debug, Clone, Default)]
pub enum RequestBody {
    /// No body.
    #[default]
    Empty,
    /// A JSON document (`Content-Type: application/json`).
    Json(Bytes),
    /// A `multipart/form-data` upload streamed from disk.
    Multipart(MultipartBody),
}

impl RequestBody {
    /// Exact length in bytes of the body on the wire.
    pub fn content_length(&self) -> u64 {
        match self {
            Self::Empty => 0,
            Self::Json(bytes) => bytes.len() as u64,
            Self::Multipart(m) => m.content_length(),
        }
    }

    /// The `Content-Type` header value for this body, if it has one.
    pub fn content_type(&self) -> Option<HeaderValue> {
        match self {
            Self::Empty => None,
            Self::Json(_) => Some(HeaderValue::from_static("application/json")),
            Self::Multipart(m) => Some(m.content_type()),
        }
    }

    /// `true` for [`RequestBody::Empty`].
    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Empty)
    }
}

/// Reads at most `limit` bytes; more than that is an [`io::ErrorKind::InvalidData`] error.
fn read_limited(reader: &mut dyn Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut out)?;
    if out.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(out)
}

fn too_large(limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("response body is larger than the limit of {limit} bytes"),
    )
}

/// A streamed response body for blocking transports: an owned reader.
pub struct BlockingBody(Box<dyn Read + Send>);

impl BlockingBody {
    /// Wraps any reader.
    pub fn new(reader: impl Read + Send + 'static) -> Self {
        Self(Box::new(reader))
    }

    /// An empty body.
    pub fn empty() -> Self {
        Self::new(io::empty())
    }

    /// The underlying reader.
    pub fn into_reader(self) -> Box<dyn Read + Send> {
        self.0
    }

    /// Reads the whole body into memory, failing with [`io::ErrorKind::InvalidData`] if it is
    /// longer than `limit` bytes.
    pub fn read_to_vec_limited(&mut self, limit: u64) -> io::Result<Vec<u8>> {
        read_limited(&mut self.0, limit)
    }
}

impl BlockingBody {
    /// Reads at most `limit` bytes and drops the rest unread (for error bodies).
    pub fn read_up_to(&mut self, limit: u64) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        (&mut self.0).take(limit).read_to_end(&mut out)?;
        Ok(out)
    }
}

impl BlockingBody {
    /// This body, failing a read with [`io::ErrorKind::TimedOut`] once a whole window passed
    /// with less than `rate` (see [`MinTransferRate`](crate::MinTransferRate)).
    pub fn with_min_rate(self, rate: crate::MinTransferRate) -> Self {
        Self::new(FloorReader {
            inner: self.0,
            floor: crate::transfer_rate::ClockedFloor::new(rate),
        })
    }
}

/// A reader checked against a transfer rate floor.
struct FloorReader {
    inner: Box<dyn Read + Send>,
    floor: crate::transfer_rate::ClockedFloor,
}

impl Read for FloorReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n > 0 && !buf.is_empty() {
            self.floor.record(n)?;
        }
        Ok(n)
    }
}

impl Read for BlockingBody {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl fmt::Debug for BlockingBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BlockingBody { .. }")
    }
}

impl From<Vec<u8>> for BlockingBody {
    fn from(v: Vec<u8>) -> Self {
        Self::new(io::Cursor::new(v))
    }
}

impl From<Bytes> for BlockingBody {
    fn from(b: Bytes) -> Self {
        Self::new(io::Cursor::new(b))
    }
}

impl From<&'static str> for BlockingBody {
    fn from(s: &'static str) -> Self {
        Self::new(s.as_bytes())
    }
}

/// A source of body chunks for [`AsyncBody`]; implemented by async transports.
#[async_trait::async_trait]
pub trait AsyncBodySource: Send {
    /// The next chunk, or `None` at the end of the body.
    async fn chunk(&mut self) -> io::Result<Option<Bytes>>;
}

/// A streamed response body for async transports, read chunk by chunk.
pub struct AsyncBody(Box<dyn AsyncBodySource>);

impl AsyncBody {
    /// Wraps a chunk source.
    pub fn new(source: impl AsyncBodySource + 'static) -> Self {
        Self(Box::new(source))
    }

    /// An empty body.
    pub fn empty() -> Self {
        Self::from(Bytes::new())
    }

    /// The next chunk of the body, or `None` once it is complete.
    pub async fn chunk(&mut self) -> io::Result<Option<Bytes>> {
        self.0.chunk().await
    }

    /// Reads the whole body into memory, failing with [`io::ErrorKind::InvalidData`] if it is
    /// longer than `limit` bytes.
    pub async fn read_to_vec_limited(&mut self, limit: u64) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        while let Some(chunk) = self.chunk().await? {
            if (out.len() as u64).saturating_add(chunk.len() as u64) > limit {
                return Err(too_large(limit));
            }
            out.extend_from_slice(&chunk);
        }
        Ok(out)
    }
}

impl AsyncBody {
    /// Reads at most `limit` bytes and stops (for error bodies).
    pub async fn read_up_to(&mut self, limit: u64) -> io::Result<Vec<u8>> {
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let mut out = Vec::new();
        while out.len() < limit {
            let Some(chunk) = self.chunk().await? else {
                break;
            };
            let take = chunk.len().min(limit - out.len());
            out.extend_from_slice(&chunk[..take]);
        }
        Ok(out)
    }
}

impl AsyncBody {
    /// This body, failing a chunk with [`io::ErrorKind::TimedOut`] once a whole window
    /// passed with less than `rate` (see [`MinTransferRate`](crate::MinTransferRate)).
    pub fn with_min_rate(self, rate: crate::MinTransferRate) -> Self {
        Self::new(FloorSource {
            inner: self.0,
            floor: crate::transfer_rate::ClockedFloor::new(rate),
        })
    }
}

/// A chunk source checked against a transfer rate floor.
struct FloorSource {
    inner: Box<dyn AsyncBodySource>,
    floor: crate::transfer_rate::ClockedFloor,
}

#[async_trait::async_trait]
impl AsyncBodySource for FloorSource {
    async fn chunk(&mut self) -> io::Result<Option<Bytes>> {
        let chunk = self.inner.chunk().await?;
        if let Some(bytes) = &chunk {
            self.floor.record(bytes.len())?;
        }
        Ok(chunk)
    }
}

impl fmt::Debug for AsyncBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AsyncBody { .. }")
    }
}

/// A body that is already in memory, yielded as one chunk.
struct OneChunk(Option<Bytes>);

#[async_trait::async_trait]
impl AsyncBodySource for OneChunk {
    async fn chunk(&mut self) -> io::Result<Option<Bytes>> {
        Ok(self.0.take().filter(|b| !b.is_empty()))
    }
}

impl From<Bytes> for AsyncBody {
    fn from(b: Bytes) -> Self {
        Self::new(OneChunk(Some(b)))
    }
}

impl From<Vec<u8>> for AsyncBody {
    fn from(v: Vec<u8>) -> Self {
        Self::from(Bytes::from(v))
    }
}

impl From<&'static str> for AsyncBody {
    fn from(s: &'static str) -> Self {
        Self::from(Bytes::from_static(s.as_bytes()))
    }
}

#[cfg(test)]
mod tests;
