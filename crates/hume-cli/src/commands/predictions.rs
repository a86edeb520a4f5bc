//! `hume predictions JOB [-o FILE]`: the predictions JSON, byte for byte as the server sent
//! it, on stdout or saved to a file (written beside it and renamed when complete).

use std::io::Write as _;

use anyhow::Context as _;

use crate::args::PredictionsArgs;
use crate::commands::Context;

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
            let bytes = client.get_job_predictions_bytes(&args.job)?;
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .context("cannot write to stdout")
        }
    }
}
