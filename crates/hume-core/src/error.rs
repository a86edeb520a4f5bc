//! [`HumeError`], the one error type of every client operation.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use http::StatusCode;
use hume_models::v1::realtime::ErrorCode;
use hume_models::v1::{ErrorResponse, RequestErrorCode, RequestId, SessionId};
use hume_models::{ApiErrorBody, BatchJobStatus, InvalidId, JobId, ValidationErrors};

use crate::endpoints::v1::media::MediaProblem;
use crate::realtime::{Refusal, SessionEnd};
use crate::transport_error::{TransportError, TransportErrorKind};

/// Longest body excerpt kept in an error, in bytes.
pub const EXCERPT_LIMIT: usize = 512;

/// Everything that can go wrong talking to the batch API (v0) or the Expression Measurement
/// API v1.
///
/// Display is one lowercase line with the useful context (status, server message, job id);
/// the cause, when there is one, is the [`source`](std::error::Error::source). The API key
/// never appears in Display, Debug or any excerpt.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HumeError {
    /// The API rejected the key (401/403, or an Apigee `InvalidApiKey` fault).
    #[error("invalid api key: the api answered {status}; check the key or HUME_API_KEY")]
    #[non_exhaustive]
    InvalidApiKey {
        /// HTTP status of the rejection.
        status: StatusCode,
    },

    /// The job does not exist (404, or `{"message":"job not found"}`).
    #[error("job not found: {job_id}")]
    #[non_exhaustive]
    JobNotFound {
        /// The job asked for.
        job_id: JobId,
    },

    /// HTTP 429 after any retries.
    #[error("rate limited by the api{}", RetryAfterHint(*retry_after))]
    #[non_exhaustive]
    RateLimited {
        /// The server's `Retry-After`, if it sent one.
        retry_after: Option<Duration>,
    },

    /// Any other non-success status.
    #[error("api error {status}: {message}")]
    #[non_exhaustive]
    Api {
        /// HTTP status.
        status: StatusCode,
        /// The server's message (from the parsed body), or the status reason.
        message: String,
        /// The parsed error body.
        body: ApiErrorBody,
    },

    /// Awaiting a job ran out of time: polling stopped, the job itself keeps running. When the
    /// last polls failed (the server kept failing until the deadline), `last_error` is the
    /// last failure (also the [`source`](std::error::Error::source)).
    #[error(
        "stopped polling job {job_id} after {}s (last status {}{}); the job keeps running: resume with `client.get_job(\"{job_id}\").await_complete()`",
        Secs(*timeout),
        last_status.as_ref().map_or("unknown", BatchJobStatus::as_str),
        if last_error.is_some() { ", then polls failed" } else { "" }
    )]
    #[non_exhaustive]
    AwaitTimeout {
        /// The job being awaited.
        job_id: JobId,
        /// The await timeout.
        timeout: Duration,
        /// The status of the last successful poll, if any.
        last_status: Option<BatchJobStatus>,
        /// The failure of the last poll, when polls were failing at the deadline.
        #[source]
        last_error: Option<Box<HumeError>>,
    },

    /// The job finished with status FAILED (only when the caller asked to treat that as an error).
    #[error("job {job_id} failed{}", message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
    #[non_exhaustive]
    JobFailed {
        /// The failed job.
        job_id: JobId,
        /// The failure message from the job state, if any.
        message: Option<String>,
    },

    /// The request is invalid (a batch job, a v1 upload's `config`, a run query); every
    /// problem is listed and nothing was sent.
    #[error("invalid request: {0}")]
    Validation(ValidationErrors),

    /// An id that is not a safe single path segment (`.`, `..`, a separator, control
    /// characters, ...), given by the caller or sent by the server; nothing was sent with it.
    #[error(transparent)]
    InvalidId(InvalidId),

    /// Invalid client configuration (bad base URL, key over plain http, timeout < 1 s, …);
    /// nothing was sent.
    #[error("invalid configuration: {0}")]
    InvalidConfig(String),

    /// A local file to upload is missing or unreadable; nothing was sent.
    #[error("cannot read local file {}", path.display())]
    #[non_exhaustive]
    LocalFile {
        /// The file.
        path: PathBuf,
        /// Why it cannot be read.
        #[source]
        source: std::io::Error,
    },

    /// The HTTP exchange failed without a response.
    #[error(transparent)]
    Transport(TransportError),

    /// A job submission failed after the request may have reached the server, and
    /// reconciliation (see [`reconcile`](crate::reconcile)) could not settle it, or was turned
    /// off: **the job may or may not exist**. `candidates` holds the ids of the jobs whose
    /// echoed request matches (several: which is ours cannot be told). List recent jobs before
    /// submitting again.
    #[error(
        "job submission outcome unknown: the job may or may not exist{}; list jobs before submitting again",
        Candidates(candidates)
    )]
    #[non_exhaustive]
    SubmitUncertain {
        /// What went wrong (a transport failure after sending, or a 5xx answer).
        #[source]
        source: Box<HumeError>,
        /// The unclaimed jobs whose echoed request matches the one sent (empty when none was
        /// found, or reconciliation was off).
        candidates: Vec<JobId>,
    },

    /// A success response could not be decoded.
    #[error("cannot decode {what} response ({status}): {message}")]
    #[non_exhaustive]
    Decode {
        /// What was being decoded (`"job details"`, `"predictions"`, …).
        what: &'static str,
        /// HTTP status of the response.
        status: StatusCode,
        /// The parser's message, with the path to the failing field.
        message: String,
        /// Start of the body (at most 512 bytes, API key removed).
        excerpt: String,
    },

    /// A local I/O failure (writing a download, reading a response body).
    #[error("i/o failure while {context}")]
    #[non_exhaustive]
    Io {
        /// What was being done.
        context: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },

    /// A download ended before the announced `Content-Length`; the destination is untouched.
    #[error("download to {} incomplete: expected {expected} bytes, received {received}", path.display())]
    #[non_exhaustive]
    IncompleteDownload {
        /// Destination path.
        path: PathBuf,
        /// `Content-Length` of the response.
        expected: u64,
        /// Bytes received.
        received: u64,
    },

    /// The Expression Measurement API (v1) answered with an error status (any but 401, which
    /// is [`InvalidApiKey`](Self::InvalidApiKey), and 429, which is
    /// [`RateLimited`](Self::RateLimited)). Switch on `code`, never on the message; quote
    /// `request_id` to Hume's support.
    #[error(
        "api error {status}{}: {message}{}",
        CodeHint(code.as_ref()),
        RequestIdHint(request_id.as_ref())
    )]
    #[non_exhaustive]
    V1Api {
        /// HTTP status (400, 403, 404, 405, 413, 415, 500, 503, ...).
        status: StatusCode,
        /// The body's `code` (an open enum: unknown codes are kept); `None` when the body has
        /// no code (not the API's error shape, e.g. a proxy's page).
        code: Option<RequestErrorCode>,
        /// The server's message, or an excerpt of a body of another shape (key removed).
        message: String,
        /// The body's `request_id`, for support.
        request_id: Option<RequestId>,
        /// The error body, classified (parsed with the key removed); boxed to keep the error
        /// small.
        body: Box<ErrorResponse>,
    },

    /// A file to upload to the v1 API breaks one of its rules (not 16 kHz mono 16-bit PCM
    /// audio, not a JPEG, over a size limit, ...), checked locally; nothing was sent.
    #[error("cannot upload {}: {problem}", path.display())]
    #[non_exhaustive]
    InvalidMedia {
        /// The file.
        path: PathBuf,
        /// The rule it breaks (with the error code the API would answer).
        problem: MediaProblem,
    },

    /// A v1 upload would be larger than the API's request limit (25 MB for the whole
    /// multipart body); nothing was sent.
    #[error(
        "request of {bytes} bytes is over the api's limit of {limit} bytes; send fewer or smaller files per request"
    )]
    #[non_exhaustive]
    RequestTooLarge {
        /// Size of the multipart body that would have been sent.
        bytes: u64,
        /// The limit.
        limit: u64,
    },

    /// More redirects than allowed.
    #[error("too many redirects (limit {limit})")]
    #[non_exhaustive]
    TooManyRedirects {
        /// The limit.
        limit: u32,
    },

    /// A redirect whose `Location` is not a usable http(s) URL.
    #[error("invalid redirect location {location:?}")]
    #[non_exhaustive]
    BadRedirect {
        /// The `Location` value (truncated).
        location: String,
    },

    /// A realtime endpoint refused the WebSocket handshake with this status (an invalid key
    /// is [`InvalidApiKey`](Self::InvalidApiKey) instead).
    #[error("realtime handshake refused: {status}{}", Suffix(message))]
    #[non_exhaustive]
    RealtimeHandshake {
        /// The handshake response's status.
        status: StatusCode,
        /// Start of the response body (at most 512 bytes, API key removed); may be empty.
        message: String,
    },

    /// A realtime frame or `session.update` failed a local check: **nothing was sent** and
    /// the session goes on.
    #[error("not sent: {refusal}")]
    #[non_exhaustive]
    RealtimeRefused {
        /// What was refused, and why.
        refusal: Refusal,
    },

    /// The server's realtime `error` message that ended the session (`config_invalid`,
    /// `message_too_large`, audio `internal_error`, ...).
    #[error("realtime error {code}{}: {message}", SessionSuffix(session_id.as_ref()))]
    #[non_exhaustive]
    Realtime {
        /// What happened (an open enum: unknown codes are kept).
        code: ErrorCode,
        /// The server's message, for people.
        message: String,
        /// The server's `retryable` flag (`false` for every error that ends a session).
        retryable: bool,
        /// The session (= run) it ended, if one had started.
        session_id: Option<SessionId>,
    },

    /// A realtime session ended before the client closed it, and no `error` message explains
    /// why: an idle timeout, a server shutdown or dropped connection with no reconnect left,
    /// unanswered keepalive pings.
    #[error("realtime session{} ended: {end}", IdSuffix(session_id.as_ref()))]
    #[non_exhaustive]
    RealtimeSessionEnded {
        /// How it ended.
        end: SessionEnd,
        /// The last session (= run) opened, if any.
        session_id: Option<SessionId>,
    },
}

impl HumeError {
    /// `true` when trying the same operation again later may succeed: rate limiting,
    /// 5xx answers, and connect/timeout/i/o transport failures. A
    /// [`SubmitUncertain`](Self::SubmitUncertain) is **not** retryable: resubmitting may
    /// duplicate the job.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::RateLimited { .. } => true,
            Self::Api { status, .. } | Self::V1Api { status, .. } => status.is_server_error(),
            Self::Transport(e) => {
                matches!(
                    e.kind(),
                    TransportErrorKind::Connect
                        | TransportErrorKind::Timeout
                        | TransportErrorKind::Io
                )
            }
            Self::RealtimeHandshake { status, .. } => {
                crate::realtime::is_retryable_handshake(*status)
            }
            // An audio `internal_error` ends the session, but a new connection may succeed.
            Self::Realtime {
                code, retryable, ..
            } => *retryable || *code == ErrorCode::InternalError,
            Self::RealtimeSessionEnded { end, .. } => end.is_retryable(),
            _ => false,
        }
    }

    /// The HTTP status behind the error, when a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::InvalidApiKey { status }
            | Self::Api { status, .. }
            | Self::V1Api { status, .. }
            | Self::Decode { status, .. }
            | Self::RealtimeHandshake { status, .. } => Some(*status),
            Self::RateLimited { .. } => Some(StatusCode::TOO_MANY_REQUESTS),
            Self::SubmitUncertain { source, .. } => source.status(),
            _ => None,
        }
    }

    /// `true` when a job may have been created even though submission failed
    /// ([`SubmitUncertain`](Self::SubmitUncertain)).
    pub fn job_may_exist(&self) -> bool {
        matches!(self, Self::SubmitUncertain { .. })
    }

    /// The job this error is about, if any.
    pub fn job_id(&self) -> Option<&JobId> {
        match self {
            Self::JobNotFound { job_id }
            | Self::AwaitTimeout { job_id, .. }
            | Self::JobFailed { job_id, .. } => Some(job_id),
            _ => None,
        }
    }

    /// The v1 error code of a [`V1Api`](Self::V1Api) error, if the body had one.
    pub fn v1_code(&self) -> Option<&RequestErrorCode> {
        match self {
            Self::V1Api { code, .. } => code.as_ref(),
            _ => None,
        }
    }

    /// The `request_id` of a [`V1Api`](Self::V1Api) error (quote it to Hume's support).
    pub fn request_id(&self) -> Option<&RequestId> {
        match self {
            Self::V1Api { request_id, .. } => request_id.as_ref(),
            _ => None,
        }
    }

    /// A [`V1Api`](Self::V1Api) error from a status and a classified error body: `code`,
    /// `message` and `request_id` are taken from the body.
    pub fn v1_api(status: StatusCode, body: ErrorResponse) -> Self {
        Self::V1Api {
            status,
            code: body.code().cloned(),
            message: body.message(),
            request_id: body.request_id().cloned(),
            body: Box::new(body),
        }
    }

    /// Wraps an I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Self::Io {
            context: context.into(),
            source,
        }
    }

    /// An [`InvalidApiKey`](Self::InvalidApiKey) error.
    pub fn invalid_api_key(status: StatusCode) -> Self {
        Self::InvalidApiKey { status }
    }

    /// A [`JobNotFound`](Self::JobNotFound) error.
    pub fn job_not_found(job_id: impl Into<JobId>) -> Self {
        Self::JobNotFound {
            job_id: job_id.into(),
        }
    }

    /// A [`RateLimited`](Self::RateLimited) error.
    pub fn rate_limited(retry_after: Option<Duration>) -> Self {
        Self::RateLimited { retry_after }
    }

    /// An [`AwaitTimeout`](Self::AwaitTimeout) error.
    pub fn await_timeout(
        job_id: impl Into<JobId>,
        timeout: Duration,
        last_status: Option<BatchJobStatus>,
    ) -> Self {
        Self::AwaitTimeout {
            job_id: job_id.into(),
            timeout,
            last_status,
            last_error: None,
        }
    }

    /// A [`JobFailed`](Self::JobFailed) error.
    pub fn job_failed(job_id: impl Into<JobId>, message: Option<String>) -> Self {
        Self::JobFailed {
            job_id: job_id.into(),
            message,
        }
    }

    /// A [`SubmitUncertain`](Self::SubmitUncertain) error caused by `source`, without
    /// candidates.
    pub fn submit_uncertain(source: HumeError) -> Self {
        Self::SubmitUncertain {
            source: Box::new(source),
            candidates: Vec::new(),
        }
    }

    /// The candidate job ids of a [`SubmitUncertain`](Self::SubmitUncertain) (empty for any
    /// other error).
    pub fn candidates(&self) -> &[JobId] {
        match self {
            Self::SubmitUncertain { candidates, .. } => candidates,
            _ => &[],
        }
    }

    /// A [`RealtimeHandshake`](Self::RealtimeHandshake) error.
    pub fn realtime_handshake(status: StatusCode, message: impl Into<String>) -> Self {
        Self::RealtimeHandshake {
            status,
            message: message.into(),
        }
    }

    /// A [`RealtimeRefused`](Self::RealtimeRefused) error.
    pub fn realtime_refused(refusal: Refusal) -> Self {
        Self::RealtimeRefused { refusal }
    }

    /// The realtime session (= run) this error is about, if any.
    pub fn session_id(&self) -> Option<&SessionId> {
        match self {
            Self::Realtime { session_id, .. } | Self::RealtimeSessionEnded { session_id, .. } => {
                session_id.as_ref()
            }
            _ => None,
        }
    }
}

impl HumeError {
    /// The same error with `secret` removed from every piece of server text it carries
    /// (messages, bodies, excerpts, a redirect's location, ids), in every form
    /// [`scrub`](crate::scrub::scrub) knows. Every operation passes its errors through this.
    #[must_use]
    pub fn scrubbed(self, secret: &str) -> Self {
        let clean = |text: &mut String| crate::scrub::scrub_string(text, secret);
        match self {
            Self::Api {
                status,
                mut message,
                mut body,
            } => {
                clean(&mut message);
                body.map_text(&mut |t| clean(t));
                Self::Api {
                    status,
                    message,
                    body,
                }
            }
            Self::JobFailed {
                job_id,
                mut message,
            } => {
                if let Some(m) = message.as_mut() {
                    clean(m);
                }
                Self::JobFailed { job_id, message }
            }
            Self::Decode {
                what,
                status,
                mut message,
                mut excerpt,
            } => {
                clean(&mut message);
                clean(&mut excerpt);
                Self::Decode {
                    what,
                    status,
                    message,
                    excerpt,
                }
            }
            Self::V1Api {
                status,
                code,
                mut message,
                request_id,
                mut body,
            } => {
                clean(&mut message);
                body.map_text(&mut |t| clean(t));
                Self::V1Api {
                    status,
                    code: body.code().cloned().or(code),
                    message,
                    request_id: body.request_id().cloned().or(request_id),
                    body,
                }
            }
            Self::BadRedirect { mut location } => {
                clean(&mut location);
                Self::BadRedirect { location }
            }
            Self::RealtimeHandshake {
                status,
                mut message,
            } => {
                clean(&mut message);
                Self::RealtimeHandshake { status, message }
            }
            Self::Realtime {
                code,
                mut message,
                retryable,
                session_id,
            } => {
                clean(&mut message);
                Self::Realtime {
                    code,
                    message,
                    retryable,
                    session_id,
                }
            }
            Self::InvalidId(invalid) => Self::InvalidId(
                invalid.map_text(|id| crate::scrub::scrub_str(id, secret).into_owned()),
            ),
            Self::SubmitUncertain { source, candidates } => Self::SubmitUncertain {
                source: Box::new(source.scrubbed(secret)),
                candidates,
            },
            Self::AwaitTimeout {
                job_id,
                timeout,
                last_status,
                last_error,
            } => Self::AwaitTimeout {
                job_id,
                timeout,
                last_status,
                last_error: last_error.map(|e| Box::new(e.scrubbed(secret))),
            },
            other => other,
        }
    }
}

impl From<InvalidId> for HumeError {
    fn from(e: InvalidId) -> Self {
        Self::InvalidId(e)
    }
}

impl From<TransportError> for HumeError {
    fn from(e: TransportError) -> Self {
        Self::Transport(e)
    }
}

impl From<ValidationErrors> for HumeError {
    fn from(e: ValidationErrors) -> Self {
        Self::Validation(e)
    }
}

/// At most [`EXCERPT_LIMIT`] bytes of `body` as text (cut on a char boundary, `…` marking a
/// cut), with `secret` removed first.
pub(crate) fn excerpt(body: &[u8], secret: Option<&str>) -> String {
    let scrubbed = match secret {
        Some(s) => crate::scrub::scrub(body, s),
        None => std::borrow::Cow::Borrowed(body),
    };
    let text = String::from_utf8_lossy(&scrubbed);
    if text.len() <= EXCERPT_LIMIT {
        return text.into_owned();
    }
    let mut end = EXCERPT_LIMIT - '…'.len_utf8();
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// Formats a duration as seconds without needless decimals (`300`, `1.5`).
struct Secs(Duration);

impl fmt::Display for Secs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.subsec_nanos() == 0 {
            write!(f, "{}", self.0.as_secs())
        } else {
            write!(f, "{}", self.0.as_secs_f64())
        }
    }
}

/// `, code image_too_large` after the status of a v1 error, when the body has a code.
struct CodeHint<'a>(Option<&'a RequestErrorCode>);

impl fmt::Display for CodeHint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(code) => write!(f, ", code {code}"),
            None => Ok(()),
        }
    }
}

/// ` (request id req-1)` at the end of a v1 error, when the body has one.
struct RequestIdHint<'a>(Option<&'a RequestId>);

impl fmt::Display for RequestIdHint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(id) => write!(f, " (request id {id})"),
            None => Ok(()),
        }
    }
}

/// `": message"`, or nothing for an empty message.
struct Suffix<'a>(&'a str);

impl fmt::Display for Suffix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            Ok(())
        } else {
            write!(f, ": {}", self.0)
        }
    }
}

/// `" (session <id>)"` when a session id is known.
struct SessionSuffix<'a>(Option<&'a SessionId>);

impl fmt::Display for SessionSuffix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(id) => write!(f, " (session {id})"),
            None => Ok(()),
        }
    }
}

/// `" <id>"` when a session id is known.
struct IdSuffix<'a>(Option<&'a SessionId>);

impl fmt::Display for IdSuffix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(id) => write!(f, " {id}"),
            None => Ok(()),
        }
    }
}

/// ` (candidates: a, b)` when there are any.
struct Candidates<'a>(&'a [JobId]);

impl fmt::Display for Candidates<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return Ok(());
        }
        f.write_str(" (candidates: ")?;
        for (i, id) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(id.as_str())?;
        }
        f.write_str(")")
    }
}

struct RetryAfterHint(Option<Duration>);

impl fmt::Display for RetryAfterHint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(d) => write!(f, " (retry after {}s)", Secs(d)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
