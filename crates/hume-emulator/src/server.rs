//! The accept loop: what `axum::serve` does, with the limits of [`Limits`](crate::Limits).
//!
//! Each connection waits for a slot of the connection cap before it is accepted, is served by
//! hyper with a header-read timeout (which also ends kept-alive connections idle longer than
//! it), and runs on a [`KillableStream`](crate::listener::KillableStream) that closes it after
//! its idle timeout. Connection info ([`ConnHandle`]) reaches handlers as
//! `ConnectInfo<ConnHandle>`, as with `into_make_service_with_connect_info`. Upgrades (the
//! realtime WebSockets) are served as axum serves them.

use std::sync::Arc;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::serve::Listener;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt as _;

use crate::limits::Limits;
use crate::listener::KillableListener;

/// Serves `router` on `listener` until `stop` turns `true`, then lets the connections finish
/// their requests (graceful shutdown) and returns.
pub(crate) async fn serve(
    mut listener: KillableListener,
    router: Router,
    limits: Limits,
    mut stop: watch::Receiver<bool>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let (closing_tx, closing_rx) = watch::channel(false);
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            _ = stop.wait_for(|stop| *stop) => break,
        };
        let (io, handle) = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.wait_for(|stop| *stop) => break,
        };
        let service = router.clone().map_request({
            let handle = handle.clone();
            move |mut request: axum::extract::Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectInfo(handle.clone()));
                request.map(axum::body::Body::new)
            }
        });
        let mut closing = closing_rx.clone();
        let header_read_timeout = limits.header_read_timeout;
        tokio::spawn(async move {
            let _slot = slot;
            let mut builder = Builder::new(TokioExecutor::new());
            builder
                .http1()
                .timer(TokioTimer::new())
                .header_read_timeout(header_read_timeout);
            builder
                .http2()
                .timer(TokioTimer::new())
                .enable_connect_protocol();
            let connection = builder.serve_connection_with_upgrades(
                TokioIo::new(io),
                TowerToHyperService::new(service),
            );
            let mut connection = std::pin::pin!(connection);
            let closed = async move {
                // The guard `wait_for` returns is not `Send`: drop it before any await.
                let _ = closing.wait_for(|closing| *closing).await.map(|_| ());
            };
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(error) = result {
                        tracing::debug!(remote = %handle.remote(), %error, "connection ended");
                    }
                }
                () = closed => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
    let _ = closing_tx.send(true);
    // Every slot back: every connection finished (the caller bounds how long this may take).
    let total = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let _ = slots.acquire_many(total).await;
}
