//! The `hume-bench` children: building the binary, the work directory, the servers, one
//! measurement run, and curl as a baseline.

use std::io::{BufRead, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::cargo::cargo;

/// The key both servers accept (a local benchmark key, not a secret).
pub const KEY: &str = "bench-key";

/// Builds `hume-bench` in release and returns the path of the binary.
pub fn build(root: &Path) -> Result<PathBuf> {
    build_binary(root, "hume-bench", "hume-bench")
}

/// Builds the `hume` command-line tool in release and returns the path of the binary.
pub fn build_cli(root: &Path) -> Result<PathBuf> {
    build_binary(root, "hume-cli", "hume")
}

/// Builds `package` in release and returns the path of its binary `name`.
fn build_binary(root: &Path, package: &str, name: &str) -> Result<PathBuf> {
    println!("== building {package} (release)");
    let output = cargo(root)
        .args([
            "build",
            "--release",
            "-p",
            package,
            "--message-format=json-render-diagnostics",
        ])
        .stderr(Stdio::inherit())
        .output()
        .context("running cargo build")?;
    if !output.status.success() {
        bail!("cargo build -p {package} failed ({})", output.status);
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == name)
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .with_context(|| format!("cargo did not report the {name} executable"))
}

/// A temporary directory, removed on drop (with the 1 GiB files in it).
pub struct WorkDir(pub PathBuf);

impl WorkDir {
    pub fn create() -> Result<Self> {
        let dir = std::env::temp_dir().join(format!("hume-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(WorkDir(dir))
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A `hume-bench serve*` child: started with stdin and stdout piped, ready once it printed
/// its JSON line; closing its stdin stops it (dropping it closes stdin, waits up to 10 s,
/// then kills).
pub struct ServeChild {
    child: Child,
    stdin: Option<ChildStdin>,
    /// The JSON line it printed when ready.
    pub ready: Value,
}

impl ServeChild {
    /// Spawns `command` (`what` names it in errors) and reads its ready line.
    pub fn start(mut command: Command, what: &str) -> Result<Self> {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("starting {what}"))?;
        let stdin = child.stdin.take();
        let stdout = child
            .stdout
            .take()
            .with_context(|| format!("{what} stdout"))?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .with_context(|| format!("reading the {what} line"))?;
        match serde_json::from_str(&line) {
            Ok(ready) => Ok(ServeChild {
                child,
                stdin,
                ready,
            }),
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                bail!("{what} did not start (printed {line:?})")
            }
        }
    }

    /// A string field of the ready line.
    pub fn field(&self, key: &str) -> Option<String> {
        self.ready[key].as_str().map(str::to_owned)
    }
}

impl Drop for ServeChild {
    fn drop(&mut self) {
        if let Some(mut stdin) = self.stdin.take() {
            let _ = stdin.flush();
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `hume-bench serve` child; dropping it stops it.
pub struct Servers {
    _child: ServeChild,
    /// The emulator's base URL.
    pub emulator: String,
    /// The predictions server's base URL, when it serves a file.
    pub predictions: Option<String>,
    /// A completed job on the emulator.
    pub job_id: String,
}

impl Servers {
    pub fn start(exe: &Path, padding: u64, predictions: Option<&Path>) -> Result<Self> {
        let mut command = Command::new(exe);
        command
            .env("HUME_BENCH_KEY", KEY)
            .args(["serve", "--queued-ms", "100", "--in-progress-ms", "900"])
            .args(["--artifact-padding", &padding.to_string()]);
        if let Some(file) = predictions {
            command.arg("--predictions").arg(file);
        }
        let child = ServeChild::start(command, "hume-bench serve")?;
        Ok(Servers {
            emulator: child.field("emulator").context("emulator url")?,
            predictions: child.field("predictions_server"),
            job_id: child.field("job_id").context("job id")?,
            _child: child,
        })
    }
}

/// Runs one `hume-bench` measurement child and returns its JSON line.
pub fn measure(exe: &Path, args: &[&str]) -> Result<Value> {
    let output = Command::new(exe)
        .env("HUME_BENCH_KEY", KEY)
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("running hume-bench {}", args.join(" ")))?;
    if !output.status.success() {
        bail!("hume-bench {} failed ({})", args[0], output.status);
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report = stdout
        .lines()
        .rev()
        .find_map(|l| serde_json::from_str::<Value>(l).ok())
        .with_context(|| format!("hume-bench {} printed no JSON line", args[0]))?;
    println!("   {report}");
    Ok(report)
}

/// Runs curl with `args`, checks the status is 2xx, returns curl's own `time_total`.
pub fn curl(args: &[&str]) -> Result<f64> {
    let output = Command::new("curl")
        .args(["-s", "-w", "%{time_total} %{http_code}", "-H"])
        .arg(format!("X-Hume-Api-Key: {KEY}"))
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .context("running curl (is it installed?)")?;
    let text = String::from_utf8_lossy(&output.stdout);
    let mut words = text.split_whitespace().rev();
    let (code, time) = (words.next(), words.next());
    match (code, time.and_then(|t| t.parse::<f64>().ok())) {
        (Some(code), Some(secs)) if output.status.success() && code.starts_with('2') => {
            println!("   curl: {secs:.3} s (HTTP {code})");
            Ok(secs)
        }
        _ => bail!("curl failed ({}): {text}", output.status),
    }
}

pub fn remove(path: &Path) {
    let _ = std::fs::remove_file(path);
}

#[cfg(test)]
mod tests;
