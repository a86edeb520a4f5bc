//! `hume export FILE_OR_JOB --csv OUT`: the tidy long table (one row per segment and score;
//! schema in [`hume_analysis::export`]), streamed: a predictions file is never loaded whole,
//! a results file of `hume measure` is read a record at a time.
//! The CSV file appears only when complete (see [`write_atomically`]).
//!
//! Sources and files the server could not process (and failed or unreadable records of a
//! results file) are not rows: they go to `--errors FILE`
//! (a CSV of `source, file, message`) or, without it, to stderr, one line each. When nothing
//! at all was exported (an errors-only or empty body) no CSV is written and the exit code is
//! 7, after the errors are reported.

use std::io::Write;

use anyhow::Context as _;

use hume_analysis::export::{
    CsvOptions, ExportError, ExportStats, stream_input_csv_with, write_errors_csv_with,
};

use crate::args::ExportArgs;
use crate::commands::Context;
use crate::exit::Failure;
use crate::input::Input;
use crate::output::write_atomically;

/// Runs the command.
///
/// # Errors
/// Loading the predictions, a body that is not predictions JSON (exit 7), nothing to export
/// (exit 7), writing the CSV or the errors file.
pub fn run(ctx: &Context<'_>, args: ExportArgs) -> anyhow::Result<()> {
    let input = Input::parse(&args.input)?;
    let to_stdout = args.csv.as_os_str() == "-";
    let export = |writer: &mut dyn Write| -> anyhow::Result<ExportStats> {
        let mut opened = input.open(ctx)?;
        let stats = stream_input_csv_with(
            std::io::BufReader::new(&mut opened.reader),
            writer,
            csv_options(&args),
        );
        opened
            .check(stats)
            .with_context(|| format!("cannot export {}", input.describe()))
    };
    // An export with no row keeps no CSV: the closure fails after noting what it found.
    let mut empty: Option<ExportStats> = None;
    let written = if to_stdout {
        export(&mut std::io::stdout().lock())
    } else {
        write_atomically(&args.csv, |w| {
            let stats = export(w)?;
            if stats.rows == 0 {
                empty = Some(stats);
                anyhow::bail!("nothing to export");
            }
            Ok(stats)
        })
    };
    let stats = match (written, empty) {
        (_, Some(stats)) => stats,
        (Ok(stats), None) => stats,
        (Err(e), None) => return Err(e),
    };
    report_errors(ctx, &args, &stats.errors)?;
    if stats.rows == 0 {
        return Err(Failure::invalid(format!(
            "nothing exported from {}: {}",
            input.describe(),
            if stats.errors.is_empty() {
                "the predictions hold no scores".to_owned()
            } else {
                format!(
                    "every source or file failed ({} error{})",
                    stats.errors.len(),
                    if stats.errors.len() == 1 { "" } else { "s" }
                )
            }
        )));
    }
    if ctx.out.json() {
        ctx.out.print_json(&serde_json::json!({
            "csv": if to_stdout { None } else { Some(args.csv.display().to_string()) },
            "files": stats.files,
            "segments": stats.segments,
            "rows": stats.rows,
            "errors": stats.errors,
        }))?;
    } else if !to_stdout {
        ctx.out.note(&format!(
            "wrote {} rows ({} segments of {} files) to {}{}",
            stats.rows,
            stats.segments,
            stats.files,
            args.csv.display(),
            if stats.errors.is_empty() {
                String::new()
            } else {
                format!("; {} source or file errors", stats.errors.len())
            }
        ));
    }
    Ok(())
}

/// Text cells that would start a spreadsheet formula get a leading `'`, unless `--raw`.
fn csv_options(args: &ExportArgs) -> CsvOptions {
    if args.raw {
        CsvOptions::raw()
    } else {
        CsvOptions::default()
    }
}

/// Writes the errors to `--errors` (even when there are none, so the file always matches
/// the export) or, without it, to stderr (always, even with `--quiet`: they are errors).
fn report_errors(
    ctx: &Context<'_>,
    args: &ExportArgs,
    errors: &[ExportError],
) -> anyhow::Result<()> {
    match &args.errors {
        Some(path) => write_atomically(path, |w| {
            write_errors_csv_with(errors, w, csv_options(args))
                .with_context(|| format!("cannot write {}", path.display()))
        }),
        None => {
            for e in errors {
                ctx.out.error(&format!("error in the predictions: {e}"));
            }
            Ok(())
        }
    }
}
