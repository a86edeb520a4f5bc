//! Fault injection on the v1 endpoints: the same seeded [`FaultPlan`](crate::FaultPlan) as the
//! v0 side (one draw per request, whichever API it is for), with v1 error bodies: 503
//! `server_busy`, 429 (code `server_busy`, `Retry-After`), connections dropped before or after
//! the request was processed, truncated bodies and slow responses.

use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::drain::answer_after_draining;
use super::error::V1Error;
use super::request_id::ctx_of;
use crate::faults::Fault;
use crate::listener::ConnHandle;
use crate::routes::fault_injection::truncate;
use crate::state::AppState;

/// Applies the next fault of the plan, if any.
pub(crate) async fn inject_faults(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(fault) = state.faults.next_fault() else {
        return next.run(request).await;
    };
    let ctx = ctx_of(&request, &state);
    let conn = request
        .extensions()
        .get::<ConnectInfo<ConnHandle>>()
        .map(|c| c.0.clone());
    tracing::debug!(?fault, path = %request.uri().path(), "injecting fault (v1)");
    let config = state.faults.config();
    match fault {
        // Early answers read the upload first, so the client gets them (see `drain`).
        Fault::ServiceUnavailable => {
            let busy = V1Error::server_busy("the server is busy (injected fault)")
                .into_response_for(&ctx.request_id);
            answer_after_draining(request, busy).await
        }
        Fault::RateLimited => {
            let limited =
                V1Error::rate_limited(config.retry_after_secs).into_response_for(&ctx.request_id);
            answer_after_draining(request, limited).await
        }
        Fault::DropConnection => {
            if let Some(conn) = conn {
                conn.kill();
            }
            V1Error::server_busy("the connection was dropped (injected fault)")
                .into_response_for(&ctx.request_id)
        }
        Fault::DropAfterProcessing => {
            // The request is handled (an upload becomes a run), then the answer is lost.
            let response = next.run(request).await;
            match conn {
                Some(conn) => {
                    conn.kill();
                    drop(response);
                    V1Error::server_busy("the connection was dropped (injected fault)")
                        .into_response_for(&ctx.request_id)
                }
                None => response,
            }
        }
        Fault::Slow => {
            tokio::time::sleep(config.slow_delay).await;
            next.run(request).await
        }
        Fault::TruncateBody => {
            let response = next.run(request).await;
            match conn {
                Some(conn) => truncate(response, conn).await,
                None => response,
            }
        }
    }
}
