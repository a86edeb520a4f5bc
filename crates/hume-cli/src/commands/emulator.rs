//! `hume emulator`: the local emulator in the foreground until Ctrl-C.
//!
//! Prints `hume emulator listening on http://127.0.0.1:PORT` on stdout as soon as it accepts
//! connections (with `--json`: `{"base_url": ...}`), so scripts can read the URL.

use std::time::Duration;

use anyhow::Context as _;

use hume_emulator::{Emulator, EmulatorConfig, FaultConfig};

use crate::args::EmulatorArgs;
use crate::commands::Context;

/// Runs the command.
///
/// # Errors
/// The runtime cannot start or the port cannot be bound.
pub fn run(ctx: &Context<'_>, args: EmulatorArgs) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the emulator runtime")?;
    runtime.block_on(async {
        let emulator = Emulator::start(config(&args))
            .await
            .context("cannot start the emulator")?;
        let url = emulator.base_url();
        if ctx.out.json() {
            ctx.out
                .print_json(&serde_json::json!({ "base_url": url }))?;
        } else {
            ctx.out
                .print(&format!("hume emulator listening on {url}"))?;
        }
        let key_hint = if args.any_key {
            "any non-empty key"
        } else if args.key == hume_emulator::DEFAULT_API_KEY {
            "--api-key test-key"
        } else {
            "the key given with --key"
        };
        ctx.out.note(&format!(
            "use it with: hume --base-url {url} ({key_hint}); stop with Ctrl-C"
        ));
        tokio::signal::ctrl_c()
            .await
            .context("cannot listen for Ctrl-C")?;
        emulator.shutdown().await;
        ctx.out.note("emulator stopped");
        Ok(())
    })
}

/// The emulator configuration the flags describe.
pub fn config(args: &EmulatorArgs) -> EmulatorConfig {
    let faults = FaultConfig::none()
        .with_server_error(args.fault_503)
        .with_rate_limit(args.fault_429, args.retry_after)
        .with_drop_connection(args.fault_drop)
        .with_truncate_body(args.fault_truncate)
        .with_slow(args.fault_slow, Duration::from_millis(args.slow_ms))
        .with_reject_first(args.reject_first);
    let config = EmulatorConfig::default()
        .with_port(args.port)
        .with_queued_duration(Duration::from_millis(args.queued_ms))
        .with_in_progress_duration(Duration::from_millis(args.in_progress_ms))
        .with_seed(args.seed)
        .with_faults(faults);
    if args.any_key {
        config.with_any_api_key()
    } else {
        config.with_api_key(args.key.clone())
    }
}
