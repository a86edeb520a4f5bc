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
//! (feature `blocking`)
#![cfg_attr(
    feature = "blocking",
    doc = r##"

```no_run
use hume::blocking::HumeBatchClient;
use hume::models::FaceConfig;
use hume::models::predictions::Scores as _;

let client = HumeBatchClient::from_env()?; // HUME_API_KEY (and HUME_BASE_URL, if set)
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
println!("job {} ended {}", job.id(), details.status());

let predictions = job.get_predictions()?;
for (source, prediction) in predictions.iter_predictions() {
    if let Some(face) = &prediction.models.face {
        for frame in face.predictions() {
            let top = frame.emotions.top().expect("scores present");
            println!("{source:?} {} frame {}: {}", prediction.file, frame.frame, top.name);
        }
    }
}
job.download_artifacts("artifacts.zip")?;
# Ok::<(), hume::HumeError>(())
```

"##
)]
//! # Example (async)
//!
//! (feature `async`)
#![cfg_attr(
    feature = "async",
    doc = r##"

```no_run
use hume::asynchronous::HumeBatchClient;
use hume::models::FaceConfig;

#[tokio::main]
async fn main() -> Result<(), hume::HumeError> {
    let client = HumeBatchClient::from_env()?;
    let job = client
        .submit_job(
            &["https://hume-tutorials.s3.amazonaws.com/faces.zip"],
            [FaceConfig::default().with_identify_faces(true).into()],
            None, None, None, &[], &[],
        )
        .await?;
    let details = job.await_complete_default().await?;
    println!("{job} ended {}", details.status());
    let predictions = job.get_predictions().await?;
    println!("{} sources", predictions.len());
    job.download_artifacts("artifacts.zip").await?;
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
pub use crate::settings::BASE_URL_ENV;
pub use hume_core::{
    API_KEY_ENV, ApiKey, BaseUrl, ClientConfig, DEFAULT_BASE_URL, DEFAULT_TIMEOUT, HumeError,
    PollPolicy, RetryPolicy,
};
pub use hume_models::{
    BatchJobDetails, BatchJobStatus, JobId, JobRequest, ListJobsQuery, Predictions,
};

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
