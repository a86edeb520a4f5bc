//! `hume summary FILE_OR_JOB`: mean emotions per source, file and model (optionally per
//! face/speaker, optionally inside a time window), as a table or `--json`, of batch
//! predictions, a v1 response or the results file of `hume measure`.

use serde_json::{Value, json};

use hume_analysis::summary::{Summary, SummaryOptions, render_table, summarize};
use hume_analysis::{TimeWindow, prediction_errors};

use crate::args::SummaryArgs;
use crate::commands::Context;
use crate::input::Input;

/// Runs the command.
///
/// # Errors
/// Loading the predictions, an unknown model, a bad or out-of-media window (exit 7).
pub fn run(ctx: &Context<'_>, args: SummaryArgs) -> anyhow::Result<()> {
    let mut options = SummaryOptions::default().with_per_group(args.per_group);
    if let Some(model) = args.model {
        options = options.with_model(model);
    }
    if let Some(file) = &args.file {
        options = options.with_file(file.clone());
    }
    if let (Some(from), Some(to)) = (args.from, args.to) {
        options = options.with_window(TimeWindow::new(from, to)?);
    }
    let predictions = Input::parse(&args.input)?.load(ctx)?;
    let summaries = summarize(&predictions, &options)?;
    // The server's source and file errors are part of the answer (an empty summary error
    // already lists them).
    for error in prediction_errors(&predictions) {
        ctx.out.error(&format!("error in the predictions: {error}"));
    }
    if ctx.out.json() {
        ctx.out.print_json(&summaries_json(&summaries, args.top))
    } else {
        ctx.out.print(&render_table(&summaries, args.top))
    }
}

/// Summaries as a JSON array, each with its `top` highest means.
pub fn summaries_json(summaries: &[Summary], top: usize) -> Value {
    Value::Array(
        summaries
            .iter()
            .map(|s| {
                json!({
                    "source": s.source,
                    "file": s.file,
                    "model": s.model.as_str(),
                    "group": s.group,
                    "segments": s.means.segments,
                    "range": s.range.map(|(b, e)| [b, e]),
                    "weighting": s.means.weighting.as_str(),
                    "top": s.means.top(top).iter().map(|m| json!({"name": m.name, "mean": m.mean})).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}
