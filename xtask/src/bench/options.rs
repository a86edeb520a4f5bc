//! `cargo xtask bench` options ([`Options`]) and the sizes they select ([`Sizes`]).

use anyhow::{Context, Result, bail};

/// Every benchmark, in run order: the client benchmarks ([`CLIENT_BENCHES`]) first.
pub const ALL: [&str; 12] = [
    "download",
    "submit",
    "details",
    "predictions",
    "cli_summary",
    "jobs",
    "images",
    "soak",
    "realtime",
    "predictions_parse",
    "export_csv",
    "v1_audio_parse",
];

/// The benchmarks that measure the clients against local servers: the first seven of [`ALL`].
pub const CLIENT_BENCHES: &[&str] = ALL.split_at(7).0;

/// Command-line options.
#[derive(Debug, Default)]
pub struct Options {
    /// `--quick`: smaller transfers, one round, no cargo benches unless named.
    pub quick: bool,
    /// `--only NAME`: the benchmarks to run (empty: all).
    pub only: Vec<String>,
}

impl Options {
    /// Parses the arguments after `bench`.
    pub fn parse(args: impl Iterator<Item = String>) -> Result<Self> {
        let mut options = Options::default();
        let mut args = args.peekable();
        while let Some(arg) = args.next() {
            let only = if arg == "--quick" {
                options.quick = true;
                continue;
            } else if arg == "--only" {
                args.next().context("--only needs a name")?
            } else if let Some(names) = arg.strip_prefix("--only=") {
                names.to_owned()
            } else {
                bail!(
                    "unknown argument {arg:?}; usage: cargo xtask bench [--quick] [--only NAME]..."
                );
            };
            for name in only.split(',').filter(|n| !n.is_empty()) {
                if !ALL.contains(&name) {
                    bail!("unknown benchmark {name:?}; one of {}", ALL.join(", "));
                }
                options.only.push(name.to_owned());
            }
        }
        Ok(options)
    }

    /// Is this benchmark selected?
    pub fn selected(&self, name: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|n| n == name)
    }

    /// The cargo benches: skipped by `--quick` unless named.
    pub fn selected_cargo(&self, name: &str) -> bool {
        if self.only.is_empty() {
            !self.quick
        } else {
            self.selected(name)
        }
    }
}

/// Sizes and repetitions (full run, or `--quick`).
#[derive(Debug)]
pub struct Sizes {
    /// Bytes of the artifacts download and of the upload.
    pub transfer_bytes: u64,
    /// Bytes of the served predictions file.
    pub predictions_bytes: u64,
    /// `get_job_details` calls per round.
    pub details_calls: u32,
    /// Jobs submitted and awaited.
    pub jobs: usize,
    /// Images measured by the v1 client (issue 12's target is about 1,000, so `--quick` keeps it).
    pub images: usize,
    /// Jobs per soak run (issue 9).
    pub soak_jobs: usize,
    /// Seconds of audio each of the 100 realtime sessions streams (issue 13).
    pub realtime_secs: u64,
    /// Seconds of the single-session pacing stream (issue 13).
    pub pacing_secs: u64,
    /// Rounds of the download and submit measurements.
    pub rounds: usize,
    /// Rounds of the details measurement.
    pub details_rounds: usize,
}

impl Sizes {
    /// The sizes of a full run, or of `--quick`.
    pub fn new(quick: bool) -> Self {
        if quick {
            Sizes {
                transfer_bytes: 256 << 20,
                // The RSS target is relative to a 100 MB file; smaller files weigh the
                // process's fixed few MiB too heavily.
                predictions_bytes: 100_000_000,
                details_calls: 1000,
                jobs: 200,
                images: 1000,
                soak_jobs: 200,
                realtime_secs: 10,
                pacing_secs: 20,
                rounds: 1,
                details_rounds: 1,
            }
        } else {
            Sizes {
                transfer_bytes: 1 << 30,
                predictions_bytes: 100_000_000,
                details_calls: 5000,
                jobs: 1000,
                images: 1000,
                soak_jobs: 1000,
                realtime_secs: 20,
                pacing_secs: 60,
                rounds: 3,
                details_rounds: 7,
            }
        }
    }
}

#[cfg(test)]
mod tests;
