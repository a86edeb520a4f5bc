//! Streaming artifacts and predictions to a file: a temporary file beside the target,
//! a `Content-Length` check and a rename ([`hume_core::Download`]). One blocking task owns the
//! file for the whole download and is fed chunks over a bounded channel, so runtime threads
//! never wait on the disk.

use std::path::{Path, PathBuf};

use hume_core::download::content_length;
use hume_core::endpoints::{artifacts, predictions};
use hume_core::{AsyncBody, Download, ERROR_BODY_LIMIT, HumeError};
use hume_models::JobId;

use super::send::{Sender, body_error};
use crate::predictions_download::{self, PEEK_LIMIT, Prefix};

impl Sender {
    /// `GET .../artifacts` streamed to `dest`. Returns the bytes written.
    pub(crate) async fn download_artifacts(
        &self,
        job_id: &JobId,
        dest: &Path,
    ) -> Result<u64, HumeError> {
        let mut response = self.execute(artifacts::request(&self.ctx, job_id)).await?;
        if !artifacts::is_download(response.status, &response.headers) {
            let body = response
                .body
                .read_up_to(ERROR_BODY_LIMIT)
                .await
                .map_err(|e| body_error(e, true))?;
            return Err(artifacts::error(
                &self.ctx,
                job_id,
                response.status,
                &response.headers,
                &body,
            ));
        }
        let expected = content_length(&response.headers);
        stream_to_file(
            response.body,
            Vec::new(),
            expected,
            dest,
            self.sync_downloads,
        )
        .await
    }

    /// `GET .../predictions` streamed to `dest` byte for byte. Returns the bytes written.
    pub(crate) async fn download_predictions(
        &self,
        job_id: &JobId,
        dest: &Path,
    ) -> Result<u64, HumeError> {
        let mut response = self
            .execute(predictions::request(&self.ctx, job_id))
            .await?;
        let (status, headers) = (response.status, &response.headers);
        if !status.is_success() {
            let body = response
                .body
                .read_up_to(ERROR_BODY_LIMIT)
                .await
                .map_err(|e| body_error(e, true))?;
            return Err(hume_core::endpoints::error_for_status(
                &self.ctx,
                Some(job_id),
                status,
                headers,
                &body,
            ));
        }
        let mut prefix = Vec::new();
        let kind = loop {
            let kind = predictions_download::classify(&prefix);
            if kind != Prefix::Undecided {
                break kind;
            }
            match response
                .body
                .chunk()
                .await
                .map_err(|e| body_error(e, true))?
            {
                Some(chunk) => prefix.extend_from_slice(&chunk),
                None => break Prefix::NotPredictions,
            }
            if prefix.len() >= PEEK_LIMIT {
                break predictions_download::classify(&prefix);
            }
        };
        if kind == Prefix::Predictions {
            let expected = content_length(headers);
            return stream_to_file(response.body, prefix, expected, dest, self.sync_downloads)
                .await;
        }
        let rest = response
            .body
            .read_up_to(ERROR_BODY_LIMIT.saturating_sub(prefix.len() as u64))
            .await
            .map_err(|e| body_error(e, true))?;
        prefix.extend_from_slice(&rest);
        Err(predictions_download::not_predictions(
            &self.ctx, job_id, status, headers, &prefix,
        ))
    }
}

/// Chunks in flight between the network reader and the file writer.
const CHANNEL_CAPACITY: usize = 16;

/// What the async reader sends to the blocking writer.
enum Msg<B> {
    /// Bytes to append.
    Chunk(B),
    /// The body ended: check the length and rename.
    Finish,
}

/// Removes the temporary file if the download future is dropped (cancelled) before the
/// writer finished; the writer also drops its [`Download`] when the channel closes, but
/// later, on its own thread.
struct TempGuard(Option<PathBuf>);

impl Drop for TempGuard {
    fn drop(&mut self) {
        if let Some(temp) = self.0.take() {
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// Writes `prefix` then the rest of `body` to `dest` through a [`Download`] owned by ONE
/// blocking task: the async side reads chunks and sends them over a bounded channel, so
/// runtime threads never wait on the disk and network reads overlap with file writes.
async fn stream_to_file(
    mut body: AsyncBody,
    prefix: Vec<u8>,
    expected: Option<u64>,
    dest: &Path,
    sync: bool,
) -> Result<u64, HumeError> {
    let dest = dest.to_path_buf();
    let download = on_blocking_pool(move || {
        let mut download = Download::start(dest, expected)?.with_sync(sync);
        download.write(&prefix)?;
        Ok(download)
    })
    .await?;
    let mut guard = TempGuard(Some(download.temp_path().to_path_buf()));
    let (tx, rx) = tokio::sync::mpsc::channel(CHANNEL_CAPACITY);
    let writer = spawn_writer(download, rx);
    let read = async {
        while let Some(chunk) = body.chunk().await.map_err(|e| body_error(e, true))? {
            if tx.send(Msg::Chunk(chunk)).await.is_err() {
                // The writer stopped on an error; it is reported by the join below.
                return Ok(false);
            }
        }
        Ok(tx.send(Msg::Finish).await.is_ok())
    };
    let read: Result<bool, HumeError> = read.await;
    drop(tx);
    let written = writer
        .await
        .map_err(|e| HumeError::io("writing a download", std::io::Error::other(e.to_string())));
    let outcome = match (read, written) {
        (Err(e), _) => Err(e),
        (Ok(_), Ok(result)) => result,
        (Ok(_), Err(e)) => Err(e),
    };
    if outcome.is_ok() {
        guard.0 = None;
    }
    outcome
}

/// The blocking writer: appends chunks until [`Msg::Finish`] (then checks and renames) or
/// until the channel closes without it (then drops the [`Download`], removing the file).
fn spawn_writer<B: AsRef<[u8]> + Send + 'static>(
    mut download: Download,
    mut rx: tokio::sync::mpsc::Receiver<Msg<B>>,
) -> tokio::task::JoinHandle<Result<u64, HumeError>> {
    tokio::task::spawn_blocking(move || {
        loop {
            match rx.blocking_recv() {
                Some(Msg::Chunk(chunk)) => download.write(chunk.as_ref())?,
                Some(Msg::Finish) => return download.finish(),
                None => return Err(aborted()),
            }
        }
    })
}

/// The writer's error when the channel closed without a finish signal.
fn aborted() -> HumeError {
    HumeError::io(
        "writing a download",
        std::io::Error::other("download abandoned before the end of the body"),
    )
}

/// Runs file work on tokio's blocking pool.
async fn on_blocking_pool<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, HumeError> + Send + 'static,
) -> Result<T, HumeError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| HumeError::io("writing a download", std::io::Error::other(e.to_string())))?
}
