//! [`CountingTransport`]: wraps an async transport to count requests by kind and bound the
//! number in flight.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use http::Method;
use hume::transport::{AsyncBody, AsyncTransport, HttpRequest, HttpResponse, TransportError};
use tokio::sync::Semaphore;

/// Requests seen, by kind.
#[derive(Debug, Default)]
pub struct RequestCounts {
    /// `POST /v0/batch/jobs`.
    pub submits: AtomicU64,
    /// `GET /v0/batch/jobs/{id}` (details: what awaiting polls).
    pub details: AtomicU64,
    /// Anything else.
    pub other: AtomicU64,
}

impl RequestCounts {
    fn record(&self, req: &HttpRequest) {
        let counter = match classify(&req.method, &req.url) {
            Kind::Submit => &self.submits,
            Kind::Details => &self.details,
            Kind::Other => &self.other,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Submit,
    Details,
    Other,
}

/// What kind of API request `method url` is.
fn classify(method: &Method, url: &str) -> Kind {
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
    let path = path.split(['?', '#']).next().unwrap_or_default();
    match path.strip_prefix("/v0/batch/jobs") {
        Some("" | "/") if method == Method::POST => Kind::Submit,
        Some(rest) if method == Method::GET => {
            let id = rest.trim_start_matches('/');
            if !id.is_empty() && !id.contains('/') {
                Kind::Details
            } else {
                Kind::Other
            }
        }
        _ => Kind::Other,
    }
}

/// An [`AsyncTransport`] that counts every request in [`RequestCounts`] and lets at most
/// `limit` be in flight (waiting for their response head) at once.
pub struct CountingTransport<T> {
    inner: T,
    counts: Arc<RequestCounts>,
    in_flight: Semaphore,
}

impl<T> CountingTransport<T> {
    /// Wraps `inner`; returns the transport and a handle on its counts.
    pub fn new(inner: T, limit: usize) -> (Self, Arc<RequestCounts>) {
        let counts = Arc::new(RequestCounts::default());
        let transport = Self {
            inner,
            counts: Arc::clone(&counts),
            in_flight: Semaphore::new(limit.max(1)),
        };
        (transport, counts)
    }
}

impl<T: fmt::Debug> fmt::Debug for CountingTransport<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CountingTransport")
            .field("inner", &self.inner)
            .field("counts", &self.counts)
            .finish_non_exhaustive()
    }
}

#[async_trait::async_trait]
impl<T: AsyncTransport> AsyncTransport for CountingTransport<T> {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse<AsyncBody>, TransportError> {
        self.counts.record(&req);
        // A closed semaphore is impossible (never closed); send anyway if it were.
        let _permit = self.in_flight.acquire().await.ok();
        self.inner.send(req).await
    }
}

#[cfg(test)]
mod tests;
