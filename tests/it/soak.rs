//! The soak of issue 9: 100 jobs through the emulator's fault flags at the issue's rates (per
//! request: 20% 503, 10% 429 with `Retry-After: 1`, 3% of connections dropped before the
//! request is processed, 2% dropped after it was, 3% of bodies cut short), on both clients
//! with the default policies, their delays scaled down. Every job must end COMPLETED with its
//! predictions fetched (typed, and downloaded to a file), none lost, none duplicated (the
//! emulator holds exactly one job per distinct request), every submission that may have
//! reached the server reconciled (no `SubmitUncertain` reaches the caller), in at most 3x the
//! wall time of the same run without faults.
//!
//! Scaled down to keep the test fast: jobs take 500 ms (100 ms queued); retries back off from
//! 10 ms to at most 50 ms (the default 250 ms .. 10 s, growing 1.5x as by default), which also
//! caps the server's `Retry-After: 1` at 50 ms, as the default policy caps it at 10 s; polls
//! back off from 50 ms (the default 1 s); the reconciliation settle time is 100 ms (the
//! default 2 s). Attempt budgets, the adaptive schedule, the learned server clock and the retry
//! deadline are the defaults. The full-scale run with the default delays is the bench's soak
//! row (`cargo xtask bench --only soak`: 1,000 jobs, 64 at a time).

use std::collections::HashSet;
use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use hume::models::predictions::Source;
use hume::transport::{
    AsyncBody, AsyncTransport, BlockingBody, HttpRequest, HttpResponse, Transport, TransportError,
};
use hume::{
    ApiKey, BatchJobStatus, ClientConfig, JobRequest, Method, PollPolicy, ReconcilePolicy,
    RetryPolicy,
};
use hume_emulator::{Emulator, EmulatorConfig, FaultConfig, RunningEmulator};
use hume_transport::{ReqwestTransport, UreqTransport};

use crate::support::KEY;

const JOBS: usize = 100;

/// The issue's fault rates.
fn issue_faults() -> FaultConfig {
    FaultConfig::none()
        .with_server_error(0.20)
        .with_rate_limit(0.10, 1)
        .with_drop_connection(0.03)
        .with_drop_after_processing(0.02)
        .with_truncate_body(0.03)
}

async fn emulator(faults: FaultConfig, seed: u64) -> RunningEmulator {
    Emulator::start(
        EmulatorConfig::default()
            .with_api_key(KEY)
            .with_seed(seed)
            .with_queued_duration(Duration::from_millis(100))
            .with_in_progress_duration(Duration::from_millis(400))
            .with_faults(faults),
    )
    .await
    .expect("emulator starts")
}

/// The default policies with their delays scaled down (see the module docs).
fn config(base: &str) -> ClientConfig {
    ClientConfig::new()
        .with_api_key(ApiKey::new(KEY).unwrap())
        .with_base_url(hume::BaseUrl::parse(base).unwrap())
        .with_retry(
            RetryPolicy::default()
                .with_initial_backoff(Duration::from_millis(10))
                .with_max_backoff(Duration::from_millis(50)),
        )
        .with_poll(
            PollPolicy::default()
                .with_initial_delay(Duration::from_millis(50))
                .with_max_delay(Duration::from_millis(400))
                .with_timeout(Duration::from_secs(60)),
        )
        .with_reconcile(ReconcilePolicy::default().with_settle(Duration::from_millis(100)))
}

/// Job `i`'s request: an image URL of its own (every request distinct), the face model.
fn request(i: usize) -> JobRequest {
    JobRequest::new()
        .with_url(format!("https://example.com/soak/{i}.jpg"))
        .with_models(hume::models::Models::new().with(hume::models::FaceConfig::default()))
}

/// Requests seen by the transport, by kind.
#[derive(Debug, Default)]
struct Counts {
    posts: AtomicU64,
    listings: AtomicU64,
    other: AtomicU64,
}

impl Counts {
    fn record(&self, req: &HttpRequest) {
        let counter = if req.method == Method::POST {
            &self.posts
        } else if req.url.contains("/v0/batch/jobs?") {
            &self.listings
        } else {
            &self.other
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} POSTs, {} listing pages, {} other requests",
            self.posts.load(Ordering::Relaxed),
            self.listings.load(Ordering::Relaxed),
            self.other.load(Ordering::Relaxed)
        )
    }
}

/// A transport that counts what goes through it.
#[derive(Debug)]
struct Counting<T> {
    inner: T,
    counts: Arc<Counts>,
}

impl<T: Transport> Transport for Counting<T> {
    fn send(&self, req: HttpRequest) -> Result<HttpResponse<BlockingBody>, TransportError> {
        self.counts.record(&req);
        self.inner.send(req)
    }
}

#[async_trait::async_trait]
impl<T: AsyncTransport> AsyncTransport for Counting<T> {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse<AsyncBody>, TransportError> {
        self.counts.record(&req);
        self.inner.send(req).await
    }
}

/// What one job went through.
struct Outcome {
    url: String,
    job_id: hume::JobId,
    status: BatchJobStatus,
    sources: Vec<String>,
    downloaded: serde_json::Value,
    typed: serde_json::Value,
}

fn blocking_job(
    client: &hume::blocking::HumeBatchClient,
    i: usize,
    dir: &Path,
) -> Result<Outcome, hume::HumeError> {
    let job = client.submit(request(i)).send()?;
    let details = job.await_complete().wait()?;
    let predictions = job.get_predictions()?;
    let file = dir.join(format!("{i}.json"));
    job.download_predictions(&file)?;
    Ok(outcome(i, job.id().clone(), details, &predictions, &file))
}

async fn async_job(
    client: &hume::asynchronous::HumeBatchClient,
    i: usize,
    dir: &Path,
) -> Result<Outcome, hume::HumeError> {
    let job = client.submit(request(i)).await?;
    let details = job.await_complete().await?;
    let predictions = job.get_predictions().await?;
    let file = dir.join(format!("{i}.json"));
    job.download_predictions(&file).await?;
    Ok(outcome(i, job.id().clone(), details, &predictions, &file))
}

fn outcome(
    i: usize,
    job_id: hume::JobId,
    details: hume::BatchJobDetails,
    predictions: &hume::Predictions,
    file: &Path,
) -> Outcome {
    Outcome {
        url: request(i).urls[0].clone(),
        job_id,
        status: details.status().clone(),
        sources: predictions
            .iter()
            .filter_map(|p| match &p.source {
                Source::Url { url } => Some(url.clone()),
                _ => None,
            })
            .collect(),
        downloaded: serde_json::from_slice(&std::fs::read(file).expect("downloaded"))
            .expect("a complete JSON file"),
        typed: serde_json::to_value(predictions).unwrap(),
    }
}

/// Runs the 100 jobs on one client; returns the outcomes and the wall time.
async fn run(
    backend: &str,
    emulator: &RunningEmulator,
    counts: &Arc<Counts>,
    dir: &Path,
) -> (Vec<Result<Outcome, hume::HumeError>>, Duration) {
    let start = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    if backend == "blocking" {
        let client = hume::blocking::HumeBatchClient::builder()
            .config(config(&emulator.base_url()))
            .transport(Counting {
                inner: UreqTransport::new(),
                counts: Arc::clone(counts),
            })
            .build()
            .unwrap();
        for i in 0..JOBS {
            let (client, dir) = (client.clone(), dir.to_path_buf());
            tasks.spawn_blocking(move || blocking_job(&client, i, &dir));
        }
    } else {
        let client = hume::asynchronous::HumeBatchClient::builder()
            .config(config(&emulator.base_url()))
            .transport(Counting {
                inner: ReqwestTransport::new().unwrap(),
                counts: Arc::clone(counts),
            })
            .build()
            .unwrap();
        for i in 0..JOBS {
            let (client, dir) = (client.clone(), dir.to_path_buf());
            tasks.spawn(async move { async_job(&client, i, &dir).await });
        }
    }
    let mut outcomes = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        outcomes.push(joined.expect("a job task panicked"));
    }
    (outcomes, start.elapsed())
}

fn check(backend: &str, outcomes: &[Result<Outcome, hume::HumeError>], emulator: &RunningEmulator) {
    let failures: Vec<String> = outcomes
        .iter()
        .filter_map(|o| o.as_ref().err())
        .map(|e| format!("{e} ({e:?})"))
        .collect();
    assert!(
        failures.is_empty(),
        "{backend}: {} of {JOBS} jobs failed (a SubmitUncertain left unreconciled, a job lost, \
         predictions not fetched): {failures:#?}",
        failures.len()
    );
    let mut ids = HashSet::new();
    for outcome in outcomes.iter().flatten() {
        assert_eq!(outcome.status, BatchJobStatus::Completed, "{backend}");
        assert_eq!(
            outcome.sources,
            std::slice::from_ref(&outcome.url),
            "{backend}: its own predictions"
        );
        assert_eq!(
            outcome.downloaded, outcome.typed,
            "{backend}: the downloaded file is the whole predictions"
        );
        assert!(
            ids.insert(outcome.job_id.clone()),
            "{backend}: one id per job"
        );
    }
    assert_eq!(ids.len(), JOBS, "{backend}: none lost");
    assert_eq!(
        emulator.job_count(),
        JOBS,
        "{backend}: no duplicates: one job per distinct request"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_jobs_through_the_issues_fault_rates_all_complete_once() {
    for (seed, backend) in [(91, "async"), (92, "blocking")] {
        let dir = tempfile::tempdir().unwrap();

        let clean = emulator(FaultConfig::none(), seed).await;
        let counts = Arc::new(Counts::default());
        let (outcomes, clean_wall) = run(backend, &clean, &counts, dir.path()).await;
        check(backend, &outcomes, &clean);
        clean.shutdown().await;

        let faulty = emulator(issue_faults(), seed).await;
        let counts = Arc::new(Counts::default());
        let (outcomes, faulty_wall) = run(backend, &faulty, &counts, dir.path()).await;
        eprintln!(
            "soak ({backend}): {JOBS} jobs, {clean_wall:.2?} without faults, {faulty_wall:.2?} \
             with them ({:.2}x); {counts}",
            faulty_wall.as_secs_f64() / clean_wall.as_secs_f64()
        );
        check(backend, &outcomes, &faulty);
        assert!(
            counts.listings.load(Ordering::Relaxed) > 0,
            "{backend}: submissions that may have reached the server were reconciled"
        );
        assert!(
            faulty_wall <= clean_wall * 3,
            "{backend}: {faulty_wall:?} with faults, over 3x {clean_wall:?} without"
        );
        faulty.shutdown().await;
    }
}
