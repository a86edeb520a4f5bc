//! Reading criterion's own results: every `<CRITERION_HOME>/**/new/benchmark.json` (the id
//! and throughput) with the `estimates.json` beside it (times in nanoseconds), instead of
//! scraping what criterion prints.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result};
use serde_json::Value;

use super::table::MIB;

/// One benchmark's latest result.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// `group/function`, as criterion names it.
    pub full_id: String,
    /// Median time of one iteration, in nanoseconds.
    pub median_ns: f64,
    /// Bytes one iteration processes (`Throughput::Bytes`), if declared.
    pub bytes: Option<u64>,
}

impl Estimate {
    /// Throughput from the median, in MiB/s (when the benchmark declared bytes).
    pub fn mib_per_sec(&self) -> Option<f64> {
        let bytes = self.bytes? as f64;
        (self.median_ns > 0.0).then(|| bytes / (self.median_ns * 1e-9) / MIB)
    }
}

/// Every result under `home` written at or after `since` (older ones are from earlier runs).
pub fn read_estimates(home: &Path, since: SystemTime) -> Result<Vec<Estimate>> {
    let mut found = Vec::new();
    let mut dirs = vec![home.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if !path.is_dir() {
                continue;
            }
            if path.file_name().is_some_and(|n| n == "new") {
                if let Some(estimate) = read_one(&path, since)? {
                    found.push(estimate);
                }
            } else {
                dirs.push(path);
            }
        }
    }
    found.sort_by(|a, b| a.full_id.cmp(&b.full_id));
    Ok(found)
}

/// The result in one `new/` directory, if it is complete and recent enough.
fn read_one(new_dir: &Path, since: SystemTime) -> Result<Option<Estimate>> {
    let (benchmark, estimates) = (
        new_dir.join("benchmark.json"),
        new_dir.join("estimates.json"),
    );
    let fresh = |p: &PathBuf| {
        p.metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t >= since)
    };
    if !fresh(&benchmark) || !fresh(&estimates) {
        return Ok(None);
    }
    let read = |p: &PathBuf| -> Result<Value> {
        let text = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
        serde_json::from_slice(&text).with_context(|| format!("parsing {}", p.display()))
    };
    let (benchmark, estimates) = (read(&benchmark)?, read(&estimates)?);
    Ok(parse(&benchmark, &estimates))
}

/// An [`Estimate`] from the two files' JSON (`None` when a field is missing).
pub fn parse(benchmark: &Value, estimates: &Value) -> Option<Estimate> {
    let throughput = &benchmark["throughput"];
    Some(Estimate {
        full_id: benchmark["full_id"].as_str()?.to_owned(),
        median_ns: estimates["median"]["point_estimate"].as_f64()?,
        bytes: throughput["Bytes"]
            .as_u64()
            .or_else(|| throughput["BytesDecimal"].as_u64()),
    })
}

#[cfg(test)]
mod tests;
