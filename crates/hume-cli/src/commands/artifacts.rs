//! `hume artifacts JOB -o FILE [--extract DIR]`: download the artifacts zip (streamed to a
//! temporary file, renamed when complete) and optionally extract it safely
//! ([`crate::extract`], with limits from `--extract-max-*`).

use crate::args::ArtifactsArgs;
use crate::commands::Context;
use crate::extract::{ExtractLimits, extract};

/// Runs the command.
///
/// # Errors
/// Client errors (unknown job, job not completed, auth), writing the file, an unsafe or
/// corrupt zip when extracting.
pub fn run(ctx: &Context<'_>, args: ArtifactsArgs) -> anyhow::Result<()> {
    let session = ctx.session()?;
    let mut progress = ctx.out.progress();
    progress.update(&format!("downloading artifacts of job {}", args.job));
    let result = session
        .client()
        .download_job_artifacts(&args.job, &args.output);
    progress.finish();
    let bytes = result?;
    let extracted = match &args.extract {
        Some(dir) => {
            let limits = ExtractLimits {
                max_total_bytes: args.extract_max_bytes,
                max_entries: args.extract_max_entries,
                max_ratio: args.extract_max_ratio,
            };
            Some(extract(&args.output, dir, &limits)?)
        }
        None => None,
    };
    if ctx.out.json() {
        ctx.out.print_json(&serde_json::json!({
            "job_id": args.job,
            "artifacts": args.output.display().to_string(),
            "bytes": bytes,
            "extracted": extracted.as_ref().map(|files| files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>()),
        }))?;
    } else {
        ctx.out.print(&format!(
            "saved artifacts of job {} to {} ({bytes} bytes)",
            args.job,
            args.output.display()
        ))?;
        if let (Some(dir), Some(files)) = (&args.extract, &extracted) {
            ctx.out.print(&format!(
                "extracted {} files into {}",
                files.len(),
                dir.display()
            ))?;
        }
    }
    Ok(())
}
