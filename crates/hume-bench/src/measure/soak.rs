//! `soak`: issue 9's soak at full scale. Starts an emulator of its own (T = 1 s by default,
//! with or without the issue's faults), then runs `jobs` jobs, at most `concurrency` at once,
//! each submitted, awaited and its typed predictions fetched, by one client with the default
//! policies. Reports the wall time and the fate of every job: completed with predictions,
//! failed (lost, or a `SubmitUncertain` left unreconciled), and the duplicates (jobs the
//! emulator holds beyond one per distinct request).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use hume::models::JobRequest;
use hume::{ApiKey, BatchJobStatus, HumeError, PollPolicy};
use hume_emulator::{Emulator, EmulatorConfig, FaultConfig};

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

/// How the jobs ended.
#[derive(Debug, Default)]
struct Tally {
    completed: AtomicU64,
    failed: AtomicU64,
    uncertain: AtomicU64,
    latency_ms: AtomicU64,
}

impl Tally {
    fn record(&self, result: Result<Duration, HumeError>) {
        match result {
            Ok(latency) => {
                self.completed.fetch_add(1, Ordering::Relaxed);
                self.latency_ms
                    .fetch_add(latency.as_millis() as u64, Ordering::Relaxed);
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
                            let begun = Instant::now();
                            let result = (|| {
                                let job = client.submit(request(i)).send()?;
                                let details = job.await_complete().wait()?;
                                let predictions = job.get_predictions()?;
                                check(i, details.status(), &predictions)
                            })();
                            tally.record(result.map(|()| begun.elapsed()));
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
                        let begun = Instant::now();
                        let result = async {
                            let job = client.submit(request(i)).await?;
                            let details = job.await_complete().await?;
                            let predictions = job.get_predictions().await?;
                            check(i, details.status(), &predictions)
                        }
                        .await;
                        tally.record(result.map(|()| begun.elapsed()));
                    });
                }
                while tasks.join_next().await.is_some() {}
            });
        }
    }
    let secs = start.elapsed().as_secs_f64();
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
        .print();
    drop(emulator);
    Ok(())
}
