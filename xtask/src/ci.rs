//! `cargo xtask ci`: the whole check CI runs, over one shared build.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// Runs every CI step in order and stops at the first failure.
pub fn run() -> Result<bool> {
    let root = workspace_root();
    step("fmt", cargo(&root).args(["fmt", "--all", "--", "--check"]))?;
    step(
        "clippy",
        cargo(&root).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    let mut tally = Tally::default();
    tally.add(counted_step(
        "doctests",
        cargo(&root).args(["test", "--workspace", "--all-features", "--doc"]),
    )?);
    if has_nextest(&root) {
        tally.add(counted_step(
            "tests (nextest)",
            cargo(&root).args([
                "nextest",
                "run",
                "--workspace",
                "--all-features",
                "--no-fail-fast",
            ]),
        )?);
    } else {
        tally.add(counted_step(
            "tests (cargo test)",
            cargo(&root).args([
                "test",
                "--workspace",
                "--all-features",
                "--lib",
                "--bins",
                "--tests",
            ]),
        )?);
    }
    dependency_invariants(&root)?;
    emulator_conformance(&root)?;
    let fixtures = root.join("../shared/api/fixtures");
    if fixtures.is_dir() {
        let dir = fixtures.to_string_lossy().into_owned();
        step(
            "conformance",
            cargo(&root).args([
                "run",
                "--quiet",
                "--package",
                "xtask",
                "--",
                "conformance",
                &dir,
            ]),
        )?;
    } else {
        println!("== conformance: skipped ({} not found)", fixtures.display());
    }
    println!("== ci: all steps passed");
    println!("ci: {} passed, {} failed", tally.passed, tally.failed);
    Ok(true)
}

/// The emulator's own bodies must parse as the published ones do: dump one sample of each
/// kind and run the conformance check over them.
fn emulator_conformance(root: &Path) -> Result<()> {
    let dir = root.join("target/emulator-samples");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).context("clearing old emulator samples")?;
    }
    let dir_arg = dir.to_string_lossy().into_owned();
    step(
        "emulator samples",
        cargo(root).args([
            "run",
            "--quiet",
            "--package",
            "hume-emulator",
            "--",
            "--dump-samples",
            &dir_arg,
        ]),
    )?;
    step(
        "emulator conformance",
        cargo(root).args([
            "run",
            "--quiet",
            "--package",
            "xtask",
            "--",
            "conformance",
            &dir_arg,
        ]),
    )
}

/// The invariants ARCHITECTURE.md promises, checked on the resolved dependency graph.
fn dependency_invariants(root: &Path) -> Result<()> {
    let checks: [(&str, &[&str], &[&str]); 4] = [
        (
            "hume-models",
            &[],
            &["ureq", "reqwest", "hyper", "http", "tokio"],
        ),
        (
            "hume",
            &["--no-default-features", "--features", "blocking"],
            &["reqwest", "tokio", "hyper"],
        ),
        (
            "hume",
            &["--no-default-features", "--features", "async"],
            &["ureq"],
        ),
        ("hume-core", &[], &["ureq", "reqwest", "tokio", "hyper"]),
    ];
    for (package, features, forbidden) in checks {
        let output = cargo(root)
            .args([
                "tree",
                "--package",
                package,
                "--edges",
                "normal",
                "--prefix",
                "none",
            ])
            .args(features)
            .output()
            .context("running cargo tree")?;
        if !output.status.success() {
            bail!(
                "cargo tree -p {package} failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let tree = String::from_utf8_lossy(&output.stdout);
        for crate_name in forbidden {
            let found = tree
                .lines()
                .any(|line| line.split_whitespace().next() == Some(crate_name));
            if found {
                bail!(
                    "dependency invariant broken: {package} {features:?} depends on {crate_name}"
                );
            }
        }
        println!(
            "== cargo tree -p {package} {}: none of {forbidden:?}",
            features.join(" ")
        );
    }
    Ok(())
}

/// Test counts gathered from the runners' own summary lines.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    passed: u64,
    failed: u64,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.passed += other.passed;
        self.failed += other.failed;
    }

    /// Reads one output line of cargo test (`test result: ok. 3 passed; 0 failed; ...`) or of
    /// nextest (`Summary [ 1.2s] 40 tests run: 40 passed, 0 skipped`, `..., 2 failed, ...`).
    fn from_line(line: &str) -> Option<Tally> {
        let line = line.trim();
        let counts = if let Some(rest) = line.strip_prefix("test result:") {
            rest
        } else if line.starts_with("Summary [") {
            line.split_once("tests run:")?.1
        } else {
            return None;
        };
        let number_before = |word: &str| -> u64 {
            counts
                .split([';', ',', '.'])
                .filter_map(|part| part.trim().strip_suffix(word))
                .filter_map(|n| n.trim().parse::<u64>().ok())
                .sum()
        };
        Some(Tally {
            passed: number_before("passed"),
            failed: number_before("failed"),
        })
    }
}

/// Runs a test step, echoing its output and adding up the counts its summary lines report.
fn counted_step(name: &str, command: &mut Command) -> Result<Tally> {
    println!("== {name}");
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {name}"))?;
    let stdout = child.stdout.take().context("child stdout")?;
    let stderr = child.stderr.take().context("child stderr")?;
    let echo_err = std::thread::spawn(move || echo_and_count(stderr, true));
    let mut tally = echo_and_count(stdout, false);
    tally.add(echo_err.join().unwrap_or_default());
    let status = child
        .wait()
        .with_context(|| format!("waiting for {name}"))?;
    if !status.success() {
        bail!("step `{name}` failed ({status})");
    }
    Ok(tally)
}

fn echo_and_count(stream: impl Read, to_stderr: bool) -> Tally {
    let mut tally = Tally::default();
    for line in BufReader::new(stream).lines().map_while(Result::ok) {
        if to_stderr {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
        if let Some(counts) = Tally::from_line(&line) {
            tally.add(counts);
        }
    }
    tally
}

fn step(name: &str, command: &mut Command) -> Result<()> {
    println!("== {name}");
    let status = command
        .status()
        .with_context(|| format!("starting {name}"))?;
    if !status.success() {
        bail!("step `{name}` failed ({status})");
    }
    Ok(())
}

fn cargo(root: &Path) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.current_dir(root);
    command
}

fn has_nextest(root: &Path) -> bool {
    cargo(root)
        .args(["nextest", "--version"])
        .output()
        .map(|out| out.status.success())
        .unwrap_or(false)
}

/// The workspace root: the parent of this crate's manifest directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

#[cfg(test)]
mod tests;
