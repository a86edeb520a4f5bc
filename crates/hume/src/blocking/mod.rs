//! The blocking client (feature `blocking`, on ureq; no async runtime involved).
//!
//! The batch API (v0):
//!
//! - [`HumeBatchClient`]: every endpoint; cheap to clone, `Send + Sync`.
//! - [`HumeBatchClientBuilder`]: every option of [`ClientConfig`](crate::ClientConfig), plus a
//!   custom transport.
//! - [`BatchJob`]: a handle on one job (status, predictions, downloads, awaiting completion).
//! - [`AllJobs`]: the iterator behind [`HumeBatchClient::list_all_jobs`].
//! - The shared builders finish here: [`SubmitJob::send`](crate::SubmitJob::send),
//!   [`AwaitCompletion::wait`](crate::AwaitCompletion::wait).
//!
//! The Expression Measurement API v1 (HTTP):
//!
//! - [`ExpressionMeasurementClient`] (and its [`ExpressionMeasurementClientBuilder`]):
//!   [`audio()`](ExpressionMeasurementClient::audio) ([`AudioClient`]),
//!   [`video()`](ExpressionMeasurementClient::video) ([`VideoClient`], [`FaceTracker`]),
//!   [`runs()`](ExpressionMeasurementClient::runs) ([`RunsClient`], [`AllRuns`]).
//!
//! Every method builds an operation of `hume_core::operation` (requests, decoding, retries,
//! redirects, the polling schedule, the predictions sniffing) and hands it to this module's
//! one driver (`driver.rs`), which sends through a [`Transport`](crate::transport::Transport),
//! reads with `std::io::Read` and sleeps with `std::thread::sleep`.

mod all_jobs;
mod builders;
mod client;
mod driver;
mod job;
mod v1;

pub use all_jobs::AllJobs;
pub use client::{HumeBatchClient, HumeBatchClientBuilder};
pub use job::BatchJob;
pub use v1::{
    AllRuns, AudioClient, ExpressionMeasurementClient, ExpressionMeasurementClientBuilder,
    FaceTracker, RunsClient, VideoClient,
};
