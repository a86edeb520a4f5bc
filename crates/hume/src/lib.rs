//! Rust SDK for the Hume AI **Expression Measurement APIs**: the batch API (v0: start jobs on
//! media URLs, local files or text, wait for them, and fetch their predictions and artifacts)
//! and the **Expression Measurement API v1** over HTTP (audio and JPEG uploads measured in the
//! same request, and runs).
//!
//! Each client comes blocking and async with the same methods, each at one path whatever
//! features are on:
//!
//! | feature | batch API (v0) | API v1 | backend |
//! |---|---|---|---|
//! | `blocking` (default) | `hume::blocking::HumeBatchClient` | `hume::blocking::ExpressionMeasurementClient` | ureq, no async runtime |
//! | `async` | `hume::asynchronous::HumeBatchClient` | `hume::asynchronous::ExpressionMeasurementClient` | reqwest + tokio |
//! | `test-util` | `hume::test_util`: mock transport, test-speed policies | | - |
//!
//! The v1 client is named as the official v1 Python SDK's (`ExpressionMeasurementClient`,
//! with `audio()`, `video()` and `runs()` groups), so its documentation maps one to one. Its
//! models are in [`models::v1`].
//!
//! Both client features may be on at once; they only add modules. Everything both clients
//! share is at the crate root: one configuration ([`ClientConfig`], filled by
//! [`ClientBuilder`]), the submit builder [`SubmitJob`] (finished with `.send()` on the
//! blocking client, `.await` on the async one), the await builder [`AwaitCompletion`]
//! (`.wait()` / `.await`), errors ([`HumeError`]), and the job models ([`models`]).
//!
//! # Example (blocking)
//!
//! (feature `blocking`) The doctest runs `measure_faces` against the in-process emulator
//! (`hume-emulator`), which stands in for `https://api.hume.ai` here; in your code build the
//! client with `HumeBatchClient::from_env()?` (`HUME_API_KEY`, and `HUME_BASE_URL` if set).
#![cfg_attr(
    feature = "blocking",
    doc = r##"

```
use std::path::Path;

use hume::HumeError;
use hume::blocking::HumeBatchClient;
use hume::models::predictions::Scores as _;
use hume::models::{BatchJobStatus, FaceConfig};

/// Measures the faces in the tutorial archive, prints each frame's top emotion and saves
/// the job's artifacts in `out`.
fn measure_faces(client: &HumeBatchClient, out: &Path) -> Result<(), HumeError> {
    let job = client
        .submit_job(
            ["https://hume-tutorials.s3.amazonaws.com/faces.zip"],
            [FaceConfig::default().with_identify_faces(true)],
        )
        .send()?;
    println!("running {job}");

    let details = job.await_complete().wait()?; // polls until it ends; 300 s timeout
    assert_eq!(*details.status(), BatchJobStatus::Completed);

    for (source, prediction) in job.get_predictions()?.iter_predictions() {
        if let Some(face) = &prediction.models.face {
            for frame in face.predictions() {
                if let Some(top) = frame.emotions.top() {
                    println!("{} {} frame {}: {}", source.label(), prediction.file, frame.frame, top.name);
                }
            }
        }
    }
    let bytes = job.download_artifacts(out.join("artifacts.zip"))?; // streamed, atomic
    println!("saved {bytes} bytes of artifacts");
    Ok(())
}
# fn main() -> Result<(), Box<dyn std::error::Error>> {
#     let emulator = hume_emulator::Emulator::start_blocking(Default::default())?;
#     let client = HumeBatchClient::builder()
#         .api_key(hume::ApiKey::new(hume_emulator::DEFAULT_API_KEY)?)
#         .base_url(emulator.base_url())
#         .build()?;
#     let out = tempfile::tempdir()?;
#     measure_faces(&client, out.path())?;
#     assert!(out.path().join("artifacts.zip").is_file());
#     Ok(())
# }
```

"##
)]
//! # Example (async)
//!
//! (feature `async`) The same flow on tokio, also run against the emulator.
#![cfg_attr(
    feature = "async",
    doc = r##"

```
use std::path::Path;

use hume::HumeError;
use hume::asynchronous::HumeBatchClient;
use hume::models::{BatchJobStatus, FaceConfig};

async fn measure_faces(client: &HumeBatchClient, out: &Path) -> Result<(), HumeError> {
    let job = client
        .submit_job(
            ["https://hume-tutorials.s3.amazonaws.com/faces.zip"],
            [FaceConfig::default().with_identify_faces(true)],
        )
        .await?;
    let details = job.await_complete().await?;
    assert_eq!(*details.status(), BatchJobStatus::Completed);
    let predictions = job.get_predictions().await?;
    println!("{job}: {} sources", predictions.len());
    job.download_artifacts(out.join("artifacts.zip")).await?;
    Ok(())
}
# #[tokio::main]
# async fn main() -> Result<(), Box<dyn std::error::Error>> {
#     let emulator = hume_emulator::Emulator::start(Default::default()).await?;
#     let client = HumeBatchClient::builder()
#         .api_key(hume::ApiKey::new(hume_emulator::DEFAULT_API_KEY)?)
#         .base_url(emulator.base_url())
#         .build()?;
#     let out = tempfile::tempdir()?;
#     measure_faces(&client, out.path()).await?;
#     assert!(out.path().join("artifacts.zip").is_file());
#     emulator.shutdown().await;
#     Ok(())
# }
```

"##
)]
//!
//! # Behaviour
//!
//! - **Errors**: one [`HumeError`] for every client and feature set. A failed submission
//!   that may have reached the server is [`HumeError::SubmitUncertain`]: the job may exist.
//!   A v1 error answer is [`HumeError::V1Api`] (its `code` an open enum, its `request_id`
//!   kept for support); a v1 upload that breaks a rule of the API is refused before sending
//!   ([`HumeError::InvalidMedia`], [`HumeError::RequestTooLarge`], [`HumeError::Validation`]).
//! - **Retries** ([`RetryPolicy`]): for up to a minute, GETs retry connection failures, bodies
//!   cut short (downloads resume with `Range` where offered), 429 and 5xx; the submit POST and
//!   the v1 uploads only when the server cannot have processed them (not sent, 429, 503).
//!   `Retry-After` is honoured.
//! - **Exactly-once submit** ([`ReconcilePolicy`], on by default): a submission that failed
//!   after it may have reached the server is reconciled by listing recent jobs and matching
//!   their echoed requests; only what that cannot settle is [`HumeError::SubmitUncertain`]
//!   (with the candidate job ids). See the README's "Failures and retries".
//! - **Redirects** are followed by the client; the API key is only sent to the configured origin.
//! - **Awaiting** ([`AwaitCompletion`], [`PollPolicy`]): polls at 0, 1, 3, 7, … s (jittered),
//!   or, once the client has seen jobs complete, near the job's expected end
//!   ([`PollSchedule::Adaptive`], the default; [`PollSchedule::Legacy`] keeps the backoff);
//!   transient polling failures are waited out until the deadline; 300 s timeout by default,
//!   at least 1 s.
//! - **Downloads** stream to a temporary file beside the target, check `Content-Length`, then
//!   rename: an interrupted download never leaves a partial file at the destination.
//! - **Secrets**: the [`ApiKey`] never appears in `Debug`, `Display`, errors or logs (tracing
//!   at every level, the HTTP libraries' own logging included). One exception is outside this
//!   crate's control: at `TRACE`, the `log` target `ureq_proto::util` (blocking backend)
//!   hex-dumps the raw bytes on the wire, headers included. Keep that target at `DEBUG` or
//!   lower wherever logs are kept.
//! - **Custom transports** ([`transport`]): any [`Transport`](transport::Transport) /
//!   [`AsyncTransport`](transport::AsyncTransport) via the builders; in tests, the mock of
//!   `hume::test_util` (feature `test-util`).
//! - **Foreign types** in the signatures are re-exported: [`StatusCode`], [`Method`],
//!   [`HeaderMap`], [`HeaderName`], [`HeaderValue`], [`Bytes`], [`Timestamp`],
//!   [`SignedDuration`], and [`json`] (`serde_json`'s `Value`, `Map`, `Error`).
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Without a client feature only the shared types remain; their client-side helpers are unused.
#![cfg_attr(not(any(feature = "blocking", feature = "async")), allow(dead_code))]

mod api_type;
mod await_completion;
mod builder;
mod client;
mod submit_job;
pub mod transport;

#[cfg(feature = "async")]
#[cfg_attr(docsrs, doc(cfg(feature = "async")))]
pub mod asynchronous;
#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking;
#[cfg(feature = "test-util")]
#[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
pub mod test_util;

/// The typed request, job and prediction models (the `hume-models` crate).
pub use hume_models as models;

pub use crate::api_type::ApiType;
pub use crate::await_completion::{AwaitCompletion, DEFAULT_AWAIT_TIMEOUT};
pub use crate::builder::ClientBuilder;
pub use crate::client::Client;
pub use crate::submit_job::SubmitJob;
pub use hume_core::{
    API_KEY_ENV, ApiKey, BASE_URL_ENV, BaseUrl, ClientConfig, DEFAULT_BASE_URL, DEFAULT_TIMEOUT,
    DEFAULT_V1_BASE_URL, HumeError, MediaProblem, PollPolicy, PollSchedule, ReconcilePolicy,
    RetryPolicy,
};
pub use hume_models::{
    BatchJobDetails, BatchJobStatus, JobId, JobRequest, ListJobsQuery, ModelConfig, Predictions,
};

// Foreign types that appear in the public signatures of this crate and of `hume::models`.
pub use bytes::Bytes;
pub use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
pub use jiff::{SignedDuration, Timestamp};

/// The `serde_json` types in the signatures (untyped predictions, unknown model options,
/// parse errors).
pub mod json {
    pub use serde_json::{Error, Map, Value};
}

/// The README's Rust code blocks, compiled (and run unless `no_run`) as doctests. They use
/// both clients and the test support.
#[cfg(all(
    doctest,
    feature = "blocking",
    feature = "async",
    feature = "test-util"
))]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

/// Compile-time check that clients, jobs, builders and errors can be shared across threads.
#[allow(dead_code)]
fn assert_send_sync() {
    fn is<T: Send + Sync + 'static>() {}
    fn is_send<T: Send + 'static>() {}
    is::<HumeError>();
    is::<ApiKey>();
    is::<ClientConfig>();
    #[cfg(feature = "blocking")]
    {
        is::<blocking::HumeBatchClient>();
        is::<blocking::BatchJob>();
        is::<blocking::AllJobs>();
        is::<SubmitJob<blocking::HumeBatchClient>>();
        is_send::<AwaitCompletion<blocking::HumeBatchClient>>();
        is::<blocking::ExpressionMeasurementClient>();
        is::<blocking::AudioClient<'static>>();
        is::<blocking::VideoClient<'static>>();
        is::<blocking::RunsClient<'static>>();
        is::<blocking::AllRuns>();
        is::<blocking::FaceTracker>();
    }
    #[cfg(feature = "async")]
    {
        is::<asynchronous::HumeBatchClient>();
        is::<asynchronous::BatchJob>();
        is::<asynchronous::AllJobs>();
        is::<SubmitJob<asynchronous::HumeBatchClient>>();
        is_send::<AwaitCompletion<asynchronous::HumeBatchClient>>();
        is::<asynchronous::ExpressionMeasurementClient>();
        is::<asynchronous::AudioClient<'static>>();
        is::<asynchronous::VideoClient<'static>>();
        is::<asynchronous::RunsClient<'static>>();
        is::<asynchronous::AllRuns>();
        is::<asynchronous::FaceTracker>();
    }
}

/// Compile-time check that the async client's futures can be spawned.
#[cfg(feature = "async")]
#[allow(dead_code)]
fn assert_send_futures(client: asynchronous::HumeBatchClient, job: asynchronous::BatchJob) {
    fn is_send<T: Send>(_: T) {}
    is_send(client.get_job_details("id"));
    is_send(client.submit(JobRequest::new()).send());
    is_send(std::future::IntoFuture::into_future(
        client.submit(JobRequest::new()),
    ));
    is_send(client.download_job_artifacts("id", "a.zip"));
    is_send(client.download_job_predictions("id", "p.json"));
    is_send(client.get_job_predictions_bytes("id"));
    is_send(job.await_complete().on_progress(|_| {}).wait());
    is_send(client.list_all_jobs(ListJobsQuery::new()).collect());
}

/// Compile-time check that the async v1 client's futures can be spawned.
#[cfg(feature = "async")]
#[allow(dead_code)]
fn assert_send_v1_futures(
    client: asynchronous::ExpressionMeasurementClient,
    mut tracker: asynchronous::FaceTracker,
) {
    use hume_models::v1::{AudioFileConfig, ListRunsQuery, RunEventsQuery, VideoFileConfig};
    fn is_send<T: Send>(_: T) {}
    is_send(client.audio().measure("a.wav", AudioFileConfig::new()));
    is_send(client.video().measure(["a.jpg"], VideoFileConfig::new()));
    is_send(client.runs().list(&ListRunsQuery::new()));
    is_send(client.runs().list_all(ListRunsQuery::new()).collect());
    is_send(client.runs().get("run"));
    is_send(client.runs().events("run"));
    is_send(client.runs().events_page("run", &RunEventsQuery::new()));
    is_send(tracker.measure([std::path::PathBuf::from("a.jpg")]));
}
