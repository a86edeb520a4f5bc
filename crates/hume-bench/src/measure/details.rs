//! `details`: `get_job_details` called `calls` times in sequence over one keep-alive
//! connection, against the bare backend crate doing the same `GET` and parsing the body into
//! a `serde_json::Value`.

use std::hint::black_box;
use std::time::Instant;

use anyhow::Context as _;

use crate::cli::{Backend, DetailsArgs, Implementation, Server};
use crate::clients;
use crate::report::Report;

/// Runs `details`.
///
/// # Errors
/// If a call fails.
pub fn run(args: &DetailsArgs) -> anyhow::Result<()> {
    let secs = match (args.backend, args.implementation) {
        (Backend::Blocking, Implementation::Hume) => blocking_hume(args)?,
        (Backend::Blocking, Implementation::Bare) => blocking_bare(args)?,
        (Backend::Async, implementation) => clients::runtime()?.block_on(async {
            match implementation {
                Implementation::Hume => async_hume(args).await,
                Implementation::Bare => async_bare(args).await,
            }
        })?,
    };
    let variant = match args.implementation {
        Implementation::Hume => args.backend.name(),
        Implementation::Bare => match args.backend {
            Backend::Blocking => "bare-ureq",
            Backend::Async => "bare-reqwest",
        },
    };
    Report::new("details", variant, secs)
        .with("calls", args.calls)
        .print();
    Ok(())
}

/// The details URL, built by hand as a bare user would (job ids are UUIDs: nothing to
/// escape).
fn details_url(server: &Server, job_id: &str) -> String {
    format!(
        "{}/v0/batch/jobs/{job_id}",
        server.base_url.trim_end_matches('/')
    )
}

fn blocking_hume(args: &DetailsArgs) -> anyhow::Result<f64> {
    let client = clients::blocking(&args.server)?;
    client
        .get_job_details(&args.job_id)
        .context("warm-up call")?;
    let start = Instant::now();
    for _ in 0..args.calls {
        black_box(client.get_job_details(&args.job_id)?);
    }
    Ok(start.elapsed().as_secs_f64())
}

fn blocking_bare(args: &DetailsArgs) -> anyhow::Result<f64> {
    let agent = clients::bare_ureq();
    let url = details_url(&args.server, &args.job_id);
    let call = || -> anyhow::Result<serde_json::Value> {
        let mut response = agent
            .get(&url)
            .header("X-Hume-Api-Key", &args.server.key)
            .header("Accept", "application/json")
            .call()?;
        anyhow::ensure!(response.status() == 200, "status {}", response.status());
        let body = response.body_mut().read_to_vec()?;
        Ok(serde_json::from_slice(&body)?)
    };
    call().context("warm-up call")?;
    let start = Instant::now();
    for _ in 0..args.calls {
        black_box(call()?);
    }
    Ok(start.elapsed().as_secs_f64())
}

async fn async_hume(args: &DetailsArgs) -> anyhow::Result<f64> {
    let client = clients::asynchronous(&args.server)?;
    client
        .get_job_details(&args.job_id)
        .await
        .context("warm-up call")?;
    let start = Instant::now();
    for _ in 0..args.calls {
        black_box(client.get_job_details(&args.job_id).await?);
    }
    Ok(start.elapsed().as_secs_f64())
}

async fn async_bare(args: &DetailsArgs) -> anyhow::Result<f64> {
    let client = clients::bare_reqwest()?;
    let url = details_url(&args.server, &args.job_id);
    let call = || async {
        let response = client
            .get(&url)
            .header("X-Hume-Api-Key", &args.server.key)
            .header("Accept", "application/json")
            .send()
            .await?;
        anyhow::ensure!(response.status() == 200, "status {}", response.status());
        let body = response.bytes().await?;
        anyhow::Ok(serde_json::from_slice::<serde_json::Value>(&body)?)
    };
    call().await.context("warm-up call")?;
    let start = Instant::now();
    for _ in 0..args.calls {
        black_box(call().await?);
    }
    Ok(start.elapsed().as_secs_f64())
}
