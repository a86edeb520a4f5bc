//! `soak`: issue 9's soak at full scale. Starts an emulator of its own (T = 1 s by default,
//! with or without the issue's faults), then runs `jobs` jobs, at most `concurrency` at once,
//! each submitted, awaited and its typed predictions fetched, by one client with the default
//! policies. Reports the wall time and the fate of every job: completed with predictions,
//! failed (lost, or a `SubmitUncertain` left unreconciled), and the duplicates (jobs the
//! emulator holds beyond one per distinct request); and, since the slowest jobs set the wall
//! time, the slowest job and the slowest submit, await and predictions fetch.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use hume::models::JobRequest;
use hume::{ApiKey, BatchJobStatus, HumeError, PollPolicy};
use hume_emulator::{Emulator, EmulatorConfig, FaultConfig};
use tracing::Instrument as _;

use crate::cli::{Backend, SoakArgs};
use crate::clients;
use crate::report::Report;

/// The key of the soak's own emulator.
const KEY: &str = "soak-key";

/// Issue 9's fault rates, per request.
pub fn issue_faults() -> FaultConfig {
    FaultConfig::none()
        .with_server_error(0.20)
        .with_rate_limit(0.10, 1)
        .with_drop_connection(0.03)
        .with_drop_after_processing(0.02)
        .with_truncate_body(0.03)
}

/// Job `i`'s request: a URL of its own, so every request is distinct.
fn request(i: usize) -> JobRequest {
    JobRequest::new().with_url(format!("https://example.com/soak/{i}.jpg"))
}

/// How long one completed job took in each phase.
#[derive(Debug, Clone, Copy)]
struct Phases {
    submit: Duration,
    await_complete: Duration,
    predictions: Duration,
}

impl Phases {
    fn total(&self) -> Duration {
        self.submit + self.await_complete + self.predictions
    }
}

/// Times the phases of one job as they end.
struct Stopwatch {
    lap: Instant,
}

impl Stopwatch {
    fn start() -> Self {
        Self {
            lap: Instant::now(),
        }
    }

    /// The time since the last lap (or the start).
    fn lap(&mut self) -> Duration {
        let now = Instant::now();
        let lap = now - self.lap;
        self.lap = now;
        lap
    }
}

/// How the jobs ended.
#[derive(Debug, Default)]
struct Tally {
    completed: AtomicU64,
    failed: AtomicU64,
    uncertain: AtomicU64,
    latency_ms: AtomicU64,
    /// The slowest submit, await and predictions fetch (ms).
    slowest_phase_ms: [AtomicU64; 3],
    /// The slowest job: its time (ms) and index.
    slowest_job: std::sync::Mutex<(u64, usize)>,
}

impl Tally {
    fn record(&self, i: usize, result: Result<Phases, HumeError>) {
        match result {
            Ok(phases) => {
                self.completed.fetch_add(1, Ordering::Relaxed);
                let ms = |d: Duration| d.as_millis() as u64;
                self.latency_ms
                    .fetch_add(ms(phases.total()), Ordering::Relaxed);
                let times = [phases.submit, phases.await_complete, phases.predictions];
                if let Ok(mut slowest) = self.slowest_job.lock()
                    && slowest.0 < ms(phases.total())
                {
                    *slowest = (ms(phases.total()), i);
                }
                for (slowest, time) in self.slowest_phase_ms.iter().zip(times) {
                    slowest.fetch_max(ms(time), Ordering::Relaxed);
                }
            }
            Err(err) => {
                if err.job_may_exist() {
                    self.uncertain.fetch_add(1, Ordering::Relaxed);
                }
                eprintln!("hume-bench soak: a job failed: {err} ({err:?})");
                self.failed.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

/// Checks what one job ended with: COMPLETED, predictions for its own URL.
fn check(
    i: usize,
    status: &BatchJobStatus,
    predictions: &hume::Predictions,
) -> Result<(), HumeError> {
    let ok = *status == BatchJobStatus::Completed
        && predictions.len() == 1
        && matches!(&predictions[0].source, hume::models::predictions::Source::Url { url } if *url == request(i).urls[0]);
    if ok {
        Ok(())
    } else {
        Err(HumeError::InvalidConfig(format!(
            "job {i} ended {status} with {} sources",
            predictions.len()
        )))
    }
}

/// Seconds of a tally's milliseconds.
fn secs_of(ms: &AtomicU64) -> f64 {
    ms.load(Ordering::Relaxed) as f64 / 1000.0
}

/// Runs `soak`.
///
/// # Errors
/// If the emulator or a client cannot start (a failed job is counted, not an error).
pub fn run(args: &SoakArgs) -> anyhow::Result<()> {
    let faults = if args.faults {
        issue_faults()
    } else {
        FaultConfig::none()
    };
    let emulator = Emulator::start_blocking(
        EmulatorConfig::default()
            .with_api_key(KEY)
            .with_seed(args.seed)
            .with_queued_duration(Duration::from_millis(args.queued_ms))
            .with_in_progress_duration(Duration::from_millis(args.in_progress_ms))
            .with_faults(faults),
    )
    .context("starting the emulator")?;
    let base_url = emulator.base_url();
    let tally = Arc::new(Tally::default());
    let poll = PollPolicy::default().with_timeout(Duration::from_secs(600));
    let start = Instant::now();
    match args.backend {
        Backend::Blocking => {
            let client = hume::blocking::HumeBatchClient::builder()
                .api_key(ApiKey::new(KEY)?)
                .base_url(&base_url)
                .poll_policy(poll)
                .build()
                .context("building the blocking client")?;
            let next = Arc::new(AtomicUsize::new(0));
            std::thread::scope(|scope| {
                for _ in 0..args.concurrency.max(1) {
                    let (client, next, tally) =
                        (client.clone(), Arc::clone(&next), Arc::clone(&tally));
                    scope.spawn(move || {
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            if i >= args.jobs {
                                return;
                            }
                            let mut watch = Stopwatch::start();
                            // With RUST_LOG set, every retry of this job names it.
                            let _span = tracing::info_span!("job", i).entered();
                            let result = (|| {
                                let job = client.submit(request(i)).send()?;
                                let submit = watch.lap();
                                let details = job.await_complete().wait()?;
                                let await_complete = watch.lap();
                                let predictions = job.get_predictions()?;
                                let fetch = watch.lap();
                                check(i, details.status(), &predictions)?;
                                Ok(Phases {
                                    submit,
                                    await_complete,
                                    predictions: fetch,
                                })
                            })();
                            tally.record(i, result);
                        }
                    });
                }
            });
        }
        Backend::Async => {
            let runtime = clients::runtime()?;
            let client = runtime.block_on(async {
                hume::asynchronous::HumeBatchClient::builder()
                    .api_key(ApiKey::new(KEY)?)
                    .base_url(&base_url)
                    .poll_policy(poll)
                    .build()
                    .context("building the async client")
            })?;
            runtime.block_on(async {
                let permits = Arc::new(tokio::sync::Semaphore::new(args.concurrency.max(1)));
                let mut tasks = tokio::task::JoinSet::new();
                for i in 0..args.jobs {
                    let (client, permits, tally) =
                        (client.clone(), Arc::clone(&permits), Arc::clone(&tally));
                    tasks.spawn(async move {
                        let _permit = permits.acquire_owned().await;
                        let mut watch = Stopwatch::start();
                        // With RUST_LOG set, every retry of this job names it.
                        let span = tracing::info_span!("job", i);
                        let result = async {
                            let job = client.submit(request(i)).await?;
                            let submit = watch.lap();
                            let details = job.await_complete().await?;
                            let await_complete = watch.lap();
                            let predictions = job.get_predictions().await?;
                            let fetch = watch.lap();
                            check(i, details.status(), &predictions)?;
                            Ok(Phases {
                                submit,
                                await_complete,
                                predictions: fetch,
                            })
                        }
                        .instrument(span)
                        .await;
                        tally.record(i, result);
                    });
                }
                while tasks.join_next().await.is_some() {}
            });
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let (slowest_ms, slowest_job) = tally.slowest_job.lock().map_or((0, 0), |slowest| *slowest);
    let held = emulator.job_count() as u64;
    let completed = tally.completed.load(Ordering::Relaxed);
    let jobs = args.jobs as u64;
    Report::new("soak", args.backend.name(), secs)
        .with("faults", args.faults)
        .with("jobs", jobs)
        .with("concurrency", args.concurrency)
        .with(
            "job_secs",
            (args.queued_ms + args.in_progress_ms) as f64 / 1000.0,
        )
        .with("completed", completed)
        .with("failed", tally.failed.load(Ordering::Relaxed))
        .with("uncertain", tally.uncertain.load(Ordering::Relaxed))
        .with("lost", jobs.saturating_sub(completed))
        .with("duplicates", held.saturating_sub(jobs))
        .with("emulator_jobs", held)
        .with(
            "mean_job_latency_secs",
            tally.latency_ms.load(Ordering::Relaxed) as f64 / 1000.0 / completed.max(1) as f64,
        )
        .with("slowest_job_secs", slowest_ms as f64 / 1000.0)
        .with("slowest_job", slowest_job)
        .with("slowest_submit_secs", secs_of(&tally.slowest_phase_ms[0]))
        .with("slowest_await_secs", secs_of(&tally.slowest_phase_ms[1]))
        .with(
            "slowest_predictions_secs",
            secs_of(&tally.slowest_phase_ms[2]),
        )
        .print();
    drop(emulator);
    Ok(())
}
