//! `hume predictions JOB [-o FILE]`: the predictions JSON, pretty-printed on stdout or saved
//! byte for byte to a file (written beside it and renamed when complete).

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
        None => ctx
            .out
            .print_json(&client.get_job_predictions_raw(&args.job)?),
    }
}
