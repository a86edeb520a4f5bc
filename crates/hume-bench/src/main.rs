//! `hume-bench`: speed and memory benchmarks of the hume clients against local servers.
//!
//! `cargo xtask bench` builds this binary in release once, runs `prepare` and `serve`, then
//! every measurement (and its baseline) as its own child process, and prints one table. Each
//! measurement prints one JSON line ([`report::Report`]) ending with its own peak RSS
//! (`VmHWM`), so the servers' memory never counts in a client's figure.
//!
//! | subcommand | what |
//! |---|---|
//! | `prepare` | the 1 GiB upload file and the 100 MB predictions file ([`upload_file`], `hume_bench_data`) |
//! | `serve` | the emulator and the [`predictions_server`], until stdin closes ([`serve`]) |
//! | `download` | `download_job_artifacts` of a padded artifacts zip ([`measure::download`]) |
//! | `submit` | a multipart submit of one local file ([`measure::submit`]) |
//! | `details` | sequential `get_job_details`, ours or the bare backend ([`measure::details`]) |
//! | `predictions` | a typed predictions fetch, ours or bare + `Value` ([`measure::predictions`]) |
//! | `jobs` | 1,000 jobs submitted and awaited by the async client, adaptive or legacy polling ([`measure::jobs`]) |
//! | `soak` | 1,000 jobs through an emulator of its own, with or without issue 9's faults ([`measure::soak`]) |
//! | `images` | 1,000 JPEGs measured by the async v1 client, 32 at a time ([`measure::images`]) |
//! | `serve-realtime` | the emulator for realtime sessions (relaxed pacing), until stdin closes ([`serve_realtime`]) |
//! | `realtime` | concurrent async realtime audio sessions: peak RSS, CPU per session-second, send rate ([`measure::realtime`]) |

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod cli;
mod clients;
mod counting_transport;
mod cpu_time;
mod measure;
mod peak_rss;
mod predictions_server;
mod prepare;
mod report;
mod serve;
mod serve_realtime;
mod upload_file;

use std::process::ExitCode;

use clap::Parser as _;

use crate::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // `RUST_LOG=hume_core=debug,hume_bench=info` shows the clients' retries, with times and
    // the job they belong to (soak), on stderr.
    if std::env::var_os("RUST_LOG").is_some() {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_writer(std::io::stderr)
            .with_thread_ids(true)
            .init();
    }
    let result = match &cli.command {
        Command::Prepare(args) => prepare::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Download(args) => measure::download::run(args),
        Command::Submit(args) => measure::submit::run(args),
        Command::Details(args) => measure::details::run(args),
        Command::Predictions(args) => measure::predictions::run(args),
        Command::Jobs(args) => measure::jobs::run(args),
        Command::Images(args) => measure::images::run(args),
        Command::Soak(args) => measure::soak::run(args),
        Command::ServeRealtime(args) => serve_realtime::run(args),
        Command::Realtime(args) => measure::realtime::run(args),
        Command::CliSummary(args) => measure::cli_summary::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hume-bench: {err:#}");
            ExitCode::FAILURE
        }
    }
}
