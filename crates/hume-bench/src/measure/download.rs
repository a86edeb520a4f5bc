//! `download`: a job's artifacts (the emulator pads them to the size under test) streamed to
//! a file by `download_job_artifacts`, blocking or async. The baseline (`curl -o`) is run by
//! the driver against the same URL; `--impl bare` is the backend crate's own floor: the same
//! GET streamed to a file with 256 KiB writes (no fsync, like ours by default).

use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::Path;
use std::time::Instant;

use anyhow::Context as _;

use crate::cli::{Backend, DownloadArgs, Implementation};
use crate::clients;
use crate::report::Report;

/// Write size of the bare variants.
const WRITE_BUFFER: usize = 256 * 1024;

/// Runs `download`.
///
/// # Errors
/// If the client cannot be built or the download fails.
pub fn run(args: &DownloadArgs) -> anyhow::Result<()> {
    let (bytes, secs) = match (args.backend, args.implementation) {
        (Backend::Blocking, Implementation::Hume) => {
            let client = clients::blocking(&args.server)?;
            let start = Instant::now();
            let bytes = client
                .download_job_artifacts(&args.job_id, &args.dest)
                .context("downloading artifacts")?;
            (bytes, start.elapsed().as_secs_f64())
        }
        (Backend::Blocking, Implementation::Bare) => {
            let start = Instant::now();
            let bytes = bare_ureq(args)?;
            (bytes, start.elapsed().as_secs_f64())
        }
        (Backend::Async, implementation) => {
            let runtime = clients::runtime()?;
            runtime.block_on(async {
                let client = clients::asynchronous(&args.server)?;
                let start = Instant::now();
                let bytes = match implementation {
                    Implementation::Hume => client
                        .download_job_artifacts(&args.job_id, &args.dest)
                        .await
                        .context("downloading artifacts")?,
                    Implementation::Bare => bare_reqwest(args).await?,
                };
                anyhow::Ok((bytes, start.elapsed().as_secs_f64()))
            })?
        }
    };
    let variant = match (args.implementation, args.backend) {
        (Implementation::Hume, backend) => backend.name(),
        (Implementation::Bare, Backend::Blocking) => "bare-ureq",
        (Implementation::Bare, Backend::Async) => "bare-reqwest",
    };
    Report::new("download", variant, secs)
        .with("bytes", bytes)
        .print();
    Ok(())
}

fn url(args: &DownloadArgs) -> String {
    format!(
        "{}/v0/batch/jobs/{}/artifacts",
        args.server.base_url.trim_end_matches('/'),
        args.job_id
    )
}

fn create(dest: &Path) -> anyhow::Result<BufWriter<File>> {
    let file = File::create(dest).with_context(|| format!("creating {}", dest.display()))?;
    Ok(BufWriter::with_capacity(WRITE_BUFFER, file))
}

fn finish(out: BufWriter<File>) -> anyhow::Result<()> {
    out.into_inner().map_err(|e| e.into_error())?;
    Ok(())
}

fn bare_ureq(args: &DownloadArgs) -> anyhow::Result<u64> {
    let mut response = clients::bare_ureq()
        .get(&url(args))
        .header("X-Hume-Api-Key", &args.server.key)
        .call()?;
    anyhow::ensure!(response.status() == 200, "status {}", response.status());
    let mut out = create(&args.dest)?;
    let bytes = std::io::copy(
        &mut response.body_mut().with_config().limit(u64::MAX).reader(),
        &mut out,
    )?;
    finish(out)?;
    Ok(bytes)
}

async fn bare_reqwest(args: &DownloadArgs) -> anyhow::Result<u64> {
    let mut response = clients::bare_reqwest()?
        .get(url(args))
        .header("X-Hume-Api-Key", &args.server.key)
        .send()
        .await?;
    anyhow::ensure!(response.status() == 200, "status {}", response.status());
    let mut out = create(&args.dest)?;
    let mut bytes = 0u64;
    while let Some(chunk) = response.chunk().await? {
        // Inline blocking writes: the page cache absorbs them; the floor, not a recommendation.
        out.write_all(&chunk)?;
        bytes += chunk.len() as u64;
    }
    finish(out)?;
    Ok(bytes)
}
