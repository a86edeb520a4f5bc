//! [`JobDurations`]: how long this client's jobs have taken, learned from the jobs it has seen
//! finish, so the adaptive poll schedule can poll near a job's expected end.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use hume_models::{BatchJobDetails, BatchJobStatus};

/// How many recent jobs the estimate is drawn from.
const SAMPLES: usize = 32;

/// Durations of the last jobs seen `COMPLETED` by one client (shared by its clones), in the
/// server's own clock: creation to end, and start to end.
///
/// Each await that sees its job complete [`record`](Self::record)s it; the adaptive schedule
/// asks for an [`estimate`](Self::estimate), the median of the last 32 jobs (robust to an
/// odd slow one). Failed jobs are not recorded (they often end early).
#[derive(Debug, Default)]
pub struct JobDurations {
    samples: Mutex<Samples>,
}

#[derive(Debug, Default)]
struct Samples {
    total: VecDeque<u64>,
    run: VecDeque<u64>,
}

/// Expected durations of a job, from [`JobDurations::estimate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct DurationEstimate {
    /// From creation to end (queue time included).
    pub total: Duration,
    /// From start to end, when jobs with both times were seen.
    pub run: Option<Duration>,
}

impl JobDurations {
    /// No jobs seen yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Learns from `details` if the job is `COMPLETED` with its timestamps; otherwise nothing.
    pub fn record(&self, details: &BatchJobDetails) {
        if *details.status() != BatchJobStatus::Completed {
            return;
        }
        let state = &details.state;
        let Some(ended) = state.ended_timestamp_ms else {
            return;
        };
        let span =
            |from: Option<i64>| from.and_then(|from| u64::try_from(ended.checked_sub(from)?).ok());
        let mut samples = self.lock();
        if let Some(total) = span(state.created_timestamp_ms) {
            push(&mut samples.total, total);
        }
        if let Some(run) = span(state.started_timestamp_ms) {
            push(&mut samples.run, run);
        }
    }

    /// The median durations of the recent completed jobs, or `None` before the first.
    pub fn estimate(&self) -> Option<DurationEstimate> {
        let samples = self.lock();
        Some(DurationEstimate {
            total: Duration::from_millis(median(&samples.total)?),
            run: median(&samples.run).map(Duration::from_millis),
        })
    }

    /// How many completed jobs the estimate rests on.
    pub fn len(&self) -> usize {
        self.lock().total.len()
    }

    /// `true` before the first completed job.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Samples> {
        self.samples
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn push(samples: &mut VecDeque<u64>, value: u64) {
    if samples.len() == SAMPLES {
        samples.pop_front();
    }
    samples.push_back(value);
}

fn median(samples: &VecDeque<u64>) -> Option<u64> {
    let mut sorted: Vec<u64> = samples.iter().copied().collect();
    sorted.sort_unstable();
    sorted.get(sorted.len() / 2).copied()
}

#[cfg(test)]
mod tests;
