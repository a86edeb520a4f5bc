//! `FILE_OR_JOB` arguments of `summary`, `export` and `plot`: an existing path is a file
//! (batch predictions, a v1 response, or a results file of `hume measure`: told apart by its
//! content); anything else that does not look like a path is a job id, whose predictions are
//! fetched first.
//!
//! Predictions are never held twice: a job's are streamed to a file in a private temporary
//! folder (removed afterwards), and a file is read as a stream into the typed predictions
//! (`hume_analysis::read_predictions`: one source's bytes at a time), or into the CSV. No
//! input may be larger than [`MAX_INPUT_BYTES`], so `summary /dev/zero` or an endless FIFO
//! ends with an error instead of filling the memory.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context as _;

use crate::commands::Context;
use crate::exit::Failure;
use hume_analysis::Document;

/// The largest predictions input read: 1 GiB (twice what the client accepts in a response).
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// Where predictions come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A predictions JSON file.
    File(PathBuf),
    /// A job whose predictions are fetched.
    Job(String),
}

impl Input {
    /// An existing path is a file. A missing path that looks like one (it has a directory
    /// separator or a `.json` extension) is an error, exit 7; anything else is a job id.
    ///
    /// # Errors
    /// A [`Failure`] for a path that does not exist.
    pub fn parse(arg: &str) -> anyhow::Result<Input> {
        let path = Path::new(arg);
        if path.exists() {
            return Ok(Input::File(path.to_owned()));
        }
        let looks_like_path = arg.contains(['/', std::path::MAIN_SEPARATOR])
            || path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if looks_like_path {
            return Err(Failure::invalid(format!("file not found: {arg}")));
        }
        Ok(Input::Job(arg.to_owned()))
    }

    /// Opens the predictions for reading: the file, or the job's predictions downloaded to a
    /// private temporary folder first.
    ///
    /// # Errors
    /// Opening the file, or fetching the job's predictions.
    pub fn open(&self, ctx: &Context<'_>) -> anyhow::Result<Opened> {
        let (path, temp) = match self {
            Input::File(path) => (path.clone(), None),
            Input::Job(job) => {
                let dir = tempfile::Builder::new()
                    .prefix("hume-predictions-")
                    .tempdir()
                    .context("cannot create a temporary folder for the predictions")?;
                let path = dir.path().join("predictions.json");
                ctx.session()?
                    .client()
                    .download_job_predictions(job, &path)?;
                (path, Some(dir))
            }
        };
        let file = std::fs::File::open(&path)
            .with_context(|| format!("cannot read {}", self.describe()))?;
        let reader = Limited::new(Box::new(std::io::BufReader::new(file)), MAX_INPUT_BYTES);
        Ok(Opened {
            over: reader.tripped(),
            reader,
            what: self.describe(),
            _temp: temp,
        })
    }

    /// The parsed input, read as a stream: batch predictions, or v1 responses (a response
    /// file or the results file of a bulk `hume measure`).
    ///
    /// # Errors
    /// As [`open`](Self::open), or the body is none of those or is too large (exit 7).
    pub fn load(&self, ctx: &Context<'_>) -> anyhow::Result<Document> {
        let mut opened = self.open(ctx)?;
        let read = Document::from_reader(std::io::BufReader::new(&mut opened.reader));
        opened.check(read).with_context(|| {
            format!(
                "{} does not hold batch predictions, a v1 response or measure results",
                self.describe()
            )
        })
    }

    /// `file x.json` or `job ID`, for messages.
    pub fn describe(&self) -> String {
        match self {
            Input::File(path) => format!("file {}", path.display()),
            Input::Job(job) => format!("job {job}"),
        }
    }
}

/// Predictions open for reading (see [`Input::open`]).
pub struct Opened {
    /// The bytes, at most [`MAX_INPUT_BYTES`].
    pub reader: Limited,
    over: Arc<AtomicBool>,
    what: String,
    /// The temporary folder of a job's predictions, removed when dropped.
    _temp: Option<tempfile::TempDir>,
}

impl Opened {
    /// `result` of reading [`reader`](Self::reader), or the input-too-large error (exit 7)
    /// when the reader stopped at the limit.
    ///
    /// # Errors
    /// `result`'s error, or the limit's.
    pub fn check<T, E>(&self, result: Result<T, E>) -> anyhow::Result<T>
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        if self.over.load(Ordering::Relaxed) {
            return Err(Failure::invalid(format!(
                "{} is larger than {} MiB: not a predictions body",
                self.what,
                MAX_INPUT_BYTES >> 20
            )));
        }
        Ok(result?)
    }
}

/// A reader that fails after a number of bytes, noting it.
pub struct Limited {
    inner: Box<dyn Read + Send>,
    left: u64,
    over: Arc<AtomicBool>,
}

impl Limited {
    /// `inner`, failing once more than `max` bytes come from it.
    pub fn new(inner: Box<dyn Read + Send>, max: u64) -> Self {
        Limited {
            inner,
            left: max,
            over: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Set once the limit stopped the reading.
    pub fn tripped(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.over)
    }
}

impl Read for Limited {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            // One byte more than allowed means too large; exactly the limit is fine.
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? == 0 {
                return Ok(0);
            }
            self.over.store(true, Ordering::Relaxed);
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the input is too large",
            ));
        }
        let cap = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..cap])?;
        self.left -= n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests;
