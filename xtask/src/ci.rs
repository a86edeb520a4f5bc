//! `cargo xtask ci`: the whole check CI runs, in order, stopping at the first failure, with
//! the time of every step printed as it ends and as a table at the end.
//!
//! 1. `cargo fmt --check`; clippy over every target and feature with `-D warnings`;
//! 2. `cargo check -p hume` with each feature set alone (none, `blocking`, `async`, all);
//! 3. `cargo doc --no-deps --workspace --all-features` with `RUSTDOCFLAGS=-D warnings`;
//! 4. doctests, then every test with nextest (or `cargo test`), over one shared test build;
//! 5. the fuzz harness for a few seconds (`hume-fuzz`, see `cargo xtask fuzz`), then the
//!    dependency invariants (`cargo tree`: which crates each build may pull in);
//! 6. `cargo package` of every publishable crate ([`package`]);
//! 7. the emulator's own bodies (dumped by the binary the test build made) and, when
//!    `../shared/api/fixtures` exists, the published examples, through the conformance check;
//! 8. the official Python SDKs (v0 `hume`, v1 `hume-expression-measurement`) as clients of
//!    the emulator binary, each in a throwaway venv (`tests/python/run_v*_sdk.sh`; each script
//!    prints a SKIP line when python3 or the network is missing);
//! 9. last, the tokio features of `hume`'s `async` feature ([`invariants::tokio_features`]).
//!
//! Builds are shared where cargo allows: the feature-set checks and the docs use check-mode
//! metadata, nextest and the doctests one test build (whose `hume-emulator` binary the
//! samples step reuses), and nothing is built in release.

mod invariants;
mod package;
pub mod runner;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cargo::{cargo, target_dir, workspace_root};
use runner::{Tally, Timings};

/// The feature sets of `hume` checked one by one (`cargo check -p hume ARGS`).
const HUME_FEATURE_SETS: [(&str, &[&str]); 4] = [
    ("no features", &["--no-default-features"]),
    (
        "blocking alone",
        &["--no-default-features", "--features", "blocking"],
    ),
    (
        "async alone",
        &["--no-default-features", "--features", "async"],
    ),
    ("all features", &["--all-features"]),
];

/// Runs every CI step in order and stops at the first failure.
pub fn run() -> Result<bool> {
    let root = workspace_root();
    let mut timings = Timings::default();
    let result = steps(&root, &mut timings);
    println!("== step times");
    println!("{}", timings.table());
    let tally = result?;
    println!("== ci: all steps passed");
    println!("ci: {} passed, {} failed", tally.passed, tally.failed);
    Ok(true)
}

fn steps(root: &Path, timings: &mut Timings) -> Result<Tally> {
    timings.step("fmt", cargo(root).args(["fmt", "--all", "--", "--check"]))?;
    timings.step(
        "clippy",
        cargo(root).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    for (label, args) in HUME_FEATURE_SETS {
        timings.step(
            &format!("check hume, {label}"),
            cargo(root).args(["check", "--package", "hume"]).args(args),
        )?;
    }
    timings.step(
        "docs (RUSTDOCFLAGS=-D warnings)",
        cargo(root)
            .args(["doc", "--no-deps", "--workspace", "--all-features"])
            .env("RUSTDOCFLAGS", "-D warnings"),
    )?;
    let mut tally = Tally::default();
    tally.add(timings.counted(
        "doctests",
        cargo(root).args(["test", "--workspace", "--all-features", "--doc"]),
    )?);
    if has_nextest(root) {
        tally.add(timings.counted(
            "tests (nextest)",
            cargo(root).args([
                "nextest",
                "run",
                "--workspace",
                "--all-features",
                "--no-fail-fast",
            ]),
        )?);
    } else {
        tally.add(timings.counted(
            "tests (cargo test)",
            cargo(root).args([
                "test",
                "--workspace",
                "--all-features",
                "--lib",
                "--bins",
                "--tests",
            ]),
        )?);
    }
    timings.step(
        "fuzz (brief)",
        cargo(root).args([
            "run",
            "--quiet",
            "-p",
            "hume-fuzz",
            "--",
            "--seconds",
            crate::fuzz::CI_SECONDS,
        ]),
    )?;
    timings.time("dependency invariants", || {
        invariants::forbidden_crates(root)
    })?;
    package::package_all(root, timings)?;
    emulator_conformance(root, timings)?;
    let fixtures = root.join("../shared/api/fixtures");
    if fixtures.is_dir() {
        timings.time("conformance", || conformance(&fixtures))?;
    } else {
        println!("== conformance: skipped ({} not found)", fixtures.display());
    }
    python_sdks(root, timings)?;
    timings.time("tokio features of hume/async", || {
        invariants::tokio_features(root)
    })?;
    Ok(tally)
}

/// The official Python SDKs against the emulator binary the test build made: the scripts in
/// `tests/python/` make their own venvs under the target dir and skip (exit 0, a `SKIP:`
/// line) without python3 or PyPI.
fn python_sdks(root: &Path, timings: &mut Timings) -> Result<()> {
    let emulator = built_binary(root, "hume-emulator")?;
    for (label, script) in [
        ("python SDK v0 (hume 0.13.13)", "tests/python/run_v0_sdk.sh"),
        (
            "python SDK v1 (hume-expression-measurement 0.1.0)",
            "tests/python/run_v1_sdk.sh",
        ),
    ] {
        timings.step(
            label,
            Command::new("bash")
                .arg(root.join(script))
                .current_dir(root)
                .env("HUME_EMULATOR_BIN", &emulator)
                .env("CARGO_TARGET_DIR", target_dir(root)),
        )?;
    }
    Ok(())
}

/// `cargo xtask conformance DIR`, in this process.
fn conformance(dir: &Path) -> Result<()> {
    if crate::conformance::run(dir)? {
        Ok(())
    } else {
        bail!("{} does not conform", dir.display())
    }
}

/// The emulator's own bodies must parse as the published ones do: dump one sample of each
/// kind and run the conformance check over them. The emulator binary is the one the test
/// build made (same features, so nothing is rebuilt).
fn emulator_conformance(root: &Path, timings: &mut Timings) -> Result<()> {
    let dir = target_dir(root).join("emulator-samples");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    timings.time("emulator samples", || {
        let exe = built_binary(root, "hume-emulator")?;
        let status = Command::new(&exe)
            .arg("--dump-samples")
            .arg(&dir)
            .status()
            .with_context(|| format!("starting {}", exe.display()))?;
        if !status.success() {
            bail!("hume-emulator --dump-samples failed ({status})");
        }
        Ok(())
    })?;
    timings.time("emulator conformance", || conformance(&dir))
}

/// The path of binary `name` as the test build made it (`cargo test --workspace
/// --all-features --no-run`: the same features as nextest's build, dev-dependencies included,
/// so nothing is rebuilt after the tests ran).
fn built_binary(root: &Path, name: &str) -> Result<PathBuf> {
    let output = cargo(root)
        .args(["test", "--workspace", "--all-features", "--no-run"])
        .arg("--message-format=json-render-diagnostics")
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("running cargo test --no-run")?;
    if !output.status.success() {
        bail!("cargo test --no-run failed ({})", output.status);
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| {
            m["reason"] == "compiler-artifact"
                && m["target"]["name"] == name
                && m["profile"]["test"] == false
                && m["target"]["kind"]
                    .as_array()
                    .is_some_and(|kinds| kinds.iter().any(|k| k == "bin"))
        })
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .with_context(|| format!("the test build made no {name} binary"))
}

fn has_nextest(root: &Path) -> bool {
    cargo(root)
        .args(["nextest", "--version"])
        .output()
        .map(|out| out.status.success())
        .unwrap_or(false)
}
