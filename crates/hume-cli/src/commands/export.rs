//! `hume export FILE_OR_JOB --csv OUT`: the tidy long table (one row per segment and
//! emotion), streamed: a predictions file is never loaded whole. The CSV file appears only
//! when complete (see [`write_atomically`]).

use std::fs::File;
use std::io::{BufReader, Write};

use anyhow::Context as _;

use hume_analysis::export::{ExportStats, stream_csv, stream_csv_slice};

use crate::args::ExportArgs;
use crate::commands::Context;
use crate::input::Input;
use crate::output::write_atomically;

/// Runs the command.
///
/// # Errors
/// Loading the predictions, a body that is not predictions JSON (exit 7), writing the CSV.
pub fn run(ctx: &Context<'_>, args: ExportArgs) -> anyhow::Result<()> {
    let input = Input::parse(&args.input)?;
    let to_stdout = args.csv.as_os_str() == "-";
    let export = |writer: &mut dyn Write| -> anyhow::Result<ExportStats> {
        let stats = match &input {
            Input::File(path) => {
                let file =
                    File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
                stream_csv(BufReader::new(file), writer)
            }
            Input::Job(_) => stream_csv_slice(&input.bytes(ctx)?, writer),
        };
        stats.with_context(|| format!("cannot export {}", input.describe()))
    };
    let stats = if to_stdout {
        export(&mut std::io::stdout().lock())?
    } else {
        write_atomically(&args.csv, |w| export(w))?
    };
    if ctx.out.json() {
        ctx.out.print_json(&serde_json::json!({
            "csv": if to_stdout { None } else { Some(args.csv.display().to_string()) },
            "files": stats.files,
            "segments": stats.segments,
            "rows": stats.rows,
        }))?;
    } else if !to_stdout {
        ctx.out.note(&format!(
            "wrote {} rows ({} segments of {} files) to {}",
            stats.rows,
            stats.segments,
            stats.files,
            args.csv.display()
        ));
    }
    Ok(())
}
