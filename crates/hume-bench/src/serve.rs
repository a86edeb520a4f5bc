//! `hume-bench serve`: the servers every measurement talks to, in their own process so their
//! memory never counts in a measured client's RSS.
//!
//! Starts the emulator (job timings and artifact padding from the flags) and, given a
//! predictions file, a [`PredictionsServer`]; submits one job and waits for it to complete (its
//! artifacts are what the download benchmark fetches); prints one JSON line
//! `{"emulator":URL,"predictions_server":URL|null,"job_id":ID}`; then serves until stdin
//! closes.

use std::io::Read as _;
use std::time::Duration;

use anyhow::Context as _;
use hume::models::{BatchJobStatus, JobRequest};
use hume_emulator::{Emulator, EmulatorConfig};
use serde_json::json;

use crate::cli::{ServeArgs, Server};
use crate::clients;
use crate::predictions_server::PredictionsServer;

/// Runs `serve`.
///
/// # Errors
/// If a server cannot start or the first job does not complete.
pub fn run(args: &ServeArgs) -> anyhow::Result<()> {
    let config = EmulatorConfig::default()
        .with_api_key(args.key.clone())
        .with_queued_duration(Duration::from_millis(args.queued_ms))
        .with_in_progress_duration(Duration::from_millis(args.in_progress_ms))
        .with_artifact_padding(args.artifact_padding);
    let emulator = Emulator::start_blocking(config).context("starting the emulator")?;
    let predictions = args
        .predictions
        .as_ref()
        .map(|file| PredictionsServer::start(file.clone(), args.key.clone()))
        .transpose()
        .context("starting the predictions server")?;

    let server = Server {
        base_url: emulator.base_url(),
        key: args.key.clone(),
        timeout_secs: 60,
    };
    let client = clients::blocking(&server)?;
    let request = JobRequest::new().with_url("https://example.com/bench/interview.mp4");
    let job = client
        .submit(request)
        .send()
        .context("submitting the download job")?;
    let details = job
        .await_complete()
        .timeout(Duration::from_secs(60))
        .wait()
        .context("awaiting the download job")?;
    anyhow::ensure!(
        *details.status() == BatchJobStatus::Completed,
        "download job ended {}",
        details.status()
    );

    let ready = json!({
        "emulator": emulator.base_url(),
        "predictions_server": predictions.as_ref().map(PredictionsServer::base_url),
        "job_id": job.id().as_str(),
    });
    println!("{ready}");
    // Serve until the driver closes our stdin (or dies).
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    drop(predictions);
    emulator.shutdown();
    Ok(())
}
