//! The two transport traits every HTTP backend implements, and closure adapters.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use crate::body::{AsyncBody, BlockingBody};
use crate::http::{HttpRequest, HttpResponse};
use crate::transport_error::TransportError;

/// A blocking HTTP client: sends one request, returns the response head with a streamed body.
///
/// Implementations must not follow redirects nor turn HTTP error statuses into errors: every
/// status comes back as a response. Connection pooling, TLS, proxies and timeouts
/// ([`HttpRequest::timeout`]) are the implementation's business.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `req` and returns the response with its body unread.
    ///
    /// # Errors
    /// A [`TransportError`] when no response head was received.
    fn send(&self, req: HttpRequest) -> Result<HttpResponse<BlockingBody>, TransportError>;
}

/// An async HTTP client; the same contract as [`Transport`].
#[async_trait::async_trait]
pub trait AsyncTransport: Send + Sync + fmt::Debug {
    /// Sends `req` and returns the response with its body unread.
    ///
    /// # Errors
    /// A [`TransportError`] when no response head was received.
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse<AsyncBody>, TransportError>;
}

impl<T: Transport + ?Sized> Transport for Arc<T> {
    fn send(&self, req: HttpRequest) -> Result<HttpResponse<BlockingBody>, TransportError> {
        (**self).send(req)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn send(&self, req: HttpRequest) -> Result<HttpResponse<BlockingBody>, TransportError> {
        (**self).send(req)
    }
}

impl<T: Transport + ?Sized> Transport for &T {
    fn send(&self, req: HttpRequest) -> Result<HttpResponse<BlockingBody>, TransportError> {
        (**self).send(req)
    }
}

#[async_trait::async_trait]
impl<T: AsyncTransport + ?Sized> AsyncTransport for Arc<T> {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse<AsyncBody>, TransportError> {
        (**self).send(req).await
    }
}

#[async_trait::async_trait]
impl<T: AsyncTransport + ?Sized> AsyncTransport for Box<T> {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse<AsyncBody>, TransportError> {
        (**self).send(req).await
    }
}

/// A transport made from a closure; see [`transport_fn`] and [`async_transport_fn`].
///
/// The traits require `Debug`, which closures lack, so closures are wrapped rather than given
/// a blanket impl.
#[derive(Clone)]
pub struct FnTransport<F>(F);

impl<F> fmt::Debug for FnTransport<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FnTransport(..)")
    }
}

/// Wraps `|req| Ok(response)` as a [`Transport`]:
///
/// ```
/// use hume_core::{transport_fn, BlockingBody, HttpResponse, Transport};
/// let t = transport_fn(|_req| Ok(HttpResponse::new(http::StatusCode::OK, BlockingBody::from("[]"))));
/// # let _ = &t as &dyn Transport;
/// ```
pub fn transport_fn<F>(f: F) -> FnTransport<F>
where
    F: Fn(HttpRequest) -> Result<HttpResponse<BlockingBody>, TransportError> + Send + Sync,
{
    FnTransport(f)
}

/// Wraps `|req| async { Ok(response) }` as an [`AsyncTransport`].
pub fn async_transport_fn<F, Fut>(f: F) -> FnTransport<F>
where
    F: Fn(HttpRequest) -> Fut + Send + Sync,
    Fut: Future<Output = Result<HttpResponse<AsyncBody>, TransportError>> + Send,
{
    FnTransport(f)
}

impl<F> Transport for FnTransport<F>
where
    F: Fn(HttpRequest) -> Result<HttpResponse<BlockingBody>, TransportError> + Send + Sync,
{
    fn send(&self, req: HttpRequest) -> Result<HttpResponse<BlockingBody>, TransportError> {
        (self.0)(req)
    }
}

#[async_trait::async_trait]
impl<F, Fut> AsyncTransport for FnTransport<F>
where
    F: Fn(HttpRequest) -> Fut + Send + Sync,
    Fut: Future<Output = Result<HttpResponse<AsyncBody>, TransportError>> + Send,
{
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse<AsyncBody>, TransportError> {
        (self.0)(req).await
    }
}

#[cfg(test)]
mod tests;
