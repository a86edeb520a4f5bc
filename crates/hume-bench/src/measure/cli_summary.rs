//! `cli-summary`: the `hume` binary's `summary JOB` (issue 10: the predictions are streamed
//! into the typed parser, never held whole), timed, with the peak RSS of that child process.
//!
//! The child's `VmHWM` (a high-water mark, so it only grows) is read from `/proc/PID/status`
//! every millisecond until the child exits; the last reading is its peak, short of what it
//! allocated in its last millisecond (after the predictions are parsed, the summary only
//! averages and prints).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::cli::CliSummaryArgs;
use crate::peak_rss::peak_rss_kib_of;
use crate::report::Report;

/// Runs `cli-summary`.
///
/// # Errors
/// If `hume` cannot be started or fails.
pub fn run(args: &CliSummaryArgs) -> anyhow::Result<()> {
    let start = Instant::now();
    let mut child = Command::new(&args.hume)
        .args([
            "--quiet",
            "--base-url",
            &args.server.base_url,
            "summary",
            &args.job_id,
        ])
        .env("HUME_API_KEY", &args.server.key)
        .env_remove("HUME_BASE_URL")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("starting {}", args.hume.display()))?;
    let mut peak: Option<u64> = None;
    let status = loop {
        if let Some(kib) = peak_rss_kib_of(child.id()) {
            peak = Some(peak.map_or(kib, |p| p.max(kib)));
        }
        if let Some(status) = child.try_wait().context("waiting for hume")? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let secs = start.elapsed().as_secs_f64();
    anyhow::ensure!(status.success(), "hume summary failed ({status})");
    Report::new("cli_summary", "hume", secs)
        .with("child_peak_rss_kib", peak)
        .print();
    Ok(())
}
