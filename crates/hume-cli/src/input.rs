//! `FILE_OR_JOB` arguments of `summary`, `export` and `plot`: an existing path is a file
//! (batch predictions, a v1 response, or a results file of `hume measure`: told apart by its
//! content); anything else that does not look like a path is a job id, whose predictions are
//! fetched first.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::commands::Context;
use crate::exit::Failure;
use hume_analysis::Document;

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

    /// The raw predictions JSON.
    ///
    /// # Errors
    /// Reading the file, or fetching the job's predictions.
    pub fn bytes(&self, ctx: &Context<'_>) -> anyhow::Result<Vec<u8>> {
        match self {
            Input::File(path) => {
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
            }
            Input::Job(job) => ctx.session()?.predictions_bytes(job),
        }
    }

    /// The parsed input: batch predictions, or v1 responses (a response file or the
    /// results file of a bulk `hume measure`).
    ///
    /// # Errors
    /// As [`bytes`](Self::bytes), or the body is none of those (exit 7).
    pub fn load(&self, ctx: &Context<'_>) -> anyhow::Result<Document> {
        let bytes = self.bytes(ctx)?;
        Document::from_slice(&bytes).with_context(|| {
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

#[cfg(test)]
mod tests;
