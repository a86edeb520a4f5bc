//! The result table: one [`Row`] per figure, its [`Verdict`], and the labels the rows use.

use std::fmt::Write as _;

/// One mebibyte.
pub const MIB: f64 = 1024.0 * 1024.0;

/// Whether a row met its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The target was met.
    Pass,
    /// The target was missed (or the benchmark failed).
    Fail,
    /// No target: the figure is reported only.
    Info,
}

impl Verdict {
    /// `Pass` when `pass`, else `Fail`.
    pub fn of(pass: bool) -> Self {
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
pub struct Row {
    /// What was measured.
    pub name: String,
    /// Our figure.
    pub ours: String,
    /// The baseline's figure.
    pub baseline: String,
    /// Ours relative to the baseline.
    pub ratio: String,
    /// Our peak RSS.
    pub rss: String,
    /// The target, `-` for none.
    pub target: String,
    /// Met or not.
    pub verdict: Verdict,
}

impl Row {
    /// A failed benchmark: its error in place of the figures.
    pub fn error(name: &str, err: &anyhow::Error) -> Self {
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
pub fn table(rows: &[Row]) -> String {
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

/// `812 MiB/s (1.26 s)`.
pub fn throughput(bytes: f64, secs: f64) -> String {
    format!("{:.0} MiB/s ({secs:.2} s)", bytes / MIB / secs)
}

/// A size in its natural unit: `1 GiB`, `256 MiB`, `100 MB`.
pub fn size_label(bytes: f64) -> String {
    if bytes >= 1024.0 * MIB * 0.99 {
        format!("{:.0} GiB", bytes / (1024.0 * MIB))
    } else if bytes % MIB == 0.0 {
        format!("{:.0} MiB", bytes / MIB)
    } else {
        format!("{:.0} MB", bytes / 1e6)
    }
}

/// A peak RSS in KiB as `6.0 MiB` (`?` when unknown).
pub fn rss_label(kib: Option<u64>) -> String {
    kib.map_or_else(|| "?".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
}

#[cfg(test)]
mod tests;
