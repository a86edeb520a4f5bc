//! `cargo xtask fuzz [--seconds N] [--seed S]`: the fuzz harness (`hume-fuzz`, see
//! `fuzz/src/main.rs`) built in release and run for N seconds (default 60). `cargo xtask ci`
//! runs it briefly ([`CI_SECONDS`]) on the test build's profile.

use anyhow::{Context, Result, bail};

use crate::cargo::{cargo, workspace_root};

/// Seconds of fuzzing in `cargo xtask ci`.
pub const CI_SECONDS: &str = "5";

/// Runs `cargo xtask fuzz` with the arguments after `fuzz`; `Ok(false)` when it found a
/// failure.
pub fn run(args: &[String]) -> Result<bool> {
    let mut seconds = "60".to_owned();
    let mut seed = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--seconds" => seconds = value()?.clone(),
            "--seed" => seed = Some(value()?.clone()),
            other => bail!(
                "unknown argument {other:?}; usage: cargo xtask fuzz [--seconds N] [--seed S]"
            ),
        }
    }
    let mut forwarded = vec!["--seconds".to_owned(), seconds];
    if let Some(seed) = seed {
        forwarded.extend(["--seed".to_owned(), seed]);
    }
    let status = cargo(&workspace_root())
        .args(["run", "--release", "-p", "hume-fuzz", "--"])
        .args(&forwarded)
        .status()
        .context("running cargo run -p hume-fuzz")?;
    Ok(status.success())
}
