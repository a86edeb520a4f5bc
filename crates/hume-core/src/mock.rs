//! Scripted transports for tests (feature `test-util`).
//!
//! A [`MockTransport`] replays a fixed list of responses or transport errors in order, records
//! every request it receives (with the body read out, multipart included), and can assert at the
//! end that the whole script was used. It implements both [`Transport`] and
//! [`AsyncTransport`]; [`AsyncMockTransport`] is the same type under the async name. Clones share
//! the script, so a test keeps one handle and gives another to the client.

use std::collections::VecDeque;
use std::fmt;
use std::io::Read;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};

use crate::body::{AsyncBody, BlockingBody, RequestBody};
use crate::http::{HttpRequest, HttpResponse};
use crate::transport::{AsyncTransport, Transport};
use crate::transport_error::{SendState, TransportError};

/// A canned response.
#[derive(Debug, Clone)]
pub struct MockResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    cut_after: Option<usize>,
}

impl MockResponse {
    /// A response with this status (panics on an invalid code: test helper).
    pub fn new(status: u16) -> Self {
        Self {
            status: StatusCode::from_u16(status).expect("valid status code"),
            headers: HeaderMap::new(),
            body: Bytes::new(),
            cut_after: None,
        }
    }

    /// A JSON response: body = `value`, `Content-Type: application/json`.
    pub fn json(status: u16, value: &serde_json::Value) -> Self {
        Self::new(status)
            .with_header("content-type", "application/json")
            .with_body(value.to_string())
    }

    /// Adds a header (panics on invalid names or values: test helper).
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.append(
            HeaderName::from_bytes(name.as_bytes()).expect("valid header name"),
            HeaderValue::from_str(value).expect("valid header value"),
        );
        self
    }

    /// Sets the body.
    pub fn with_body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = body.into();
        self
    }

    /// Cuts the body short: the first `n` bytes arrive, then reading fails as when the
    /// connection is reset (`io::ErrorKind::ConnectionReset`). Headers (a `Content-Length`
    /// announcing the whole body, say) are sent as set.
    pub fn with_body_cut_after(mut self, n: usize) -> Self {
        self.cut_after = Some(n);
        self
    }
}

/// The body of a scripted response: whole, or cut short by a reset.
struct Scripted {
    body: Bytes,
    cut: bool,
}

impl Scripted {
    fn of(response: &MockResponse) -> Self {
        match response.cut_after {
            Some(n) => Self {
                body: response.body.slice(..n.min(response.body.len())),
                cut: true,
            },
            None => Self {
                body: response.body.clone(),
                cut: false,
            },
        }
    }

    fn reset() -> std::io::Error {
        std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "mock transport: body cut short",
        )
    }
}

impl Read for Scripted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.body.is_empty() {
            return if self.cut { Err(Self::reset()) } else { Ok(0) };
        }
        let n = self.body.len().min(buf.len());
        buf[..n].copy_from_slice(&self.body.split_to(n));
        Ok(n)
    }
}

#[async_trait::async_trait]
impl crate::body::AsyncBodySource for Scripted {
    async fn chunk(&mut self) -> std::io::Result<Option<Bytes>> {
        if self.body.is_empty() {
            return if self.cut {
                Err(Self::reset())
            } else {
                Ok(None)
            };
        }
        Ok(Some(std::mem::take(&mut self.body)))
    }
}

/// A request as the mock received it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// Method.
    pub method: Method,
    /// Full URL.
    pub url: String,
    /// Headers as sent.
    pub headers: HeaderMap,
    /// The body bytes exactly as a real transport would send them.
    pub body: Vec<u8>,
    /// The `Content-Type` a transport would derive from the body.
    pub body_content_type: Option<HeaderValue>,
    /// The declared body length ([`RequestBody::content_length`]).
    pub declared_length: u64,
    /// Per-request timeout.
    pub timeout: Option<Duration>,
}

impl RecordedRequest {
    /// The body parsed as JSON (panics if it is not JSON: test helper).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }

    /// A header as a string, if present and valid UTF-8.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

enum Step {
    Respond(MockResponse),
    Fail(TransportError),
}

#[derive(Default)]
struct Script {
    steps: VecDeque<Step>,
    requests: Vec<RecordedRequest>,
}

/// A scripted transport for blocking and async clients; see the [module docs](self).
#[derive(Clone, Default)]
pub struct MockTransport(Arc<Mutex<Script>>);

/// The async name of [`MockTransport`] (one type implements both traits).
pub type AsyncMockTransport = MockTransport;

impl fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let script = self.lock();
        f.debug_struct("MockTransport")
            .field("remaining", &script.steps.len())
            .field("received", &script.requests.len())
            .finish()
    }
}

impl MockTransport {
    /// An empty script.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Script> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Appends a response to the script (builder-lite).
    pub fn with_response(self, response: MockResponse) -> Self {
        self.push_response(response);
        self
    }

    /// Appends a transport error to the script (builder-lite).
    pub fn with_error(self, error: TransportError) -> Self {
        self.push_error(error);
        self
    }

    /// Appends a response to the script.
    pub fn push_response(&self, response: MockResponse) {
        self.lock().steps.push_back(Step::Respond(response));
    }

    /// Appends a transport error to the script.
    pub fn push_error(&self, error: TransportError) {
        self.lock().steps.push_back(Step::Fail(error));
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    /// Script steps not used yet.
    pub fn remaining(&self) -> usize {
        self.lock().steps.len()
    }

    /// Panics unless every scripted step was used.
    #[track_caller]
    pub fn assert_all_used(&self) {
        let remaining = self.remaining();
        assert_eq!(
            remaining, 0,
            "mock transport: {remaining} scripted step(s) were never used"
        );
    }

    fn exchange(
        &self,
        req: HttpRequest,
    ) -> Result<(StatusCode, HeaderMap, Scripted), TransportError> {
        let body = match &req.body {
            RequestBody::Empty => Vec::new(),
            RequestBody::Json(b) => b.to_vec(),
            RequestBody::Multipart(m) => {
                let mut out = Vec::new();
                m.reader()
                    .and_then(|mut r| r.read_to_end(&mut out))
                    .map_err(|e| TransportError::io(SendState::NotSent, e))?;
                out
            }
        };
        let mut script = self.lock();
        script.requests.push(RecordedRequest {
            method: req.method.clone(),
            url: req.url.clone(),
            headers: req.headers.clone(),
            body,
            body_content_type: req.body.content_type(),
            declared_length: req.body.content_length(),
            timeout: req.timeout,
        });
        match script.steps.pop_front() {
            Some(Step::Respond(r)) => {
                let body = Scripted::of(&r);
                Ok((r.status, r.headers, body))
            }
            Some(Step::Fail(e)) => Err(e),
            None => Err(TransportError::other(
                SendState::NotSent,
                format!(
                    "mock transport: no scripted response left for {} {}",
                    req.method, req.url
                ),
            )),
        }
    }
}

impl Transport for MockTransport {
    fn send(&self, req: HttpRequest) -> Result<HttpResponse<BlockingBody>, TransportError> {
        let (status, headers, body) = self.exchange(req)?;
        Ok(HttpResponse {
            status,
            headers,
            body: BlockingBody::new(body),
        })
    }
}

#[async_trait::async_trait]
impl AsyncTransport for MockTransport {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse<AsyncBody>, TransportError> {
        let (status, headers, body) = self.exchange(req)?;
        Ok(HttpResponse {
            status,
            headers,
            body: AsyncBody::new(body),
        })
    }
}

#[cfg(test)]
mod tests;
