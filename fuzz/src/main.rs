//! `hume-fuzz`: a fuzz harness that runs on stable Rust, without `cargo fuzz`.
//!
//! ```text
//! hume-fuzz [--seconds N] [--seed S]     # mutate the corpus for N seconds (default 60)
//! hume-fuzz --replay FILE                # run one saved input through every target
//! ```
//!
//! Inputs start from a corpus ([`corpus`]: the API fixtures of hume-models, v0 and v1, plus
//! generated WAV and JPEG bytes) and are mutated ([`mutate`]: byte flips, cuts, splices
//! between seeds, JSON tokens that stress parsers). Every input goes through every target
//! ([`targets`]), each under `catch_unwind`:
//! - v0: predictions (the single-pass fast path against plain serde: same result or both
//!   errors), job details, job list, start-job response, callback body, error bodies;
//! - v1: audio and video file responses (fast path against serde), runs, run pages, run
//!   events, error bodies, and the media inspection of audio and JPEG bytes (whole input and
//!   header prefix agree);
//! - the analysis path: `export` and `summary` share one validation, so a body is accepted by
//!   the typed parse, the streamed reader (from a slice and from a reader) and the CSV export
//!   (from a slice and from a reader) alike, or refused by all, and the streamed reader
//!   rebuilds exactly the typed predictions.
//!
//! A panic or a disagreement saves the input under `target/fuzz-failures/` and ends with
//! exit 1; otherwise it prints how many inputs each target ran and exits 0. The run is
//! deterministic for a seed (the default seed is fixed), so a failure found in CI is found
//! again locally.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod corpus;
mod mutate;
mod rng;
mod targets;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::rng::Rng;

/// Command-line options.
struct Options {
    seconds: f64,
    seed: u64,
    replay: Option<PathBuf>,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        seconds: 60.0,
        seed: 0x68_75_6d_65,
        replay: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--seconds" => {
                options.seconds = value("--seconds")?
                    .parse()
                    .ok()
                    .filter(|s: &f64| s.is_finite() && *s >= 0.0 && *s <= 86_400.0)
                    .ok_or("--seconds takes a number from 0 to 86400")?;
            }
            "--seed" => {
                options.seed = value("--seed")?
                    .parse()
                    .map_err(|_| "--seed takes a whole number".to_owned())?;
            }
            "--replay" => options.replay = Some(PathBuf::from(value("--replay")?)),
            other => {
                return Err(format!(
                    "unknown argument {other:?}; usage: hume-fuzz [--seconds N] [--seed S] [--replay FILE]"
                ));
            }
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("hume-fuzz: {message}");
            return ExitCode::from(2);
        }
    };
    if let Some(path) = &options.replay {
        let input = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("hume-fuzz: cannot read {}: {e}", path.display());
                return ExitCode::from(2);
            }
        };
        return match targets::run_all(&input) {
            Ok(()) => {
                println!("hume-fuzz: {} passes every target", path.display());
                ExitCode::SUCCESS
            }
            Err(failure) => {
                eprintln!("hume-fuzz: {failure}");
                ExitCode::FAILURE
            }
        };
    }
    let seeds = corpus::seeds();
    let budget = Duration::from_secs_f64(options.seconds);
    match fuzz(&seeds, options.seed, budget) {
        Ok(count) => {
            println!(
                "hume-fuzz: {count} inputs ({} seeds, seed {}, {:.0} s) through {} targets: no panic, no disagreement",
                seeds.len(),
                options.seed,
                options.seconds,
                targets::NAMES.len()
            );
            ExitCode::SUCCESS
        }
        Err((failure, input)) => {
            eprintln!("hume-fuzz: {failure}");
            match save(&input) {
                Ok(path) => eprintln!(
                    "hume-fuzz: input saved to {} (replay: hume-fuzz --replay FILE)",
                    path.display()
                ),
                Err(e) => eprintln!("hume-fuzz: cannot save the input: {e}"),
            }
            ExitCode::FAILURE
        }
    }
}

/// Runs the seeds, then mutated inputs until `budget` is spent; the count of inputs run, or
/// the first failure with its input.
fn fuzz(
    seeds: &[Vec<u8>],
    seed: u64,
    budget: Duration,
) -> Result<u64, (targets::Failure, Vec<u8>)> {
    let start = Instant::now();
    let mut count = 0u64;
    for input in seeds {
        targets::run_all(input).map_err(|f| (f, input.clone()))?;
        count += 1;
    }
    let mut rng = Rng::new(seed);
    while start.elapsed() < budget {
        let input = mutate::mutated(seeds, &mut rng);
        targets::run_all(&input).map_err(|f| (f, input.clone()))?;
        count += 1;
    }
    Ok(count)
}

/// Saves a failing input under `target/fuzz-failures/`, named by its hash.
fn save(input: &[u8]) -> std::io::Result<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/fuzz-failures");
    std::fs::create_dir_all(&dir)?;
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for b in input {
        hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    let path = dir.join(format!("{hash:016x}.bin"));
    std::fs::write(&path, input)?;
    Ok(path)
}

#[cfg(test)]
mod tests;
