//! The async client (feature `async`, on reqwest and tokio).
//!
//! - [`HumeBatchClient`]: every endpoint; cheap to clone, `Send + Sync`; its futures are `Send`.
//! - [`HumeBatchClientBuilder`]: base URL, timeout, retry and poll policies, custom transport.
//! - [`BatchJob`]: a handle on one job (status, predictions, downloads, awaiting completion).
//! - [`AllJobs`]: the async pager (`next().await`) behind [`HumeBatchClient::list_all_jobs`].
//!
//! Requests, decoding, retries, redirects, the polling schedule and download finalisation all
//! come from `hume-core`; this module only sends (through an [`AsyncTransport`](hume_core::AsyncTransport))
//! and sleeps (`tokio::time::sleep`). Many jobs can be awaited concurrently on one runtime, without a thread each.

mod all_jobs;
mod builder;
mod client;
mod download;
mod job;
mod send;

pub use all_jobs::AllJobs;
pub use builder::HumeBatchClientBuilder;
pub use client::HumeBatchClient;
pub use job::BatchJob;
