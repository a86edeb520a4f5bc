//! Transport-agnostic core of the Hume Expression Measurement clients: the batch API (v0) and
//! the Expression Measurement API v1 (HTTP and realtime WebSocket sessions).
//!
//! This crate does no I/O of its own beyond reading local files for uploads and writing
//! downloads. It holds everything the blocking and the async client share, so nothing is
//! written twice:
//!
//! - **Values and secrets**: [`ApiKey`] (redacted everywhere), [`BaseUrl`].
//! - **HTTP model**: [`HttpRequest`], [`HttpResponse`], [`RequestBody`] (re-sendable),
//!   [`MultipartBody`] (streamed from disk), response bodies [`BlockingBody`] / [`AsyncBody`].
//! - **Transport contract**: [`Transport`] (blocking) and [`AsyncTransport`], failing with a
//!   [`TransportError`] that records whether the request may have been sent. Backends live in
//!   `hume-transport`; closures adapt through [`transport_fn`] / [`async_transport_fn`].
//! - **Policies as pure state machines**: [`retry`] ([`RetryPolicy`], [`RetryState`]),
//!   [`poll`] ([`PollPolicy`], [`PollSchedule`], [`Poller`]; [`JobDurations`] learns how long
//!   jobs take), [`redirect`] ([`RedirectState`]), combined into [`Exchange`], one logical
//!   request through redirects and retries; [`reconcile`] ([`ReconcilePolicy`],
//!   [`SubmitRegistry`], the echo matching) for exactly-once submits.
//! - **Operations** ([`operation`]): every client call as a sans-IO state machine
//!   ([`Operation`]: events in, actions out, a fake clock in tests): [`Fetch`], [`Submit`],
//!   [`DownloadArtifacts`], [`DownloadPredictions`], [`AwaitJob`], [`JobPager`], and for v1
//!   [`Measure`], [`RunPager`], [`AllRunEvents`]. Each client has one driver that performs
//!   their actions (send, read, stream to a file, sleep).
//! - **Proxies**: [`ProxyConfig`] (environment proxies, loopback never proxied, plain http
//!   through a proxy refused), applied by both transports.
//! - **Configuration**: [`ClientConfig`] (every option, builder-lite, `from_env`) validated
//!   into a [`ClientContext`] (base URL resolved, common headers, key scrubbing).
//! - **Endpoints** as pure `request` / `decode` pairs: [`endpoints`] (`submit`, `details`,
//!   `predictions`, `artifacts`, `list` with the [`ListAllJobs`] paging state machine) and
//!   the shared status → error mapping [`endpoints::error_for_status`]; the v1 endpoints in
//!   [`endpoints::v1`] (`audio`, `video`, `runs`, local media checks, their own mapping
//!   [`endpoints::v1::error_for_status`]).
//! - **Downloads**: [`download`] (temporary file, length check, rename; never a partial file)
//!   over [`output_file`] (random `create_new` temporary names, devices and FIFOs in place).
//! - **Errors**: [`HumeError`]; server text is cleaned of the key by [`scrub`], before and
//!   after decoding ([`HumeError::scrubbed`]).
//! - **WebSocket contract** ([`ws`]): [`WsTransport`] (blocking) and [`AsyncWsTransport`]
//!   opening [`WsConnection`]s from a [`WsRequest`] (key only over `wss://` or to loopback),
//!   for the realtime sessions of [`realtime`] (sans-IO state machines). Backends live in
//!   `hume-transport` too.
//! - **Test support** (feature `test-util`): `mock::{MockTransport, AsyncMockTransport}`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod api_key;
mod base_url;
mod body;
mod config;
pub mod download;
pub mod endpoints;
mod error;
mod exchange;
mod http;
mod job_durations;
pub mod json_check;
pub mod multipart;
pub mod operation;
pub mod output_file;
pub mod poll;
pub mod proxy;
pub mod realtime;
pub mod reconcile;
pub mod redirect;
pub mod retry;
pub mod scrub;
pub mod transfer_rate;
mod transport;
mod transport_error;
pub mod ws;

#[cfg(any(test, feature = "test-util"))]
pub mod mock;

pub use crate::api_key::{API_KEY_ENV, API_KEY_HEADER, ApiKey};
pub use crate::base_url::{BaseUrl, DEFAULT_BASE_URL, DEFAULT_V1_BASE_URL};
pub use crate::body::{AsyncBody, AsyncBodySource, BlockingBody, RequestBody};
pub use crate::config::{
    BASE_URL_ENV, CLIENT_NAME, CLIENT_VERSION, ClientConfig, ClientContext,
    DEFAULT_MAX_DOWNLOAD_BYTES, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_REQUEST_DEADLINE,
    DEFAULT_TIMEOUT, ERROR_BODY_LIMIT,
};
pub use crate::download::Download;
pub use crate::endpoints::list::ListAllJobs;
pub use crate::endpoints::v1::media::MediaProblem;
pub use crate::error::{EXCERPT_LIMIT, HumeError};
pub use crate::exchange::{Exchange, ExchangeStep};
pub use crate::http::{HttpRequest, HttpResponse};
pub use crate::job_durations::{DurationEstimate, JobDurations};
pub use crate::multipart::{MultipartBody, Segment};
pub use crate::operation::{
    Action, AllRunEvents, AwaitJob, DownloadArtifacts, DownloadPredictions, Event, Fetch, JobPager,
    Measure, Operation, RunPager, Submit,
};
pub use crate::poll::{PollPolicy, PollSchedule, PollStep, Poller};
pub use crate::proxy::{ProxyConfig, Route};
pub use crate::reconcile::{ReconcilePolicy, SubmitRegistry};
pub use crate::redirect::RedirectState;
pub use crate::retry::{Decision, Outcome, RetryPolicy, RetryState};
pub use crate::transfer_rate::MinTransferRate;
pub use crate::transport::{
    AsyncTransport, FnTransport, Transport, async_transport_fn, transport_fn,
};
pub use crate::transport_error::{SendState, TransportError, TransportErrorKind};
pub use crate::ws::{
    AsyncWsConnection, AsyncWsTransport, WsConnectError, WsConnection, WsMessage, WsRequest,
    WsTransport,
};

/// Compile-time check that the types shared across threads are `Send + Sync`.
#[allow(dead_code)]
fn assert_send_sync() {
    fn is<T: Send + Sync + 'static>() {}
    is::<HumeError>();
    is::<ApiKey>();
    is::<BaseUrl>();
    is::<ClientContext>();
    is::<ListAllJobs>();
    is::<HttpRequest>();
    is::<RetryPolicy>();
    is::<PollPolicy>();
    is::<TransportError>();
    is::<Fetch<hume_models::BatchJobDetails>>();
    is::<JobPager>();
    is::<RunPager>();
    is::<AllRunEvents>();
    is::<MediaProblem>();
    is::<std::sync::Arc<dyn Transport>>();
    is::<std::sync::Arc<dyn AsyncTransport>>();
    is::<std::sync::Arc<dyn WsTransport>>();
    is::<std::sync::Arc<dyn AsyncWsTransport>>();
    is::<WsRequest>();
}

/// Compile-time check that every operation can move into a spawned future.
#[allow(dead_code)]
fn assert_send() {
    fn is<T: Send + 'static>() {}
    is::<Submit>();
    is::<AwaitJob>();
    is::<DownloadArtifacts>();
    is::<DownloadPredictions>();
    is::<Measure<hume_models::v1::AudioFileResponse>>();
    is::<Measure<hume_models::v1::VideoFileResponse>>();
}

#[cfg(test)]
mod tests;
