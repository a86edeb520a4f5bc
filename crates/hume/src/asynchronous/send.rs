//! Sending one logical request: the [`Exchange`] loop with `tokio::time::sleep`, and reading
//! the body for the endpoint's decoder.

use std::sync::Arc;
use std::time::Instant;

use http::{HeaderMap, StatusCode};
use hume_core::download::body_read_error;
use hume_core::endpoints::submit;
use hume_core::{
    AsyncBody, AsyncTransport, ClientContext, ERROR_BODY_LIMIT, Exchange, ExchangeStep,
    HttpRequest, HttpResponse, HumeError,
};

/// What a client holds: the validated context and the transport.
#[derive(Debug)]
pub(crate) struct Sender {
    pub(crate) ctx: ClientContext,
    pub(crate) transport: Arc<dyn AsyncTransport>,
    /// Whether downloads fsync before the rename (`sync_downloads` on the builder).
    pub(crate) sync_downloads: bool,
}

impl Sender {
    /// Sends `req` through redirects and retries; the response may have any status.
    pub(crate) async fn execute(
        &self,
        req: HttpRequest,
    ) -> Result<HttpResponse<AsyncBody>, HumeError> {
        let config = self.ctx.config();
        let mut exchange = Exchange::new(req, *config.retry(), config.max_redirects());
        let start = Instant::now();
        loop {
            let result = self.transport.send(exchange.request()).await;
            match exchange.on_result(result, start.elapsed()) {
                ExchangeStep::Done(result) => return result,
                ExchangeStep::SendAgain => {}
                ExchangeStep::SleepThenSend(delay) => tokio::time::sleep(delay).await,
            }
        }
    }

    /// Sends `req`, reads the body (capped) and decodes it with an endpoint decoder.
    pub(crate) async fn fetch<T>(
        &self,
        req: HttpRequest,
        decode: impl FnOnce(&ClientContext, StatusCode, &HeaderMap, &[u8]) -> Result<T, HumeError>,
    ) -> Result<T, HumeError> {
        let idempotent = req.method.is_idempotent();
        let mut response = self.execute(req).await?;
        let bytes = if response.status.is_success() {
            response
                .body
                .read_to_vec_limited(self.ctx.config().max_response_bytes())
                .await
        } else {
            response.body.read_up_to(ERROR_BODY_LIMIT).await
        }
        .map_err(|e| body_error(e, idempotent))?;
        decode(&self.ctx, response.status, &response.headers, &bytes)
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
