//! `download`: a job's artifacts (the emulator pads them to the size under test) streamed to
//! a file by `download_job_artifacts`, blocking or async. The baseline (`curl -o`) is run by
//! the driver against the same URL.

use std::time::Instant;

use anyhow::Context as _;

use crate::cli::{Backend, DownloadArgs};
use crate::clients;
use crate::report::Report;

/// Runs `download`.
///
/// # Errors
/// If the client cannot be built or the download fails.
pub fn run(args: &DownloadArgs) -> anyhow::Result<()> {
    let (bytes, secs) = match args.backend {
        Backend::Blocking => {
            let client = clients::blocking(&args.server)?;
            let start = Instant::now();
            let bytes = client
                .download_job_artifacts(&args.job_id, &args.dest)
                .context("downloading artifacts")?;
            (bytes, start.elapsed().as_secs_f64())
        }
        Backend::Async => {
            let runtime = clients::runtime()?;
            runtime.block_on(async {
                let client = clients::asynchronous(&args.server)?;
                let start = Instant::now();
                let bytes = client
                    .download_job_artifacts(&args.job_id, &args.dest)
                    .await
                    .context("downloading artifacts")?;
                anyhow::Ok((bytes, start.elapsed().as_secs_f64()))
            })?
        }
    };
    Report::new("download", args.backend.name(), secs)
        .with("bytes", bytes)
        .print();
    Ok(())
}
