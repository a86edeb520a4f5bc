//! Issue 13's realtime rows: 100 concurrent async audio sessions against the emulator (relaxed
//! pacing, in its own `hume-bench serve-realtime` process) — peak client RSS under 64 MiB, CPU
//! per session-second reported — and one session's send rate over a long stream, within 2% of
//! real time.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};
use serde_json::Value;

use super::harness::{KEY, ServeChild, measure};
use super::options::Sizes;
use super::stats::{rss_kib, secs};
use super::table::{Row, Verdict, rss_label};

/// Concurrent sessions of the memory row.
const SESSIONS: usize = 100;

/// Peak RSS target of the memory row, in KiB (64 MiB).
const RSS_TARGET_KIB: u64 = 64 * 1024;

/// Largest deviation of the send rate from real time.
const RATE_TOLERANCE: f64 = 0.02;

/// The `hume-bench serve-realtime` child; dropping it stops it.
struct RealtimeServer {
    _child: ServeChild,
    url: String,
}

impl RealtimeServer {
    fn start(exe: &Path) -> Result<Self> {
        let mut command = Command::new(exe);
        command.env("HUME_BENCH_KEY", KEY).args(["serve-realtime"]);
        let child = ServeChild::start(command, "hume-bench serve-realtime")?;
        let url = child
            .field("emulator")
            .context("the serve-realtime line names no emulator")?;
        Ok(RealtimeServer { _child: child, url })
    }
}

/// The two rows.
pub fn realtime(exe: &Path, sizes: &Sizes) -> Result<Vec<Row>> {
    println!(
        "== realtime ({SESSIONS} sessions x {} s; pacing: 1 session x {} s)",
        sizes.realtime_secs, sizes.pacing_secs
    );
    let server = RealtimeServer::start(exe)?;
    let (sessions, seconds) = (SESSIONS.to_string(), sizes.realtime_secs.to_string());
    let many = measure(
        exe,
        &[
            "realtime",
            "--base-url",
            &server.url,
            "--sessions",
            &sessions,
            "--seconds",
            &seconds,
        ],
    )?;
    let pacing_secs = sizes.pacing_secs.to_string();
    let one = measure(
        exe,
        &[
            "realtime",
            "--base-url",
            &server.url,
            "--sessions",
            "1",
            "--seconds",
            &pacing_secs,
        ],
    )?;
    drop(server);
    Ok(vec![memory_row(&many), pacing_row(&one)])
}

fn count(report: &Value, key: &str) -> u64 {
    report[key].as_u64().unwrap_or(u64::MAX)
}

fn float(report: &Value, key: &str) -> f64 {
    report[key].as_f64().unwrap_or(f64::NAN)
}

/// Every session completed, with all its audio received and no `rate_limited`.
fn whole(report: &Value) -> bool {
    count(report, "failed") == 0
        && count(report, "rate_limited") == 0
        && count(report, "fully_received") == count(report, "sessions")
}

fn memory_row(report: &Value) -> Row {
    let rss = rss_kib(report);
    let sessions = count(report, "sessions");
    Row {
        name: format!(
            "realtime: {sessions} concurrent async audio sessions x {} s (emulator, relaxed pacing)",
            count(report, "seconds")
        ),
        ours: format!(
            "{:.1} s; {:.2} ms CPU per session-second; {}/{sessions} complete, {} rate_limited",
            secs(report),
            float(report, "cpu_ms_per_session_sec"),
            count(report, "fully_received"),
            count(report, "rate_limited")
        ),
        baseline: format!("{:.2} s CPU in all", float(report, "cpu_secs")),
        ratio: "-".into(),
        rss: rss_label(rss),
        target: "peak RSS < 64 MiB, all complete".into(),
        verdict: Verdict::of(whole(report) && rss.is_some_and(|k| k < RSS_TARGET_KIB)),
    }
}

fn pacing_row(report: &Value) -> Row {
    let rate = float(report, "send_rate_mean");
    Row {
        name: format!(
            "realtime pacing: 1 audio session, {} s stream",
            count(report, "seconds")
        ),
        ours: format!("send rate {rate:.4}x real time"),
        baseline: "1.0x".into(),
        ratio: format!("{:+.2}%", (rate - 1.0) * 100.0),
        rss: rss_label(rss_kib(report)),
        target: "within 2% of 1.0x".into(),
        verdict: Verdict::of(whole(report) && (rate - 1.0).abs() <= RATE_TOLERANCE),
    }
}

#[cfg(test)]
mod tests;
