//! The targets: every parser, run on one input under `catch_unwind`, with the consistency
//! checks that must hold whatever the input (see the [crate docs](crate)).

use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};

use hume_analysis::export::{stream_csv, stream_csv_slice};
use hume_analysis::{read_predictions, read_predictions_slice};
use hume_models::v1::media::{
    AudioProbe, JpegProbe, inspect_audio, inspect_audio_header, inspect_jpeg, inspect_jpeg_header,
};
use hume_models::v1::{
    AudioFileResponse, AuthenticationError, ErrorBody, ErrorResponse, Run, RunEventsPage, RunsPage,
    VideoFileResponse,
};
use hume_models::{
    ApiErrorBody, BatchJobDetails, CallbackBody, JobList, Predictions, StartJobResponse,
};

/// The targets' names, in the order they run.
pub const NAMES: [&str; 6] = [
    "v0 predictions (fast path = serde)",
    "v0 details, list, start, callback, error bodies",
    "v1 file responses (fast path = serde)",
    "v1 runs, pages, events, error bodies",
    "v1 media inspection (header = whole)",
    "analysis (export = summary = typed)",
];

/// A target: `Err` says what disagreed.
type Target = fn(&[u8]) -> Result<(), String>;

/// A target that panicked or found a disagreement.
#[derive(Debug)]
pub struct Failure {
    /// The target's name.
    pub target: &'static str,
    /// What went wrong.
    pub what: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.target, self.what)
    }
}

/// Runs `input` through every target.
///
/// # Errors
/// The first target that panicked or disagreed.
pub fn run_all(input: &[u8]) -> Result<(), Failure> {
    let targets: [Target; 6] = [
        v0_predictions,
        v0_other,
        v1_file_responses,
        v1_other,
        v1_media,
        analysis,
    ];
    for (target, name) in targets.into_iter().zip(NAMES) {
        let outcome = catch_unwind(AssertUnwindSafe(|| target(input)));
        let what = match outcome {
            Ok(Ok(())) => continue,
            Ok(Err(what)) => what,
            Err(panic) => format!(
                "panicked: {}",
                panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default()
            ),
        };
        return Err(Failure { target: name, what });
    }
    Ok(())
}

/// `a` and `b` agree: both errors, or equal values.
fn same<T: PartialEq + fmt::Debug, E1, E2>(
    what: &str,
    a: &Result<T, E1>,
    b: &Result<T, E2>,
) -> Result<(), String> {
    match (a, b) {
        (Ok(x), Ok(y)) if x == y => Ok(()),
        (Err(_), Err(_)) => Ok(()),
        (Ok(_), Ok(_)) => Err(format!("{what}: both accept, with different values")),
        (Ok(_), Err(_)) => Err(format!("{what}: only the first accepts")),
        (Err(_), Ok(_)) => Err(format!("{what}: only the second accepts")),
    }
}

fn v0_predictions(input: &[u8]) -> Result<(), String> {
    let typed = Predictions::from_response(input);
    let serde = serde_json::from_slice::<Predictions>(input);
    same("Predictions::from_response vs serde", &typed, &serde)
}

fn v0_other(input: &[u8]) -> Result<(), String> {
    let _ = BatchJobDetails::from_response(input);
    let _ = JobList::from_response(input);
    let _ = StartJobResponse::from_response(input);
    let _ = CallbackBody::from_response(input);
    let error = ApiErrorBody::parse(input);
    let _ = (
        error.message(),
        error.is_invalid_api_key(),
        error.is_job_not_found(),
    );
    Ok(())
}

fn v1_file_responses(input: &[u8]) -> Result<(), String> {
    same(
        "AudioFileResponse::from_response vs serde",
        &AudioFileResponse::from_response(input),
        &serde_json::from_slice::<AudioFileResponse>(input),
    )?;
    let _ = VideoFileResponse::from_response(input);
    Ok(())
}

fn v1_other(input: &[u8]) -> Result<(), String> {
    let _ = Run::from_response(input);
    let _ = RunsPage::from_response(input);
    let _ = RunEventsPage::from_response(input);
    let _ = ErrorBody::from_response(input);
    let _ = AuthenticationError::from_response(input);
    let _ = ErrorResponse::parse(input).message();
    Ok(())
}

/// The header probe, fed the prefix it asks for, decides as the whole input does.
fn v1_media(input: &[u8]) -> Result<(), String> {
    let len = input.len() as u64;
    let whole = inspect_audio(input);
    let mut prefix = input.len().min(64);
    let probed = loop {
        match inspect_audio_header(&input[..prefix], len) {
            Ok(AudioProbe::NeedMore { prefix_len }) => {
                let next = usize::try_from(prefix_len)
                    .unwrap_or(usize::MAX)
                    .min(input.len());
                if next <= prefix {
                    return Err(format!(
                        "audio probe asks for {prefix_len} bytes after {prefix}"
                    ));
                }
                prefix = next;
            }
            Ok(AudioProbe::Ready(found)) => break Ok(found),
            // A probe this harness does not know yet: nothing to compare.
            Ok(_) => return Ok(()),
            Err(e) => break Err(e),
        }
    };
    same("inspect_audio vs inspect_audio_header", &whole, &probed)?;
    let whole = inspect_jpeg(input);
    let mut prefix = input.len().min(64);
    let header = loop {
        match inspect_jpeg_header(&input[..prefix], len) {
            Ok(JpegProbe::NeedMore { prefix_len }) => {
                let next = usize::try_from(prefix_len)
                    .unwrap_or(usize::MAX)
                    .min(input.len());
                if next <= prefix {
                    return Err(format!(
                        "jpeg probe asks for {prefix_len} bytes after {prefix}"
                    ));
                }
                prefix = next;
            }
            other => break other,
        }
    };
    // The header answers a subset of the questions: what it refuses, the whole refuses.
    match (&header, &whole) {
        (Err(_), Ok(_)) => Err("inspect_jpeg accepts what inspect_jpeg_header refuses".into()),
        (Ok(_), Err(_)) | (Ok(_), Ok(_)) | (Err(_), Err(_)) => Ok(()),
    }
}

/// One validation for export, summary and the typed parse.
fn analysis(input: &[u8]) -> Result<(), String> {
    let typed = Predictions::from_response(input);
    let summary = read_predictions_slice(input);
    let summary_streamed = read_predictions(input);
    same("typed vs summary's reader (slice)", &typed, &summary)?;
    same(
        "summary's reader: slice vs stream",
        &summary,
        &summary_streamed,
    )?;
    let export = stream_csv_slice(input, std::io::sink()).map(|s| s.rows);
    let export_streamed = stream_csv(input, std::io::sink()).map(|s| s.rows);
    same("export: slice vs stream", &export, &export_streamed)?;
    match (&typed, &export) {
        (Ok(_), Err(e)) => Err(format!("the typed parse accepts, export refuses: {e}")),
        (Err(e), Ok(_)) => Err(format!("export accepts, the typed parse refuses: {e}")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
