//! `hume plot FILE_OR_JOB -o OUT.svg`: an SVG timeline of chosen emotions for one file and
//! model (or v1 endpoint: `audio` over time, `video` over frames). Without `--file`/`--model`, the first file (having the model, if given) and its
//! first model are plotted.

use std::io::Write as _;

use anyhow::Context as _;

use hume_analysis::plot::{PlotOptions, render_svg};
use hume_analysis::{AnalysisError, Dataset, FileView, Model};

use crate::args::PlotArgs;
use crate::commands::Context;
use crate::input::Input;
use crate::output::write_atomically;

/// Runs the command.
///
/// # Errors
/// Loading the predictions, an unknown model or emotion, a file or model absent from the
/// predictions (exit 7), writing the SVG.
pub fn run(ctx: &Context<'_>, args: PlotArgs) -> anyhow::Result<()> {
    let model = args.model;
    let predictions = Input::parse(&args.input)?.load(ctx)?;
    let (file, model) = pick(&predictions, args.file.as_deref(), model)?;
    let mut options = PlotOptions::new(file.clone(), model).with_emotions(
        args.emotions
            .iter()
            .map(|e| e.trim())
            .filter(|e| !e.is_empty()),
    );
    if let Some(seconds) = args.smooth {
        options = options.with_smoothing(seconds);
    }
    let svg = render_svg(&predictions, &options)?;
    write_atomically(&args.output, |w| {
        w.write_all(svg.as_bytes())
            .with_context(|| format!("cannot write {}", args.output.display()))
    })?;
    if ctx.out.json() {
        ctx.out.print_json(&serde_json::json!({
            "svg": args.output.display().to_string(),
            "file": file,
            "model": model.as_str(),
        }))?;
    } else {
        ctx.out.note(&format!(
            "wrote {} ({} of {file})",
            args.output.display(),
            model
        ));
    }
    Ok(())
}

/// The file and model to plot: the ones asked for, else the first file (holding the model if
/// one is given) and the first model it has. A file or model that is not there gets the
/// analysis error naming what is (`render_svg` reports the rest).
fn pick<D: Dataset>(
    data: &D,
    file: Option<&str>,
    model: Option<Model>,
) -> Result<(String, Model), AnalysisError> {
    if let Some(file) = file {
        let model = match model {
            Some(m) => m,
            None => hume_analysis::file_views(data, file)?
                .iter()
                .flat_map(FileView::models)
                .next()
                .unwrap_or(Model::Face),
        };
        return Ok((file.to_owned(), model));
    }
    hume_analysis::ensure_not_empty(data)?;
    let files = data.file_results();
    let found = files.iter().find_map(|v| {
        match model {
            Some(m) => v.contains(m).then_some(m),
            None => v.models().first().copied(),
        }
        .map(|m| (v.file().to_owned(), m))
    });
    found.ok_or_else(|| {
        let mut present: Vec<Model> = files.iter().flat_map(FileView::models).collect();
        present.sort();
        present.dedup();
        AnalysisError::ModelAbsent {
            model: model.unwrap_or(Model::Face),
            file: "(any file)".to_owned(),
            present,
        }
    })
}
