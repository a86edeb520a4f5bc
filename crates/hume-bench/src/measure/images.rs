//! `images`: the async v1 client measures `images` JPEG files, one request each, with at most
//! `concurrency` in flight, against the emulator (issue 12). Reports the wall time, the rate,
//! the faces measured and (as every report) the process's peak RSS.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use hume::ApiKey;
use hume::asynchronous::ExpressionMeasurementClient;
use hume::models::v1::VideoFileConfig;
use hume_bench_data::test_media::jpeg;

use crate::cli::ImagesArgs;
use crate::clients;
use crate::report::Report;

/// Distinct images written (each request sends one of them).
const DISTINCT: usize = 16;

/// Runs `images`.
///
/// # Errors
/// If an upload fails or the images cannot be written.
pub fn run(args: &ImagesArgs) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("hume-bench-images-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let result =
        write_images(&dir).and_then(|files| clients::runtime()?.block_on(measure(args, files)));
    let _ = std::fs::remove_dir_all(&dir);
    let (secs, faces) = result?;
    Report::new("images", "async", secs)
        .with("images", args.images)
        .with("concurrency", args.concurrency)
        .with("images_per_sec", args.images as f64 / secs)
        .with("faces", faces)
        .print();
    Ok(())
}

/// Measures `args.images` requests over `files` (round robin): the seconds taken and the
/// measured faces of every response, summed.
pub(crate) async fn measure(args: &ImagesArgs, files: Vec<PathBuf>) -> anyhow::Result<(f64, u64)> {
    let client = ExpressionMeasurementClient::builder()
        .api_key(ApiKey::new(args.server.key.clone())?)
        .base_url(args.server.base_url.clone())
        .timeout(Duration::from_secs(args.server.timeout_secs))
        .build()
        .context("building the async v1 client")?;
    let permits = Arc::new(tokio::sync::Semaphore::new(args.concurrency.max(1)));
    let start = Instant::now();
    let mut faces = 0;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..args.images {
        let permit = Arc::clone(&permits)
            .acquire_owned()
            .await
            .context("the semaphore closed")?;
        let (client, file) = (client.clone(), files[i % files.len()].clone());
        tasks.spawn(async move {
            let response = client.video().measure([file], VideoFileConfig::new()).await;
            drop(permit);
            response.map(|r| r.faces().filter(|(_, f)| f.is_measured()).count() as u64)
        });
        // Collect what finished, so the set never holds more than what is in flight.
        while let Some(done) = tasks.try_join_next() {
            faces += done.context("an upload task panicked")??;
        }
    }
    while let Some(done) = tasks.join_next().await {
        faces += done.context("an upload task panicked")??;
    }
    Ok((start.elapsed().as_secs_f64(), faces))
}

/// Writes [`DISTINCT`] small baseline JPEGs of different sizes (around 1280 × 720) and scan
/// bytes: the emulator picks an image's scene (how many faces) from its size, so the requests
/// carry a mix of answers, from no face to a crowd.
pub(crate) fn write_images(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    (0..DISTINCT)
        .map(|i| {
            let path = dir.join(format!("frame-{i:02}.jpg"));
            let seed = u8::try_from(i).unwrap_or(0);
            let width = 1280 - 16 * u16::from(seed);
            std::fs::write(&path, jpeg(width, 720, seed))
                .with_context(|| format!("writing {}", path.display()))?;
            Ok(path)
        })
        .collect()
}
