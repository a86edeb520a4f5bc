//! `submit`: one job with one local file, sent as multipart streamed from disk, blocking or
//! async. The baseline (`curl -F file=@PATH -F json=...`) is run by the driver.

use std::time::Instant;

use anyhow::Context as _;
use hume::models::JobRequest;

use crate::cli::{Backend, SubmitArgs};
use crate::clients;
use crate::report::Report;

/// Runs `submit`.
///
/// # Errors
/// If the JSON is not a job request, or the submission fails.
pub fn run(args: &SubmitArgs) -> anyhow::Result<()> {
    let request: JobRequest =
        serde_json::from_str(&args.json).context("parsing --json as a job request")?;
    let request = request.with_file(&args.file);
    let bytes = std::fs::metadata(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?
        .len();
    let (job_id, secs) = match args.backend {
        Backend::Blocking => {
            let client = clients::blocking(&args.server)?;
            let start = Instant::now();
            let job = client.submit(request).send().context("submitting")?;
            (job.id().to_string(), start.elapsed().as_secs_f64())
        }
        Backend::Async => {
            let runtime = clients::runtime()?;
            runtime.block_on(async {
                let client = clients::asynchronous(&args.server)?;
                let start = Instant::now();
                let job = client.submit(request).await.context("submitting")?;
                anyhow::Ok((job.id().to_string(), start.elapsed().as_secs_f64()))
            })?
        }
    };
    Report::new("submit", args.backend.name(), secs)
        .with("bytes", bytes)
        .with("job_id", job_id)
        .print();
    Ok(())
}
