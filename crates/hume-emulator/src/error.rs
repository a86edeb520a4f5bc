//! [`EmulatorError`]: why an emulator could not start.

use std::io;

/// Starting (or running) an emulator failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EmulatorError {
    /// The listening socket could not be bound.
    #[error("could not bind 127.0.0.1:{port}")]
    Bind {
        /// The requested port (0 = random).
        port: u16,
        /// The OS error.
        #[source]
        source: io::Error,
    },
    /// The background runtime of a blocking emulator could not be created.
    #[error("could not start the emulator runtime")]
    Runtime(#[source] io::Error),
    /// The background thread of a blocking emulator stopped before reporting its address.
    #[error("the emulator thread stopped during start-up")]
    ThreadDied,
    /// Announcing a foreground emulator's address failed (for example, stdout is closed).
    #[error("could not announce the emulator's address")]
    Announce(#[source] io::Error),
    /// A foreground emulator could not listen for Ctrl-C.
    #[error("could not listen for Ctrl-C")]
    Signal(#[source] io::Error),
}
