//! Where output goes: results on stdout (text or `--json`), progress and notes on stderr.
//!
//! Progress is a spinner only when stderr is a terminal ([`std::io::IsTerminal`]); otherwise
//! it is one plain line per change, so logs and pipes stay readable. `--quiet` silences both.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};

use crate::args::Global;

/// How to print.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    json: bool,
    quiet: bool,
    terminal: bool,
}

impl Output {
    /// From the global options, detecting whether stderr is a terminal.
    pub fn new(global: &Global) -> Self {
        Output {
            json: global.json,
            quiet: global.quiet,
            terminal: std::io::stderr().is_terminal(),
        }
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
        let mut out = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, value).context("cannot write to stdout")?;
        writeln!(out).context("cannot write to stdout")?;
        Ok(())
    }

    /// Prints result text on stdout (never silenced).
    ///
    /// # Errors
    /// When stdout cannot be written.
    pub fn print(&self, text: &str) -> anyhow::Result<()> {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| {
                if text.ends_with('\n') {
                    Ok(())
                } else {
                    out.write_all(b"\n")
                }
            })
            .context("cannot write to stdout")
    }

    /// An informational line on stderr (silenced by `--quiet`).
    pub fn note(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
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
        }
    }
}

/// A spinner on a terminal, plain lines (one per change) otherwise.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    quiet: bool,
    last: Option<String>,
}

impl Progress {
    /// Shows the current state; a line is printed only when `message` changed.
    pub fn update(&mut self, message: &str) {
        if self.last.as_deref() == Some(message) {
            return;
        }
        self.last = Some(message.to_owned());
        match &self.bar {
            Some(bar) => bar.set_message(message.to_owned()),
            None if !self.quiet => eprintln!("{message}"),
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

/// Writes `path` all or nothing: `write` fills a new temporary file with a random name in the
/// same directory ([`tempfile::NamedTempFile`]), which is renamed over `path` on success and
/// removed on failure, so an error never leaves a partial file and two runs never share a
/// temporary name. The file gets the permissions a new file would (`0o666` less the umask).
///
/// # Errors
/// What `write` fails with, or creating, flushing or renaming the file.
pub fn write_atomically<T>(
    path: &std::path::Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => std::path::Path::new("."),
    };
    let (file, temp_path) = temp_file_in(dir)
        .with_context(|| format!("cannot create {}", path.display()))?
        .into_parts();
    // From here on, dropping `temp_path` (on any error) removes the temporary file.
    let mut writer = std::io::BufWriter::new(file);
    let value = write(&mut writer)?;
    writer
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    temp_path
        .persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(value)
}

/// A new, randomly named temporary file in `dir`, created like an ordinary new file.
fn temp_file_in(dir: &std::path::Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".hume-").suffix(".partial");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
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

#[cfg(test)]
mod tests;
