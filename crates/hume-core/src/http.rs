//! Plain HTTP request and response values exchanged with a transport.

use std::time::Duration;

use http::{HeaderMap, Method, StatusCode};

use crate::body::RequestBody;
use crate::transfer_rate::MinTransferRate;

/// A fully prepared HTTP request: what a [`Transport`](crate::Transport) sends, verbatim.
///
/// Transports send exactly these headers (adding only framing headers such as
/// `Content-Length` and `Host`) and follow no redirects. Built with [`HttpRequest::new`];
/// the fields are public to read and adjust.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpRequest {
    /// HTTP method.
    pub method: Method,
    /// Absolute URL.
    pub url: String,
    /// Request headers; the API key header is marked sensitive.
    pub headers: HeaderMap,
    /// Request body.
    pub body: RequestBody,
    /// Per-request timeout for the whole exchange up to the response head, and for each
    /// read of the body (an idle timeout), if any.
    pub timeout: Option<Duration>,
    /// Total time this attempt may take, from connecting to the last byte of the body, if
    /// any (set for bodies read whole; downloads rely on [`min_rate`](Self::min_rate)).
    pub deadline: Option<Duration>,
    /// The slowest the response body may arrive, if bounded (enforced by the clients'
    /// drivers, see [`MinTransferRate`](crate::MinTransferRate)).
    pub min_rate: Option<MinTransferRate>,
}

impl HttpRequest {
    /// A request with no headers, no body and no timeout.
    pub fn new(method: Method, url: impl Into<String>) -> Self {
        Self {
            method,
            url: url.into(),
            headers: HeaderMap::new(),
            body: RequestBody::Empty,
            timeout: None,
            deadline: None,
            min_rate: None,
        }
    }
}

/// An HTTP response head plus a body of type `B` (streamed, or buffered bytes). Built with
/// [`HttpResponse::new`] and [`with_headers`](HttpResponse::with_headers).
#[derive(Debug)]
#[non_exhaustive]
pub struct HttpResponse<B> {
    /// Status code.
    pub status: StatusCode,
    /// Every response header, as received.
    pub headers: HeaderMap,
    /// The body.
    pub body: B,
}

impl<B> HttpResponse<B> {
    /// A response with the given status and body and no headers.
    pub fn new(status: StatusCode, body: B) -> Self {
        Self {
            status,
            headers: HeaderMap::new(),
            body,
        }
    }

    /// Replaces the headers.
    pub fn with_headers(mut self, headers: HeaderMap) -> Self {
        self.headers = headers;
        self
    }

    /// Replaces the body, keeping status and headers.
    pub fn map_body<C>(self, f: impl FnOnce(B) -> C) -> HttpResponse<C> {
        HttpResponse {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
        }
    }
}
