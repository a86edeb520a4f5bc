//! Sending one logical request: the [`Exchange`] loop with `std::thread::sleep`, and reading
//! the body for the endpoint's decoder.

use std::sync::Arc;
use std::time::Instant;

use http::{HeaderMap, StatusCode};
use hume_core::download::body_read_error;
use hume_core::endpoints::submit;
use hume_core::{
    BlockingBody, ClientContext, ERROR_BODY_LIMIT, Exchange, ExchangeStep, HttpRequest,
    HttpResponse, HumeError, Transport,
};

/// What a client holds: the validated context and the transport.
#[derive(Debug)]
pub(crate) struct Sender {
    pub(crate) ctx: ClientContext,
    pub(crate) transport: Arc<dyn Transport>,
    /// Whether downloads fsync before the rename (`sync_downloads` on the builder).
    pub(crate) sync_downloads: bool,
}

impl Sender {
    /// Sends `req` through redirects and retries; the response may have any status.
    pub(crate) fn execute(
        &self,
        req: HttpRequest,
    ) -> Result<HttpResponse<BlockingBody>, HumeError> {
        let config = self.ctx.config();
        let mut exchange = Exchange::new(req, *config.retry(), config.max_redirects());
        let start = Instant::now();
        loop {
            let result = self.transport.send(exchange.request());
            match exchange.on_result(result, start.elapsed()) {
                ExchangeStep::Done(result) => return result,
                ExchangeStep::SendAgain => {}
                ExchangeStep::SleepThenSend(delay) => std::thread::sleep(delay),
            }
        }
    }

    /// Sends `req`, reads the body (capped) and decodes it with an endpoint decoder.
    pub(crate) fn fetch<T>(
        &self,
        req: HttpRequest,
        decode: impl FnOnce(&ClientContext, StatusCode, &HeaderMap, &[u8]) -> Result<T, HumeError>,
    ) -> Result<T, HumeError> {
        let idempotent = req.method.is_idempotent();
        let mut response = self.execute(req)?;
        let limit = if response.status.is_success() {
            self.ctx.config().max_response_bytes()
        } else {
            ERROR_BODY_LIMIT
        };
        let bytes = read_body(&mut response.body, limit, response.status.is_success())
            .map_err(|e| body_error(e, idempotent))?;
        decode(&self.ctx, response.status, &response.headers, &bytes)
    }
}

/// Reads a body: all of it (failing past `limit`) for a success, a prefix for an error.
pub(crate) fn read_body(
    body: &mut BlockingBody,
    limit: u64,
    whole: bool,
) -> std::io::Result<Vec<u8>> {
    if whole {
        body.read_to_vec_limited(limit)
    } else {
        body.read_up_to(limit)
    }
}

/// A failure reading a response body. For the submit POST the job may exist.
pub(crate) fn body_error(err: std::io::Error, idempotent: bool) -> HumeError {
    let err = body_read_error(err);
    if idempotent {
        HumeError::Transport(err)
    } else {
        submit::transport_error(err)
    }
}
