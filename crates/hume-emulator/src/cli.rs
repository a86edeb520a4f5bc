//! [`EmulatorArgs`]: the command-line options of an emulator, and [`serve`], which runs one
//! until Ctrl-C.

use std::time::Duration;

use crate::{Emulator, EmulatorConfig, EmulatorError, FaultConfig, ListBounds};

/// The emulator's command-line options, reusable with `#[command(flatten)]` (the `hume` CLI's
/// `emulator` command embeds them); [`to_config`](Self::to_config) turns them into an
/// [`EmulatorConfig`]. `Debug` redacts the API key.
#[derive(Clone, clap::Args)]
pub struct EmulatorArgs {
    /// Port on 127.0.0.1 (0 = random).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// The accepted API key.
    #[arg(long, env = "HUME_EMULATOR_API_KEY", default_value = crate::DEFAULT_API_KEY, hide_env_values = true)]
    api_key: String,
    /// Accept any non-empty API key.
    #[arg(long)]
    any_api_key: bool,
    /// Milliseconds a job stays QUEUED.
    #[arg(long, default_value_t = 50)]
    queued_ms: u64,
    /// Milliseconds a job stays IN_PROGRESS.
    #[arg(long, default_value_t = 150)]
    in_progress_ms: u64,
    /// Seed of job ids, predictions and faults.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Bytes of deterministic padding in every artifacts zip (streamed; below 4 GiB).
    #[arg(long, default_value_t = 0)]
    artifact_padding: u64,
    /// Extra host allowed to receive callbacks (repeatable; loopback is always allowed).
    #[arg(long = "callback-host")]
    callback_hosts: Vec<String>,
    /// Fraction of requests answered 503.
    #[arg(long, default_value_t = 0.0)]
    fault_503: f64,
    /// Fraction of requests answered 429 with Retry-After.
    #[arg(long, default_value_t = 0.0)]
    fault_429: f64,
    /// Retry-After seconds sent with 429.
    #[arg(long, default_value_t = 1)]
    retry_after: u64,
    /// Fraction of connections dropped without a response.
    #[arg(long, default_value_t = 0.0)]
    fault_drop: f64,
    /// Fraction of requests processed, then dropped without the response.
    #[arg(long, default_value_t = 0.0)]
    fault_drop_after: f64,
    /// Fraction of responses with a truncated body.
    #[arg(long, default_value_t = 0.0)]
    fault_truncate: f64,
    /// Fraction of slow responses.
    #[arg(long, default_value_t = 0.0)]
    fault_slow: f64,
    /// Delay of slow responses, in milliseconds.
    #[arg(long, default_value_t = 2000)]
    slow_ms: u64,
    /// How list filters compare creation times with timestamp_ms.
    #[arg(long, value_parser = ["strict", "inclusive"], default_value = "strict")]
    list_bounds: String,
    /// Answer the first N requests with 503.
    #[arg(long, default_value_t = 0)]
    reject_first: u64,
}

impl EmulatorArgs {
    /// The configuration these options describe.
    pub fn to_config(&self) -> EmulatorConfig {
        let faults = FaultConfig::none()
            .with_server_error(self.fault_503)
            .with_rate_limit(self.fault_429, self.retry_after)
            .with_drop_connection(self.fault_drop)
            .with_truncate_body(self.fault_truncate)
            .with_slow(self.fault_slow, Duration::from_millis(self.slow_ms))
            .with_reject_first(self.reject_first)
            .with_drop_after_processing(self.fault_drop_after);
        let mut config = EmulatorConfig::default()
            .with_port(self.port)
            .with_queued_duration(Duration::from_millis(self.queued_ms))
            .with_in_progress_duration(Duration::from_millis(self.in_progress_ms))
            .with_seed(self.seed)
            .with_artifact_padding(self.artifact_padding)
            .with_list_bounds(if self.list_bounds == "inclusive" {
                ListBounds::Inclusive
            } else {
                ListBounds::Strict
            })
            .with_faults(faults);
        config = if self.any_api_key {
            config.with_any_api_key()
        } else {
            config.with_api_key(self.api_key.clone())
        };
        for host in &self.callback_hosts {
            config = config.with_callback_host(host.clone());
        }
        config
    }
}

impl std::fmt::Debug for EmulatorArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorArgs")
            .field("port", &self.port)
            .field("api_key", &"<redacted>")
            .field("any_api_key", &self.any_api_key)
            .field("seed", &self.seed)
            .field("config", &self.to_config())
            .finish_non_exhaustive()
    }
}

/// Starts an emulator on the current tokio runtime, prints
/// `hume-emulator listening on http://127.0.0.1:PORT` to stdout, and serves until Ctrl-C.
pub async fn serve(config: EmulatorConfig) -> Result<(), EmulatorError> {
    let emulator = Emulator::start(config).await?;
    println!("hume-emulator listening on {}", emulator.base_url());
    let _ = tokio::signal::ctrl_c().await;
    emulator.shutdown().await;
    Ok(())
}

#[cfg(test)]
mod tests;
