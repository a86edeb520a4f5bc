//! Fault injection middleware (outermost layer): 503, 429, connections dropped before or after
//! the request is processed, truncated bodies and slow responses, as decided by the seeded
//! [`FaultPlan`](crate::FaultPlan).

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::Stream;

use crate::api_response::ApiError;
use crate::faults::Fault;
use crate::listener::ConnHandle;
use crate::state::AppState;

/// Applies the next fault of the seeded plan, if any.
pub(crate) async fn inject_faults(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(fault) = state.faults.next_fault() else {
        return next.run(request).await;
    };
    let conn = request
        .extensions()
        .get::<ConnectInfo<ConnHandle>>()
        .map(|c| c.0.clone());
    tracing::debug!(?fault, path = %request.uri().path(), peer = ?conn.as_ref().map(ConnHandle::remote), "injecting fault");
    let config = state.faults.config();
    match fault {
        Fault::ServiceUnavailable => ApiError::unavailable().into_response(),
        Fault::RateLimited => ApiError::rate_limited(config.retry_after_secs).into_response(),
        Fault::DropConnection => match conn {
            Some(conn) => {
                conn.kill();
                ApiError::unavailable().into_response()
            }
            None => ApiError::unavailable().into_response(),
        },
        Fault::DropAfterProcessing => {
            let response = next.run(request).await;
            match conn {
                Some(conn) => {
                    conn.kill();
                    drop(response);
                    ApiError::unavailable().into_response()
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

/// Bodies up to this size are measured, then cut in half; longer (or unsized) bodies are cut
/// after this many bytes.
const TRUNCATE_MEASURE_LIMIT: u64 = 64 * 1024 * 1024;
const TRUNCATE_STREAM_AFTER: u64 = 64 * 1024;

pub(crate) async fn truncate(response: Response, conn: ConnHandle) -> Response {
    let (mut parts, body) = response.into_parts();
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .or_else(|| axum::body::HttpBody::size_hint(&body).exact());
    let allowed = match declared {
        Some(len) if len <= TRUNCATE_MEASURE_LIMIT => len / 2,
        _ => TRUNCATE_STREAM_AFTER,
    };
    if let Some(len) = declared {
        parts
            .headers
            .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    let stream = Truncating {
        inner: body.into_data_stream(),
        allowed,
        conn,
        stage: Stage::Forwarding,
    };
    Response::from_parts(parts, Body::from_stream(stream))
}

enum Stage {
    Forwarding,
    Flushing(Pin<Box<tokio::time::Sleep>>),
    Done,
}

/// Forwards `allowed` bytes, gives hyper a moment to flush them, then kills the connection.
struct Truncating {
    inner: axum::body::BodyDataStream,
    allowed: u64,
    conn: ConnHandle,
    stage: Stage,
}

impl Stream for Truncating {
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match &mut this.stage {
                Stage::Forwarding => {
                    if this.allowed == 0 {
                        this.stage = Stage::Flushing(Box::pin(tokio::time::sleep(
                            Duration::from_millis(50),
                        )));
                        continue;
                    }
                    match Pin::new(&mut this.inner).poll_next(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(Some(Ok(mut chunk))) => {
                            if chunk.len() as u64 > this.allowed {
                                chunk.truncate(this.allowed as usize);
                            }
                            this.allowed -= chunk.len() as u64;
                            if chunk.is_empty() {
                                continue;
                            }
                            return Poll::Ready(Some(Ok(chunk)));
                        }
                        Poll::Ready(Some(Err(e))) => {
                            return Poll::Ready(Some(Err(std::io::Error::other(e.to_string()))));
                        }
                        Poll::Ready(None) => {
                            this.allowed = 0;
                            continue;
                        }
                    }
                }
                Stage::Flushing(sleep) => {
                    if sleep.as_mut().poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                    this.conn.kill();
                    this.stage = Stage::Done;
                    return Poll::Ready(Some(Err(std::io::Error::other(
                        "body truncated by fault injection",
                    ))));
                }
                Stage::Done => return Poll::Ready(None),
            }
        }
    }
}
