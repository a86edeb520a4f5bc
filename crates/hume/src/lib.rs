//! Rust SDK for the Hume AI **Expression Measurement batch API** (v0): start jobs on media
//! URLs, local files or text, wait for them, and fetch their predictions and artifacts.
//!
//! Two clients with the same methods, each at one path whatever features are on:
//!
//! | feature | client | backend |
//! |---|---|---|
//! | `blocking` (default) | `hume::blocking::HumeBatchClient` | ureq, no async runtime |
//! | `async` | `hume::asynchronous::HumeBatchClient` | reqwest + tokio |
//!
//! Both features may be on at once; they only add modules. Everything both clients share
//! (configuration, errors, options, the job models) is at the crate root and in [`models`].
//!
//! # Example (blocking)
//!
//! (feature `blocking`) Runs as a doctest against the in-process emulator
//! (`hume-emulator`), which stands in for `https://api.hume.ai` here.
#![cfg_attr(
    feature = "blocking",
    doc = r##"

```
use hume::ApiKey;
use hume::blocking::HumeBatchClient;
use hume::models::{BatchJobStatus, FaceConfig};
use hume::models::predictions::Scores as _;

# let emulator = hume_emulator::Emulator::start_blocking(hume_emulator::EmulatorConfig::default())
#     .expect("emulator starts");
# let base_url = emulator.base_url();
# let api_key = hume_emulator::DEFAULT_API_KEY;
# let out = tempfile::tempdir().expect("temporary directory");
# let artifacts_path = out.path().join("artifacts.zip");
// Or `HumeBatchClient::from_env()?`: HUME_API_KEY (and HUME_BASE_URL, if set).
let client = HumeBatchClient::builder()
    .api_key(ApiKey::new(api_key)?)
    .base_url(base_url) // the default is https://api.hume.ai
    .build()?;
let job = client.submit_job(
    &["https://hume-tutorials.s3.amazonaws.com/faces.zip"],
    [FaceConfig::default().with_identify_faces(true).into()],
    None, // transcription
    None, // callback_url
    None, // notify
    &[],  // local files
    &[],  // text
)?;
println!("running {job}");

let details = job.await_complete_default()?;
assert_eq!(*details.status(), BatchJobStatus::Completed);

let predictions = job.get_predictions()?;
let mut frames = 0;
for (source, prediction) in predictions.iter_predictions() {
    if let Some(face) = &prediction.models.face {
        for frame in face.predictions() {
            let top = frame.emotions.top().expect("scores present");
            println!("{} {} frame {}: {}", source.label(), prediction.file, frame.frame, top.name);
            frames += 1;
        }
    }
}
assert!(frames > 0, "the faces were measured");

let bytes = job.download_artifacts(&artifacts_path)?;
assert_eq!(std::fs::metadata(&artifacts_path)?.len(), bytes);
# Ok::<(), Box<dyn std::error::Error>>(())
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
use hume::ApiKey;
use hume::asynchronous::HumeBatchClient;
use hume::models::{BatchJobStatus, FaceConfig};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
#   let emulator = hume_emulator::Emulator::start(hume_emulator::EmulatorConfig::default()).await?;
#   let (base_url, api_key) = (emulator.base_url(), hume_emulator::DEFAULT_API_KEY);
#   let out = tempfile::tempdir()?;
#   let artifacts_path = out.path().join("artifacts.zip");
    let client = HumeBatchClient::builder()
        .api_key(ApiKey::new(api_key)?)
        .base_url(base_url)
        .build()?;
    let job = client
        .submit_job(
            &["https://hume-tutorials.s3.amazonaws.com/faces.zip"],
            [FaceConfig::default().with_identify_faces(true).into()],
            None, None, None, &[], &[],
        )
        .await?;
    let details = job.await_complete_default().await?;
    assert_eq!(*details.status(), BatchJobStatus::Completed);
    let predictions = job.get_predictions().await?;
    println!("{job}: {} sources", predictions.len());
    assert!(predictions.iter_predictions().any(|(_, p)| p.models.face.is_some()));
    let bytes = job.download_artifacts(&artifacts_path).await?;
    assert!(bytes > 0);
#   emulator.shutdown().await;
    Ok(())
}
```

"##
)]
//!
//! # Behaviour
//!
//! - **Errors**: one [`HumeError`] for both clients and every feature set. A failed submission
//!   that may have reached the server is [`HumeError::SubmitUncertain`]: the job may exist.
//! - **Retries** ([`RetryPolicy`]): GETs retry connection failures, 429 and 5xx; the submit POST
//!   only when the job cannot have been created (not sent, 429, 503). `Retry-After` is honoured.
//! - **Redirects** are followed by the client; the API key is only sent to the configured origin.
//! - **Awaiting** ([`PollPolicy`], [`AwaitOptions`]): polls at 0, 1, 3, 7, … s (jittered),
//!   300 s timeout by default, at least 1 s.
//! - **Downloads** stream to a temporary file beside the target, check `Content-Length`, then
//!   rename: an interrupted download never leaves a partial file at the destination.
//! - **Secrets**: the [`ApiKey`] never appears in `Debug`, `Display`, errors or logs (tracing
//!   at every level, the HTTP libraries' own logging included). One exception is outside this
//!   crate's control: at `TRACE`, the `log` target `ureq_proto::util` (blocking backend)
//!   hex-dumps the raw bytes on the wire, headers included. Keep that target at `DEBUG` or
//!   lower wherever logs are kept.
//! - **Custom transports** ([`transport`]): any [`Transport`](transport::Transport) /
//!   [`AsyncTransport`](transport::AsyncTransport) via the builders.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Without a client feature only the shared types remain; their client-side helpers are unused.
#![cfg_attr(not(any(feature = "blocking", feature = "async")), allow(dead_code))]

mod api_type;
mod await_options;
mod builder;
mod pages;
mod predictions_download;
mod settings;
mod submit_args;
pub mod transport;

#[cfg(feature = "async")]
#[cfg_attr(docsrs, doc(cfg(feature = "async")))]
pub mod asynchronous;
#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking;

/// The typed request, job and prediction models (the `hume-models` crate).
pub use hume_models as models;

pub use crate::api_type::ApiType;
pub use crate::await_options::{AwaitOptions, DEFAULT_AWAIT_TIMEOUT, ProgressFn};
pub use crate::builder::ClientBuilder;
pub use crate::settings::BASE_URL_ENV;
pub use hume_core::{
    API_KEY_ENV, ApiKey, BaseUrl, ClientConfig, DEFAULT_BASE_URL, DEFAULT_TIMEOUT, HumeError,
    PollPolicy, RetryPolicy,
};
pub use hume_models::{
    BatchJobDetails, BatchJobStatus, JobId, JobRequest, ListJobsQuery, Predictions,
};

/// The README's Rust code blocks, compiled (and run unless `no_run`) as doctests. Its examples
/// use the blocking client.
#[cfg(all(doctest, feature = "blocking"))]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

/// Compile-time check that clients, jobs and errors can be shared across threads.
#[allow(dead_code)]
fn assert_send_sync() {
    fn is<T: Send + Sync + 'static>() {}
    is::<HumeError>();
    is::<ApiKey>();
    is::<AwaitOptions>();
    #[cfg(feature = "blocking")]
    {
        is::<blocking::HumeBatchClient>();
        is::<blocking::BatchJob>();
        is::<blocking::AllJobs>();
    }
    #[cfg(feature = "async")]
    {
        is::<asynchronous::HumeBatchClient>();
        is::<asynchronous::BatchJob>();
        is::<asynchronous::AllJobs>();
    }
}

/// Compile-time check that the async client's futures can be spawned.
#[cfg(feature = "async")]
#[allow(dead_code)]
fn assert_send_futures(client: asynchronous::HumeBatchClient, job: asynchronous::BatchJob) {
    fn is_send<T: Send>(_: T) {}
    is_send(client.get_job_details("id"));
    is_send(client.submit(&JobRequest::new(), &[]));
    is_send(client.download_job_artifacts("id", "a.zip"));
    is_send(client.download_job_predictions("id", "p.json"));
    is_send(job.await_complete_with(&AwaitOptions::new()));
    is_send(client.list_all_jobs(ListJobsQuery::new()).collect());
}
