//! The dependency invariants ARCHITECTURE.md promises, checked on the resolved graph with
//! `cargo tree`: which crates each build may pull in, and which tokio features `hume`'s
//! `async` feature may turn on.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::cargo::cargo;

/// `(package, cargo tree arguments, crates that must not appear)`.
const FORBIDDEN_CRATES: [(&str, &[&str], &[&str]); 4] = [
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

/// Tokio features the async client does not need; a user who wants them asks for them (the
/// README's async example adds `macros` and `rt-multi-thread` for `#[tokio::main]`).
///
/// `fs` and `io-util` are not on the list: reqwest needs them (its `stream` feature, its TLS
/// layer and h2), so no build of the async client can turn them off.
pub const FORBIDDEN_TOKIO_FEATURES: [&str; 4] = ["macros", "rt-multi-thread", "signal", "process"];

/// Runs `cargo tree` with `args` and returns its output.
fn tree(root: &Path, args: &[&str]) -> Result<String> {
    let output = cargo(root)
        .arg("tree")
        .args(args)
        .output()
        .context("running cargo tree")?;
    if !output.status.success() {
        bail!(
            "cargo tree {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// No build pulls in a crate it must not (blocking: no tokio or reqwest; async: no ureq;
/// hume-models and hume-core: no HTTP client).
pub fn forbidden_crates(root: &Path) -> Result<()> {
    for (package, features, forbidden) in FORBIDDEN_CRATES {
        let mut args = vec![
            "--package",
            package,
            "--edges",
            "normal",
            "--prefix",
            "none",
        ];
        args.extend_from_slice(features);
        let tree = tree(root, &args)?;
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
            "cargo tree -p {package} {}: none of {forbidden:?}",
            features.join(" ")
        );
    }
    Ok(())
}

/// `hume --no-default-features --features async` turns on none of
/// [`FORBIDDEN_TOKIO_FEATURES`]; a failure names every such feature and what turns it on.
pub fn tokio_features(root: &Path) -> Result<()> {
    let tree = tree(
        root,
        &[
            "--package",
            "hume",
            "--no-default-features",
            "--features",
            "async",
            "--edges",
            "normal,features",
            "--invert",
            "tokio",
            "--prefix",
            "depth",
            "--no-dedupe",
        ],
    )?;
    let enabled = tokio_feature_enablers(&tree);
    let on: Vec<&str> = enabled.iter().map(|(f, _)| f.as_str()).collect();
    println!("tokio features with hume/async: {}", on.join(", "));
    let mut broken = Vec::new();
    for (feature, enablers) in &enabled {
        if FORBIDDEN_TOKIO_FEATURES.contains(&feature.as_str()) {
            broken.push(format!(
                "tokio/{feature} (turned on by {})",
                enablers.join(", ")
            ));
        }
    }
    if broken.is_empty() {
        println!("hume/async turns on none of {FORBIDDEN_TOKIO_FEATURES:?}");
        return Ok(());
    }
    for line in &broken {
        println!("  {line}");
    }
    bail!(
        "hume's async feature turns on tokio features the client does not need: {}",
        broken.join("; ")
    )
}

/// From `cargo tree -e features -i tokio --prefix depth` output: every enabled tokio feature
/// with what turns it on directly (the nodes one level below it), in output order.
pub fn tokio_feature_enablers(tree: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut current: Option<usize> = None;
    for line in tree.lines() {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        let Ok(depth) = line[..digits].parse::<usize>() else {
            continue;
        };
        let node = line[digits..].trim_end_matches(" (*)").trim();
        match depth {
            1 => {
                current = node
                    .strip_prefix("tokio feature \"")
                    .and_then(|rest| rest.strip_suffix('"'))
                    .map(|feature| match out.iter().position(|(f, _)| f == feature) {
                        Some(i) => i,
                        None => {
                            out.push((feature.to_owned(), Vec::new()));
                            out.len() - 1
                        }
                    });
            }
            2 => {
                if let Some(i) = current {
                    // `hume-transport v0.1.0 (/path)` → `hume-transport`; features keep
                    // their name (`reqwest feature "stream"`).
                    let name = match node.split_once(" v") {
                        Some((package, _)) if !node.contains(" feature ") => package,
                        _ => node,
                    };
                    if !out[i].1.iter().any(|e| e == name) {
                        out[i].1.push(name.to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests;
