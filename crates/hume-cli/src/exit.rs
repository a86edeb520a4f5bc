//! Exit codes: [`ExitKind`], the one function that maps any error to one ([`classify`]), and
//! [`Failure`], the error the commands raise for conditions they detect themselves.

use std::fmt;
use std::process::ExitCode;

use hume::HumeError;
use hume_analysis::AnalysisError;

use crate::models::ParseError;
use crate::models::v1::realtime::ErrorCode;

/// The exit code table shown at the end of `hume --help`.
pub const HELP: &str = "\
Exit codes:
  0  success
  1  other failure (network, server error, local i/o)
  2  usage error (unknown flag, missing argument, malformed number, a value that is not
     one of the accepted names)
  3  authentication error (missing or invalid api key)
  4  the job failed
  5  timed out waiting for the job (it keeps running)
  6  not found (unknown job or run id)
  7  invalid input (missing file, no inputs, bad predictions file, unknown emotion,
     time window outside the media, media the v1 api does not take)
  130  interrupted by Ctrl-C (a bulk `measure` stops taking files, finishes the ones
     in flight and keeps every record written)";

/// The exit code when stdout was closed by its reader (128 + SIGPIPE, what a shell reports
/// for a process the signal ended).
pub const CLOSED_STDOUT: u8 = 141;

/// `true` when writing stdout failed because its reader went away (a broken pipe).
pub fn is_closed_stdout(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Prints clap's message (help, version, or a usage error) without panicking on a closed
/// stream, and returns its exit code (0 for help and version, 2 for usage errors).
pub fn usage(error: &clap::Error) -> ExitCode {
    let _ = error.print();
    match error.kind() {
        clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
            ExitCode::SUCCESS
        }
        _ => ExitKind::Usage.into(),
    }
}

/// Why `hume` stopped, as an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitKind {
    /// 1: anything else (network, server error, local i/o).
    Other = 1,
    /// 2: the command line does not parse (clap's own code).
    Usage = 2,
    /// 3: missing or invalid API key.
    Auth = 3,
    /// 4: the job ended FAILED.
    JobFailed = 4,
    /// 5: waiting for the job timed out.
    Timeout = 5,
    /// 6: the job (or another resource) does not exist.
    NotFound = 6,
    /// 7: bad input (missing file, nothing to process, an unknown emotion, media the v1 API
    /// does not take...).
    Validation = 7,
    /// 130: stopped by Ctrl-C (128 + SIGINT, the shell's convention).
    Interrupted = 130,
}

impl ExitKind {
    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

impl From<ExitKind> for ExitCode {
    fn from(kind: ExitKind) -> Self {
        ExitCode::from(kind.code())
    }
}

/// A failure the CLI itself detected, with the exit code it deserves.
#[derive(Debug)]
pub struct Failure {
    kind: ExitKind,
    message: String,
}

impl Failure {
    /// A failure of this kind.
    pub fn new(kind: ExitKind, message: impl Into<String>) -> Self {
        Failure {
            kind,
            message: message.into(),
        }
    }

    /// Bad input (exit 7).
    pub fn invalid(message: impl Into<String>) -> anyhow::Error {
        anyhow::Error::new(Failure::new(ExitKind::Validation, message))
    }

    /// Its exit kind.
    pub fn kind(&self) -> ExitKind {
        self.kind
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// The exit kind of an error: the first error in its chain that says something decides.
pub fn classify(error: &anyhow::Error) -> ExitKind {
    for cause in error.chain() {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            return f.kind();
        }
        if let Some(e) = cause.downcast_ref::<HumeError>()
            && let Some(kind) = hume_kind(e)
        {
            return kind;
        }
        if let Some(e) = cause.downcast_ref::<AnalysisError>() {
            return analysis_kind(e);
        }
        if cause.downcast_ref::<ParseError>().is_some() {
            return ExitKind::Validation;
        }
    }
    ExitKind::Other
}

/// The exit kind of a client error on its own (a `SubmitUncertain` is "other").
pub fn hume_error_kind(error: &HumeError) -> ExitKind {
    hume_kind(error).unwrap_or(ExitKind::Other)
}

/// The kind of a client error; `None` defers to its source (a `SubmitUncertain`).
fn hume_kind(error: &HumeError) -> Option<ExitKind> {
    Some(match error {
        HumeError::InvalidApiKey { .. } => ExitKind::Auth,
        HumeError::JobNotFound { .. } => ExitKind::NotFound,
        HumeError::JobFailed { .. } => ExitKind::JobFailed,
        HumeError::AwaitTimeout { .. } => ExitKind::Timeout,
        HumeError::Validation(_)
        | HumeError::LocalFile { .. }
        | HumeError::InvalidConfig(_)
        | HumeError::InvalidId(_)
        | HumeError::InvalidMedia { .. }
        | HumeError::RequestTooLarge { .. }
        | HumeError::RealtimeRefused { .. } => ExitKind::Validation,
        HumeError::Api { status, .. }
        | HumeError::V1Api { status, .. }
        | HumeError::RealtimeHandshake { status, .. } => status_kind(*status),
        HumeError::Realtime {
            code: ErrorCode::ConfigInvalid | ErrorCode::MessageInvalid | ErrorCode::MessageTooLarge,
            ..
        } => ExitKind::Validation,
        _ => ExitKind::Other,
    })
}

/// The kind of an error answer, by its HTTP status: 401/403 authentication, 404 not found,
/// 400/413/415/422 the input (a bad request, media too large or of a type the API does not
/// take), anything else other.
fn status_kind(status: hume::StatusCode) -> ExitKind {
    match status.as_u16() {
        401 | 403 => ExitKind::Auth,
        404 => ExitKind::NotFound,
        400 | 413 | 415 | 422 => ExitKind::Validation,
        _ => ExitKind::Other,
    }
}

fn analysis_kind(error: &AnalysisError) -> ExitKind {
    match error {
        AnalysisError::Io(_) | AnalysisError::Csv(_) | AnalysisError::Plot(_) => ExitKind::Other,
        _ => ExitKind::Validation,
    }
}

#[cfg(test)]
mod tests;
