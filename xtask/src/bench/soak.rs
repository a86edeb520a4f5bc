//! Issue 9's soak row: for each backend, jobs at concurrency 64 through the emulator's faults at
//! the rates, against the same run without faults. Targets: every job COMPLETED with
//! its predictions, 0 lost, 0 duplicates, 0 `SubmitUncertain` left, wall time within 3x. The
//! `hume-bench soak` child starts an emulator of its own.

use std::path::Path;

use anyhow::Result;
use serde_json::Value;

use super::harness::measure;
use super::options::Sizes;
use super::stats::{rss_kib, secs};
use super::table::{Row, Verdict, rss_label};

/// The two clients, in run order.
const BACKENDS: [&str; 2] = ["blocking", "async"];

/// One row per backend.
pub fn soak(exe: &Path, sizes: &Sizes) -> Result<Vec<Row>> {
    println!("== soak ({} jobs per run)", sizes.soak_jobs);
    let count = sizes.soak_jobs.to_string();
    let mut rows = Vec::new();
    for backend in BACKENDS {
        let args = [
            "soak",
            "--backend",
            backend,
            "--jobs",
            &count,
            "--concurrency",
            "64",
        ];
        let clean = measure(exe, &args)?;
        let mut faulty_args = args.to_vec();
        faulty_args.push("--faults");
        let faulty = measure(exe, &faulty_args)?;
        rows.push(row(backend, &clean, &faulty));
    }
    Ok(rows)
}

/// The row of one backend from its fault-free and its faulty report.
fn row(backend: &str, clean: &Value, faulty: &Value) -> Row {
    let field = |r: &Value, k: &str| r[k].as_u64().unwrap_or(u64::MAX);
    let jobs = field(faulty, "jobs");
    let ratio = secs(faulty) / secs(clean);
    let whole = |r: &Value| {
        field(r, "completed") == field(r, "jobs")
            && field(r, "lost") == 0
            && field(r, "duplicates") == 0
            && field(r, "uncertain") == 0
    };
    Row {
        name: format!("soak: {jobs} jobs, concurrency 64, issue 9 faults ({backend})"),
        ours: format!(
            "{:.1} s; {}/{jobs} completed + predictions, {} lost, {} duplicates, {} uncertain; \
             slowest job {:.1} s",
            secs(faulty),
            field(faulty, "completed"),
            field(faulty, "lost"),
            field(faulty, "duplicates"),
            field(faulty, "uncertain"),
            faulty["slowest_job_secs"].as_f64().unwrap_or(f64::NAN)
        ),
        baseline: format!(
            "no faults: {:.1} s, {}/{} completed",
            secs(clean),
            field(clean, "completed"),
            field(clean, "jobs")
        ),
        ratio: format!("{ratio:.2}x time"),
        rss: rss_label(rss_kib(faulty)),
        target: "all completed, 0 lost/dup/uncertain, <= 3x".into(),
        verdict: Verdict::of(whole(faulty) && whole(clean) && ratio <= 3.0),
    }
}

#[cfg(test)]
mod tests;
