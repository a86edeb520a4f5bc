//! The async client (feature `async`, on reqwest and tokio).
//!
//! The batch API (v0):
//!
//! - [`HumeBatchClient`]: every endpoint; cheap to clone, `Send + Sync`; its futures are `Send`.
//! - [`HumeBatchClientBuilder`]: every option of [`ClientConfig`](crate::ClientConfig), plus a
//!   custom transport.
//! - [`BatchJob`]: a handle on one job (status, predictions, downloads, awaiting completion).
//! - [`AllJobs`]: the async pager (`next().await`) behind [`HumeBatchClient::list_all_jobs`].
//! - The shared builders finish here: `.await` (or [`SubmitJob::send`](crate::SubmitJob::send),
//!   [`AwaitCompletion::wait`](crate::AwaitCompletion::wait)); [`BoxFuture`] is their future.
//!
//! The Expression Measurement API v1 (HTTP):
//!
//! - [`ExpressionMeasurementClient`] (and its [`ExpressionMeasurementClientBuilder`]):
//!   [`audio()`](ExpressionMeasurementClient::audio) ([`AudioClient`]),
//!   [`video()`](ExpressionMeasurementClient::video) ([`VideoClient`], [`FaceTracker`]),
//!   [`runs()`](ExpressionMeasurementClient::runs) ([`RunsClient`], [`AllRuns`]: `next().await`).
//!
//! Every method builds an operation of `hume_core::operation` (requests, decoding, retries,
//! redirects, the polling schedule, the predictions sniffing) and hands it to this module's
//! one driver (`driver.rs`), which sends through an
//! [`AsyncTransport`](crate::transport::AsyncTransport), reads body chunks, writes downloads
//! on one blocking task and sleeps with `tokio::time::sleep`. Many jobs can be awaited
//! concurrently on one runtime, without a thread each.

mod all_jobs;
mod builders;
mod client;
mod driver;
mod job;
mod v1;

pub use all_jobs::AllJobs;
pub use builders::BoxFuture;
pub use client::{HumeBatchClient, HumeBatchClientBuilder};
pub use job::BatchJob;
pub use v1::{
    AllRuns, AudioClient, ExpressionMeasurementClient, ExpressionMeasurementClientBuilder,
    FaceTracker, RunsClient, VideoClient,
};
