//! The `hume-emulator` binary: prints its listening line, serves, writes samples.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn binary_prints_the_listening_line_and_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hume-emulator"))
        .args([
            "--port",
            "0",
            "--api-key",
            "cli-key",
            "--queued-ms",
            "0",
            "--in-progress-ms",
            "0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .strip_prefix("hume-emulator listening on ")
        .unwrap_or_else(|| panic!("{line:?}"))
        .to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    let response = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(format!("{base}/v0/batch/jobs"))
        .header("X-Hume-Api-Key", "cli-key")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn binary_dumps_samples() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_hume-emulator"))
        .arg("--dump-samples")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("wrote "));
    assert!(dir.path().join("details-completed.json").is_file());
}
