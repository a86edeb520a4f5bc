//! `hume-emulator`: runs the emulator until Ctrl-C.
//!
//! Prints `hume-emulator listening on http://127.0.0.1:PORT` once it accepts connections.

#![forbid(unsafe_code)]

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser;
use hume_emulator::EmulatorArgs;

/// Local emulator of the Hume AI Expression Measurement APIs (batch v0 and v1).
#[derive(Debug, Parser)]
#[command(name = "hume-emulator", version)]
struct Args {
    #[command(flatten)]
    emulator: EmulatorArgs,
    /// Write one sample of every response body into DIR, then exit (no server is left running).
    #[arg(long, value_name = "DIR")]
    dump_samples: Option<std::path::PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    if let Some(dir) = &args.dump_samples {
        return match hume_emulator::dump_samples(dir) {
            Ok(written) => {
                println!("wrote {} samples to {}", written.len(), dir.display());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("hume-emulator: could not write samples: {error}");
                ExitCode::FAILURE
            }
        };
    }
    let announce = |url: &str| {
        let mut out = std::io::stdout().lock();
        writeln!(out, "hume-emulator listening on {url}")?;
        out.flush()
    };
    match hume_emulator::run_until_ctrl_c(args.emulator.to_config(), announce) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("hume-emulator: {error}");
            ExitCode::FAILURE
        }
    }
}
