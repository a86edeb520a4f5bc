//! The outermost v1 middleware: every request gets a [`RequestCtx`] (a fresh request id and
//! the time it arrived), and every response an `X-Request-Id` header with that id, errors and
//! 401s included. Bodies that carry a `request_id` carry the same one.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use hume_models::v1::RequestId;
use jiff::Timestamp;

use crate::state::AppState;

/// Name of the response header carrying the request id.
pub(crate) const REQUEST_ID_HEADER: &str = "x-request-id";

/// What the v1 handlers know about the request they answer.
#[derive(Debug, Clone)]
pub(crate) struct RequestCtx {
    /// Identifies the request (`request_id` of bodies, `X-Request-Id`).
    pub(crate) request_id: RequestId,
    /// When it arrived, to the millisecond (a file run's `started_at`).
    pub(crate) received_at: Timestamp,
}

pub(crate) use crate::v1::now;

/// Assigns the request id and stamps it on the response.
pub(crate) async fn assign_request_id(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let ctx = RequestCtx {
        request_id: state.v1.ids.request_id(),
        received_at: now(),
    };
    let header = HeaderValue::from_str(ctx.request_id.as_str()).ok();
    request.extensions_mut().insert(ctx);
    let mut response = next.run(request).await;
    if let Some(value) = header {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    response
}

/// The request's context (always there behind [`assign_request_id`]; a fresh one otherwise).
pub(crate) fn ctx_of(request: &Request, state: &AppState) -> RequestCtx {
    request
        .extensions()
        .get::<RequestCtx>()
        .cloned()
        .unwrap_or_else(|| RequestCtx {
            request_id: state.v1.ids.request_id(),
            received_at: now(),
        })
}
