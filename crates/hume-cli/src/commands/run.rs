//! `hume run`: submit, wait, save `predictions.json` and `artifacts.zip` into the output
//! folder (default `./hume-output/JOB_ID`), then print each source's top emotions per model.

use std::path::PathBuf;

use anyhow::Context as _;

use hume_analysis::summary::{Summary, SummaryOptions, summarize};

use crate::args::RunArgs;
use crate::commands::summary::summaries_json;
use crate::commands::{Context, timeout, wait};
use crate::models::Predictions;
use crate::output::table;

/// Runs the command.
///
/// # Errors
/// Bad input (exit 7), client errors, a timeout (5), a failed job (4), writing the files.
pub fn run(ctx: &Context<'_>, args: RunArgs) -> anyhow::Result<()> {
    let limit = timeout(args.timeout)?;
    let job = args.spec.prepare()?;
    let session = ctx.session()?;
    let submitted = session
        .client()
        .submit(job.request.with_files(job.files))
        .send()?;
    let id = submitted.id().to_string();
    ctx.out.note(&format!("submitted job {id}"));
    let details = wait::wait_for(ctx, session, &id, limit)?;
    wait::fail_if_failed(&id, &details)?;

    let dir = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("hume-output").join(&id));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let predictions_path = dir.join("predictions.json");
    let artifacts_path = dir.join("artifacts.zip");
    let client = session.client();
    let predictions_bytes = client.download_job_predictions(&id, &predictions_path)?;
    let artifacts_bytes = client.download_job_artifacts(&id, &artifacts_path)?;

    let file = std::fs::File::open(&predictions_path)
        .with_context(|| format!("cannot read {}", predictions_path.display()))?;
    let predictions =
        Predictions::from_reader(std::io::BufReader::new(file)).with_context(|| {
            format!(
                "{} does not hold batch predictions",
                predictions_path.display()
            )
        })?;
    let summaries = if predictions.iter_predictions().next().is_some() {
        summarize(&predictions, &SummaryOptions::default())?
    } else {
        Vec::new()
    };
    let source_errors: Vec<(String, String)> = predictions
        .source_errors()
        .map(|(s, e)| (s.label().to_owned(), e.to_owned()))
        .collect();
    let file_errors: Vec<(String, String)> = predictions
        .file_errors()
        .map(|(s, e)| (s.label().to_owned(), format!("{}: {}", e.file, e.message)))
        .collect();

    if ctx.out.json() {
        return ctx.out.print_json(&serde_json::json!({
            "job_id": id,
            "status": details.status().as_str(),
            "output_dir": dir.display().to_string(),
            "predictions": predictions_path.display().to_string(),
            "predictions_bytes": predictions_bytes,
            "artifacts": artifacts_path.display().to_string(),
            "artifacts_bytes": artifacts_bytes,
            "source_errors": source_errors.iter().map(|(s, e)| serde_json::json!({"source": s, "error": e})).collect::<Vec<_>>(),
            "file_errors": file_errors.iter().map(|(s, e)| serde_json::json!({"source": s, "error": e})).collect::<Vec<_>>(),
            "summaries": summaries_json(&summaries, args.top),
        }));
    }
    let state = &details.state;
    let run_time = details
        .run_time()
        .map(|d| format!(" in {:.2} s", d.as_secs_f64()))
        .unwrap_or_default();
    let mut text = format!(
        "job {id} {}{run_time}: {} predictions, {} errors\n",
        state.status,
        state.num_predictions.unwrap_or(0),
        state.num_errors.unwrap_or(0)
    );
    text.push_str(&format!(
        "saved {} ({predictions_bytes} bytes) and {} ({artifacts_bytes} bytes)\n",
        predictions_path.display(),
        artifacts_path.display()
    ));
    for (source, error) in source_errors.iter().chain(&file_errors) {
        text.push_str(&format!("error in {source}: {error}\n"));
    }
    if summaries.is_empty() {
        text.push_str("no predictions to summarise\n");
    } else {
        text.push('\n');
        text.push_str(&top_table(&summaries, args.top));
    }
    ctx.out.print(&text)
}

/// One row per source, file and model: the `top` highest mean emotions (`hume summary` has
/// the full table with segment counts, time ranges and weighting).
fn top_table(summaries: &[Summary], top: usize) -> String {
    let mut rows = vec![
        ["source", "file", "model", "top emotions (mean score)"]
            .map(str::to_owned)
            .to_vec(),
    ];
    for s in summaries {
        let emotions: Vec<String> = s
            .means
            .top(top)
            .iter()
            .map(|m| format!("{} {:.2}", m.name, m.mean))
            .collect();
        rows.push(vec![
            s.source.clone(),
            s.file.clone(),
            s.model.to_string(),
            emotions.join(", "),
        ]);
    }
    table(&rows)
}
