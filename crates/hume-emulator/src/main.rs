//! `hume-emulator`: runs the emulator until Ctrl-C.
//!
//! Prints `hume-emulator listening on http://127.0.0.1:PORT` once it accepts connections.

#![forbid(unsafe_code)]

use std::time::Duration;

use clap::Parser;
use hume_emulator::{Emulator, EmulatorConfig, FaultConfig};

/// Local emulator of the Hume AI Expression Measurement batch API v0.
#[derive(Debug, Parser)]
#[command(name = "hume-emulator", version)]
struct Args {
    /// Port on 127.0.0.1 (0 = random).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// The accepted API key.
    #[arg(long, env = "HUME_EMULATOR_API_KEY", default_value = hume_emulator::DEFAULT_API_KEY, hide_env_values = true)]
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
    /// Fraction of responses with a truncated body.
    #[arg(long, default_value_t = 0.0)]
    fault_truncate: f64,
    /// Fraction of slow responses.
    #[arg(long, default_value_t = 0.0)]
    fault_slow: f64,
    /// Delay of slow responses, in milliseconds.
    #[arg(long, default_value_t = 2000)]
    slow_ms: u64,
    /// Answer the first N requests with 503.
    #[arg(long, default_value_t = 0)]
    reject_first: u64,
    /// Write one sample of every response body into DIR, then exit (no server is left running).
    #[arg(long, value_name = "DIR")]
    dump_samples: Option<std::path::PathBuf>,
}

impl Args {
    fn config(&self) -> EmulatorConfig {
        let faults = FaultConfig::none()
            .with_server_error(self.fault_503)
            .with_rate_limit(self.fault_429, self.retry_after)
            .with_drop_connection(self.fault_drop)
            .with_truncate_body(self.fault_truncate)
            .with_slow(self.fault_slow, Duration::from_millis(self.slow_ms))
            .with_reject_first(self.reject_first);
        let mut config = EmulatorConfig::default()
            .with_port(self.port)
            .with_queued_duration(Duration::from_millis(self.queued_ms))
            .with_in_progress_duration(Duration::from_millis(self.in_progress_ms))
            .with_seed(self.seed)
            .with_artifact_padding(self.artifact_padding)
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

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    if let Some(dir) = &args.dump_samples {
        return match hume_emulator::dump_samples(dir) {
            Ok(written) => {
                println!("wrote {} samples to {}", written.len(), dir.display());
                std::process::ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("hume-emulator: could not write samples: {error}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(error) => {
            eprintln!("hume-emulator: could not start the runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let emulator = match Emulator::start(args.config()).await {
            Ok(e) => e,
            Err(error) => {
                eprintln!("hume-emulator: {error}");
                return std::process::ExitCode::FAILURE;
            }
        };
        println!("hume-emulator listening on {}", emulator.base_url());
        let _ = tokio::signal::ctrl_c().await;
        emulator.shutdown().await;
        std::process::ExitCode::SUCCESS
    })
}
