//! Starting and stopping an emulator: [`Emulator::start`] (async) and
//! [`Emulator::start_blocking`] (own runtime on a background thread).

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use hume_models::{JobId, JobRequest, ValidationErrors};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::config::EmulatorConfig;
use crate::error::EmulatorError;
use crate::listener::KillableListener;
use crate::state::AppState;
use crate::{artifacts, routes, server};

/// Entry point: starts emulators.
#[derive(Debug, Clone, Copy)]
pub struct Emulator;

impl Emulator {
    /// Binds 127.0.0.1 on the configured port (0 = random) and serves on the current tokio
    /// runtime until [`RunningEmulator::shutdown`] or drop.
    pub async fn start(config: EmulatorConfig) -> Result<RunningEmulator, EmulatorError> {
        let port = config.port;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))
            .await
            .map_err(|source| EmulatorError::Bind { port, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| EmulatorError::Bind { port, source })?;
        let state = Arc::new(AppState::new(config));
        artifacts::warm_up(&state);
        let app = routes::router(Arc::clone(&state));
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let limits = state.config.limits.clone();
        let listener = KillableListener::new(listener, limits.idle_timeout);
        let task = tokio::spawn(server::serve(listener, app, limits, stop_rx));
        tracing::info!(%addr, "hume-emulator listening");
        Ok(RunningEmulator {
            addr,
            state,
            stop: stop_tx,
            task: Some(task),
        })
    }

    /// Starts an emulator on its own tokio runtime in a background thread; it stops when the
    /// handle is dropped (or [`BlockingEmulatorHandle::shutdown`] is called).
    pub fn start_blocking(config: EmulatorConfig) -> Result<BlockingEmulatorHandle, EmulatorError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("hume-emulator")
            .enable_all()
            .build()
            .map_err(EmulatorError::Runtime)?;
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("hume-emulator-main".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    match Emulator::start(config).await {
                        Ok(running) => {
                            let _ = ready_tx.send(Ok((running.addr(), Arc::clone(&running.state))));
                            let _ = stop_rx.await;
                            running.shutdown().await;
                        }
                        Err(e) => {
                            let _ = ready_tx.send(Err(e));
                        }
                    }
                });
                runtime.shutdown_timeout(Duration::from_secs(1));
            })
            .map_err(EmulatorError::Runtime)?;
        match ready_rx.recv() {
            Ok(Ok((addr, state))) => Ok(BlockingEmulatorHandle {
                addr,
                state,
                stop: Some(stop_tx),
                thread: Some(thread),
            }),
            Ok(Err(e)) => {
                let _ = thread.join();
                Err(e)
            }
            Err(_) => Err(EmulatorError::ThreadDied),
        }
    }
}

/// A running emulator on the caller's tokio runtime. [`shutdown`](Self::shutdown) stops it and
/// waits (at most 2 s); dropping it starts the same shutdown without waiting.
#[derive(Debug)]
pub struct RunningEmulator {
    addr: SocketAddr,
    state: Arc<AppState>,
    stop: tokio::sync::watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl RunningEmulator {
    /// `http://127.0.0.1:PORT` (no trailing slash): the base URL to give a client.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Number of jobs submitted so far.
    pub fn job_count(&self) -> usize {
        self.state.len()
    }

    /// Number of v1 runs kept (at most [`V1Config::with_max_runs`](crate::V1Config::with_max_runs)).
    pub fn run_count(&self) -> usize {
        self.state.v1.runs.len()
    }

    /// Number of realtime (WebSocket) sessions open now.
    pub fn session_count(&self) -> usize {
        self.state.v1.sessions.live()
    }

    /// Logs an event in a v1 run's event log, as a realtime session logs the frames it
    /// rejects, so clients can be tested on event pages (`at_cap`, `capped_kinds`, cursors)
    /// without a session. Returns the event's `seq`, or `None` when no run has this id or the
    /// kind has used up its limit
    /// ([`V1Config::with_max_events_per_kind`](crate::V1Config::with_max_events_per_kind)).
    pub fn record_run_event(
        &self,
        run_id: &str,
        kind: hume_models::v1::RunEventKind,
        detail: Option<serde_json::Map<String, serde_json::Value>>,
    ) -> Option<u64> {
        self.state
            .v1
            .runs
            .record_event(run_id, kind, detail, crate::v1::now())
    }

    /// Creates `count` jobs for `request` at once, in process, as if each had been submitted
    /// (same validation, ids, timings and callbacks), and returns their ids in creation order.
    /// They are created within a millisecond or a few, far faster than HTTP submissions:
    /// for tests of listings where many jobs share one creation millisecond.
    ///
    /// # Errors
    /// The validation errors of `request` (a request with local files is refused: uploads
    /// only come through HTTP), or the emulator's limits (see
    /// [`Limits`](crate::Limits)): a job too large, or the job store full of running jobs.
    pub async fn create_jobs(
        &self,
        request: &JobRequest,
        count: usize,
    ) -> Result<Vec<JobId>, ValidationErrors> {
        request.validate()?;
        if !request.files().is_empty() {
            let mut errors = ValidationErrors::new();
            errors.push(
                "files",
                "create_jobs takes no local files; upload them over HTTP",
            );
            return Err(errors);
        }
        // One request for every job: its size is checked once.
        let as_errors = |error: crate::api_response::ApiError| {
            let mut errors = ValidationErrors::new();
            errors.push("jobs", error.describe());
            errors
        };
        crate::job_size::check(&self.state.config.limits, request, &[]).map_err(as_errors)?;
        let mut ids = Vec::with_capacity(count.min(1 << 16));
        for _ in 0..count {
            match routes::submit::create_job(&self.state, request.clone(), Vec::new()) {
                Ok(job) => ids.push(job.id.clone()),
                Err(error) => return Err(as_errors(error)),
            }
        }
        Ok(ids)
    }

    /// Stops accepting connections, lets requests in flight finish (at most 2 s), stops
    /// pending callbacks, and ends realtime sessions (`session.closed` with `server_shutdown`,
    /// close code 1001; waited for at most 2 s).
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        let _ = self.state.shutdown.send(true);
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(Duration::from_secs(2), &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
        self.state
            .v1
            .sessions
            .wait_closed(Duration::from_secs(2))
            .await;
    }
}

impl Drop for RunningEmulator {
    /// Starts a graceful shutdown without waiting for it: the listener closes at once, open
    /// connections finish their current request and close.
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        let _ = self.state.shutdown.send(true);
    }
}

/// An emulator running on its own background thread and runtime; stops on drop.
#[derive(Debug)]
pub struct BlockingEmulatorHandle {
    addr: SocketAddr,
    state: Arc<AppState>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl BlockingEmulatorHandle {
    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Number of jobs submitted so far.
    pub fn job_count(&self) -> usize {
        self.state.len()
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops the emulator and waits for its thread.
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }

    /// Signals the emulator thread to stop and waits for it.
    fn stop_and_join(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for BlockingEmulatorHandle {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}
