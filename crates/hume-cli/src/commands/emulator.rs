//! `hume emulator`: the local emulator in the foreground until Ctrl-C.
//!
//! Takes the `hume-emulator` binary's own flags ([`hume_emulator::EmulatorArgs`]) and runs the
//! same loop ([`hume_emulator::run_until_ctrl_c`]). Prints
//! `hume emulator listening on http://127.0.0.1:PORT` on stdout as soon as it accepts
//! connections (with `--json`: `{"base_url": ...}`), so scripts can read the URL.

use anyhow::Context as _;
use hume_emulator::ApiKeyPolicy;

use crate::args::EmulatorArgs;
use crate::commands::Context;

/// Runs the command.
///
/// # Errors
/// The runtime cannot start, the port cannot be bound, or stdout cannot be written.
pub fn run(ctx: &Context<'_>, args: EmulatorArgs) -> anyhow::Result<()> {
    let config = args.emulator.to_config();
    let key_hint = match config.api_key_policy() {
        ApiKeyPolicy::AnyNonEmpty => "any non-empty key",
        ApiKeyPolicy::Exact(key) if key == hume_emulator::DEFAULT_API_KEY => "--api-key test-key",
        ApiKeyPolicy::Exact(_) => "the key from --api-key or the environment",
    };
    let out = &ctx.out;
    let announce = |url: &str| {
        let printed = if out.json() {
            out.print_json(&serde_json::json!({ "base_url": url }))
        } else {
            out.print(&format!("hume emulator listening on {url}"))
        };
        printed.map_err(std::io::Error::other)?;
        out.note(&format!(
            "use it with: hume --base-url {url} ({key_hint}); stop with Ctrl-C"
        ));
        Ok(())
    };
    hume_emulator::run_until_ctrl_c(config, announce).context("cannot run the emulator")?;
    ctx.out.note("emulator stopped");
    Ok(())
}
