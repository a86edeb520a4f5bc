//! The client benchmarks (issues 3 and 4): artifacts download, multipart submit, sequential
//! details calls, a typed predictions fetch, many jobs awaited; each against its baseline
//! (curl, or the bare ureq / reqwest crates) in the same run, against the same servers.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde_json::Value;

use super::harness::{Servers, curl, measure, remove};
use super::options::{Options, Sizes};
use super::stats::{Paired, best, rss_kib, secs};
use super::table::{Row, Verdict, rss_label, size_label, throughput};

/// The job request sent with the upload, by our client and by curl alike.
const SUBMIT_JSON: &str = r#"{"models":{"face":{}}}"#;
/// The two clients, in run order.
const BACKENDS: [&str; 2] = ["blocking", "async"];

/// Every client benchmark: inputs, servers, measurements.
pub fn run_client_benches(
    exe: &Path,
    dir: &Path,
    options: &Options,
    sizes: &Sizes,
) -> Result<Vec<Row>> {
    let need_upload = options.selected("submit");
    let need_predictions = options.selected("predictions") || options.selected("cli_summary");
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
    if options.selected("cli_summary") {
        let bytes = inputs["predictions_bytes"].as_u64().unwrap_or(0);
        group("cli_summary", cli_summary(exe, &servers, bytes));
    }
    if options.selected("jobs") {
        group("jobs", jobs(exe, &servers, sizes));
    }
    if options.selected("images") {
        group("images", images(exe, &servers, sizes));
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

/// Issue 10: `hume summary JOB` on the 100 MB predictions body: the CLI streams the body to
/// a temporary file and parses it as a stream, so its peak RSS stays under 2x the body.
fn cli_summary(exe: &Path, servers: &Servers, file_bytes: u64) -> Result<Vec<Row>> {
    println!("== cli_summary");
    let url = servers
        .predictions
        .clone()
        .context("the predictions server is not running")?;
    let hume = super::harness::build_cli(&crate::cargo::workspace_root())?;
    let report = measure(
        exe,
        &[
            "cli-summary",
            "--base-url",
            &url,
            "--hume",
            &hume.to_string_lossy(),
        ],
    )?;
    let rss = report["child_peak_rss_kib"].as_u64();
    let ratio = rss.unwrap_or(0) as f64 * 1024.0 / file_bytes.max(1) as f64;
    Ok(vec![Row {
        name: format!(
            "hume summary JOB, {} body (peak RSS of the CLI)",
            size_label(file_bytes as f64)
        ),
        ours: format!("{:.3} s", secs(&report)),
        baseline: "-".into(),
        ratio: "-".into(),
        rss: format!("{} ({ratio:.2}x body)", rss_label(rss)),
        target: "RSS < 2x body".into(),
        verdict: Verdict::of(rss.is_some() && ratio < 2.0),
    }])
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

/// Issue 12: 1,000 JPEGs measured by the async v1 client, 32 requests in flight, against the
/// emulator; the target is the client's peak RSS.
fn images(exe: &Path, servers: &Servers, sizes: &Sizes) -> Result<Vec<Row>> {
    println!("== images");
    let report = measure(
        exe,
        &[
            "images",
            "--base-url",
            &servers.emulator,
            "--images",
            &sizes.images.to_string(),
            "--concurrency",
            &IMAGES_CONCURRENCY.to_string(),
        ],
    )?;
    Ok(vec![images_row(&report)])
}

/// Requests in flight in the images benchmark.
const IMAGES_CONCURRENCY: usize = 32;

/// The images row: peak RSS under 64 MiB.
pub fn images_row(report: &Value) -> Row {
    let rss = rss_kib(report);
    Row {
        name: format!(
            "measure {} images, v1 (async, concurrency {})",
            report["images"], report["concurrency"]
        ),
        ours: format!(
            "{:.0} images/s ({:.2} s), {} faces",
            report["images_per_sec"].as_f64().unwrap_or(f64::NAN),
            secs(report),
            report["faces"]
        ),
        baseline: "-".into(),
        ratio: "-".into(),
        rss: rss_label(rss),
        target: "RSS < 64 MiB".into(),
        verdict: Verdict::of(rss.is_some_and(|k| (k as f64) < 64.0 * 1024.0)),
    }
}

#[cfg(test)]
mod tests;
