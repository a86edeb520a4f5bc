//! [`ResultsFile`]: the `-o results.jsonl` of a bulk run: opened fresh or resumed, appended to
//! one complete line per `write`.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use hume_analysis::records::{Record, RecordLines};

use crate::exit::Failure;
use crate::output::write_atomically;

/// What resuming found in an existing results file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Resumed {
    /// Files already recorded `ok` (skipped by this run).
    pub done: HashSet<String>,
    /// Failed records removed because their file is measured again.
    pub retried: usize,
    /// An incomplete last line (a write the process did not finish) was removed.
    pub torn: bool,
}

/// The results file, open for appending.
#[derive(Debug)]
pub struct ResultsFile {
    file: File,
    path: PathBuf,
}

impl ResultsFile {
    /// Opens `path` for a run over `files`.
    ///
    /// Without `resume`, the file must not exist or be empty. With `resume`, an existing file
    /// is read: the files recorded `ok` are returned to be skipped; failed records of files in
    /// `files` (measured again) and a torn last line are removed first (the file is rewritten
    /// atomically without them), so each file keeps at most one record. A complete line that is
    /// not a record stops the run: it is not a results file.
    ///
    /// # Errors
    /// An existing non-empty file without `resume`, a line that is not a record (exit 7), i/o.
    pub fn open(
        path: &Path,
        files: &HashSet<String>,
        resume: bool,
    ) -> anyhow::Result<(Self, Resumed)> {
        let existing = match std::fs::metadata(path) {
            Ok(meta) => meta.len() > 0,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let mut resumed = Resumed::default();
        if existing {
            if !resume {
                return Err(Failure::invalid(format!(
                    "{} already holds results: pass --resume to continue it (files recorded ok are skipped, failed ones measured again), or choose another file",
                    path.display()
                )));
            }
            let (keep, rewrite) = scan(path, files, &mut resumed)?;
            if rewrite {
                write_atomically(path, |w| {
                    for line in &keep {
                        w.write_all(line)?;
                        w.write_all(b"\n")?;
                    }
                    Ok(())
                })?;
            }
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        Ok((
            ResultsFile {
                file,
                path: path.to_owned(),
            },
            resumed,
        ))
    }

    /// Appends one record: its complete line in one `write` (the rest, should the system
    /// write less, right after), then a flush.
    ///
    /// # Errors
    /// When the line cannot be written.
    pub fn append(&mut self, record: &Record) -> anyhow::Result<()> {
        let line = record.to_line();
        let written = self
            .file
            .write(&line)
            .and_then(|n| self.file.write_all(&line[n..]))
            .and_then(|()| self.file.flush());
        written.with_context(|| format!("cannot write {}", self.path.display()))
    }

    /// Flushes the file to disk.
    ///
    /// # Errors
    /// When the file cannot be synced.
    pub fn finish(self) -> anyhow::Result<()> {
        self.file
            .sync_all()
            .with_context(|| format!("cannot write {}", self.path.display()))
    }
}

/// Reads an existing results file: the lines to keep, and whether the file must be rewritten
/// without the others.
fn scan(
    path: &Path,
    files: &HashSet<String>,
    resumed: &mut Resumed,
) -> anyhow::Result<(Vec<Vec<u8>>, bool)> {
    let reader = BufReader::new(
        File::open(path).with_context(|| format!("cannot read {}", path.display()))?,
    );
    let mut keep = Vec::new();
    let mut rewrite = false;
    for line in RecordLines::new(reader) {
        let line = line.with_context(|| format!("cannot read {}", path.display()))?;
        if !line.complete {
            resumed.torn = true;
            rewrite = true;
            continue;
        }
        let record = Record::parse(&line.bytes).map_err(|e| {
            Failure::invalid(format!(
                "{} line {} is {e}: not a results file of `hume measure`; refusing to resume into it",
                path.display(),
                line.number
            ))
        })?;
        if record.is_ok() {
            if resumed.done.insert(record.file) {
                keep.push(line.bytes);
            } else {
                rewrite = true; // a second ok record of one file: keep the first
            }
        } else if files.contains(&record.file) {
            resumed.retried += 1;
            rewrite = true;
        } else {
            keep.push(line.bytes); // a failure of a file this run does not measure
        }
    }
    Ok((keep, rewrite))
}

#[cfg(test)]
mod tests;
