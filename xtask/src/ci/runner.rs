//! Running CI steps: each one echoed, timed ([`Timings`]), and for test runners counted
//! ([`Tally`], read from the runners' own summary lines).

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// How long each step took, in order, printed as a table at the end (or at the first failure).
#[derive(Debug, Default)]
pub struct Timings {
    steps: Vec<(String, Duration)>,
}

impl Timings {
    /// Runs `work` as the step `name`: prints `== name`, then its time once it ends.
    pub fn time<T>(&mut self, name: &str, work: impl FnOnce() -> Result<T>) -> Result<T> {
        println!("== {name}");
        let start = Instant::now();
        let result = work();
        let took = start.elapsed();
        self.steps.push((name.to_owned(), took));
        match &result {
            Ok(_) => println!("== {name}: done in {}", seconds(took)),
            Err(_) => println!("== {name}: FAILED after {}", seconds(took)),
        }
        result
    }

    /// Runs `command` as the step `name`; a non-zero exit fails the step.
    pub fn step(&mut self, name: &str, command: &mut Command) -> Result<()> {
        self.time(name, || run(name, command))
    }

    /// Runs a test command as the step `name`, echoing its output and adding up the counts
    /// its summary lines report.
    pub fn counted(&mut self, name: &str, command: &mut Command) -> Result<Tally> {
        self.time(name, || run_counted(name, command))
    }

    /// The table of step times and their total.
    pub fn table(&self) -> String {
        let width = self.steps.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
        let mut out = String::new();
        for (name, took) in &self.steps {
            out.push_str(&format!("  {name:<width$}  {:>8}\n", seconds(*took)));
        }
        let total: Duration = self.steps.iter().map(|(_, d)| *d).sum();
        out.push_str(&format!("  {:<width$}  {:>8}", "total", seconds(total)));
        out
    }
}

/// `12.3 s`.
fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn run(name: &str, command: &mut Command) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("starting {name}"))?;
    if !status.success() {
        bail!("step `{name}` failed ({status})");
    }
    Ok(())
}

fn run_counted(name: &str, command: &mut Command) -> Result<Tally> {
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

/// Test counts gathered from the runners' own summary lines.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed.
    pub failed: u64,
}

impl Tally {
    /// Adds another tally to this one.
    pub fn add(&mut self, other: Tally) {
        self.passed += other.passed;
        self.failed += other.failed;
    }

    /// Reads one output line of cargo test (`test result: ok. 3 passed; 0 failed; ...`) or of
    /// nextest (`Summary [ 1.2s] 40 tests run: 40 passed, 0 skipped`, `..., 2 failed, ...`).
    pub fn from_line(line: &str) -> Option<Tally> {
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

#[cfg(test)]
mod tests;
