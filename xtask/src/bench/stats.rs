//! Figures over rounds: the fastest report ([`best`]), medians, and ours against a baseline
//! run back to back ([`Paired`]).

use anyhow::{Context, Result, bail};
use serde_json::Value;

/// The `secs` of a measurement's JSON report (NaN when missing).
pub fn secs(report: &Value) -> f64 {
    report["secs"].as_f64().unwrap_or(f64::NAN)
}

/// The `peak_rss_kib` of a measurement's JSON report.
pub fn rss_kib(report: &Value) -> Option<u64> {
    report["peak_rss_kib"].as_u64()
}

/// The best (fastest) of several reports, with the highest peak RSS seen.
pub fn best(reports: &[Value]) -> Result<Value> {
    let mut best = reports
        .iter()
        .min_by(|a, b| secs(a).total_cmp(&secs(b)))
        .cloned()
        .context("no rounds")?;
    let peak = reports.iter().filter_map(rss_kib).max();
    best["peak_rss_kib"] = peak.into();
    Ok(best)
}

/// The median (mean of the middle two for an even count; NaN for none).
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => values[n / 2],
        _ => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// Ours against a baseline over rounds run back to back: median times, the median of the
/// per-round speed ratios (robust to load from other processes drifting between rounds), and
/// our highest peak RSS.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paired {
    /// Our median seconds.
    pub ours: f64,
    /// The baseline's median seconds.
    pub base: f64,
    /// Median of baseline / ours per round (above 1: we are faster).
    pub ratio: f64,
    /// Our highest peak RSS in KiB.
    pub rss: Option<u64>,
}

impl Paired {
    /// Pairs our reports with the baseline's seconds, round by round.
    pub fn of(ours: &[Value], base_secs: &[f64]) -> Result<Self> {
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

#[cfg(test)]
mod tests;
