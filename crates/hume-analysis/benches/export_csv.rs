//! CSV export throughput and peak memory on a ~200 MB predictions body.
//!
//! `cargo bench -p hume-analysis --bench export_csv` (set `HUME_BENCH_MB` for another size,
//! `HUME_BENCH_ONE_SOURCE=1` to put every file in one source, `HUME_BENCH_ROUNDS` for the
//! number of interleaved rounds).
//!
//! 1. Generates a deterministic predictions body into a temp file with `hume-bench-data` (the
//!    generator every benchmark shares): zipped video clips with every model, uploaded audio,
//!    raw-text items, per-file errors and a failed source; 48 or 53 emotions per segment,
//!    scores printed with full `f64` precision like the API's.
//! 2. Runs the baseline and each export in a child process (this binary, re-executed with
//!    `HUME_ANALYSIS_BENCH_CHILD` set) that times itself and prints its CPU time and its own
//!    peak RSS (`VmHWM` from `/proc/self/status`) before exiting, so each figure is that
//!    run's alone. The baseline is the bare parse, `serde_json::from_slice::<IgnoredAny>` over
//!    the bytes in memory. Modes are interleaved over `HUME_BENCH_ROUNDS` rounds (default 3)
//!    and each keeps its fastest run, which damps noise from other processes.
//!
//! Modes: `bare-parse-reader` (the baseline through `from_reader` on the file, for reference),
//! `stream-file` ([`stream_csv`] on the `File`, the constant-memory path),
//! `stream-slice` ([`stream_csv_slice`] on the body already read into memory),
//! `stream-file-to-tempfile` (as `stream-file`, writing the CSV to disk), `typed` (parse a
//! whole `Predictions` from the bytes in memory, then `write_csv`), and the two halves of `typed` alone (`parse-only`,
//! `csv-only`) to show where the time goes. All but the tempfile mode write to a byte counter.
//!
//! [`stream_csv`]: hume_analysis::export::stream_csv
//! [`stream_csv_slice`]: hume_analysis::export::stream_csv_slice
//!
//! Targets: streamed export at most 3× the bare parse; peak RSS below 2× the file size.
//!
//! With `HUME_BENCH_JSON=PATH` set, every figure is also written to PATH as JSON (what
//! `cargo xtask bench` reads).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use hume_bench_data::{Layout, write_predictions};
use serde::Deserialize as _;

const CHILD_ENV: &str = "HUME_ANALYSIS_BENCH_CHILD";
const PATH_ENV: &str = "HUME_ANALYSIS_BENCH_PATH";

fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// User + system CPU seconds of this process so far (all threads), from `/proc/self/stat`.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the `(comm)`; utime and stime are the 12th and 13th of those.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|v| v.parse().ok())
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let ticks = f.iter().sum::<u64>() as f64;
    ticks / 100.0 // USER_HZ is 100 on Linux
}

/// Counts bytes and discards them.
struct Counter(u64);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The child: one export, then `seconds rows csv_bytes vm_hwm_kib cpu_seconds` on stdout.
fn child(mode: &str, path: &str) {
    // The modes that start from bytes in memory read them before the clock starts, like the
    // baseline does.
    let body = if matches!(mode, "stream-slice" | "typed") {
        std::fs::read(path).unwrap()
    } else {
        Vec::new()
    };
    let start = Instant::now();
    let cpu_start = cpu_secs();
    let (stats, out) = match mode {
        "stream-file" => {
            let mut sink = Counter(0);
            let stats = hume_analysis::export::stream_csv(File::open(path).unwrap(), &mut sink)
                .expect("export");
            (stats, sink.0)
        }
        "stream-file-to-tempfile" => {
            let out = tempfile::NamedTempFile::new().expect("temp file");
            let mut w = BufWriter::with_capacity(1 << 20, out.reopen().unwrap());
            let stats = hume_analysis::export::stream_csv(File::open(path).unwrap(), &mut w)
                .expect("export");
            w.flush().unwrap();
            let size = out.as_file().metadata().unwrap().len();
            (stats, size)
        }
        "stream-slice" => {
            let mut sink = Counter(0);
            let stats = hume_analysis::export::stream_csv_slice(&body, &mut sink).expect("export");
            (stats, sink.0)
        }
        "typed" => {
            let predictions = hume_models::Predictions::from_response(&body).expect("parse");
            drop(body);
            let mut sink = Counter(0);
            let stats = hume_analysis::export::write_csv(&predictions, &mut sink).expect("export");
            (stats, sink.0)
        }
        "bare-parse" => {
            // The baseline: JSON syntax only, no types, no output.
            let body = std::fs::read(path).unwrap();
            let start = Instant::now();
            serde_json::from_slice::<serde::de::IgnoredAny>(&body).expect("valid JSON");
            let secs = start.elapsed().as_secs_f64();
            println!("{secs} 0 0 {} {secs}", vm_hwm_kib());
            return;
        }
        "bare-parse-reader" => {
            // For reference: the same bare parse through `from_reader` on the file, the reader
            // overhead that `stream_csv` on a `File` pays too.
            let start = Instant::now();
            let file = std::io::BufReader::with_capacity(1 << 18, File::open(path).unwrap());
            let mut de = serde_json::Deserializer::from_reader(file);
            serde::de::IgnoredAny::deserialize(&mut de).expect("valid JSON");
            let secs = start.elapsed().as_secs_f64();
            println!("{secs} 0 0 {} {secs}", vm_hwm_kib());
            return;
        }
        "parse-only" => {
            // Breakdown: the typed parse alone, no CSV.
            let body = std::fs::read(path).unwrap();
            let start = Instant::now();
            let predictions = hume_models::Predictions::from_response(&body).expect("parse");
            let secs = start.elapsed().as_secs_f64();
            let segments = hume_analysis::segments(&predictions).count() as u64;
            println!("{secs} {segments} 0 {} {secs}", vm_hwm_kib());
            return;
        }
        "csv-only" => {
            // Breakdown: writing the CSV of already-parsed predictions.
            let body = std::fs::read(path).unwrap();
            let predictions = hume_models::Predictions::from_response(&body).expect("parse");
            drop(body);
            let start = Instant::now();
            let mut sink = Counter(0);
            let stats = hume_analysis::export::write_csv(&predictions, &mut sink).expect("export");
            let secs = start.elapsed().as_secs_f64();
            println!("{secs} {} {} {} {secs}", stats.rows, sink.0, vm_hwm_kib());
            return;
        }
        other => panic!("unknown child mode {other}"),
    };
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_secs() - cpu_start;
    println!("{secs} {} {out} {} {cpu}", stats.rows, vm_hwm_kib());
}

struct ChildReport {
    secs: f64,
    rows: u64,
    out: u64,
    hwm_kib: u64,
    cpu: f64,
}

fn run_child(mode: &str, path: &Path) -> ChildReport {
    let out = Command::new(std::env::current_exe().expect("own path"))
        .env(CHILD_ENV, mode)
        .env(PATH_ENV, path)
        .output()
        .expect("re-exec the bench");
    assert!(
        out.status.success(),
        "child {mode} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let f: Vec<&str> = text.split_whitespace().collect();
    ChildReport {
        secs: f[0].parse().unwrap(),
        rows: f[1].parse().unwrap(),
        out: f[2].parse().unwrap(),
        hwm_kib: f[3].parse().unwrap(),
        cpu: f[4].parse().unwrap(),
    }
}

fn mb(bytes: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let m = bytes as f64 / 1e6;
    m
}

fn main() {
    if let Ok(mode) = std::env::var(CHILD_ENV) {
        let path = std::env::var(PATH_ENV).expect("path for the child");
        child(&mode, &path);
        return;
    }
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        // A test runner (nextest) asking for tests: this binary has none.
        return;
    }
    // `cargo bench` passes `--bench`; anything else (`cargo test --benches`) gets a 2 MB smoke
    // run so test runs stay fast.
    let default_mb = if args.iter().any(|a| a == "--bench") {
        200
    } else {
        2
    };
    let target_mb: u64 = std::env::var("HUME_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_mb);
    // HUME_BENCH_FILE keeps the generated body at that path (for profiling a child mode).
    let dir = tempfile::tempdir().expect("temp dir");
    let path = std::env::var_os("HUME_BENCH_FILE")
        .map_or_else(|| dir.path().join("predictions.json"), Into::into);
    let start = Instant::now();
    // HUME_BENCH_ONE_SOURCE=1: the whole body in one source (worst case for memory).
    let one_source = std::env::var_os("HUME_BENCH_ONE_SOURCE").is_some();
    let layout = if one_source {
        Layout::OneSource
    } else {
        Layout::Mixed
    };
    let size = write_predictions(&path, target_mb * 1_000_000, layout).expect("generate");
    println!(
        "generated {:.1} MB of predictions in {:.1} s ({})",
        mb(size),
        start.elapsed().as_secs_f64(),
        path.display()
    );

    // Every figure comes from its own child process. The machine may be shared, so the modes
    // are interleaved over several rounds and each keeps its fastest run.
    let modes = [
        "bare-parse",
        "bare-parse-reader",
        "stream-file",
        "stream-slice",
        "stream-file-to-tempfile",
        "typed",
        "parse-only",
        "csv-only",
    ];
    let rounds: usize = std::env::var("HUME_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let mut best: Vec<Option<ChildReport>> = modes.iter().map(|_| None).collect();
    for _ in 0..rounds {
        for (slot, mode) in best.iter_mut().zip(modes) {
            let r = run_child(mode, &path);
            if slot.as_ref().is_none_or(|b| r.secs < b.secs) {
                *slot = Some(r);
            }
        }
    }
    let reports: Vec<(&str, ChildReport)> = modes
        .into_iter()
        .zip(best.into_iter().map(|r| r.expect("at least one round")))
        .collect();
    let parse_secs = reports[0].1.secs;
    println!(
        "bare parse (from_slice::<IgnoredAny>): {:.3} s, {:.0} MB/s",
        parse_secs,
        mb(size) / parse_secs
    );
    for (mode, r) in &reports[1..] {
        let hwm = r.hwm_kib * 1024;
        if mode.starts_with("bare") {
            println!(
                "baseline {mode:<22} {:.3} s, {:>4.0} MB/s, {:.2}x bare parse",
                r.secs,
                mb(size) / r.secs,
                r.secs / parse_secs
            );
            continue;
        }
        println!(
            "export {mode:<24} {:.3} s ({:.3} s cpu), {:>4.0} MB/s in, {:.2}x bare parse; {} rows, {:.0} MB csv; peak RSS {:.0} MB = {:.2}x file",
            r.secs,
            r.cpu,
            mb(size) / r.secs,
            r.secs / parse_secs,
            r.rows,
            mb(r.out),
            mb(hwm),
            mb(hwm) / mb(size)
        );
    }
    let streamed = &reports[2].1;
    let ratio = streamed.secs / parse_secs;
    let rss = mb(streamed.hwm_kib * 1024) / mb(size);
    println!(
        "stream_csv(File): {:.2}x the bare parse (target <= 3x: {}), peak RSS {:.2}x the file (target < 2x: {})",
        ratio,
        if ratio <= 3.0 { "met" } else { "MISSED" },
        rss,
        if rss < 2.0 { "met" } else { "MISSED" }
    );
    if let Some(path) = std::env::var_os("HUME_BENCH_JSON") {
        let modes: serde_json::Map<String, serde_json::Value> = reports
            .iter()
            .map(|(mode, r)| {
                let figures = serde_json::json!({
                    "secs": r.secs,
                    "cpu_secs": r.cpu,
                    "rows": r.rows,
                    "out_bytes": r.out,
                    "peak_rss_kib": r.hwm_kib,
                });
                ((*mode).to_owned(), figures)
            })
            .collect();
        let summary = serde_json::json!({ "file_bytes": size, "modes": modes });
        std::fs::write(&path, summary.to_string()).expect("write HUME_BENCH_JSON");
    }
}
