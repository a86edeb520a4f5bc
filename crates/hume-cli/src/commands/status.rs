//! `hume status JOB`: a job's status and details (`--json`: the details object as the API
//! sent it, re-serialised).

use crate::args::JobArg;
use crate::commands::Context;
use crate::models::{BatchJobDetails, BatchJobStatus};

/// Runs the command.
///
/// # Errors
/// Client errors (unknown job: exit 6; bad key: exit 3).
pub fn run(ctx: &Context<'_>, args: JobArg) -> anyhow::Result<()> {
    let details = ctx.session()?.client().get_job_details(&args.job)?;
    print_details(ctx, &args.job, &details)
}

/// Prints details as JSON or as [`describe`] text.
///
/// # Errors
/// Writing stdout.
pub fn print_details(
    ctx: &Context<'_>,
    job: &str,
    details: &BatchJobDetails,
) -> anyhow::Result<()> {
    if ctx.out.json() {
        ctx.out.print_json(&serde_json::to_value(details)?)
    } else {
        ctx.out.print(&describe(job, details))
    }
}

/// A few lines: the status first, then times, counts, inputs and models.
pub fn describe(job: &str, details: &BatchJobDetails) -> String {
    let state = &details.state;
    let mut lines = vec![format!("job {job}: {}", state.status)];
    if let Some(t) = details.created_time() {
        lines.push(format!("  created      {t}"));
    }
    if let Some(t) = details.started_time() {
        lines.push(format!("  started      {t}"));
    }
    if let Some(t) = details.ended_time() {
        lines.push(format!("  ended        {t}"));
    }
    if let Some(run) = details.run_time() {
        lines.push(format!("  run time     {:.3} s", run.as_secs_f64()));
    }
    if state.status == BatchJobStatus::Completed {
        lines.push(format!(
            "  predictions  {}, errors {}",
            state.num_predictions.unwrap_or(0),
            state.num_errors.unwrap_or(0)
        ));
    }
    if let Some(message) = &state.message {
        lines.push(format!("  message      {message}"));
    }
    lines.push(format!(
        "  inputs       {} urls, {} files, {} text items",
        details.urls().len(),
        details.files().len(),
        details.text().len()
    ));
    if let Some(models) = details.configs() {
        let names: Vec<&str> = models.model_types().iter().map(|m| m.as_str()).collect();
        lines.push(format!("  models       {}", names.join(", ")));
    }
    lines.join("\n")
}
