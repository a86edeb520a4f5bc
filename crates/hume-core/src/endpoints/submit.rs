//! `POST /v0/batch/jobs`: start a job, as JSON (URLs / text) or multipart (local files).
//!
//! The request is checked locally first (hume-models validation, then every local file must
//! exist and be readable), so an invalid job never reaches the network. A submission that
//! failed after the request may have reached the server becomes
//! [`HumeError::SubmitUncertain`]: the job may or may not exist ([`decode`] for answers,
//! [`transport_error`] for failures, both applied by the
//! [`Submit`](crate::operation::Submit) operation).

use std::path::Path;

use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};
use hume_models::{JobId, JobRequest, StartJobResponse};

use crate::HumeError;
use crate::body::RequestBody;
use crate::config::ClientContext;
use crate::http::HttpRequest;
use crate::multipart::MultipartBody;
use crate::transport_error::{SendState, TransportError};

/// Builds the submit request: JSON when the job has no local [`files`](JobRequest::files),
/// otherwise `multipart/form-data` with one `file` part per path (streamed from disk when
/// sent) and the job as the `json` part.
///
/// # Errors
/// [`HumeError::Validation`] listing every problem of the job, or [`HumeError::LocalFile`]
/// for the first file that is missing, not a regular file, or unreadable.
pub fn request(ctx: &ClientContext, job: &JobRequest) -> Result<HttpRequest, HumeError> {
    job.validate()?;
    let files = job.files();
    let json = Bytes::from(
        serde_json::to_vec(job)
            .map_err(|e| HumeError::InvalidConfig(format!("cannot serialise job request: {e}")))?,
    );
    let body = if files.is_empty() {
        RequestBody::Json(json)
    } else {
        for path in files {
            check_file(path)?;
        }
        let multipart = MultipartBody::new(Some(json), files.to_vec()).map_err(|source| {
            HumeError::LocalFile {
                path: files
                    .iter()
                    .find(|p| check_file(p).is_err())
                    .cloned()
                    .unwrap_or_default(),
                source,
            }
        })?;
        RequestBody::Multipart(multipart)
    };
    let mut req = ctx.request(Method::POST, ctx.base_url().endpoint(&["jobs"]));
    if !files.is_empty() {
        // An upload may take long: the idle timeout (which moves with every chunk sent) and
        // the transfer rate floor bound it, not a total deadline.
        req.deadline = None;
    }
    if let Some(content_type) = body.content_type() {
        req.headers.insert(http::header::CONTENT_TYPE, content_type);
    }
    req.body = body;
    Ok(req)
}

/// Checks that `path` is a readable regular file.
fn check_file(path: &Path) -> Result<(), HumeError> {
    let local = |source| HumeError::LocalFile {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(local)?;
    if !meta.is_file() {
        return Err(local(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        )));
    }
    std::fs::File::open(path).map(drop).map_err(local)
}

/// Decodes the submit response into the new job's id.
///
/// A 2xx whose body cannot be decoded, and any 5xx other than 503, mean the job may exist:
/// both become [`HumeError::SubmitUncertain`].
///
/// # Errors
/// [`HumeError::InvalidApiKey`], [`HumeError::RateLimited`], [`HumeError::Api`] (400/422 with
/// the parsed validation body), [`HumeError::SubmitUncertain`], and
/// [`HumeError::InvalidId`] for a job id that is not a safe path segment (`..`, `a/b`, ...).
pub fn decode(
    ctx: &ClientContext,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<JobId, HumeError> {
    let result = super::decode_json(
        ctx,
        "start job",
        None,
        status,
        headers,
        body,
        StartJobResponse::from_response,
    );
    match result {
        // The id goes into every later URL (and the CLI's folder names): it must be one safe
        // path segment, whoever chose it.
        Ok(response) => match response.job_id.check() {
            Ok(()) => Ok(response.job_id),
            Err(invalid) => Err(ctx.scrub_error(HumeError::InvalidId(invalid))),
        },
        Err(err @ HumeError::Decode { .. }) => Err(HumeError::submit_uncertain(err)),
        Err(err @ HumeError::Api { status, .. })
            if status.is_server_error() && status != StatusCode::SERVICE_UNAVAILABLE =>
        {
            Err(HumeError::submit_uncertain(err))
        }
        Err(err) => Err(err),
    }
}

/// The error for a submit whose transport failed: [`HumeError::SubmitUncertain`] when the
/// request may have been sent, [`HumeError::Transport`] when it certainly was not.
pub fn transport_error(err: TransportError) -> HumeError {
    match err.send_state() {
        SendState::MaybeSent => HumeError::submit_uncertain(HumeError::Transport(err)),
        SendState::NotSent => HumeError::Transport(err),
    }
}
