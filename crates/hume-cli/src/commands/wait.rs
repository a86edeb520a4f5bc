//! `hume wait JOB [--timeout S]`: poll until the job ends, showing its state live (a spinner
//! on a terminal, one line per change otherwise). A FAILED job exits 4, a timeout exits 5.

use std::sync::{Arc, Mutex};

use crate::args::WaitArgs;
use crate::commands::{Context, status, timeout};
use crate::exit::{ExitKind, Failure};
use crate::models::{BatchJobDetails, BatchJobStatus};
use crate::session::Session;

/// Runs the command.
///
/// # Errors
/// Client errors, a timeout (exit 5), a failed job (exit 4).
pub fn run(ctx: &Context<'_>, args: WaitArgs) -> anyhow::Result<()> {
    let limit = timeout(args.timeout)?;
    let session = ctx.session()?;
    let details = wait_for(ctx, session, &args.job, limit)?;
    status::print_details(ctx, &args.job, &details)?;
    fail_if_failed(&args.job, &details)
}

/// Polls `job` until it ends, showing progress; returns the final details (also of a FAILED
/// job).
///
/// # Errors
/// Client errors, and a timeout (exit 5) that says how to find the job again.
pub fn wait_for(
    ctx: &Context<'_>,
    session: &Session,
    job: &str,
    limit: std::time::Duration,
) -> anyhow::Result<BatchJobDetails> {
    let progress = Arc::new(Mutex::new(ctx.out.progress()));
    let shown = Arc::clone(&progress);
    let label = job.to_owned();
    let result = session
        .client()
        .get_job(job)
        .await_complete()
        .timeout(limit)
        .on_progress(move |details: &BatchJobDetails| {
            if let Ok(mut p) = shown.lock() {
                p.update(&format!("job {label}: {}", details.status()));
            }
        })
        .wait();
    if let Ok(mut p) = progress.lock() {
        p.finish();
    }
    match result {
        Err(hume::HumeError::AwaitTimeout { timeout, .. }) => Err(Failure::new(
            ExitKind::Timeout,
            format!(
                "gave up waiting for job {job} after {} s; the job keeps running: check it with `hume status {job}` or `hume wait {job}`",
                timeout.as_secs_f64()
            ),
        )
        .into()),
        other => Ok(other?),
    }
}

/// Exit 4 with the job's message when it ended FAILED.
///
/// # Errors
/// The failure.
pub fn fail_if_failed(job: &str, details: &BatchJobDetails) -> anyhow::Result<()> {
    if *details.status() == BatchJobStatus::Failed {
        let message = details
            .state
            .message
            .as_deref()
            .map(|m| format!(": {m}"))
            .unwrap_or_default();
        return Err(Failure::new(ExitKind::JobFailed, format!("job {job} failed{message}")).into());
    }
    Ok(())
}
