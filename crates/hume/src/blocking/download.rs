//! Streaming artifacts and predictions to a file: a temporary file beside the target,
//! a `Content-Length` check and a rename ([`hume_core::download`]).

use std::io::{Cursor, Read};
use std::path::Path;

use hume_core::download::download_blocking;
use hume_core::endpoints::{artifacts, predictions};
use hume_core::{ERROR_BODY_LIMIT, HumeError};
use hume_models::JobId;

use super::send::{Sender, body_error};
use crate::predictions_download::{self, PEEK_LIMIT, Prefix};

impl Sender {
    /// `GET .../artifacts` streamed to `dest`. Returns the bytes written.
    pub(crate) fn download_artifacts(&self, job_id: &JobId, dest: &Path) -> Result<u64, HumeError> {
        let mut response = self.execute(artifacts::request(&self.ctx, job_id))?;
        if !artifacts::is_download(response.status, &response.headers) {
            let body = response
                .body
                .read_up_to(ERROR_BODY_LIMIT)
                .map_err(|e| body_error(e, true))?;
            return Err(artifacts::error(
                &self.ctx,
                job_id,
                response.status,
                &response.headers,
                &body,
            ));
        }
        download_blocking(response.body, &response.headers, dest, self.sync_downloads)
    }

    /// `GET .../predictions` streamed to `dest` byte for byte. Returns the bytes written.
    pub(crate) fn download_predictions(
        &self,
        job_id: &JobId,
        dest: &Path,
    ) -> Result<u64, HumeError> {
        let mut response = self.execute(predictions::request(&self.ctx, job_id))?;
        let (status, headers) = (response.status, &response.headers);
        if !status.is_success() {
            let body = response
                .body
                .read_up_to(ERROR_BODY_LIMIT)
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
        let mut buf = [0u8; 512];
        let kind = loop {
            let kind = predictions_download::classify(&prefix);
            if kind != Prefix::Undecided {
                break kind;
            }
            let n = match response.body.read(&mut buf) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(body_error(e, true)),
            };
            if n == 0 {
                break Prefix::NotPredictions;
            }
            prefix.extend_from_slice(&buf[..n]);
            if prefix.len() >= PEEK_LIMIT {
                break predictions_download::classify(&prefix);
            }
        };
        if kind == Prefix::Predictions {
            return download_blocking(
                Cursor::new(prefix).chain(response.body),
                headers,
                dest,
                self.sync_downloads,
            );
        }
        let rest = response
            .body
            .read_up_to(ERROR_BODY_LIMIT.saturating_sub(prefix.len() as u64))
            .map_err(|e| body_error(e, true))?;
        prefix.extend_from_slice(&rest);
        Err(predictions_download::not_predictions(
            &self.ctx, job_id, status, headers, &prefix,
        ))
    }
}
