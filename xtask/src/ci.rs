//! `cargo xtask ci`: the whole check CI runs, over one shared build.

use std::path::{Path, PathBuf};
use std::process::Command;

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
    if has_nextest(&root) {
        step(
            "tests (nextest)",
            cargo(&root).args([
                "nextest",
                "run",
                "--workspace",
                "--all-features",
                "--no-fail-fast",
            ]),
        )?;
    } else {
        step(
            "tests (cargo test)",
            cargo(&root).args([
                "test",
                "--workspace",
                "--all-features",
                "--lib",
                "--bins",
                "--tests",
            ]),
        )?;
    }
    step(
        "doctests",
        cargo(&root).args(["test", "--workspace", "--all-features", "--doc"]),
    )?;
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
