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
//! 4. the servers stop, then `cargo bench` runs the hume-models `predictions_parse` and
//!    `v1_audio_parse` and the hume-analysis `export_csv` benches; their rows come from criterion's
//!    `target/criterion/**/new/estimates.json` and the JSON summary each bench writes to
//!    `$HUME_BENCH_JSON`, not from printed lines.
//!
//! Names for `--only` (repeatable or comma-separated): `download`, `submit`, `details`,
//! `predictions`, `cli_summary`, `jobs`, `images`, `soak`, `realtime`, `predictions_parse`,
//! `export_csv`, `v1_audio_parse`. `cli_summary` (issue 10) builds the `hume` binary in release
//! too and reports the peak RSS of `hume summary JOB` on the 100 MB predictions body (target:
//! under 2x the body). `jobs` measures the default (adaptive) poll schedule against its target
//! and the legacy one as today's reference; `soak` runs issue 9's soak (jobs at concurrency 64
//! through the emulator's faults, on both backends, each against the same run without faults;
//! it starts an emulator of its own); `images` measures 1,000 JPEGs through the async v1
//! client, 32 in flight; `realtime` runs issue 13's rows (100 concurrent async audio sessions
//! against an emulator with relaxed pacing: peak RSS and CPU per session-second; one session's
//! send rate over a 60 s stream). `--quick` shrinks the transfers to 256 MiB, 1,000 calls and
//! 200 jobs (soak: 200; realtime: 10 s sessions, a 20 s pacing stream), runs one round and
//! skips the cargo benches unless `--only` names them. Nothing here is an assertion: every
//! figure is printed, and the exit status says whether every target was met.

//! Files: [`options`] (flags and sizes), [`harness`] (the `hume-bench` children, servers,
//! curl), [`clients`] (the client measurements), [`stats`] (rounds, medians, pairing),
//! [`soak`] (issue 9's soak row), [`realtime`] (issue 13's rows), [`criterion`] (reading
//! criterion's results), [`cargo_benches`] (the cargo benches), [`table`](mod@table) (rows and
//! the printed table).

mod cargo_benches;
mod clients;
mod criterion;
mod harness;
mod options;
mod realtime;
mod soak;
mod stats;
mod table;

use anyhow::Result;

use crate::cargo::workspace_root;
use options::{CLIENT_BENCHES, Options, Sizes};
use table::{Row, Verdict, table};

/// Runs the benchmarks; `Ok(false)` when a target was missed or a benchmark failed.
pub fn run() -> Result<bool> {
    let options = Options::parse(std::env::args().skip(2))?;
    let root = workspace_root();
    let sizes = Sizes::new(options.quick);
    let mut rows = Vec::new();

    let needs_exe = CLIENT_BENCHES.iter().any(|b| options.selected(b))
        || options.selected("soak")
        || options.selected("realtime");
    let exe = if needs_exe {
        Some(harness::build(&root)?)
    } else {
        None
    };
    if let Some(exe) = exe.as_deref()
        && CLIENT_BENCHES.iter().any(|b| options.selected(b))
    {
        let work = harness::WorkDir::create()?;
        match clients::run_client_benches(exe, &work.0, &options, &sizes) {
            Ok(mut r) => rows.append(&mut r),
            Err(err) => rows.push(Row::error("client benchmarks", &err)),
        }
    }
    if let Some(exe) = exe.as_deref()
        && options.selected("soak")
    {
        match soak::soak(exe, &sizes) {
            Ok(mut r) => rows.append(&mut r),
            Err(err) => rows.push(Row::error("soak", &err)),
        }
    }
    if let Some(exe) = exe.as_deref()
        && options.selected("realtime")
    {
        match realtime::realtime(exe, &sizes) {
            Ok(mut r) => rows.append(&mut r),
            Err(err) => rows.push(Row::error("realtime", &err)),
        }
    }
    if options.selected_cargo("predictions_parse") {
        match cargo_benches::predictions_parse(&root) {
            Ok(mut r) => rows.append(&mut r),
            Err(err) => rows.push(Row::error("predictions_parse", &err)),
        }
    }
    if options.selected_cargo("export_csv") {
        match cargo_benches::export_csv(&root) {
            Ok(mut r) => rows.append(&mut r),
            Err(err) => rows.push(Row::error("export_csv", &err)),
        }
    }
    if options.selected_cargo("v1_audio_parse") {
        match cargo_benches::v1_audio_parse(&root) {
            Ok(mut r) => rows.append(&mut r),
            Err(err) => rows.push(Row::error("v1_audio_parse", &err)),
        }
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
