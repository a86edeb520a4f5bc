//! `hume-bench serve-realtime`: an emulator for the realtime benchmark, in its own process so
//! its memory and CPU never count in the measured client's figures.
//!
//! Relaxed pacing (the client's own pacing is what is measured), room for the sessions; prints
//! one JSON line `{"emulator":URL}`, then serves until stdin closes.

use std::io::Read as _;

use anyhow::Context as _;
use hume_emulator::{Emulator, EmulatorConfig, RealtimeConfig, V1Config};
use serde_json::json;

use crate::cli::ServeRealtimeArgs;

/// Runs `serve-realtime`.
///
/// # Errors
/// If the emulator cannot start.
pub fn run(args: &ServeRealtimeArgs) -> anyhow::Result<()> {
    let realtime = RealtimeConfig::default()
        .with_relaxed_pacing(true)
        .with_max_sessions(args.max_sessions);
    let emulator = Emulator::start_blocking(
        EmulatorConfig::default()
            .with_api_key(args.key.clone())
            .with_v1(V1Config::default().with_realtime(realtime)),
    )
    .context("starting the emulator")?;
    println!("{}", json!({ "emulator": emulator.base_url() }));
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    emulator.shutdown();
    Ok(())
}
