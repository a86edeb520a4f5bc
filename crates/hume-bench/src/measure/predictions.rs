//! `predictions`: one typed `get_job_predictions` of a large predictions body (wall time and
//! peak RSS), against the bare backend crate reading the same body and parsing it into a
//! `serde_json::Value` (untyped, as the legacy client returned it).

use std::hint::black_box;
use std::time::Instant;

use anyhow::Context as _;

use crate::cli::{Backend, Implementation, PredictionsArgs};
use crate::clients;
use crate::report::Report;

/// Runs `predictions`.
///
/// # Errors
/// If the fetch or the parse fails.
pub fn run(args: &PredictionsArgs) -> anyhow::Result<()> {
    let (secs, sources) = match (args.backend, args.implementation) {
        (Backend::Blocking, Implementation::Hume) => {
            let client = clients::blocking(&args.server)?;
            let start = Instant::now();
            let predictions = client
                .get_job_predictions(&args.job_id)
                .context("fetching predictions")?;
            let secs = start.elapsed().as_secs_f64();
            (secs, black_box(predictions).len())
        }
        (Backend::Blocking, Implementation::Bare) => {
            let agent = clients::bare_ureq();
            let start = Instant::now();
            let mut response = agent
                .get(&url(args))
                .header("X-Hume-Api-Key", &args.server.key)
                .header("Accept", "application/json")
                .call()?;
            anyhow::ensure!(response.status() == 200, "status {}", response.status());
            let body = response
                .body_mut()
                .with_config()
                .limit(u64::MAX)
                .read_to_vec()?;
            let value: serde_json::Value = serde_json::from_slice(&body)?;
            drop(body);
            let secs = start.elapsed().as_secs_f64();
            (secs, source_count(&black_box(value)))
        }
        (Backend::Async, implementation) => clients::runtime()?.block_on(async {
            match implementation {
                Implementation::Hume => {
                    let client = clients::asynchronous(&args.server)?;
                    let start = Instant::now();
                    let predictions = client
                        .get_job_predictions(&args.job_id)
                        .await
                        .context("fetching predictions")?;
                    let secs = start.elapsed().as_secs_f64();
                    anyhow::Ok((secs, black_box(predictions).len()))
                }
                Implementation::Bare => {
                    let client = clients::bare_reqwest()?;
                    let start = Instant::now();
                    let response = client
                        .get(url(args))
                        .header("X-Hume-Api-Key", &args.server.key)
                        .header("Accept", "application/json")
                        .send()
                        .await?;
                    anyhow::ensure!(response.status() == 200, "status {}", response.status());
                    let body = response.bytes().await?;
                    let value: serde_json::Value = serde_json::from_slice(&body)?;
                    drop(body);
                    let secs = start.elapsed().as_secs_f64();
                    Ok((secs, source_count(&black_box(value))))
                }
            }
        })?,
    };
    let variant = match (args.implementation, args.backend) {
        (Implementation::Hume, backend) => backend.name(),
        (Implementation::Bare, Backend::Blocking) => "bare-ureq-value",
        (Implementation::Bare, Backend::Async) => "bare-reqwest-value",
    };
    Report::new("predictions", variant, secs)
        .with("sources", sources)
        .print();
    Ok(())
}

fn url(args: &PredictionsArgs) -> String {
    format!(
        "{}/v0/batch/jobs/{}/predictions",
        args.server.base_url.trim_end_matches('/'),
        args.job_id
    )
}

fn source_count(value: &serde_json::Value) -> usize {
    value.as_array().map_or(0, Vec::len)
}
