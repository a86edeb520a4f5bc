//! [`Interrupt`]: Ctrl-C (and SIGTERM) as "stop taking work", a second one as "exit now".

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context as _;
use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::flag;

/// Set by the first Ctrl-C (or SIGTERM); a second one ends the process with exit code 130
/// (`signal_hook::flag::register_conditional_shutdown`, armed by the first).
#[derive(Debug, Clone)]
pub struct Interrupt {
    flag: Arc<AtomicBool>,
}

impl Interrupt {
    /// Installs the handlers for the rest of the process.
    ///
    /// # Errors
    /// When a handler cannot be installed.
    pub fn install() -> anyhow::Result<Interrupt> {
        let flag = Arc::new(AtomicBool::new(false));
        for signal in [SIGINT, SIGTERM] {
            // The shutdown goes first: on the first signal the flag is still false, so only the
            // second handler acts (it sets the flag); on the next signal the first one exits.
            flag::register_conditional_shutdown(signal, 130, Arc::clone(&flag))
                .context("cannot install the Ctrl-C handler")?;
            flag::register(signal, Arc::clone(&flag))
                .context("cannot install the Ctrl-C handler")?;
        }
        Ok(Interrupt { flag })
    }

    /// Was Ctrl-C pressed?
    pub fn is_set(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }

    /// The shared flag.
    pub fn flag(&self) -> &AtomicBool {
        &self.flag
    }
}
