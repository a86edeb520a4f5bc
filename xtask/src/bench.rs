//! `cargo xtask bench [--quick] [--only NAME]...`: the speed and memory benchmarks, printed as
//! one table.
//!
//! Builds `hume-bench` in release once, then:
//! 1. `hume-bench prepare` writes the inputs into a temporary directory (a 1 GiB upload file of
//!    deterministic bytes, a realistic 100 MB predictions file);
//! 2. `hume-bench serve` runs the emulator (artifacts padded to 1 GiB and generated while
//!    streamed, jobs QUEUED 100 ms + IN_PROGRESS 900 ms) and a predictions server, in their own
//!    process, until we close its stdin;
//! 3. every measurement runs as its own `hume-bench` child, which prints one JSON line with its
//!    own peak RSS (`VmHWM`); baselines (`curl`, the bare ureq / reqwest crates) run in the same
//!    run against the same servers, back to back with ours in each round; a ratio is the median
//!    of the per-round ratios (the machine is shared, so load drifts between rounds) and the
//!    peak RSS the highest seen;
//! 4. the servers stop, then `cargo bench` runs the hume-models `predictions_parse` and the
//!    hume-analysis `export_csv` benches, whose printed figures are parsed into the table.
//!
//! Names for `--only` (repeatable or comma-separated): `download`, `submit`, `details`,
//! `predictions`, `jobs`, `soak`, `predictions_parse`, `export_csv`. `jobs` measures the
//! default (adaptive) poll schedule against its target and the legacy one as today's
//! reference; `soak` runs issue 9's soak (jobs at concurrency 64 through the emulator's faults,
//! on both backends, each against the same run without faults; the soak starts an emulator of
//! its own). `--quick` shrinks the transfers to 256 MiB, 1,000 calls and 200 jobs (soak: 200),
//! runs one round and skips the two cargo benches unless `--only` names them. Nothing here is
//! an assertion: every figure is printed, and the exit status says whether every target was
//! met.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::ci::workspace_root;

/// The key both servers accept (a local benchmark key, not a secret).
const KEY: &str = "bench-key";
/// The job request sent with the upload, by our client and by curl alike.
const SUBMIT_JSON: &str = r#"{"models":{"face":{}}}"#;
/// Every benchmark, in run order.
const ALL: [&str; 8] = [
    "download",
    "submit",
    "details",
    "predictions",
    "jobs",
    "soak",
    "predictions_parse",
    "export_csv",
];
const MIB: f64 = 1024.0 * 1024.0;
/// The two clients, in run order.
const BACKENDS: [&str; 2] = ["blocking", "async"];

/// Runs the benchmarks; `Ok(false)` when a target was missed or a benchmark failed.
pub fn run() -> Result<bool> {
    let options = Options::parse(std::env::args().skip(2))?;
    let root = workspace_root();
    let sizes = Sizes::new(options.quick);
    let mut rows = Vec::new();

    let client_benches = ["download", "submit", "details", "predictions", "jobs"];
    let exe = if client_benches
        .iter()
        .chain(&["soak"])
        .any(|b| options.selected(b))
    {
        Some(build(&root)?)
    } else {
        None
    };
    if let Some(exe) = exe.as_deref()
        && client_benches.iter().any(|b| options.selected(b))
    {
        let work = WorkDir::create()?;
        match run_client_benches(exe, &work.0, &options, &sizes) {
            Ok(mut r) => rows.append(&mut r),
            Err(err) => rows.push(Row::error("client benchmarks", &err)),
        }
    }
    if let Some(exe) = exe.as_deref()
        && options.selected("soak")
    {
        match soak(exe, &sizes) {
            Ok(mut r) => rows.append(&mut r),
            Err(err) => rows.push(Row::error("soak", &err)),
        }
    }
    if options.selected_cargo("predictions_parse") {
        rows.push(predictions_parse(&root).unwrap_or_else(|e| Row::error("predictions_parse", &e)));
    }
    if options.selected_cargo("export_csv") {
        rows.append(&mut export_csv(&root).unwrap_or_else(|e| vec![Row::error("export_csv", &e)]));
    }

    println!();
    println!("{}", table(&rows));
    let missed = rows.iter().filter(|r| r.verdict == Verdict::Fail).count();
    println!(
        "{} rows, {} with a target, {missed} missed",
        rows.len(),
        rows.iter().filter(|r| r.verdict != Verdict::Info).count()
    );
    Ok(missed == 0)
}

/// Command-line options.
#[derive(Debug, Default)]
struct Options {
    quick: bool,
    only: Vec<String>,
}

impl Options {
    fn parse(args: impl Iterator<Item = String>) -> Result<Self> {
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

    fn selected(&self, name: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|n| n == name)
    }

    /// The cargo benches: skipped by `--quick` unless named.
    fn selected_cargo(&self, name: &str) -> bool {
        if self.only.is_empty() {
            !self.quick
        } else {
            self.selected(name)
        }
    }
}

/// Sizes and repetitions (full run, or `--quick`).
#[derive(Debug)]
struct Sizes {
    transfer_bytes: u64,
    predictions_bytes: u64,
    details_calls: u32,
    jobs: usize,
    soak_jobs: usize,
    rounds: usize,
    details_rounds: usize,
}

impl Sizes {
    fn new(quick: bool) -> Self {
        if quick {
            Sizes {
                transfer_bytes: 256 << 20,
                // The RSS target is relative to a 100 MB file; smaller files weigh the
                // process's fixed few MiB too heavily.
                predictions_bytes: 100_000_000,
                details_calls: 1000,
                jobs: 200,
                soak_jobs: 200,
                rounds: 1,
                details_rounds: 1,
            }
        } else {
            Sizes {
                transfer_bytes: 1 << 30,
                predictions_bytes: 100_000_000,
                details_calls: 5000,
                jobs: 1000,
                soak_jobs: 1000,
                rounds: 3,
                details_rounds: 7,
            }
        }
    }
}

/// Builds `hume-bench` in release and returns the path of the binary.
fn build(root: &Path) -> Result<PathBuf> {
    println!("== building hume-bench (release)");
    let output = cargo(root)
        .args([
            "build",
            "--release",
            "-p",
            "hume-bench",
            "--message-format=json-render-diagnostics",
        ])
        .stderr(Stdio::inherit())
        .output()
        .context("running cargo build")?;
    if !output.status.success() {
        bail!("cargo build -p hume-bench failed ({})", output.status);
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "hume-bench")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .context("cargo did not report the hume-bench executable")
}

fn cargo(root: &Path) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.current_dir(root);
    command
}

/// A temporary directory, removed on drop (with the 1 GiB files in it).
struct WorkDir(PathBuf);

impl WorkDir {
    fn create() -> Result<Self> {
        let dir = std::env::temp_dir().join(format!("hume-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(WorkDir(dir))
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `hume-bench serve` child; closing its stdin stops it.
struct Servers {
    child: Child,
    stdin: Option<ChildStdin>,
    emulator: String,
    predictions: Option<String>,
    job_id: String,
}

impl Servers {
    fn start(exe: &Path, padding: u64, predictions: Option<&Path>) -> Result<Self> {
        let mut command = Command::new(exe);
        command
            .env("HUME_BENCH_KEY", KEY)
            .args(["serve", "--queued-ms", "100", "--in-progress-ms", "900"])
            .args(["--artifact-padding", &padding.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if let Some(file) = predictions {
            command.arg("--predictions").arg(file);
        }
        let mut child = command.spawn().context("starting hume-bench serve")?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().context("serve stdout")?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .context("reading the serve line")?;
        let ready: Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                bail!("hume-bench serve did not start (printed {line:?})");
            }
        };
        let field = |k: &str| ready[k].as_str().map(str::to_owned);
        Ok(Servers {
            emulator: field("emulator").context("emulator url")?,
            predictions: field("predictions_server"),
            job_id: field("job_id").context("job id")?,
            child,
            stdin,
        })
    }
}

impl Drop for Servers {
    fn drop(&mut self) {
        if let Some(mut stdin) = self.stdin.take() {
            let _ = stdin.flush();
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs one `hume-bench` measurement child and returns its JSON line.
fn measure(exe: &Path, args: &[&str]) -> Result<Value> {
    let output = Command::new(exe)
        .env("HUME_BENCH_KEY", KEY)
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("running hume-bench {}", args.join(" ")))?;
    if !output.status.success() {
        bail!("hume-bench {} failed ({})", args[0], output.status);
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report = stdout
        .lines()
        .rev()
        .find_map(|l| serde_json::from_str::<Value>(l).ok())
        .with_context(|| format!("hume-bench {} printed no JSON line", args[0]))?;
    println!("   {report}");
    Ok(report)
}

fn secs(report: &Value) -> f64 {
    report["secs"].as_f64().unwrap_or(f64::NAN)
}

fn rss_kib(report: &Value) -> Option<u64> {
    report["peak_rss_kib"].as_u64()
}

/// The best (fastest) of several reports, with the highest peak RSS seen.
fn best(reports: &[Value]) -> Result<Value> {
    let mut best = reports
        .iter()
        .min_by(|a, b| secs(a).total_cmp(&secs(b)))
        .cloned()
        .context("no rounds")?;
    let peak = reports.iter().filter_map(rss_kib).max();
    best["peak_rss_kib"] = peak.into();
    Ok(best)
}

/// Runs curl with `args`, checks the status is 2xx, returns curl's own `time_total`.
fn curl(args: &[&str]) -> Result<f64> {
    let output = Command::new("curl")
        .args(["-s", "-w", "%{time_total} %{http_code}", "-H"])
        .arg(format!("X-Hume-Api-Key: {KEY}"))
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .context("running curl (is it installed?)")?;
    let text = String::from_utf8_lossy(&output.stdout);
    let mut words = text.split_whitespace().rev();
    let (code, time) = (words.next(), words.next());
    match (code, time.and_then(|t| t.parse::<f64>().ok())) {
        (Some(code), Some(secs)) if output.status.success() && code.starts_with('2') => {
            println!("   curl: {secs:.3} s (HTTP {code})");
            Ok(secs)
        }
        _ => bail!("curl failed ({}): {text}", output.status),
    }
}

fn remove(path: &Path) {
    let _ = std::fs::remove_file(path);
}

/// Every client benchmark: inputs, servers, measurements.
fn run_client_benches(
    exe: &Path,
    dir: &Path,
    options: &Options,
    sizes: &Sizes,
) -> Result<Vec<Row>> {
    let need_upload = options.selected("submit");
    let need_predictions = options.selected("predictions");
    let mut inputs = Value::Null;
    if need_upload || need_predictions {
        println!("== preparing inputs in {}", dir.display());
        let upload = if need_upload { sizes.transfer_bytes } else { 0 };
        let predictions = if need_predictions {
            sizes.predictions_bytes
        } else {
            0
        };
        inputs = measure(
            exe,
            &[
                "prepare",
                "--dir",
                &dir.to_string_lossy(),
                "--upload-bytes",
                &upload.to_string(),
                "--predictions-bytes",
                &predictions.to_string(),
            ],
        )?;
    }
    let predictions_file = inputs["predictions"].as_str().map(PathBuf::from);
    let padding = if options.selected("download") {
        sizes.transfer_bytes
    } else {
        0
    };
    println!("== starting the servers");
    let servers = Servers::start(exe, padding, predictions_file.as_deref())?;
    println!(
        "   emulator {}, predictions server {}, completed job {}",
        servers.emulator,
        servers.predictions.as_deref().unwrap_or("-"),
        servers.job_id
    );

    let mut rows = Vec::new();
    let mut group = |name: &str, result: Result<Vec<Row>>| match result {
        Ok(mut r) => rows.append(&mut r),
        Err(err) => rows.push(Row::error(name, &err)),
    };
    if options.selected("download") {
        group("download", download(exe, dir, &servers, sizes));
    }
    if options.selected("submit") {
        let upload = inputs["upload"].as_str().map(PathBuf::from);
        group("submit", submit(exe, upload.as_deref(), &servers, sizes));
    }
    if options.selected("details") {
        group("details", details(exe, &servers, sizes));
    }
    if options.selected("predictions") {
        let bytes = inputs["predictions_bytes"].as_u64().unwrap_or(0);
        group("predictions", predictions(exe, &servers, bytes));
    }
    if options.selected("jobs") {
        group("jobs", jobs(exe, &servers, sizes));
    }
    drop(servers);
    Ok(rows)
}

/// Issue 3: 1 GiB artifacts to a file, ours (both clients) against `curl -o`.
fn download(exe: &Path, dir: &Path, servers: &Servers, sizes: &Sizes) -> Result<Vec<Row>> {
    println!("== download ({} rounds)", sizes.rounds);
    let url = format!(
        "{}/v0/batch/jobs/{}/artifacts",
        servers.emulator, servers.job_id
    );
    let dest = dir.join("artifacts.zip");
    let dest_str = dest.to_string_lossy().into_owned();
    let mut curl_secs = Vec::new();
    let mut ours = [Vec::new(), Vec::new()];
    let mut bare = [Vec::new(), Vec::new()];
    for _ in 0..sizes.rounds {
        curl_secs.push(curl(&["-o", &dest_str, &url])?);
        remove(&dest);
        for (i, backend) in BACKENDS.into_iter().enumerate() {
            for (implementation, reports) in [("hume", &mut ours[i]), ("bare", &mut bare[i])] {
                let report = measure(
                    exe,
                    &[
                        "download",
                        "--base-url",
                        &servers.emulator,
                        "--backend",
                        backend,
                        "--impl",
                        implementation,
                        "--job-id",
                        &servers.job_id,
                        "--dest",
                        &dest_str,
                    ],
                );
                remove(&dest);
                reports.push(report?);
            }
        }
    }
    let mut rows = Vec::new();
    for (i, backend) in BACKENDS.into_iter().enumerate() {
        let bytes = ours[i]
            .first()
            .and_then(|r| r["bytes"].as_u64())
            .unwrap_or(0) as f64;
        let vs_curl = Paired::of(&ours[i], &curl_secs)?;
        let rss_ok = vs_curl.rss.is_some_and(|k| (k as f64) < 24.0 * 1024.0);
        rows.push(Row {
            name: format!("download {} artifacts ({backend})", size_label(bytes)),
            ours: throughput(bytes, vs_curl.ours),
            baseline: format!("curl -o: {}", throughput(bytes, vs_curl.base)),
            ratio: format!("{:.2}x", vs_curl.ratio),
            rss: rss_label(vs_curl.rss),
            target: ">= 0.8x, RSS < 24 MiB".into(),
            verdict: Verdict::of(vs_curl.ratio >= 0.8 && rss_ok),
        });
        let bare_secs: Vec<f64> = bare[i].iter().map(secs).collect();
        let vs_bare = Paired::of(&ours[i], &bare_secs)?;
        let bare_name = if i == 0 { "bare ureq" } else { "bare reqwest" };
        rows.push(Row {
            name: format!("  same, vs the backend alone ({backend})"),
            ours: "(same run)".into(),
            baseline: format!("{bare_name} -> file: {}", throughput(bytes, vs_bare.base)),
            ratio: format!("{:.2}x", vs_bare.ratio),
            rss: "-".into(),
            target: "-".into(),
            verdict: Verdict::Info,
        });
    }
    Ok(rows)
}

/// Issue 3: a multipart submit with one 1 GiB file, ours against `curl -F`.
fn submit(exe: &Path, upload: Option<&Path>, servers: &Servers, sizes: &Sizes) -> Result<Vec<Row>> {
    let upload = upload.context("no upload file was prepared")?;
    let upload_str = upload.to_string_lossy().into_owned();
    let bytes = std::fs::metadata(upload)?.len() as f64;
    println!("== submit ({} rounds)", sizes.rounds);
    let url = format!("{}/v0/batch/jobs", servers.emulator);
    let file_part = format!("file=@{upload_str}");
    let json_part = format!("json={SUBMIT_JSON}");
    let mut curl_secs = Vec::new();
    let mut ours = [Vec::new(), Vec::new()];
    for _ in 0..sizes.rounds {
        curl_secs.push(curl(&[
            "-o",
            "/dev/null",
            "-F",
            &file_part,
            "-F",
            &json_part,
            &url,
        ])?);
        for (i, backend) in BACKENDS.into_iter().enumerate() {
            ours[i].push(measure(
                exe,
                &[
                    "submit",
                    "--base-url",
                    &servers.emulator,
                    "--backend",
                    backend,
                    "--file",
                    &upload_str,
                    "--json",
                    SUBMIT_JSON,
                ],
            )?);
        }
    }
    let mut rows = Vec::new();
    for (i, backend) in BACKENDS.into_iter().enumerate() {
        let p = Paired::of(&ours[i], &curl_secs)?;
        let rss_ok = p.rss.is_some_and(|k| (k as f64) < 24.0 * 1024.0);
        rows.push(Row {
            name: format!("submit {} file, multipart ({backend})", size_label(bytes)),
            ours: throughput(bytes, p.ours),
            baseline: format!("curl -F: {}", throughput(bytes, p.base)),
            ratio: format!("{:.2}x", p.ratio),
            rss: rss_label(p.rss),
            target: ">= 0.8x, RSS < 24 MiB".into(),
            verdict: Verdict::of(p.ratio >= 0.8 && rss_ok),
        });
    }
    Ok(rows)
}

/// Issue 3: sequential `get_job_details` over keep-alive, ours against the bare backend.
fn details(exe: &Path, servers: &Servers, sizes: &Sizes) -> Result<Vec<Row>> {
    println!("== details ({} rounds)", sizes.details_rounds);
    let calls = sizes.details_calls.to_string();
    let variants = [
        ("blocking", "hume"),
        ("blocking", "bare"),
        ("async", "hume"),
        ("async", "bare"),
    ];
    let mut reports = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..sizes.details_rounds {
        for (i, (backend, implementation)) in variants.into_iter().enumerate() {
            reports[i].push(measure(
                exe,
                &[
                    "details",
                    "--base-url",
                    &servers.emulator,
                    "--backend",
                    backend,
                    "--impl",
                    implementation,
                    "--job-id",
                    &servers.job_id,
                    "--calls",
                    &calls,
                ],
            )?);
        }
    }
    let rate = |secs: f64| f64::from(sizes.details_calls) / secs;
    let mut rows = Vec::new();
    for (ours_i, bare_i, backend, bare_name) in [
        (0, 1, "blocking", "bare ureq agent"),
        (2, 3, "async", "bare reqwest client"),
    ] {
        let bare: Vec<f64> = reports[bare_i].iter().map(secs).collect();
        let p = Paired::of(&reports[ours_i], &bare)?;
        rows.push(Row {
            name: format!("get_job_details x{calls}, keep-alive ({backend})"),
            ours: format!("{:.0} calls/s", rate(p.ours)),
            baseline: format!("{bare_name} + Value: {:.0} calls/s", rate(p.base)),
            ratio: format!("{:.2}x", p.ratio),
            rss: rss_label(p.rss),
            target: ">= 0.8x".into(),
            verdict: Verdict::of(p.ratio >= 0.8),
        });
    }
    Ok(rows)
}

/// Ours against a baseline over rounds run back to back: median times, the median of the
/// per-round speed ratios (robust to load from other processes drifting between rounds), and
/// our highest peak RSS.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Paired {
    ours: f64,
    base: f64,
    ratio: f64,
    rss: Option<u64>,
}

impl Paired {
    fn of(ours: &[Value], base_secs: &[f64]) -> Result<Self> {
        if ours.is_empty() || ours.len() != base_secs.len() {
            bail!(
                "{} rounds of ours, {} of the baseline",
                ours.len(),
                base_secs.len()
            );
        }
        let ours_secs: Vec<f64> = ours.iter().map(secs).collect();
        let ratios = ours_secs
            .iter()
            .zip(base_secs)
            .map(|(o, b)| b / o)
            .collect();
        Ok(Paired {
            ours: median(ours_secs),
            base: median(base_secs.to_vec()),
            ratio: median(ratios),
            rss: ours.iter().filter_map(rss_kib).max(),
        })
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => values[n / 2],
        _ => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn throughput(bytes: f64, secs: f64) -> String {
    format!("{:.0} MiB/s ({secs:.2} s)", bytes / MIB / secs)
}

/// Issue 3: one typed fetch of a 100 MB predictions file: wall time and peak RSS.
fn predictions(exe: &Path, servers: &Servers, file_bytes: u64) -> Result<Vec<Row>> {
    println!("== predictions");
    let url = servers
        .predictions
        .clone()
        .context("the predictions server is not running")?;
    let run = |backend: &str, implementation: &str| {
        measure(
            exe,
            &[
                "predictions",
                "--base-url",
                &url,
                "--backend",
                backend,
                "--impl",
                implementation,
            ],
        )
    };
    let bare = run("blocking", "bare")?;
    let mut rows = Vec::new();
    for backend in ["blocking", "async"] {
        let ours = best(&[run(backend, "hume")?, run(backend, "hume")?])?;
        let rss = rss_kib(&ours);
        let limit_kib = 2.0 * file_bytes as f64 / 1024.0;
        let ok = secs(&ours) < 1.0 && rss.is_some_and(|k| (k as f64) < limit_kib);
        rows.push(Row {
            name: format!(
                "typed predictions fetch, {} file ({backend})",
                size_label(file_bytes as f64)
            ),
            ours: format!("{:.3} s (best of 2)", secs(&ours)),
            baseline: format!(
                "bare ureq + Value: {:.3} s, RSS {}",
                secs(&bare),
                rss_label(rss_kib(&bare))
            ),
            ratio: format!("{:.2}x", secs(&bare) / secs(&ours)),
            rss: format!(
                "{} ({:.2}x file)",
                rss_label(rss),
                rss.unwrap_or(0) as f64 * 1024.0 / file_bytes.max(1) as f64
            ),
            target: "< 1 s, RSS < 2x file".into(),
            verdict: Verdict::of(ok),
        });
    }
    Ok(rows)
}

/// Issues 4 and 9: the async client submits and awaits many jobs of time T = 1 s, with the
/// default poll policy (adaptive schedule: target <= 1.2 T and <= 4 polls per job), then with
/// the legacy schedule as configured before (250..500 ms: today's reference figures).
fn jobs(exe: &Path, servers: &Servers, sizes: &Sizes) -> Result<Vec<Row>> {
    println!("== jobs");
    let count = sizes.jobs.to_string();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "jobs",
            "--base-url",
            &servers.emulator,
            "--jobs",
            &count,
            "--job-ms",
            "1000",
        ];
        args.extend_from_slice(extra);
        measure(exe, &args)
    };
    let adaptive = run(&["--schedule", "adaptive"])?;
    let legacy = run(&[
        "--schedule",
        "legacy",
        "--poll-initial-ms",
        "250",
        "--poll-max-ms",
        "500",
    ])?;
    let row = |report: &Value, what: &str| {
        let t = report["job_secs"].as_f64().unwrap_or(1.0);
        let ratio = secs(report) / t;
        let polls = report["polls_per_job"].as_f64().unwrap_or(f64::NAN);
        (
            Row {
                name: format!(
                    "{} jobs submit + await, {what} (async, concurrency {}, poll {}..{} ms)",
                    report["jobs"],
                    report["concurrency"],
                    report["poll_initial_ms"],
                    report["poll_max_ms"]
                ),
                ours: format!(
                    "{:.2} s wall, {polls:.2} polls/job, mean job {:.2} s",
                    secs(report),
                    report["mean_job_latency_secs"].as_f64().unwrap_or(f64::NAN)
                ),
                baseline: format!("T = {t:.2} s (queued 0.1 + running 0.9)"),
                ratio: format!("{ratio:.2}x T"),
                rss: rss_label(rss_kib(report)),
                target: "-".into(),
                verdict: Verdict::Info,
            },
            ratio,
            polls,
        )
    };
    let (mut default_row, ratio, polls) = row(&adaptive, "default policy (adaptive)");
    default_row.target = "<= 1.2x T, <= 4 polls/job".into();
    default_row.verdict = Verdict::of(ratio <= 1.2 && polls <= 4.0);
    let (mut legacy_row, _, _) = row(&legacy, "legacy schedule");
    legacy_row.baseline = format!("{}; issue 9: 1.57x T, 4.0 polls/job", legacy_row.baseline);
    Ok(vec![default_row, legacy_row])
}

/// Issue 9: the soak. For each backend: jobs at concurrency 64 through the emulator's faults
/// at the issue's rates, against the same run without faults; every job COMPLETED with its
/// predictions, 0 lost, 0 duplicates, 0 `SubmitUncertain` left, wall time within 3x.
fn soak(exe: &Path, sizes: &Sizes) -> Result<Vec<Row>> {
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
        let field = |r: &Value, k: &str| r[k].as_u64().unwrap_or(u64::MAX);
        let jobs = field(&faulty, "jobs");
        let ratio = secs(&faulty) / secs(&clean);
        let whole = |r: &Value| {
            field(r, "completed") == field(r, "jobs")
                && field(r, "lost") == 0
                && field(r, "duplicates") == 0
                && field(r, "uncertain") == 0
        };
        rows.push(Row {
            name: format!("soak: {jobs} jobs, concurrency 64, issue 9 faults ({backend})"),
            ours: format!(
                "{:.1} s; {}/{jobs} completed + predictions, {} lost, {} duplicates, {} uncertain",
                secs(&faulty),
                field(&faulty, "completed"),
                field(&faulty, "lost"),
                field(&faulty, "duplicates"),
                field(&faulty, "uncertain")
            ),
            baseline: format!(
                "no faults: {:.1} s, {}/{} completed",
                secs(&clean),
                field(&clean, "completed"),
                field(&clean, "jobs")
            ),
            ratio: format!("{ratio:.2}x time"),
            rss: rss_label(rss_kib(&faulty)),
            target: "all completed, 0 lost/dup/uncertain, <= 3x".into(),
            verdict: Verdict::of(whole(&faulty) && whole(&clean) && ratio <= 3.0),
        });
    }
    Ok(rows)
}

/// Runs a cargo command, echoing its output as it comes, and returns every line.
fn run_streaming(root: &Path, args: &[&str]) -> Result<Vec<String>> {
    println!("== cargo {}", args.join(" "));
    let mut child = cargo(root)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting cargo")?;
    let stderr = child.stderr.take().context("stderr")?;
    let errors = std::thread::spawn(move || {
        BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
            .inspect(|l| eprintln!("   {l}"))
            .collect::<Vec<_>>()
    });
    let stdout = child.stdout.take().context("stdout")?;
    let mut lines: Vec<String> = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .inspect(|l| println!("   {l}"))
        .collect();
    lines.extend(errors.join().unwrap_or_default());
    let status = child.wait()?;
    if !status.success() {
        bail!("cargo {} failed ({status})", args.join(" "));
    }
    Ok(lines)
}

/// Numbers directly before a word starting with `unit` (`"812 MiB/s;"` -> 812).
fn numbers_before(line: &str, unit: &str) -> Vec<f64> {
    let words: Vec<&str> = line.split_whitespace().collect();
    words
        .windows(2)
        .filter(|w| w[1].starts_with(unit))
        .filter_map(|w| w[0].parse().ok())
        .collect()
}

/// hume-models `predictions_parse`: typed parse against serde's `IgnoredAny` floor.
fn predictions_parse(root: &Path) -> Result<Row> {
    let lines = run_streaming(
        root,
        &[
            "bench",
            "-p",
            "hume-models",
            "--bench",
            "predictions_parse",
            "--",
            "--warm-up-time",
            "1",
            "--measurement-time",
            "3",
        ],
    )?;
    let (typed, floor, how) = if let Some(line) =
        lines.iter().find(|l| l.contains("interleaved medians"))
    {
        let n = numbers_before(line, "MiB/s");
        match (n.first(), n.get(1)) {
            (Some(floor), Some(typed)) => (*typed, *floor, "interleaved medians"),
            _ => bail!("unexpected predictions_parse line: {line}"),
        }
    } else {
        let typed = criterion_thrpt(&lines, "predictions_parse/typed Predictions::from_response")
            .context("no typed throughput in the predictions_parse output")?;
        let floor = criterion_thrpt(&lines, "predictions_parse/serde_json IgnoredAny")
            .context("no IgnoredAny throughput in the predictions_parse output")?;
        (typed, floor, "criterion")
    };
    let size = lines
        .iter()
        .find_map(|l| l.strip_prefix("predictions body: "))
        .unwrap_or("?")
        .to_owned();
    Ok(Row {
        name: format!("typed predictions parse, {size} body ({how})"),
        ours: format!("{typed:.0} MiB/s"),
        baseline: format!("serde IgnoredAny: {floor:.0} MiB/s"),
        ratio: format!("{:.2}x", typed / floor),
        rss: "-".into(),
        target: ">= 0.5x".into(),
        verdict: Verdict::of(typed / floor >= 0.5),
    })
}

/// Criterion's middle throughput estimate (in MiB/s) of benchmark `name`.
fn criterion_thrpt(lines: &[String], name: &str) -> Option<f64> {
    let start = lines.iter().position(|l| {
        let l = l.trim_start();
        l.starts_with(name) && !l[name.len()..].starts_with(" +")
    })?;
    let line = lines[start..].iter().find(|l| l.contains("thrpt:"))?;
    let inner = line.split('[').nth(1)?.split(']').next()?;
    let words: Vec<&str> = inner.split_whitespace().collect();
    let (value, unit) = (words.get(2)?.parse::<f64>().ok()?, *words.get(3)?);
    let scale = match unit {
        "GiB/s" => 1024.0,
        "MiB/s" => 1.0,
        "KiB/s" => 1.0 / 1024.0,
        "GB/s" => 1e9 / MIB,
        "MB/s" => 1e6 / MIB,
        _ => return None,
    };
    Some(value * scale)
}

/// hume-analysis `export_csv`: streamed CSV export against the bare parse, and its peak RSS.
fn export_csv(root: &Path) -> Result<Vec<Row>> {
    let lines = run_streaming(
        root,
        &["bench", "-p", "hume-analysis", "--bench", "export_csv"],
    )?;
    let parse_secs = lines
        .iter()
        .find(|l| l.starts_with("bare parse"))
        .and_then(|l| numbers_before(l, "s,").first().copied())
        .context("no bare parse line in the export_csv output")?;
    let size = lines
        .iter()
        .find_map(|l| l.strip_prefix("generated "))
        .and_then(|l| l.split(" of ").next())
        .unwrap_or("?")
        .to_owned();
    let mut rows = Vec::new();
    for mode in ["stream-file", "typed"] {
        let prefix = format!("export {mode} ");
        let Some(line) = lines.iter().find(|l| l.starts_with(&prefix)) else {
            continue;
        };
        let secs = numbers_before(line, "s")
            .first()
            .copied()
            .unwrap_or(f64::NAN);
        let rss_mb = numbers_before(line, "MB")
            .last()
            .copied()
            .unwrap_or(f64::NAN);
        let rss_x = line
            .rsplit("= ")
            .next()
            .and_then(|t| t.strip_suffix("x file"))
            .and_then(|t| t.trim().parse::<f64>().ok())
            .unwrap_or(f64::NAN);
        // The bench's own ratio (from unrounded times); ours from the printed ones otherwise.
        let ratio = line
            .split_whitespace()
            .collect::<Vec<_>>()
            .windows(2)
            .find(|w| w[1] == "bare")
            .and_then(|w| w[0].strip_suffix('x')?.parse::<f64>().ok())
            .unwrap_or(secs / parse_secs);
        let targeted = mode == "stream-file";
        rows.push(Row {
            name: format!("CSV export {mode}, {size} predictions"),
            ours: format!("{secs:.3} s"),
            baseline: format!("bare parse (IgnoredAny): {parse_secs:.3} s"),
            ratio: format!("{ratio:.2}x time"),
            rss: format!("{rss_mb:.0} MB ({rss_x:.2}x file)"),
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
        bail!("no export lines in the export_csv output");
    }
    Ok(rows)
}

fn size_label(bytes: f64) -> String {
    if bytes >= 1024.0 * MIB * 0.99 {
        format!("{:.0} GiB", bytes / (1024.0 * MIB))
    } else if bytes % MIB == 0.0 {
        format!("{:.0} MiB", bytes / MIB)
    } else {
        format!("{:.0} MB", bytes / 1e6)
    }
}

fn rss_label(kib: Option<u64>) -> String {
    kib.map_or_else(|| "?".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
}

/// Whether a row met its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Pass,
    Fail,
    /// No target: the figure is reported only.
    Info,
}

impl Verdict {
    fn of(pass: bool) -> Self {
        if pass { Verdict::Pass } else { Verdict::Fail }
    }

    fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "FAIL",
            Verdict::Info => "info",
        }
    }
}

/// One line of the table.
#[derive(Debug)]
struct Row {
    name: String,
    ours: String,
    baseline: String,
    ratio: String,
    rss: String,
    target: String,
    verdict: Verdict,
}

impl Row {
    fn error(name: &str, err: &anyhow::Error) -> Self {
        eprintln!("xtask bench: {name} failed: {err:#}");
        Row {
            name: name.to_owned(),
            ours: format!("error: {err:#}"),
            baseline: "-".into(),
            ratio: "-".into(),
            rss: "-".into(),
            target: "-".into(),
            verdict: Verdict::Fail,
        }
    }
}

/// The rows as a Markdown table with aligned columns.
fn table(rows: &[Row]) -> String {
    let header = [
        "benchmark",
        "ours",
        "baseline",
        "ratio",
        "peak RSS",
        "target",
        "pass/fail",
    ];
    let cells: Vec<[&str; 7]> = rows
        .iter()
        .map(|r| {
            [
                r.name.as_str(),
                r.ours.as_str(),
                r.baseline.as_str(),
                r.ratio.as_str(),
                r.rss.as_str(),
                r.target.as_str(),
                r.verdict.label(),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[&str; 7]| {
        let mut out = String::from("|");
        for (cell, w) in cells.iter().zip(widths) {
            let _ = write!(out, " {cell:<w$} |");
        }
        out
    };
    let mut out = line(&header);
    out.push('\n');
    out.push('|');
    for w in widths {
        out.push_str(&"-".repeat(w + 2));
        out.push('|');
    }
    for row in &cells {
        out.push('\n');
        out.push_str(&line(row));
    }
    out
}

#[cfg(test)]
mod tests;
