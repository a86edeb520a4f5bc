//! `hume predictions JOB [-o FILE]`: the predictions JSON, byte for byte as the server sent
//! it, on stdout or saved to a file (written beside it and renamed when complete). Either way
//! the body is streamed (to stdout through a private temporary file), never held in memory.

use std::io::Write as _;

use anyhow::Context as _;

use crate::args::PredictionsArgs;
use crate::commands::Context;
use crate::input::Input;

/// Runs the command.
///
/// # Errors
/// Client errors (unknown job: exit 6; job not completed: exit 7).
pub fn run(ctx: &Context<'_>, args: PredictionsArgs) -> anyhow::Result<()> {
    let client = ctx.session()?.client();
    match &args.output {
        Some(path) => {
            let bytes = client.download_job_predictions(&args.job, path)?;
            if ctx.out.json() {
                ctx.out.print_json(&serde_json::json!({
                    "job_id": args.job,
                    "predictions": path.display().to_string(),
                    "bytes": bytes,
                }))
            } else {
                ctx.out.print(&format!(
                    "saved predictions of job {} to {} ({bytes} bytes)",
                    args.job,
                    path.display()
                ))
            }
        }
        None => {
            // Streamed to a private temporary file, then copied out: never the whole body in
            // memory.
            let mut opened = Input::Job(args.job.clone()).open(ctx)?;
            let mut out = std::io::stdout().lock();
            let copied = std::io::copy(&mut opened.reader, &mut out).and_then(|_| out.flush());
            opened.check(copied).context("cannot write to stdout")
        }
    }
}
