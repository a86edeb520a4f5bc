//! The emulator's documented input rules: how a test makes a URL unreachable, a file
//! corrupt, or a whole job fail, without any network access.
//!
//! | input | effect |
//! |---|---|
//! | a URL whose host ends with `.invalid`, or whose path contains `unreachable` | that source gets a source-level `error` and no `results` |
//! | an uploaded file name, or a URL's last path segment, containing `corrupt` | a `results.errors[]` entry for that file, no predictions for it |
//! | any URL (or uploaded file name) containing `fail-job` | the job ends `FAILED` with a message |

use hume_models::JobRequest;

use crate::job::UploadedFile;
use crate::synth::media::url_host_and_path;

/// The marker that makes a job fail.
pub(crate) const FAIL_JOB_MARKER: &str = "fail-job";
/// The marker that makes a URL unreachable.
pub(crate) const UNREACHABLE_MARKER: &str = "unreachable";
/// The marker that makes a file corrupt.
pub(crate) const CORRUPT_MARKER: &str = "corrupt";

/// The failure message of a job that must fail, if any.
pub(crate) fn failure_message(request: &JobRequest, files: &[UploadedFile]) -> Option<String> {
    if let Some(url) = request.urls.iter().find(|u| u.contains(FAIL_JOB_MARKER)) {
        return Some(format!(
            "job failed: could not process {url} (emulated failure: url contains \"{FAIL_JOB_MARKER}\")"
        ));
    }
    files
        .iter()
        .filter_map(|f| f.info.filename.as_deref())
        .find(|name| name.contains(FAIL_JOB_MARKER))
        .map(|name| {
            format!("job failed: could not process {name} (emulated failure: file name contains \"{FAIL_JOB_MARKER}\")")
        })
}

/// The source-level error of a URL that cannot be fetched, if it is one.
pub(crate) fn unreachable_error(url: &str) -> Option<String> {
    let (host, path) = url_host_and_path(url);
    (host.ends_with(".invalid") || host == "invalid" || path.contains(UNREACHABLE_MARKER))
        .then(|| format!("Failed to fetch media from URL {url}: host unreachable (emulated)"))
}

/// Whether a file with this name is treated as corrupt.
pub(crate) fn is_corrupt(name: &str) -> bool {
    name.contains(CORRUPT_MARKER)
}

/// The per-file error message of a corrupt file.
pub(crate) const CORRUPT_MESSAGE: &str =
    "Could not decode media file: the file is corrupt or in an unsupported format (emulated)";
