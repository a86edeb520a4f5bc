//! `cargo package` for every publishable crate, in publishing order.
//!
//! The crates and their workspace dependencies come from `cargo metadata`. A crate with no
//! workspace dependency that survives packaging is packaged and verified (built from the
//! `.crate`); the others depend on siblings that are not on crates.io yet, so they are
//! packaged together in one `cargo package --no-verify` run, whose local registry overlay
//! lets each resolve the others. Path dependencies without a version (dev-only helpers such
//! as `hume-bench-data`) are dropped by cargo when packaging and ignored here.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::cargo::cargo;
use crate::ci::runner::Timings;

/// One workspace crate as packaging sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crate {
    /// Package name.
    pub name: String,
    /// `false` for `publish = false`.
    pub publishable: bool,
    /// Workspace crates it depends on in a way packaging keeps: normal and build
    /// dependencies, and dev-dependencies that carry a version.
    pub siblings: Vec<String>,
}

/// The workspace crates, from `cargo metadata --no-deps`.
pub fn workspace_crates(root: &Path) -> Result<Vec<Crate>> {
    let output = cargo(root)
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .output()
        .context("running cargo metadata")?;
    if !output.status.success() {
        bail!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let metadata: Value =
        serde_json::from_slice(&output.stdout).context("parsing cargo metadata")?;
    crates_from_metadata(&metadata)
}

/// The crates of a `cargo metadata --no-deps` document.
pub fn crates_from_metadata(metadata: &Value) -> Result<Vec<Crate>> {
    let packages = metadata["packages"]
        .as_array()
        .context("cargo metadata without packages")?;
    let names: Vec<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
    let mut crates = Vec::new();
    for package in packages {
        let name = package["name"]
            .as_str()
            .context("a package without a name")?;
        // `publish`: null = anywhere, [] = nowhere (`publish = false`), [..] = those registries.
        let publishable = package["publish"]
            .as_array()
            .is_none_or(|registries| !registries.is_empty());
        let mut siblings = Vec::new();
        for dep in package["dependencies"].as_array().into_iter().flatten() {
            let Some(dep_name) = dep["name"].as_str() else {
                continue;
            };
            let kept = dep["kind"].as_str() != Some("dev") || dep["req"].as_str() != Some("*");
            if names.contains(&dep_name)
                && dep.get("path").is_some()
                && kept
                && !siblings.iter().any(|s| s == dep_name)
            {
                siblings.push(dep_name.to_owned());
            }
        }
        crates.push(Crate {
            name: name.to_owned(),
            publishable,
            siblings,
        });
    }
    Ok(crates)
}

/// The publishable crates, each after every sibling it depends on (ties keep manifest
/// order). Fails when a publishable crate depends on an unpublishable one, or on a cycle.
pub fn publish_order(crates: &[Crate]) -> Result<Vec<&Crate>> {
    let publishable: Vec<&Crate> = crates.iter().filter(|c| c.publishable).collect();
    for c in &publishable {
        for sibling in &c.siblings {
            if !publishable.iter().any(|p| &p.name == sibling) {
                bail!("{} depends on {sibling}, which is not publishable", c.name);
            }
        }
    }
    let mut ordered: Vec<&Crate> = Vec::new();
    while ordered.len() < publishable.len() {
        let next = publishable.iter().find(|c| {
            !ordered.iter().any(|o| o.name == c.name)
                && c.siblings
                    .iter()
                    .all(|s| ordered.iter().any(|o| &o.name == s))
        });
        match next {
            Some(c) => ordered.push(c),
            None => bail!("the publishable crates depend on each other in a cycle"),
        }
    }
    Ok(ordered)
}

/// Packages every publishable crate (see the module docs for which are verified).
pub fn package_all(root: &Path, timings: &mut Timings) -> Result<()> {
    let crates = workspace_crates(root)?;
    let order = publish_order(&crates)?;
    let names: Vec<&str> = order.iter().map(|c| c.name.as_str()).collect();
    let unpublished: Vec<&str> = crates
        .iter()
        .filter(|c| !c.publishable)
        .map(|c| c.name.as_str())
        .collect();
    println!(
        "publishing order: {}; not published: {}",
        names.join(", "),
        unpublished.join(", ")
    );
    for c in order.iter().filter(|c| c.siblings.is_empty()) {
        timings.step(
            &format!("package {} (verified)", c.name),
            cargo(root).args(["package", "--allow-dirty", "--package", &c.name]),
        )?;
    }
    let mut all = cargo(root);
    all.args(["package", "--allow-dirty", "--no-verify"]);
    for name in &names {
        all.args(["--package", name]);
    }
    timings.step("package all publishable crates (--no-verify)", &mut all)
}

#[cfg(test)]
mod tests;
