//! `hume submit`: start a job. Prints the job id (text mode: the id alone, for
//! `JOB=$(hume submit ...)`); with `--wait`, waits and prints the final status.

use crate::args::SubmitArgs;
use crate::commands::{Context, status, timeout, wait};

/// Runs the command.
///
/// # Errors
/// Bad input (exit 7), client errors, and with `--wait` a timeout (5) or failed job (4).
pub fn run(ctx: &Context<'_>, args: SubmitArgs) -> anyhow::Result<()> {
    let limit = timeout(args.timeout)?;
    let job = args.spec.prepare()?;
    let session = ctx.session()?;
    let submitted = session
        .client()
        .submit(job.request.with_files(job.files))
        .send()?;
    let id = submitted.id().to_string();
    if !args.wait {
        return if ctx.out.json() {
            ctx.out.print_json(&serde_json::json!({ "job_id": id }))
        } else {
            ctx.out.print(&id)
        };
    }
    ctx.out.note(&format!("submitted job {id}"));
    let details = wait::wait_for(ctx, session, &id, limit)?;
    if ctx.out.json() {
        ctx.out.print_json(&serde_json::json!({
            "job_id": id,
            "details": serde_json::to_value(&details)?,
        }))?;
    } else {
        ctx.out.print(&status::describe(&id, &details))?;
    }
    wait::fail_if_failed(&id, &details)
}
