//! [`DownloadArtifacts`]: a job's artifacts zip, streamed to a file.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, StatusCode};
use hume_models::JobId;

use super::head::{Head, HeadStep, streamed};
use super::resume::{Continue, Resume};
use super::{Action, Event, Operation, unexpected};
use crate::config::{ClientContext, ERROR_BODY_LIMIT};
use crate::download::{Download, body_read_error, content_length};
use crate::endpoints::artifacts;

/// `GET /v0/batch/jobs/{id}/artifacts` streamed to a file (temporary file beside it, length
/// check, rename: never a partial file), yielding the bytes written. A response that is not
/// the archive (an error status, or JSON with 200) is read up to [`ERROR_BODY_LIMIT`] and
/// becomes the error; nothing is written then.
///
/// A body that breaks off is a failed attempt, retried within the client's retry budget: the
/// download resumes with a `Range` request when the server offers byte ranges, and restarts
/// from byte 0 otherwise. A partial file is kept for the next attempt only when it can be tied
/// to the same entity (a strong `ETag` sent back as `If-Range`, or the total length checked
/// against `Content-Range`).
#[derive(Debug)]
pub struct DownloadArtifacts {
    ctx: Arc<ClientContext>,
    job_id: JobId,
    dest: PathBuf,
    head: Head,
    resume: Resume,
    state: State,
}

#[derive(Debug)]
enum State {
    Exchanging,
    ReadingError(StatusCode, HeaderMap),
    Streaming,
}

impl DownloadArtifacts {
    /// Downloads the artifacts of `job_id` to `dest`.
    pub fn new(
        ctx: &Arc<ClientContext>,
        job_id: impl Into<JobId>,
        dest: impl Into<PathBuf>,
    ) -> Self {
        let job_id = job_id.into();
        Self {
            head: Head::for_job(ctx, &job_id, streamed(artifacts::request(ctx, &job_id))),
            ctx: Arc::clone(ctx),
            job_id,
            dest: dest.into(),
            resume: Resume::default(),
            state: State::Exchanging,
        }
    }

    /// The next step for a final response head.
    fn on_final(&mut self, status: StatusCode, headers: HeaderMap) -> Action<u64> {
        match self.resume.on_response(status, &headers, &mut self.head) {
            Continue::Stream(download) => {
                self.state = State::Streaming;
                return Action::StreamToFile {
                    download,
                    prefix: Vec::new(),
                };
            }
            Continue::Restart(action) => return action,
            Continue::Fresh => {}
        }
        if artifacts::is_download(status, &headers) {
            self.resume.fresh(&headers, &mut self.head);
            self.state = State::Streaming;
            let download = Download::new(&self.dest, content_length(&headers))
                .with_sync(self.ctx.config().sync_downloads())
                .with_max_bytes(self.ctx.config().max_download_bytes());
            return Action::StreamToFile {
                download,
                prefix: Vec::new(),
            };
        }
        self.state = State::ReadingError(status, headers);
        Action::ReadBody {
            limit: ERROR_BODY_LIMIT,
            whole: false,
        }
    }
}

impl Operation for DownloadArtifacts {
    type Output = u64;

    fn next(&mut self, event: Event, now: Duration) -> Action<u64> {
        match (std::mem::replace(&mut self.state, State::Exchanging), event) {
            (State::Exchanging, event) => match self.head.on(event, now) {
                HeadStep::Final(status, headers) => self.on_final(status, headers),
                HeadStep::Act(action) => action,
            },
            (State::ReadingError(status, headers), Event::Body(read)) => match read {
                Ok(body) => Action::Done(Err(artifacts::error(
                    &self.ctx,
                    &self.job_id,
                    status,
                    &headers,
                    &body,
                ))),
                Err(err) => self.head.fail(body_read_error(err), now),
            },
            (State::Streaming, Event::Streamed(result)) => Action::Done(result),
            (State::Streaming, Event::Interrupted { download, error }) => {
                self.resume.interrupted(download, &mut self.head);
                self.head.fail(error, now)
            }
            (_, event) => unexpected(&event, "downloading artifacts"),
        }
    }
}

#[cfg(test)]
mod tests;
