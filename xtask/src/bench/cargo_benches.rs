//! The cargo benches: hume-models `predictions_parse` and `v1_audio_parse` (criterion) and
//! hume-analysis `export_csv` (its own harness). Each runs with `CRITERION_HOME` and `HUME_BENCH_JSON` set;
//! the rows come from criterion's `estimates.json` and from the JSON summary the bench
//! writes, never from its printed lines.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use super::criterion::{Estimate, read_estimates};
use super::table::{Row, Verdict, size_label};
use crate::cargo::{cargo, target_dir};

/// The criterion ids of the predictions_parse bench: ours, and serde's `IgnoredAny` floor.
const TYPED_ID: &str = "predictions_parse/typed Predictions::from_response";
const FLOOR_ID: &str = "predictions_parse/serde_json IgnoredAny";
/// Issue 2's target: the typed parse at least half as fast as `IgnoredAny`.
const PARSE_TARGET: f64 = 0.5;
/// The criterion ids of the v1_audio_parse bench (issue 12, same target).
const V1_TYPED_ID: &str = "v1_audio_parse/typed AudioFileResponse::from_response";
const V1_FLOOR_ID: &str = "v1_audio_parse/serde_json IgnoredAny";

/// One typed-parse-against-`IgnoredAny` bench: its criterion ids and what its rows say.
struct ParseBench {
    typed_id: &'static str,
    floor_id: &'static str,
    what: &'static str,
}

const PREDICTIONS_PARSE: ParseBench = ParseBench {
    typed_id: TYPED_ID,
    floor_id: FLOOR_ID,
    what: "typed predictions parse",
};

const V1_AUDIO_PARSE: ParseBench = ParseBench {
    typed_id: V1_TYPED_ID,
    floor_id: V1_FLOOR_ID,
    what: "typed v1 audio response parse",
};

/// Runs `cargo bench ARGS` with the report locations set; its output goes to the terminal.
fn run_bench(root: &Path, args: &[&str], summary: &Path) -> Result<()> {
    if summary.exists() {
        std::fs::remove_file(summary)
            .with_context(|| format!("removing the old {}", summary.display()))?;
    }
    if let Some(dir) = summary.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    println!("== cargo bench {}", args.join(" "));
    let status = cargo(root)
        .arg("bench")
        .args(args)
        .env("CRITERION_HOME", criterion_home(root))
        .env("HUME_BENCH_JSON", summary)
        .status()
        .context("starting cargo bench")?;
    if !status.success() {
        bail!("cargo bench {} failed ({status})", args.join(" "));
    }
    Ok(())
}

/// Where criterion writes its results for us.
fn criterion_home(root: &Path) -> PathBuf {
    target_dir(root).join("criterion")
}

/// The summary file a bench writes for us.
fn summary_path(root: &Path, bench: &str) -> PathBuf {
    target_dir(root)
        .join("xtask-bench")
        .join(format!("{bench}.json"))
}

fn read_json(path: &Path) -> Result<Value> {
    let text = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_slice(&text).with_context(|| format!("parsing {}", path.display()))
}

/// Runs a hume-models criterion parse bench and reads its estimates and summary.
fn parse_bench(root: &Path, bench: &str) -> Result<(Vec<Estimate>, Option<Value>)> {
    let summary = summary_path(root, bench);
    let started = SystemTime::now();
    run_bench(
        root,
        &[
            "-p",
            "hume-models",
            "--bench",
            bench,
            "--",
            "--warm-up-time",
            "1",
            "--measurement-time",
            "3",
        ],
        &summary,
    )?;
    let estimates = read_estimates(&criterion_home(root), started)?;
    Ok((estimates, read_json(&summary).ok()))
}

/// hume-models `predictions_parse`: typed parse against serde's `IgnoredAny` floor.
pub fn predictions_parse(root: &Path) -> Result<Vec<Row>> {
    let (estimates, interleaved) = parse_bench(root, "predictions_parse")?;
    predictions_parse_rows(&estimates, interleaved.as_ref())
}

/// hume-models `v1_audio_parse`: the typed parse of a 10 MB v1 audio response against serde's
/// `IgnoredAny` floor (issue 12: at least 0.5x).
pub fn v1_audio_parse(root: &Path) -> Result<Vec<Row>> {
    let (estimates, interleaved) = parse_bench(root, "v1_audio_parse")?;
    v1_audio_parse_rows(&estimates, interleaved.as_ref())
}

/// The predictions_parse rows: criterion's medians, and the bench's interleaved medians
/// (robust to load that lands on one benchmark only), which carry the target when present.
pub fn predictions_parse_rows(
    estimates: &[Estimate],
    interleaved: Option<&Value>,
) -> Result<Vec<Row>> {
    parse_rows(&PREDICTIONS_PARSE, estimates, interleaved)
}

/// The v1_audio_parse rows, as [`predictions_parse_rows`].
pub fn v1_audio_parse_rows(
    estimates: &[Estimate],
    interleaved: Option<&Value>,
) -> Result<Vec<Row>> {
    parse_rows(&V1_AUDIO_PARSE, estimates, interleaved)
}

fn parse_rows(
    bench: &ParseBench,
    estimates: &[Estimate],
    interleaved: Option<&Value>,
) -> Result<Vec<Row>> {
    let find = |id: &str| {
        estimates
            .iter()
            .find(|e| e.full_id == id)
            .and_then(Estimate::mib_per_sec)
            .with_context(|| format!("no criterion result for {id:?}"))
    };
    let (typed, floor) = (find(bench.typed_id)?, find(bench.floor_id)?);
    let body = interleaved
        .and_then(|s| s["body_bytes"].as_f64())
        .or_else(|| estimates.iter().find_map(|e| e.bytes).map(|b| b as f64))
        .map_or_else(|| "?".to_owned(), size_label);
    let ratio = typed / floor;
    let mut rows = vec![Row {
        name: format!("{}, {body} body (criterion medians)", bench.what),
        ours: format!("{typed:.0} MiB/s"),
        baseline: format!("serde IgnoredAny: {floor:.0} MiB/s"),
        ratio: format!("{ratio:.2}x"),
        rss: "-".into(),
        target: format!(">= {PARSE_TARGET}x"),
        verdict: Verdict::of(ratio >= PARSE_TARGET),
    }];
    let figures = interleaved.and_then(|s| {
        Some((
            s["typed_mib_s"].as_f64()?,
            s["ignored_any_mib_s"].as_f64()?,
            s["rounds"].as_u64()?,
        ))
    });
    if let Some((typed, floor, rounds)) = figures {
        // The interleaved figure carries the target; criterion's becomes information.
        rows[0].target = "-".into();
        rows[0].verdict = Verdict::Info;
        let ratio = typed / floor;
        rows.push(Row {
            name: format!("  same, interleaved medians over {rounds} rounds"),
            ours: format!("{typed:.0} MiB/s"),
            baseline: format!("serde IgnoredAny: {floor:.0} MiB/s"),
            ratio: format!("{ratio:.2}x"),
            rss: "-".into(),
            target: format!(">= {PARSE_TARGET}x"),
            verdict: Verdict::of(ratio >= PARSE_TARGET),
        });
    }
    Ok(rows)
}

/// hume-analysis `export_csv`: streamed CSV export against the bare parse, and its peak RSS.
pub fn export_csv(root: &Path) -> Result<Vec<Row>> {
    let summary = summary_path(root, "export_csv");
    run_bench(
        root,
        &["-p", "hume-analysis", "--bench", "export_csv"],
        &summary,
    )?;
    export_csv_rows(&read_json(&summary)?)
}

/// The export_csv rows from the bench's summary: the streamed export (targets: at most 3x
/// the bare parse, peak RSS below 2x the file) and the typed export (information).
pub fn export_csv_rows(summary: &Value) -> Result<Vec<Row>> {
    let file_bytes = summary["file_bytes"]
        .as_f64()
        .context("export_csv summary without file_bytes")?;
    let modes = &summary["modes"];
    let parse_secs = modes["bare-parse"]["secs"]
        .as_f64()
        .context("export_csv summary without the bare parse")?;
    let mut rows = Vec::new();
    for mode in ["stream-file", "typed"] {
        let figures = &modes[mode];
        let (Some(secs), Some(rss_kib)) =
            (figures["secs"].as_f64(), figures["peak_rss_kib"].as_f64())
        else {
            continue;
        };
        let ratio = secs / parse_secs;
        let rss_bytes = rss_kib * 1024.0;
        let rss_x = rss_bytes / file_bytes;
        let targeted = mode == "stream-file";
        rows.push(Row {
            name: format!("CSV export {mode}, {} predictions", size_label(file_bytes)),
            ours: format!("{secs:.3} s"),
            baseline: format!("bare parse (IgnoredAny): {parse_secs:.3} s"),
            ratio: format!("{ratio:.2}x time"),
            rss: format!("{:.0} MB ({rss_x:.2}x file)", rss_bytes / 1e6),
            target: if targeted {
                "<= 3x time, RSS < 2x file".into()
            } else {
                "-".into()
            },
            verdict: if targeted {
                Verdict::of(ratio <= 3.0 && rss_x < 2.0)
            } else {
                Verdict::Info
            },
        });
    }
    if rows.is_empty() {
        bail!("no export figures in the export_csv summary");
    }
    Ok(rows)
}

#[cfg(test)]
mod tests;
