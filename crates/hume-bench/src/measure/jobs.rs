//! `jobs`: the async client submits `jobs` jobs at once and awaits them all (issues 4 and 9),
//! on the adaptive or the legacy poll schedule. Reports the wall time, its ratio to the
//! emulator's job time T, the detail polls per job, counted by a [`CountingTransport`]
//! around the reqwest transport (which also bounds the requests in flight), the mean job
//! latency (from before its submit) and the time from the submit's answer to the await's
//! (mean and max: how soon after its end a job is seen, whatever the submits cost).

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use hume::models::{BatchJobStatus, JobRequest};
use hume::{PollPolicy, PollSchedule};
use hume_transport::ReqwestTransport;

use crate::cli::{JobsArgs, Schedule};
use crate::clients;
use crate::counting_transport::CountingTransport;
use crate::report::Report;

/// Runs `jobs`.
///
/// # Errors
/// If any job fails to submit or complete.
pub fn run(args: &JobsArgs) -> anyhow::Result<()> {
    clients::runtime()?.block_on(run_async(args))
}

async fn run_async(args: &JobsArgs) -> anyhow::Result<()> {
    let reqwest = ReqwestTransport::new().context("building the reqwest transport")?;
    let (transport, counts) = CountingTransport::new(reqwest, args.concurrency);
    let schedule = match args.schedule {
        Schedule::Adaptive => PollSchedule::Adaptive,
        Schedule::Legacy => PollSchedule::Legacy,
    };
    let mut poll = PollPolicy::default()
        .with_schedule(schedule)
        .with_timeout(Duration::from_secs(120));
    if let Some(ms) = args.poll_initial_ms {
        poll = poll.with_initial_delay(Duration::from_millis(ms));
    }
    if let Some(ms) = args.poll_max_ms {
        poll = poll.with_max_delay(Duration::from_millis(ms));
    }
    let client = clients::async_builder(&args.server)?
        .transport(transport)
        .poll_policy(poll)
        .build()
        .context("building the async client")?;
    let request = JobRequest::new().with_url("https://example.com/bench/clip.mp4");

    let start = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..args.jobs {
        let (client, request) = (client.clone(), request.clone());
        tasks.spawn(async move {
            let submitted = Instant::now();
            let job = client.submit(request).await?;
            let created = Instant::now();
            let details = job.await_complete().await?;
            anyhow::Ok((
                details.status().clone(),
                submitted.elapsed(),
                created.elapsed(),
            ))
        });
    }
    let mut completed = 0u64;
    let mut latency_sum = Duration::ZERO;
    let mut await_sum = Duration::ZERO;
    let mut await_max = Duration::ZERO;
    while let Some(joined) = tasks.join_next().await {
        let (status, latency, awaited) = joined.context("job task panicked")??;
        anyhow::ensure!(status == BatchJobStatus::Completed, "a job ended {status}");
        completed += 1;
        latency_sum += latency;
        await_sum += awaited;
        await_max = await_max.max(awaited);
    }
    let secs = start.elapsed().as_secs_f64();

    let details = counts.details.load(Ordering::Relaxed);
    let jobs = args.jobs.max(1) as f64;
    Report::new("jobs", args.schedule.name(), secs)
        .with("jobs", completed)
        .with("job_secs", Duration::from_millis(args.job_ms).as_secs_f64())
        .with("mean_job_latency_secs", latency_sum.as_secs_f64() / jobs)
        .with("mean_await_secs", await_sum.as_secs_f64() / jobs)
        .with("max_await_secs", await_max.as_secs_f64())
        .with("submits", counts.submits.load(Ordering::Relaxed))
        .with("detail_polls", details)
        .with("polls_per_job", details as f64 / jobs)
        .with("concurrency", args.concurrency)
        .with("schedule", args.schedule.name())
        .with("poll_initial_ms", poll.initial_delay().as_millis() as u64)
        .with("poll_max_ms", poll.max_delay().as_millis() as u64)
        .print();
    Ok(())
}
