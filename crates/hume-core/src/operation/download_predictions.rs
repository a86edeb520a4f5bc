//! [`DownloadPredictions`]: a job's predictions JSON, streamed to a file byte for byte.

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
use crate::endpoints::predictions::Prefix;
use crate::endpoints::{self, predictions};

/// `GET /v0/batch/jobs/{id}/predictions` streamed to a file, byte for byte as the server sent
/// it (temporary file beside it, length check, a check that the bytes are one complete JSON
/// value, rename), yielding the bytes written.
///
/// An error can come with a 2xx status (`{"message":"job not found"}`), so the body is
/// sniffed first, chunk by chunk ([`predictions::classify_prefix`]): a JSON array is streamed
/// to the file, prefix first; anything else is read up to [`ERROR_BODY_LIMIT`] and decoded
/// into the error, and nothing is written.
///
/// A body that breaks off is a failed attempt, retried within the client's retry budget: while
/// sniffing or reading an error it is simply fetched again; once streaming, the download
/// resumes with a `Range` request when the server offers byte ranges (the rest is appended
/// without sniffing), and restarts from byte 0 otherwise (as for
/// [`DownloadArtifacts`](super::DownloadArtifacts)).
#[derive(Debug)]
pub struct DownloadPredictions {
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
    /// A non-2xx status: its body is the error.
    ReadingError(StatusCode, HeaderMap),
    /// A 2xx status: reading chunks until the prefix says what the body is.
    Sniffing {
        status: StatusCode,
        headers: HeaderMap,
        prefix: Vec<u8>,
    },
    /// A 2xx body that is not predictions: reading the rest of the error.
    ReadingRest {
        status: StatusCode,
        headers: HeaderMap,
        prefix: Vec<u8>,
    },
    Streaming,
}

impl DownloadPredictions {
    /// Downloads the predictions of `job_id` to `dest`.
    pub fn new(
        ctx: &Arc<ClientContext>,
        job_id: impl Into<JobId>,
        dest: impl Into<PathBuf>,
    ) -> Self {
        let job_id = job_id.into();
        Self {
            head: Head::for_job(ctx, &job_id, streamed(predictions::request(ctx, &job_id))),
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
        if status.is_success() {
            self.resume.fresh(&headers, &mut self.head);
            return self.sniff(status, headers, Vec::new(), false);
        }
        self.state = State::ReadingError(status, headers);
        Action::ReadBody {
            limit: ERROR_BODY_LIMIT,
            whole: false,
        }
    }

    /// The next step once `prefix` (the body so far) is known, or the body ended (`ended`).
    fn sniff(
        &mut self,
        status: StatusCode,
        headers: HeaderMap,
        prefix: Vec<u8>,
        ended: bool,
    ) -> Action<u64> {
        match predictions::classify_prefix(&prefix) {
            Prefix::Predictions => {
                let download = Download::new(&self.dest, content_length(&headers))
                    .with_sync(self.ctx.config().sync_downloads())
                    .with_max_bytes(self.ctx.config().max_response_bytes())
                    .with_json_check("predictions", status);
                self.state = State::Streaming;
                Action::StreamToFile { download, prefix }
            }
            Prefix::Undecided if !ended => {
                self.state = State::Sniffing {
                    status,
                    headers,
                    prefix,
                };
                Action::ReadChunk
            }
            Prefix::Undecided | Prefix::NotPredictions if ended => {
                self.not_predictions(status, &headers, &prefix)
            }
            Prefix::Undecided | Prefix::NotPredictions => {
                let limit = ERROR_BODY_LIMIT.saturating_sub(prefix.len() as u64);
                self.state = State::ReadingRest {
                    status,
                    headers,
                    prefix,
                };
                Action::ReadBody {
                    limit,
                    whole: false,
                }
            }
        }
    }

    fn not_predictions(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Action<u64> {
        Action::Done(Err(predictions::not_predictions(
            &self.ctx,
            &self.job_id,
            status,
            headers,
            body,
        )))
    }
}

impl Operation for DownloadPredictions {
    type Output = u64;

    fn next(&mut self, event: Event, now: Duration) -> Action<u64> {
        match (std::mem::replace(&mut self.state, State::Exchanging), event) {
            (State::Exchanging, event) => match self.head.on(event, now) {
                HeadStep::Final(status, headers) => self.on_final(status, headers),
                HeadStep::Act(action) => action,
            },
            (State::ReadingError(status, headers), Event::Body(Ok(body))) => Action::Done(Err(
                endpoints::error_for_status(&self.ctx, Some(&self.job_id), status, &headers, &body),
            )),
            (
                State::Sniffing {
                    status,
                    headers,
                    mut prefix,
                },
                Event::Chunk(Ok(chunk)),
            ) => {
                let ended = chunk.is_none();
                prefix.extend_from_slice(chunk.as_deref().unwrap_or_default());
                self.sniff(status, headers, prefix, ended)
            }
            (
                State::ReadingRest {
                    status,
                    headers,
                    mut prefix,
                },
                Event::Body(Ok(rest)),
            ) => {
                prefix.extend_from_slice(&rest);
                self.not_predictions(status, &headers, &prefix)
            }
            (State::ReadingError(..) | State::ReadingRest { .. }, Event::Body(Err(err)))
            | (State::Sniffing { .. }, Event::Chunk(Err(err))) => {
                // Nothing written yet: fetch it again (within the retry budget).
                self.head.fail(body_read_error(err), now)
            }
            (State::Streaming, Event::Streamed(result)) => Action::Done(result),
            (State::Streaming, Event::Interrupted { download, error }) => {
                self.resume.interrupted(download, &mut self.head);
                self.head.fail(error, now)
            }
            (_, event) => unexpected(&event, "downloading predictions"),
        }
    }
}

#[cfg(test)]
mod tests;
