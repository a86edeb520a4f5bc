//! [`ReqwestTransport`]: the async backend on reqwest (rustls) and tokio.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use futures_util::stream::{self, BoxStream, Stream, StreamExt};
use http::HeaderValue;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use hume_core::{
    AsyncBody, AsyncBodySource, AsyncTransport, HttpRequest, HttpResponse, MultipartBody,
    ProxyConfig, RequestBody, Route, Segment, SendState, TransportError, TransportErrorKind,
};
use tokio::io::AsyncReadExt;

/// Size of the chunks read from upload files.
const FILE_CHUNK: usize = 64 * 1024;

/// An async transport on a reqwest client: connection pool, rustls, HTTP/2 when offered, no
/// redirects, every status returned as a response. Needs a tokio runtime with the time
/// driver. Cheap to clone.
///
/// Proxies follow [`ProxyConfig`] (the environment by default), not reqwest's own
/// environment handling: loopback targets and `NO_PROXY` hosts are reached directly, https
/// goes through `HTTPS_PROXY`/`ALL_PROXY`, and plain http that a proxy would carry is refused
/// before anything is sent.
#[derive(Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    proxies: Arc<ProxyConfig>,
}

/// Just the name: the backend's internals (pool, TLS, agent configuration) are not printed.
impl std::fmt::Debug for ReqwestTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReqwestTransport")
    }
}

impl ReqwestTransport {
    /// A transport with its own connection pool.
    ///
    /// # Errors
    /// A [`TransportError`] (kind `Other`, not sent) if the TLS backend cannot be initialised.
    pub fn new() -> Result<Self, TransportError> {
        Self::with_proxies(ProxyConfig::from_env())
    }

    /// A transport with its own connection pool and these proxies.
    ///
    /// # Errors
    /// As [`new`](Self::new).
    pub fn with_proxies(proxies: ProxyConfig) -> Result<Self, TransportError> {
        Self::from_parts(reqwest::Client::builder(), proxies)
    }

    /// A transport from `builder` with our settings on top (tests override the resolver),
    /// with the environment's proxies.
    #[cfg(test)]
    pub(crate) fn from_builder(builder: reqwest::ClientBuilder) -> Result<Self, TransportError> {
        Self::from_parts(builder, ProxyConfig::from_env())
    }

    /// `builder` with our settings and `proxies` on top.
    fn from_parts(
        builder: reqwest::ClientBuilder,
        proxies: ProxyConfig,
    ) -> Result<Self, TransportError> {
        let proxies = Arc::new(proxies);
        // Never reqwest's own view of the environment: only what `proxies` routes.
        let mut builder = builder
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy();
        if proxies.tunnel().is_some() {
            let routes = Arc::clone(&proxies);
            builder = builder.proxy(reqwest::Proxy::custom(move |url| {
                match routes.route(url.as_str()) {
                    Ok(Route::Proxy(proxy)) => Some(proxy),
                    Ok(Route::Direct) | Err(_) => None,
                }
            }));
        }
        let client = builder
            .build()
            .map_err(|e| map_error(Failure::Reqwest(e)))?;
        Ok(Self { client, proxies })
    }
}

#[async_trait::async_trait]
impl AsyncTransport for ReqwestTransport {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse<AsyncBody>, TransportError> {
        let HttpRequest {
            method,
            url,
            mut headers,
            body,
            timeout,
            deadline,
            ..
        } = req;
        if let Err(refused) = self.proxies.route(&url) {
            return Err(TransportError::other(SendState::NotSent, refused));
        }
        if let Some(content_type) = body.content_type() {
            headers.entry(CONTENT_TYPE).or_insert(content_type);
        }
        if !body.is_empty() {
            // With an explicit length hyper sends the streamed body fixed-length, not chunked.
            headers.insert(CONTENT_LENGTH, HeaderValue::from(body.content_length()));
        }
        let mut builder = self.client.request(method, url.as_str()).headers(headers);
        if let Some(deadline) = deadline {
            // The whole attempt, body included (a slow drip ends here at the latest).
            builder = builder.timeout(deadline);
        }
        let progress = Arc::new(Progress::new());
        match body {
            RequestBody::Empty => {}
            RequestBody::Json(bytes) => builder = builder.body(bytes),
            RequestBody::Multipart(multipart) => {
                let progress = progress.clone();
                let stream = multipart_stream(&multipart).inspect(move |_| progress.record());
                builder = builder.body(reqwest::Body::wrap_stream(stream));
            }
        }
        let request = builder
            .build()
            .map_err(|e| map_error(Failure::Reqwest(e)))?;
        tracing::trace!(%url, "reqwest: sending");
        let exchange = self.client.execute(request);
        let result = match timeout {
            Some(limit) => idle_timeout(limit, &progress, exchange)
                .await
                .map_err(|()| map_error(Failure::Elapsed(limit)))?,
            None => exchange.await,
        };
        let mut response = result.map_err(|e| map_error(Failure::Reqwest(e)))?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        Ok(
            HttpResponse::new(status, AsyncBody::new(ReqwestBody { response, timeout }))
                .with_headers(headers),
        )
    }
}

/// When the request last made progress: its start, or the last upload chunk pulled by the
/// HTTP stack, in milliseconds since the start.
struct Progress {
    start: tokio::time::Instant,
    last_ms: AtomicU64,
}

impl Progress {
    fn new() -> Self {
        Self {
            start: tokio::time::Instant::now(),
            last_ms: AtomicU64::new(0),
        }
    }

    /// Records progress now.
    fn record(&self) {
        let ms = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.fetch_max(ms, Ordering::Relaxed);
    }

    /// When the request last made progress.
    fn last(&self) -> tokio::time::Instant {
        self.start + Duration::from_millis(self.last_ms.load(Ordering::Relaxed))
    }
}

/// Runs `exchange` until it completes or makes no progress for `limit`: an idle timeout,
/// so a large upload that keeps moving is never cut off, while a stalled one (or a server
/// that never answers after the last body chunk) is. Without an upload body this is a plain
/// timeout on connecting plus the response head.
async fn idle_timeout<F: Future>(
    limit: Duration,
    progress: &Progress,
    exchange: F,
) -> Result<F::Output, ()> {
    let mut exchange = std::pin::pin!(exchange);
    loop {
        let deadline = progress.last() + limit;
        match tokio::time::timeout_at(deadline, exchange.as_mut()).await {
            Ok(out) => return Ok(out),
            Err(_) if progress.last() + limit <= tokio::time::Instant::now() => return Err(()),
            // The upload moved on since the deadline was set: wait again from its progress.
            Err(_) => {}
        }
    }
}

/// What can fail in [`ReqwestTransport::send`].
enum Failure {
    Reqwest(reqwest::Error),
    /// No progress (upload chunk pulled or response head) within the per-request timeout.
    Elapsed(Duration),
}

/// The one place reqwest failures become [`TransportError`]s. Connect failures (TLS
/// included) are [`SendState::NotSent`]; anything later may have reached the server.
fn map_error(failure: Failure) -> TransportError {
    use TransportErrorKind as K;
    match failure {
        Failure::Elapsed(limit) => TransportError::timeout(
            SendState::MaybeSent,
            io::Error::new(
                io::ErrorKind::TimedOut,
                format!("no response within {limit:?} (no progress)"),
            ),
        ),
        Failure::Reqwest(err) => {
            let (kind, state) = match () {
                () if err.is_connect() && err.is_timeout() => (K::Timeout, SendState::NotSent),
                () if err.is_connect() && is_tls_failure(&err) => (K::Tls, SendState::NotSent),
                () if err.is_connect() => (K::Connect, SendState::NotSent),
                () if err.is_timeout() => (K::Timeout, SendState::MaybeSent),
                () if err.is_builder() => (K::Other, SendState::NotSent),
                () if err.is_request() || err.is_body() || err.is_decode() => {
                    (K::Io, SendState::MaybeSent)
                }
                () => (K::Other, SendState::MaybeSent),
            };
            TransportError::new(kind, state, err)
        }
    }
}

/// Whether a connect failure came from the TLS layer: over https, rustls reports a failed
/// handshake as an `InvalidData` I/O error somewhere in the chain (`io::Error::source` skips
/// the error an `io::Error` wraps, so each one is opened with `get_ref`).
fn is_tls_failure(err: &reqwest::Error) -> bool {
    if err.url().is_none_or(|url| url.scheme() != "https") {
        return false;
    }
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(current) = next {
        if let Some(io) = current.downcast_ref::<io::Error>() {
            if io.kind() == io::ErrorKind::InvalidData {
                return true;
            }
            if let Some(inner) = io.get_ref() {
                next = Some(inner);
                continue;
            }
        }
        next = current.source();
    }
    false
}

/// A response body read chunk by chunk, each read bounded by the request timeout.
struct ReqwestBody {
    response: reqwest::Response,
    timeout: Option<Duration>,
}

#[async_trait::async_trait]
impl AsyncBodySource for ReqwestBody {
    async fn chunk(&mut self) -> io::Result<Option<Bytes>> {
        let next = self.response.chunk();
        let result = match self.timeout {
            Some(limit) => tokio::time::timeout(limit, next).await.map_err(|_| {
                io::Error::new(
                    io::ErrorKind::TimedOut,
                    "timed out reading the response body",
                )
            })?,
            None => next.await,
        };
        result.map_err(|e| {
            if e.is_timeout() {
                io::Error::new(io::ErrorKind::TimedOut, e)
            } else {
                io::Error::other(e)
            }
        })
    }
}

/// The multipart body as a stream: framing bytes as they are, files read from disk in chunks.
fn multipart_stream(
    multipart: &MultipartBody,
) -> impl Stream<Item = io::Result<Bytes>> + Send + 'static {
    let segments = multipart.segments().to_vec();
    stream::iter(segments).flat_map(|segment| -> BoxStream<'static, io::Result<Bytes>> {
        match segment {
            Segment::Bytes(bytes) => stream::once(async move { Ok(bytes) }).boxed(),
            Segment::File { path, len } => file_stream(path, len).boxed(),
        }
    })
}

enum FileState {
    Closed(PathBuf, u64),
    Open {
        file: tokio::fs::File,
        remaining: u64,
        path: PathBuf,
        len: u64,
    },
    Done,
}

/// Exactly `len` bytes of the file at `path`; a file that changed size is an error, so the
/// bytes sent always match `Content-Length`.
fn file_stream(path: PathBuf, len: u64) -> impl Stream<Item = io::Result<Bytes>> + Send + 'static {
    stream::unfold(FileState::Closed(path, len), |mut state| async move {
        loop {
            state = match state {
                FileState::Done => return None,
                FileState::Closed(path, len) => match tokio::fs::File::open(&path).await {
                    Ok(file) => FileState::Open {
                        file,
                        remaining: len,
                        path,
                        len,
                    },
                    Err(e) => {
                        return Some((
                            Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
                            FileState::Done,
                        ));
                    }
                },
                FileState::Open {
                    mut file,
                    remaining,
                    path,
                    len,
                } => {
                    if remaining == 0 {
                        let mut probe = [0u8; 1];
                        return match file.read(&mut probe).await {
                            Ok(0) => None,
                            Ok(_) => Some((Err(changed_size(&path, len)), FileState::Done)),
                            Err(e) => Some((Err(e), FileState::Done)),
                        };
                    }
                    let want = usize::try_from(remaining)
                        .unwrap_or(usize::MAX)
                        .min(FILE_CHUNK);
                    let mut buf = vec![0u8; want];
                    return match file.read(&mut buf).await {
                        Ok(0) => Some((Err(changed_size(&path, len)), FileState::Done)),
                        Ok(n) => {
                            buf.truncate(n);
                            let next = FileState::Open {
                                file,
                                remaining: remaining - n as u64,
                                path,
                                len,
                            };
                            Some((Ok(Bytes::from(buf)), next))
                        }
                        Err(e) => Some((Err(e), FileState::Done)),
                    };
                }
            };
        }
    })
}

fn changed_size(path: &Path, len: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::UnexpectedEof,
        format!(
            "{} changed size during upload (expected {len} bytes)",
            path.display()
        ),
    )
}

#[cfg(test)]
mod tests;
