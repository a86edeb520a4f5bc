//! Running an emulator in the foreground until Ctrl-C: [`serve_until_ctrl_c`] on the caller's
//! runtime, [`run_until_ctrl_c`] on a runtime of its own. Both the `hume-emulator` binary and
//! the `hume emulator` command use them, so the loop exists once.

use std::future::Future;

use crate::{Emulator, EmulatorConfig, EmulatorError};

/// Starts an emulator on the current tokio runtime, calls `on_ready` with its base URL
/// (`http://127.0.0.1:PORT`) once it accepts connections, serves until Ctrl-C, then shuts it
/// down gracefully.
///
/// # Errors
/// The port cannot be bound ([`EmulatorError::Bind`]), `on_ready` fails
/// ([`EmulatorError::Announce`]; the emulator is stopped), or Ctrl-C cannot be listened for
/// ([`EmulatorError::Signal`]).
pub async fn serve_until_ctrl_c(
    config: EmulatorConfig,
    on_ready: impl FnOnce(&str) -> std::io::Result<()>,
) -> Result<(), EmulatorError> {
    serve_until(config, on_ready, tokio::signal::ctrl_c()).await
}

/// [`serve_until_ctrl_c`] on a new multi-threaded tokio runtime, blocking the calling thread.
///
/// # Errors
/// The runtime cannot be created ([`EmulatorError::Runtime`]), or any error of
/// [`serve_until_ctrl_c`].
pub fn run_until_ctrl_c(
    config: EmulatorConfig,
    on_ready: impl FnOnce(&str) -> std::io::Result<()>,
) -> Result<(), EmulatorError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("hume-emulator")
        .enable_all()
        .build()
        .map_err(EmulatorError::Runtime)?;
    runtime.block_on(serve_until_ctrl_c(config, on_ready))
}

/// The loop itself, with the stop signal injected (tests stop it without a real Ctrl-C).
pub(crate) async fn serve_until(
    config: EmulatorConfig,
    on_ready: impl FnOnce(&str) -> std::io::Result<()>,
    stop: impl Future<Output = std::io::Result<()>>,
) -> Result<(), EmulatorError> {
    let emulator = Emulator::start(config).await?;
    if let Err(error) = on_ready(&emulator.base_url()) {
        emulator.shutdown().await;
        return Err(EmulatorError::Announce(error));
    }
    let stopped = stop.await;
    emulator.shutdown().await;
    stopped.map_err(EmulatorError::Signal)
}

#[cfg(test)]
mod tests;
