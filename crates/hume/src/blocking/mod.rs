//! The blocking client (feature `blocking`, on ureq; no async runtime involved).
//!
//! - [`HumeBatchClient`]: every endpoint; cheap to clone, `Send + Sync`.
//! - [`HumeBatchClientBuilder`]: base URL, timeout, retry and poll policies, custom transport.
//! - [`BatchJob`]: a handle on one job (status, predictions, downloads, awaiting completion).
//! - [`AllJobs`]: the iterator behind [`HumeBatchClient::list_all_jobs`].
//!
//! Requests, decoding, retries, redirects, the polling schedule and download finalisation all
//! come from `hume-core`; this module only sends (through a [`Transport`](hume_core::Transport))
//! and sleeps (`std::thread::sleep`).

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
