//! The async client of the Expression Measurement API v1 (HTTP): uploads answered in the
//! same request, and runs. Re-exported from [`hume::asynchronous`](crate::asynchronous).

mod all_runs;
mod audio;
mod client;
mod face_tracker;
mod runs;
mod video;

pub use all_runs::AllRuns;
pub use audio::AudioClient;
pub use client::{ExpressionMeasurementClient, ExpressionMeasurementClientBuilder};
pub use face_tracker::FaceTracker;
pub use runs::RunsClient;
pub use video::VideoClient;
