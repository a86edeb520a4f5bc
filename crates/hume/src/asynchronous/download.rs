//! Streaming artifacts and predictions to a file: a temporary file beside the target,
//! a `Content-Length` check and a rename ([`hume_core::Download`]). File work runs on tokio's
//! blocking pool in batches, so runtime threads never wait on the disk.

use std::path::Path;

use hume_core::download::content_length;
use hume_core::endpoints::{artifacts, predictions};
use hume_core::{AsyncBody, Download, ERROR_BODY_LIMIT, HumeError};
use hume_models::JobId;

use super::send::{Sender, body_error};
use crate::predictions_download::{self, PEEK_LIMIT, Prefix};

/// Bytes collected before one write on the blocking pool.
const WRITE_BATCH: usize = 256 * 1024;

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
        stream_to_file(response.body, Vec::new(), expected, dest).await
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
            return stream_to_file(response.body, prefix, expected, dest).await;
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

/// Writes `prefix` then the rest of `body` to `dest` through a [`Download`].
async fn stream_to_file(
    mut body: AsyncBody,
    prefix: Vec<u8>,
    expected: Option<u64>,
    dest: &Path,
) -> Result<u64, HumeError> {
    let dest = dest.to_path_buf();
    let mut download = on_blocking_pool(move || Download::start(dest, expected)).await?;
    let mut pending = prefix;
    while let Some(chunk) = body.chunk().await.map_err(|e| body_error(e, true))? {
        pending.extend_from_slice(&chunk);
        if pending.len() >= WRITE_BATCH {
            download = write(download, std::mem::take(&mut pending)).await?;
        }
    }
    if !pending.is_empty() {
        download = write(download, pending).await?;
    }
    on_blocking_pool(move || download.finish()).await
}

/// Appends `bytes` on the blocking pool and hands the download back.
async fn write(mut download: Download, bytes: Vec<u8>) -> Result<Download, HumeError> {
    on_blocking_pool(move || download.write(&bytes).map(|()| download)).await
}

/// Runs file work on tokio's blocking pool.
async fn on_blocking_pool<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, HumeError> + Send + 'static,
) -> Result<T, HumeError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| HumeError::io("writing a download", std::io::Error::other(e.to_string())))?
}
