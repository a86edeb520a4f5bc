//! Where output goes: results on stdout (text or `--json`), progress, notes and errors on
//! stderr, every line made safe first ([`crate::shown`]: no key, no terminal control).
//!
//! Progress is a spinner only when stderr is a terminal ([`std::io::IsTerminal`]); otherwise
//! it is one plain line per change, so logs and pipes stay readable. `--quiet` silences both.
//! Writing to a closed stderr is ignored; a closed stdout ends the command quietly (see
//! [`crate::exit`]). Files are written through `hume_core::output_file` ([`write_atomically`]).

use std::io::{IsTerminal, Write};
use std::time::Duration;

use anyhow::Context as _;
use hume::models::v1::{Score, Scores as _};
use hume_core::output_file::OutputFile;
use indicatif::{ProgressBar, ProgressStyle};

use crate::args::Global;

/// How to print.
#[derive(Debug, Clone)]
pub struct Output {
    json: bool,
    quiet: bool,
    terminal: bool,
    /// The API key given on the command line or in the environment, never printed.
    secret: Option<String>,
}

impl Output {
    /// From the global options, detecting whether stderr is a terminal.
    pub fn new(global: &Global) -> Self {
        Output {
            json: global.json,
            quiet: global.quiet,
            terminal: std::io::stderr().is_terminal(),
            secret: secret(global),
        }
    }

    /// `text` safe to print (see [`crate::shown`]).
    pub fn shown(&self, text: &str) -> String {
        crate::shown::shown(text, self.secret.as_deref())
    }

    /// Is `--json` on?
    pub fn json(&self) -> bool {
        self.json
    }

    /// Should progress be drawn (stderr is a terminal and `--quiet` is off)?
    pub fn progress_visible(&self) -> bool {
        self.terminal && !self.quiet
    }

    /// Prints a JSON value (pretty) on stdout.
    ///
    /// # Errors
    /// When stdout cannot be written.
    pub fn print_json(&self, value: &serde_json::Value) -> anyhow::Result<()> {
        // serde_json escapes every control character in strings; the key is scrubbed from
        // the text (literal or escaped).
        let text = serde_json::to_string_pretty(value).context("cannot encode json")?;
        let mut out = std::io::stdout().lock();
        out.write_all(self.shown(&text).as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush())
            .context("cannot write to stdout")
    }

    /// Prints result text on stdout (never silenced).
    ///
    /// # Errors
    /// When stdout cannot be written.
    pub fn print(&self, text: &str) -> anyhow::Result<()> {
        let text = self.shown(text);
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| {
                if text.ends_with('\n') {
                    Ok(())
                } else {
                    out.write_all(b"\n")
                }
            })
            .and_then(|()| out.flush())
            .context("cannot write to stdout")
    }

    /// An informational line on stderr (silenced by `--quiet`).
    pub fn note(&self, text: &str) {
        if !self.quiet {
            self.error(text);
        }
    }

    /// A line on stderr, even with `--quiet` (errors of the predictions, the final error).
    /// A closed stderr is ignored: nothing can be reported there.
    pub fn error(&self, text: &str) {
        let line = self.shown(text);
        let mut err = std::io::stderr().lock();
        let _ = err
            .write_all(line.as_bytes())
            .and_then(|()| err.write_all(b"\n"));
    }

    /// A progress display for a long operation.
    pub fn progress(&self) -> Progress {
        let bar = (self.terminal && !self.quiet).then(|| {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} [{elapsed}]") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        Progress {
            bar,
            quiet: self.quiet,
            last: None,
            out: self.clone(),
        }
    }
}

/// The key to keep out of output: `--api-key` or `HUME_API_KEY` (not the emulator's public
/// default key, which names nothing secret).
fn secret(global: &Global) -> Option<String> {
    global
        .api_key
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty() && !global.emulator)
        .map(str::to_owned)
}

/// A spinner on a terminal, plain lines (one per change) otherwise.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    quiet: bool,
    last: Option<String>,
    out: Output,
}

impl Progress {
    /// Shows the current state; a line is printed only when `message` changed.
    pub fn update(&mut self, message: &str) {
        if self.last.as_deref() == Some(message) {
            return;
        }
        self.last = Some(message.to_owned());
        match &self.bar {
            Some(bar) => bar.set_message(self.out.shown(message)),
            None if !self.quiet => self.out.error(message),
            None => {}
        }
    }

    /// Removes the spinner (plain mode: nothing to do); later updates print nothing.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        self.quiet = true;
    }
}

/// Writes `path` all or nothing through `hume_core::output_file::OutputFile`: `write` fills a
/// new, randomly named temporary file beside it (created with `create_new`, so a symbolic
/// link planted at that name is never followed), which is renamed over `path` on success and
/// removed on failure. A destination that is not a regular file (`/dev/null`, a FIFO,
/// `/dev/stdout`) is written in place instead: renaming over it would replace a device node.
///
/// # Errors
/// What `write` fails with, or creating, flushing or renaming the file.
pub fn write_atomically<T>(
    path: &std::path::Path,
    write: impl FnOnce(&mut std::io::BufWriter<OutputFile>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let file =
        OutputFile::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    // From here on, dropping the output (on any error) removes its temporary file.
    let mut writer = std::io::BufWriter::new(file);
    let value = write(&mut writer)?;
    writer
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)
        .and_then(|file| file.commit(false))
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(value)
}

/// Left-aligned columns separated by two spaces; the first row is the header.
pub fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            let pad = widths[c].saturating_sub(cell.chars().count());
            line.extend(std::iter::repeat_n(' ', pad));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `name 0.812, name 0.5, ...`: the `top` highest scores as sent (the lines of `hume measure`
/// and `hume stream`).
pub fn top_scores(scores: &[Score], top: usize) -> String {
    scores
        .top_n(top)
        .iter()
        .map(|s| format!("{} {}", s.name, s.probability))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests;
