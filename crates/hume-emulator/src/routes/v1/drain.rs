//! Answering a request early without breaking the client's upload.
//!
//! The authentication and fault layers answer before any handler reads the body. If the
//! server replied and closed while the client was still sending a multipart upload, the client
//! would see a broken pipe instead of the answer (ureq and reqwest both do), and could not tell
//! a 401 or a 503 from a dropped connection. So an early answer first reads the rest of the
//! body and throws it away, up to a cap a little above the largest upload the API takes; past
//! that, the connection closes after the answer as before.

use axum::extract::Request;
use axum::response::Response;
use futures_util::StreamExt as _;
use hume_models::v1::limits::MAX_REQUEST_BYTES;

/// Most bytes read and discarded before an early answer.
const DRAIN_LIMIT: u64 = MAX_REQUEST_BYTES + 1024 * 1024;

/// Reads and discards `request`'s body (up to [`DRAIN_LIMIT`] bytes), then returns `response`.
pub(crate) async fn answer_after_draining(request: Request, response: Response) -> Response {
    let mut body = request.into_body().into_data_stream();
    let mut read: u64 = 0;
    while let Some(Ok(chunk)) = body.next().await {
        read = read.saturating_add(chunk.len() as u64);
        if read > DRAIN_LIMIT {
            break;
        }
    }
    response
}

#[cfg(test)]
mod tests;
