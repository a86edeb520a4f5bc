//! The run recorded for every upload that got past authentication: mode `file`, status `ended`
//! (measured) or `errored` (refused), `started_at` when the request arrived, `ended_at` when
//! it was answered, `bytes_received` the media bytes read, no `bytes_recorded` (the emulator
//! stores no media), and metered seconds as the docs say: the audio's duration, or 1/3 s per
//! image, at least 10 s for a measured request, 0 for a refused one.

use hume_models::v1::limits::{METERED_SECONDS_PER_IMAGE, MIN_METERED_SECONDS};
use hume_models::v1::{Run, RunConfig, RunEndpoint, RunId, RunMode, RunStatus, RunSummary};
use jiff::Timestamp;

use crate::v1::Caller;

/// How an upload ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Outcome {
    /// Measured: the raw billable seconds (before the minimum).
    Measured { seconds: f64 },
    /// Refused.
    Refused,
}

/// Billable seconds of `images` images (before the minimum).
pub(crate) fn image_seconds(images: usize) -> f64 {
    images as f64 * METERED_SECONDS_PER_IMAGE
}

/// Billable seconds of `duration_ms` of audio (before the minimum).
pub(crate) fn audio_seconds(duration_ms: u64) -> f64 {
    duration_ms as f64 / 1000.0
}

/// A file run's record.
#[allow(clippy::too_many_arguments)]
pub(crate) fn file_run(
    run_id: RunId,
    caller: &Caller,
    endpoint: RunEndpoint,
    config: RunConfig,
    started_at: Timestamp,
    ended_at: Timestamp,
    media_bytes: u64,
    outcome: Outcome,
) -> Run {
    let (status, metered) = match outcome {
        Outcome::Measured { seconds } => (RunStatus::Ended, seconds.max(MIN_METERED_SECONDS)),
        Outcome::Refused => (RunStatus::Errored, 0.0),
    };
    let summary = RunSummary::new(
        run_id,
        caller.user_id.clone(),
        status,
        endpoint,
        RunMode::File,
        started_at,
        metered,
    )
    .with_ended_at(ended_at.max(started_at))
    .with_bytes_received(media_bytes);
    Run::new(summary, config)
}

#[cfg(test)]
mod tests;
