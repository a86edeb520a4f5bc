//! End-to-end tests of the `hume` binary: every subcommand against an emulator (`--emulator`
//! in the child process, or one started here and passed with `--base-url`/`--api-key`), bad
//! input with its message and exit code, and the analysis commands on a predictions file
//! written here with hand-computable values.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use assert_cmd::Command;
use hume_emulator::{BlockingEmulatorHandle, Emulator, EmulatorConfig};
use predicates::prelude::*;
use serde_json::Value;

const KEY: &str = "cli-test-key";

/// The binary with a clean environment (no key or base URL leaking in from the shell).
fn hume() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hume"));
    cmd.env_remove("HUME_API_KEY")
        .env_remove("HUME_BASE_URL")
        .timeout(Duration::from_secs(60));
    cmd
}

/// An emulator owned by the test, and the binary pointed at it.
struct Server {
    handle: BlockingEmulatorHandle,
}

impl Server {
    fn start() -> Server {
        Server::with(EmulatorConfig::default().with_api_key(KEY))
    }

    fn with(config: EmulatorConfig) -> Server {
        Server {
            handle: Emulator::start_blocking(config).expect("emulator starts"),
        }
    }

    fn hume(&self) -> Command {
        let mut cmd = hume();
        cmd.args(["--base-url", &self.handle.base_url(), "--api-key", KEY]);
        cmd
    }

    /// Submits a job and returns its id (stdout is the id alone).
    fn submit(&self, args: &[&str]) -> String {
        let out = self.hume().arg("submit").args(args).assert().success();
        let id = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let id = id.trim().to_owned();
        assert_eq!(id.len(), 36, "a uuid job id: {id:?}");
        id
    }

    /// Submits a job and waits for it to complete.
    fn completed_job(&self, args: &[&str]) -> String {
        let id = self.submit(args);
        self.hume()
            .args(["--quiet", "wait", &id])
            .assert()
            .success();
        id
    }
}

fn stdout_json(cmd: &mut Command) -> Value {
    let out = cmd.assert().success();
    serde_json::from_slice(&out.get_output().stdout).expect("stdout is json")
}

/// Prosody on `talk.mp3` (two spans: duration-weighted means Joy 0.5, Calmness 0.575) and a
/// face on `face.jpg` (Joy 0.9, Calmness 0.1).
const PREDICTIONS: &str = r#"[
 {"source": {"type": "url", "url": "https://example.com/talk.mp3"},
  "results": {"errors": [], "predictions": [{"file": "talk.mp3", "models": {"prosody": {
    "metadata": null, "grouped_predictions": [{"id": "unknown", "predictions": [
      {"text": "Hello", "time": {"begin": 0.0, "end": 1.0},
       "emotions": [{"name": "Calmness", "score": 0.2}, {"name": "Joy", "score": 0.8}]},
      {"text": "there friend", "time": {"begin": 1.0, "end": 4.0},
       "emotions": [{"name": "Calmness", "score": 0.7}, {"name": "Joy", "score": 0.4}]}
    ]}]}}}]}},
 {"source": {"type": "url", "url": "https://example.com/face.jpg"},
  "results": {"errors": [], "predictions": [{"file": "face.jpg", "models": {"face": {
    "metadata": null, "grouped_predictions": [{"id": "unknown", "predictions": [
      {"frame": 0, "time": 0, "prob": 0.99, "box": {"x": 1, "y": 2, "w": 30, "h": 40},
       "emotions": [{"name": "Calmness", "score": 0.1}, {"name": "Joy", "score": 0.9}]}
    ]}]}}}]}}
]"#;

fn predictions_file(dir: &Path) -> PathBuf {
    let path = dir.join("predictions.json");
    std::fs::write(&path, PREDICTIONS).unwrap();
    path
}

fn zip_names(path: &Path) -> Vec<String> {
    let archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    archive.file_names().map(str::to_owned).collect()
}

// ---------------------------------------------------------------- help and usage

#[test]
fn help_documents_every_subcommand_and_the_exit_codes() {
    let out = hume().arg("--help").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for word in [
        "submit",
        "status",
        "wait",
        "predictions",
        "artifacts",
        "list",
        "run",
        "emulator",
        "summary",
        "export",
        "plot",
        "Exit codes:",
        "3  authentication error",
        "4  the job failed",
        "5  timed out",
        "6  not found",
        "7  invalid input",
    ] {
        assert!(text.contains(word), "{word} missing from help:\n{text}");
    }
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    hume()
        .args([
            "submit",
            "--emulator",
            "--face-bogus",
            "https://example.com/a.jpg",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--face-bogus"));
}

#[test]
fn a_fractional_or_negative_min_face_size_is_a_usage_error() {
    for bad in ["60.5", "-1"] {
        hume()
            .args([
                "submit",
                "--emulator",
                "--face-min-face-size",
                bad,
                "https://example.com/a.jpg",
            ])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--face-min-face-size"));
    }
}

// ---------------------------------------------------------------- run

#[test]
fn run_with_emulator_saves_files_and_prints_top_emotions() {
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("out");
    let out = hume()
        .args([
            "run",
            "--emulator",
            "--url",
            "https://example.com/faces.zip",
            "--text",
            "What a wonderful day. I am so happy to see you.",
            "-o",
        ])
        .arg(&out_dir)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let first = stdout.lines().next().unwrap();
    assert!(
        first.starts_with("job ") && first.contains(" COMPLETED"),
        "{stdout}"
    );
    let job_id = first.split_whitespace().nth(1).unwrap();
    assert_eq!(job_id.len(), 36);
    assert!(stdout.contains("top emotions (mean score)"), "{stdout}");
    for model in ["face", "language"] {
        assert!(
            stdout
                .lines()
                .any(|l| l.split_whitespace().nth(2) == Some(model)),
            "no {model} row in\n{stdout}"
        );
    }

    let predictions: Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("predictions.json")).unwrap()).unwrap();
    let sources = predictions.as_array().unwrap();
    assert_eq!(sources.len(), 2, "the url and the text source");
    // The top emotion of the text row is the highest language mean of the saved file.
    let text_row = stdout.lines().find(|l| l.starts_with("text ")).unwrap();
    let emotion_names: Vec<&str> = hume::models::names::LANGUAGE_EXPRESSIONS_53.to_vec();
    assert!(
        emotion_names.iter().any(|n| text_row.contains(n)),
        "{text_row}"
    );
    let names = zip_names(&out_dir.join("artifacts.zip"));
    assert!(
        names
            .iter()
            .any(|n| n == &format!("{job_id}/predictions.json")),
        "{names:?}"
    );
}

#[test]
fn run_json_reports_paths_and_summaries() {
    let tmp = tempfile::tempdir().unwrap();
    let v = stdout_json(
        hume()
            .current_dir(tmp.path())
            .args(["run", "--emulator", "--json", "--prosody", "--face"])
            .arg("https://example.com/talk.mp4"),
    );
    let id = v["job_id"].as_str().unwrap();
    assert_eq!(v["status"], "COMPLETED");
    // Default folder: ./hume-output/JOB_ID.
    let dir = tmp.path().join("hume-output").join(id);
    assert!(dir.join("predictions.json").is_file());
    assert!(dir.join("artifacts.zip").is_file());
    let models: Vec<&str> = v["summaries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["model"].as_str().unwrap())
        .collect();
    assert!(
        models.contains(&"face") && models.contains(&"prosody"),
        "{models:?}"
    );
    assert!(
        !models.contains(&"burst"),
        "only the asked models ran: {models:?}"
    );
    assert_eq!(v["summaries"][0]["top"].as_array().unwrap().len(), 3);
}

#[test]
fn run_of_a_failing_job_exits_4() {
    hume()
        .args([
            "run",
            "--emulator",
            "--quiet",
            "https://example.com/fail-job.mp4",
        ])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("failed"));
}

#[test]
fn run_reports_failed_sources_and_still_summarises_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let out = hume()
        .args(["run", "--emulator", "--face", "-o"])
        .arg(tmp.path())
        .args([
            "https://example.com/ok.jpg",
            "https://unreachable.invalid/gone.jpg",
        ])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains("error in https://unreachable.invalid/gone.jpg: "),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("https://example.com/ok.jpg  ok.jpg  face")),
        "{stdout}"
    );
}

// ---------------------------------------------------------------- submit, status, wait

#[test]
fn submit_status_wait_against_a_shared_emulator() {
    let server = Server::start();
    let id = server.submit(&[
        "https://example.com/a.mp4",
        "--text",
        "hello there",
        "--face",
        "--face-fps-pred",
        "2",
        "--language-granularity",
        "sentence",
        "--transcription-language",
        "en",
    ]);
    let status = stdout_json(server.hume().args(["status", &id, "--json"]));
    assert_eq!(status["job_id"], id.as_str());
    assert_eq!(status["request"]["models"]["face"]["fps_pred"], 2.0);
    assert_eq!(
        status["request"]["models"]["language"]["granularity"],
        "sentence"
    );
    assert_eq!(status["request"]["transcription"]["language"], "en");

    server
        .hume()
        .args(["wait", &id, "--timeout", "30"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("job {id}: COMPLETED")))
        .stderr(predicate::str::contains("COMPLETED"));
    server
        .hume()
        .args(["status", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("COMPLETED"))
        .stdout(predicate::str::contains("models       face, language"));
}

#[test]
fn submit_wait_json_and_local_file_upload() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("speech.mp3");
    std::fs::write(&file, b"ID3 not really audio").unwrap();
    let v = stdout_json(
        hume()
            .args([
                "submit",
                "--emulator",
                "--json",
                "--wait",
                "--prosody",
                "--file",
            ])
            .arg(&file),
    );
    assert_eq!(v["details"]["state"]["status"], "COMPLETED");
    assert_eq!(
        v["details"]["request"]["files"][0]["filename"],
        "speech.mp3"
    );
}

#[test]
fn every_submit_option_reaches_the_server() {
    let server = Server::start();
    let id = server.submit(&[
        "--url",
        "https://example.com/a.mp4",
        "--face-prob-threshold",
        "0.5",
        "--face-identify-faces",
        "--face-min-face-size",
        "30",
        "--face-facs",
        "--face-descriptions",
        "--face-save-faces",
        "--burst",
        "--prosody-granularity",
        "word",
        "--prosody-window-length",
        "2",
        "--prosody-window-step",
        "1",
        "--prosody-identify-speakers",
        "--language-sentiment",
        "--language-toxicity",
        "--language-identify-speakers",
        "--ner",
        "--ner-identify-speakers",
        "--facemesh",
        "--no-transcription",
        "--callback-url",
        "http://127.0.0.1:9/hook",
        "--notify",
    ]);
    let v = stdout_json(server.hume().args(["--json", "status", &id]));
    let request = &v["request"];
    let models = &request["models"];
    assert_eq!(models["face"]["prob_threshold"], 0.5);
    assert_eq!(models["face"]["identify_faces"], true);
    assert_eq!(models["face"]["min_face_size"].as_u64(), Some(30));
    assert_eq!(models["face"]["facs"], serde_json::json!({}));
    assert_eq!(models["face"]["descriptions"], serde_json::json!({}));
    assert_eq!(models["face"]["save_faces"], true);
    assert_eq!(models["burst"], serde_json::json!({}));
    assert_eq!(models["prosody"]["granularity"], "word");
    assert_eq!(models["prosody"]["window"]["length"], 2.0);
    assert_eq!(models["prosody"]["window"]["step"], 1.0);
    assert_eq!(models["prosody"]["identify_speakers"], true);
    assert_eq!(models["language"]["sentiment"], serde_json::json!({}));
    assert_eq!(models["language"]["toxicity"], serde_json::json!({}));
    assert_eq!(models["language"]["identify_speakers"], true);
    assert_eq!(models["ner"]["identify_speakers"], true);
    assert_eq!(models["facemesh"], serde_json::json!({}));
    assert_eq!(request["transcription"], Value::Null);
    assert_eq!(request["callback_url"], "http://127.0.0.1:9/hook");
    assert_eq!(request["notify"], true);
}

#[test]
fn quiet_silences_progress_but_not_results() {
    let server = Server::start();
    let id = server.submit(&["https://example.com/a.jpg"]);
    server
        .hume()
        .args(["--quiet", "wait", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("COMPLETED"))
        .stderr(predicate::str::is_empty());
}

#[test]
fn wait_on_a_failed_job_exits_4() {
    let server = Server::start();
    let id = server.submit(&["https://example.com/fail-job.mp4"]);
    server
        .hume()
        .args(["wait", &id])
        .assert()
        .code(4)
        .stdout(predicate::str::contains("FAILED"))
        .stderr(predicate::str::contains(format!("job {id} failed")));
}

#[test]
fn wait_timeout_exits_5() {
    let server = Server::with(
        EmulatorConfig::default()
            .with_api_key(KEY)
            .with_in_progress_duration(Duration::from_secs(120)),
    );
    let id = server.submit(&["https://example.com/slow.mp4"]);
    server
        .hume()
        .args(["wait", &id, "--timeout", "1"])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(format!(
            "gave up waiting for job {id} after 1 s; the job keeps running"
        )));
    server
        .hume()
        .args(["wait", &id, "--timeout", "0.5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at least 1 second"));
}

#[test]
fn numbers_out_of_range_are_usage_errors_never_panics() {
    // The audit: `--timeout 1e20` panicked (exit 101), `--top u64::MAX` overflowed an
    // allocation, `--top 10000000` took 2.4 GB. Checked before anything runs (no server).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.json");
    std::fs::write(&file, "[]").unwrap();
    let file = file.to_str().unwrap();
    for args in [
        vec!["wait", "job-1", "--timeout", "1e20"],
        vec!["wait", "job-1", "--timeout", "inf"],
        vec![
            "submit",
            "--url",
            "https://x.test/a.mp4",
            "--wait",
            "--timeout",
            "1e300",
        ],
        vec!["run", "--url", "https://x.test/a.mp4", "--timeout", "NaN"],
        vec!["summary", file, "--top", "18446744073709551615"],
        vec!["summary", file, "--top", "10000000"],
        vec!["summary", file, "--from", "-inf", "--to", "1e400"],
        vec!["plot", file, "-o", "x.svg", "--smooth", "inf"],
    ] {
        hume()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("panicked").not());
    }
}

// ---------------------------------------------------------------- bad input and auth

#[test]
fn a_missing_file_is_exit_7_and_nothing_is_sent() {
    let server = Server::start();
    server
        .hume()
        .args(["submit", "--file", "/no/such/clip.mp4"])
        .assert()
        .code(7)
        .stderr(predicate::str::contains(
            "file not found: /no/such/clip.mp4",
        ));
    let jobs = stdout_json(server.hume().args(["list", "--json"]));
    assert_eq!(jobs, Value::Array(vec![]));
}

#[test]
fn no_inputs_is_exit_7() {
    hume()
        .args(["submit", "--emulator", "--face"])
        .assert()
        .code(7)
        .stderr(predicate::str::contains("nothing to process"));
}

#[test]
fn an_unknown_enum_value_is_a_usage_error_listing_the_accepted_names() {
    hume()
        .args([
            "submit",
            "--emulator",
            "https://example.com/a.mp4",
            "--prosody-granularity",
            "paragraph",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value 'paragraph' for '--prosody-granularity <G>'",
        ))
        .stderr(predicate::str::contains(
            "[possible values: word, sentence, utterance, conversational_turn]",
        ));
    hume()
        .args(["summary", "x.json", "--model", "smell"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "[possible values: face, burst, prosody, language, ner, facemesh, audio, video]",
        ));
    hume()
        .args([
            "submit",
            "--emulator",
            "https://example.com/a.mp4",
            "--transcription-language",
            "klingon",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("en-GB"));
}

#[test]
fn enum_values_match_ignoring_case_and_reach_the_request() {
    let server = Server::start();
    let id = server.submit(&[
        "https://example.com/a.mp4",
        "--language-granularity",
        "SENTENCE",
        "--transcription-language",
        "en-gb",
    ]);
    let status = stdout_json(server.hume().args(["status", &id, "--json"]));
    let request = &status["request"];
    assert_eq!(request["models"]["language"]["granularity"], "sentence");
    assert_eq!(request["transcription"]["language"], "en-GB");
}

#[test]
fn an_invalid_key_is_exit_3() {
    let server = Server::start();
    hume()
        .args([
            "--base-url",
            &server.handle.base_url(),
            "--api-key",
            "wrong",
        ])
        .args(["submit", "https://example.com/a.mp4"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("invalid api key"))
        .stderr(predicate::str::contains("wrong").not());
    // From the environment too.
    hume()
        .env("HUME_BASE_URL", server.handle.base_url())
        .env("HUME_API_KEY", "also-wrong")
        .arg("list")
        .assert()
        .code(3)
        .stderr(predicate::str::contains("invalid api key"));
}

#[test]
fn a_missing_key_is_exit_3() {
    hume()
        .args(["status", "some-job"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "no api key: pass --api-key, set HUME_API_KEY, or use --emulator",
        ));
    // Blank variables count as unset.
    hume()
        .env("HUME_API_KEY", " ")
        .env("HUME_BASE_URL", "")
        .args(["status", "some-job"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("no api key"));
}

#[test]
fn an_unknown_job_is_exit_6() {
    let server = Server::start();
    for cmd in [
        vec!["status", "no-such-job"],
        vec!["wait", "no-such-job"],
        vec!["predictions", "no-such-job"],
        vec!["summary", "no-such-job"],
    ] {
        server
            .hume()
            .args(&cmd)
            .assert()
            .code(6)
            .stderr(predicate::str::contains("job not found: no-such-job"));
    }
}

// ---------------------------------------------------------------- predictions, artifacts, list

#[test]
fn predictions_to_stdout_and_to_a_file() {
    let server = Server::start();
    let id = server.completed_job(&["--text", "good morning", "--language"]);
    let v = stdout_json(server.hume().args(["predictions", &id]));
    assert_eq!(v[0]["source"]["type"], "text");
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("p.json");
    server
        .hume()
        .args(["predictions", &id, "-o"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("saved predictions"));
    let saved: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(saved, v);
}

/// The body of `GET {base}{path}` exactly as the server sent it (HTTP/1.1, chunked or not).
fn raw_get(base: &str, path: &str) -> Vec<u8> {
    let host = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nX-Hume-Api-Key: {KEY}\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    let mut body = response[split + 4..].to_vec();
    if head.contains("transfer-encoding: chunked") {
        let mut decoded = Vec::new();
        let mut rest = &body[..];
        loop {
            let line_end = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let size =
                usize::from_str_radix(std::str::from_utf8(&rest[..line_end]).unwrap().trim(), 16)
                    .unwrap();
            if size == 0 {
                break;
            }
            decoded.extend_from_slice(&rest[line_end + 2..line_end + 2 + size]);
            rest = &rest[line_end + 2 + size + 2..];
        }
        body = decoded;
    }
    body
}

#[test]
fn predictions_on_stdout_are_the_servers_bytes_unchanged() {
    let server = Server::start();
    let id = server.completed_job(&["--text", "a fine day, said 1.50 people", "--language"]);
    let served = raw_get(
        &server.handle.base_url(),
        &format!("/v0/batch/jobs/{id}/predictions"),
    );
    assert!(
        served.starts_with(b"["),
        "{}",
        String::from_utf8_lossy(&served)
    );
    let out = server.hume().args(["predictions", &id]).assert().success();
    assert!(
        out.get_output().stdout == served,
        "stdout differs from the server's body:\n{}\n---\n{}",
        String::from_utf8_lossy(&out.get_output().stdout),
        String::from_utf8_lossy(&served)
    );
    // Re-serialising would show: the emulator's bytes are compact, a pretty-printer's are not.
    let reserialised =
        serde_json::to_vec_pretty(&serde_json::from_slice::<Value>(&served).unwrap()).unwrap();
    assert_ne!(
        reserialised, served,
        "the check can tell a re-serialisation apart"
    );
}

#[test]
fn predictions_of_an_unfinished_job_is_a_clear_error() {
    let server = Server::with(
        EmulatorConfig::default()
            .with_api_key(KEY)
            .with_queued_duration(Duration::from_secs(120)),
    );
    let id = server.submit(&["https://example.com/a.mp4"]);
    server
        .hume()
        .args(["predictions", &id])
        .assert()
        .code(7)
        .stderr(predicate::str::contains("not completed"));
}

#[test]
fn artifacts_download_and_extract() {
    let server = Server::start();
    let id = server.completed_job(&["https://example.com/a.mp4", "--face"]);
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("a.zip");
    let dir = tmp.path().join("x");
    server
        .hume()
        .args(["artifacts", &id, "-o"])
        .arg(&zip)
        .arg("--extract")
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("saved artifacts"))
        .stdout(predicate::str::contains("extracted"));
    for name in zip_names(&zip) {
        if !name.ends_with('/') {
            assert!(dir.join(&name).is_file(), "{name} extracted");
        }
    }
    assert!(dir.join(&id).join("predictions.json").is_file());
}

/// A one-shot HTTP server answering its first request with `body` as a zip.
fn serve_zip_once(body: Vec<u8>) -> (String, std::thread::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let thread = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).unwrap();
            head.push(byte[0]);
        }
        write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .unwrap();
        stream.write_all(&body).unwrap();
        String::from_utf8_lossy(&head).into_owned()
    });
    (url, thread)
}

#[test]
fn artifacts_extract_refuses_a_path_escaping_zip_end_to_end() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("job/ok.csv", options).unwrap();
    zip.write_all(b"fine").unwrap();
    zip.start_file("job/../../escape.txt", options).unwrap();
    zip.write_all(b"pwned").unwrap();
    let body = zip.finish().unwrap().into_inner();
    let (url, server) = serve_zip_once(body);

    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("work");
    std::fs::create_dir(&work).unwrap();
    hume()
        .current_dir(&work)
        .args(["--base-url", &url, "--api-key", KEY])
        .args(["artifacts", "evil-job", "-o", "a.zip", "--extract", "x"])
        .assert()
        .code(7)
        .stderr(predicate::str::contains(
            "refusing to extract a.zip: entry `job/../../escape.txt` contains a `..` component",
        ));
    let head = server.join().unwrap();
    assert!(
        head.starts_with("GET /v0/batch/jobs/evil-job/artifacts "),
        "{head}"
    );
    assert!(work.join("a.zip").is_file(), "the download itself is kept");
    assert!(!work.join("x").exists(), "nothing extracted");
    assert!(!tmp.path().join("escape.txt").exists());
}

#[test]
fn list_with_every_filter() {
    let server = Server::start();
    let a = server.completed_job(&["https://example.com/a.mp4"]);
    let b = server.completed_job(&["https://example.com/b.mp4"]);
    let all = stdout_json(server.hume().args(["list", "--json"]));
    let ids: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["job_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![b.as_str(), a.as_str()], "newest first by default");

    let asc = stdout_json(server.hume().args([
        "list",
        "--json",
        "--limit",
        "1",
        "--status",
        "completed",
        "--status",
        "FAILED",
        "--sort-by",
        "created",
        "--direction",
        "asc",
    ]));
    assert_eq!(asc.as_array().unwrap().len(), 1);
    assert_eq!(asc[0]["job_id"], a.as_str());

    let b_created = all[0]["state"]["created_timestamp_ms"].as_i64().unwrap();
    let before = stdout_json(server.hume().args([
        "list",
        "--json",
        "--created-before",
        &b_created.to_string(),
    ]));
    assert!(
        before
            .as_array()
            .unwrap()
            .iter()
            .all(|j| j["job_id"] != b.as_str()),
        "{before}"
    );
    let after = stdout_json(server.hume().args([
        "list",
        "--json",
        "--created-after",
        &(b_created - 1).to_string(),
    ]));
    assert!(
        after
            .as_array()
            .unwrap()
            .iter()
            .any(|j| j["job_id"] == b.as_str())
    );

    let none = stdout_json(server.hume().args(["list", "--json", "--status", "QUEUED"]));
    assert_eq!(none, Value::Array(vec![]));

    server
        .hume()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains(&a))
        .stdout(predicate::str::contains("COMPLETED"));
    server
        .hume()
        .args(["list", "--status", "DONE"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value 'DONE' for '--status <STATUS>'",
        ))
        .stderr(predicate::str::contains(
            "[possible values: QUEUED, IN_PROGRESS, COMPLETED, FAILED]",
        ));
    server
        .hume()
        .args(["list", "--direction", "up"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("[possible values: asc, desc]"));
}

// ---------------------------------------------------------------- emulator subcommand

/// Starts `hume emulator ARGS` and returns the child with what it announced on stdout.
fn spawn_emulator(args: &[&str]) -> (std::process::Child, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hume"))
        .arg("emulator")
        .args(args)
        .env_remove("HUME_API_KEY")
        .env_remove("HUME_EMULATOR_API_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    if line.trim() == "{" {
        // `--json`: the whole (pretty-printed) object.
        while !line.ends_with("}\n") {
            stdout.read_line(&mut line).unwrap();
        }
    }
    (child, line)
}

/// Sends SIGINT (what Ctrl-C sends) to the child.
fn interrupt(child: &std::process::Child) {
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn emulator_subcommand_serves_until_ctrl_c() {
    let (child, line) =
        spawn_emulator(&["--port", "0", "--api-key", "fg-key", "--queued-ms", "10"]);
    let url = line
        .trim()
        .strip_prefix("hume emulator listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let listed = hume()
        .args(["--base-url", &url, "--api-key", "fg-key", "list", "--json"])
        .assert();
    let wrong_key = hume()
        .args(["--base-url", &url, "--api-key", "nope", "list"])
        .assert();
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    listed.success().stdout(predicate::str::contains("[]"));
    wrong_key.code(3);
    assert!(out.status.success(), "{:?}", out.status);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the key from --api-key or the environment"),
        "{stderr}"
    );
    assert!(stderr.contains("emulator stopped"), "{stderr}");
}

#[test]
fn emulator_subcommand_accepts_the_key_of_the_clients_environment() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hume"))
        .arg("emulator")
        .env("HUME_API_KEY", "env-key")
        .env_remove("HUME_EMULATOR_API_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().rsplit(' ').next().unwrap().to_owned();
    let with_env = hume()
        .env("HUME_API_KEY", "env-key")
        .args(["--base-url", &url, "list"])
        .assert();
    let default_key = hume()
        .args(["--base-url", &url, "--api-key", "test-key", "list"])
        .assert();
    child.kill().unwrap();
    child.wait().unwrap();
    with_env.success();
    default_key.code(3);
}

#[test]
fn emulator_subcommand_takes_the_emulator_binarys_flags() {
    let (mut child, line) = spawn_emulator(&[
        "--json",
        "--any-api-key",
        "--artifact-padding",
        "4096",
        "--callback-host",
        "hooks.example",
        "--seed",
        "7",
    ]);
    let url = serde_json::from_str::<Value>(&line).unwrap()["base_url"]
        .as_str()
        .unwrap()
        .to_owned();
    let client = |key: &str| {
        let mut cmd = hume();
        cmd.args(["--base-url", &url, "--api-key", key]);
        cmd
    };
    let out = client("anything")
        .args(["submit", "https://example.com/a.jpg"])
        .assert()
        .success();
    let id = String::from_utf8_lossy(&out.get_output().stdout)
        .trim()
        .to_owned();
    client("any-other").args(["wait", &id]).assert().success();
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("a.zip");
    client("other")
        .args(["artifacts", &id, "-o"])
        .arg(&zip_path)
        .assert()
        .success();
    assert!(std::fs::metadata(&zip_path).unwrap().len() > 4096, "padded");
    child.kill().unwrap();
    child.wait().unwrap();
}

// ---------------------------------------------------------------- summary, export, plot

#[test]
fn summary_of_a_written_file() {
    let tmp = tempfile::tempdir().unwrap();
    let path = predictions_file(tmp.path());
    let out = hume()
        .arg("summary")
        .arg(&path)
        .args(["--top", "2"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let prosody = text.lines().find(|l| l.contains("prosody")).unwrap();
    assert!(
        prosody.contains("Calmness 0.575") && prosody.contains("Joy 0.500"),
        "{text}"
    );
    let face = text.lines().find(|l| l.contains(" face ")).unwrap();
    assert!(face.contains("Joy 0.900"), "{text}");

    let v = stdout_json(
        hume()
            .arg("summary")
            .arg(&path)
            .args(["--json", "--model", "prosody", "--from", "0", "--to", "1"]),
    );
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    // Only the first span overlaps [0, 1] (the second one only touches it at 1 s).
    assert_eq!(rows[0]["segments"], 1);
    assert_eq!(rows[0]["top"][0]["name"], "Joy");
    assert!((rows[0]["top"][0]["mean"].as_f64().unwrap() - 0.8).abs() < 1e-12);

    // A window inside one span, and a negative start written without `=`.
    for (from, to, joy) in [("2", "3", 0.4), ("-5", "2", (0.8 + 0.4) / 2.0)] {
        let v = stdout_json(
            hume()
                .arg("summary")
                .arg(&path)
                .args(["--json", "--model", "prosody", "--from", from, "--to", to]),
        );
        let top = &v[0]["top"];
        let got = top
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == "Joy")
            .unwrap()["mean"]
            .as_f64()
            .unwrap();
        assert!((got - joy).abs() < 1e-12, "[{from}, {to}]: {v}");
    }
}

#[test]
fn a_window_outside_the_media_is_exit_7() {
    let tmp = tempfile::tempdir().unwrap();
    let path = predictions_file(tmp.path());
    hume()
        .arg("summary")
        .arg(&path)
        .args([
            "--model", "prosody", "--file", "talk.mp3", "--from", "10", "--to", "20",
        ])
        .assert()
        .code(7)
        .stderr(predicate::str::contains(
            "time window [10, 20] s is outside the media, which spans [0, 4] s",
        ));
    // The face model's file is a still image: its media ends at 0 s.
    hume()
        .arg("summary")
        .arg(&path)
        .args([
            "--model", "face", "--file", "face.jpg", "--from", "1", "--to", "2",
        ])
        .assert()
        .code(7)
        .stderr(predicate::str::contains("which spans [0, 0] s"));
    hume()
        .arg("summary")
        .arg(&path)
        .args(["--from", "5", "--to", "1"])
        .assert()
        .code(7)
        .stderr(predicate::str::contains("start 5 s is after end 1 s"));
}

#[test]
fn analysis_of_missing_or_bad_files_is_exit_7() {
    let tmp = tempfile::tempdir().unwrap();
    hume()
        .args(["summary", "missing.json"])
        .assert()
        .code(7)
        .stderr(predicate::str::contains("file not found: missing.json"));
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, r#"{"message": "not predictions"}"#).unwrap();
    hume()
        .arg("summary")
        .arg(&bad)
        .assert()
        .code(7)
        .stderr(predicate::str::contains("does not hold batch predictions"));
    hume()
        .arg("export")
        .arg(&bad)
        .arg("--csv")
        .arg(tmp.path().join("o.csv"))
        .assert()
        .code(7)
        .stderr(predicate::str::contains("cannot export"));
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        left,
        vec!["bad.json"],
        "no csv, partial or not, is left behind"
    );
}

#[test]
fn export_of_a_written_file() {
    let tmp = tempfile::tempdir().unwrap();
    let path = predictions_file(tmp.path());
    let csv = tmp.path().join("out.csv");
    hume()
        .arg("export")
        .arg(&path)
        .arg("--csv")
        .arg(&csv)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "wrote 6 rows (3 segments of 2 files)",
        ));
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "segment,source,file,model,group,frame,begin,end,position_begin,position_end,text,\
         prob,box_x,box_y,box_w,box_h,confidence,speaker_confidence,entity,uri,link_word,\
         entity_confidence,support,utterance,measurement,trigger,kind,name,score"
    );
    assert_eq!(lines.len(), 7);
    assert!(lines.contains(
        &"1,https://example.com/talk.mp3,talk.mp3,prosody,unknown,,1.0,4.0,,,there friend,,,,,,,,,,,,,,,,emotion,Joy,0.4"
    ), "{text}");
    assert!(lines.contains(
        &"2,https://example.com/face.jpg,face.jpg,face,unknown,0,0.0,0.0,,,,0.99,1.0,2.0,30.0,40.0,,,,,,,,,,,emotion,Joy,0.9"
    ), "{text}");
    // To stdout.
    hume()
        .arg("export")
        .arg(&path)
        .args(["--csv", "-"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("segment,source,file,model"));
}

const ERRORS_ONLY: &str = r#"[
 {"source": {"type": "url", "url": "https://x.invalid/a.mp4"}, "error": "cannot fetch"},
 {"source": {"type": "file", "filename": "b.zip", "md5sum": "0"},
  "results": {"predictions": [], "errors": [{"file": "b/c.jpg", "message": "corrupt"}]}}
]"#;

#[test]
fn errors_in_the_predictions_are_reported_and_an_empty_export_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("errors.json");
    std::fs::write(&path, ERRORS_ONLY).unwrap();
    let csv = tmp.path().join("out.csv");
    hume()
        .arg("export")
        .arg(&path)
        .arg("--csv")
        .arg(&csv)
        .assert()
        .code(7)
        .stderr(predicate::str::contains(
            "error in the predictions: https://x.invalid/a.mp4: cannot fetch",
        ))
        .stderr(predicate::str::contains(
            "error in the predictions: b.zip (b/c.jpg): corrupt",
        ))
        .stderr(predicate::str::contains("nothing exported"));
    assert!(!csv.exists(), "no header-only csv");
    let errors = tmp.path().join("errors.csv");
    hume()
        .arg("export")
        .arg(&path)
        .arg("--csv")
        .arg(&csv)
        .arg("--errors")
        .arg(&errors)
        .assert()
        .code(7);
    assert_eq!(
        std::fs::read_to_string(&errors).unwrap(),
        "source,file,message\nhttps://x.invalid/a.mp4,,cannot fetch\nb.zip,b/c.jpg,corrupt\n"
    );
    hume()
        .arg("summary")
        .arg(&path)
        .assert()
        .code(7)
        .stderr(predicate::str::contains(
            "the predictions are empty (no source has any file result); errors: \
             https://x.invalid/a.mp4: cannot fetch; b.zip (b/c.jpg): corrupt",
        ));
    // With some results, the export succeeds and still reports the failed sources.
    let mixed = tmp.path().join("mixed.json");
    let mut body: serde_json::Value = serde_json::from_str(PREDICTIONS).unwrap();
    let extra: serde_json::Value = serde_json::from_str(ERRORS_ONLY).unwrap();
    body.as_array_mut()
        .unwrap()
        .extend(extra.as_array().unwrap().iter().cloned());
    std::fs::write(&mixed, body.to_string()).unwrap();
    hume()
        .arg("export")
        .arg(&mixed)
        .arg("--csv")
        .arg(&csv)
        .assert()
        .success()
        .stderr(predicate::str::contains("b.zip (b/c.jpg): corrupt"))
        .stderr(predicate::str::contains("2 source or file errors"));
    hume()
        .arg("summary")
        .arg(&mixed)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "https://x.invalid/a.mp4: cannot fetch",
        ));
}

#[test]
fn plot_of_a_written_file() {
    let tmp = tempfile::tempdir().unwrap();
    let path = predictions_file(tmp.path());
    let svg = tmp.path().join("p.svg");
    hume()
        .arg("plot")
        .arg(&path)
        .arg("-o")
        .arg(&svg)
        .args(["--emotions", "Joy,Calmness", "--smooth", "2"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"), "{}", &text[..100.min(text.len())]);
    assert!(
        text.contains("talk.mp3 (prosody)"),
        "first file with a model"
    );
    assert!(text.contains("Calmness"));

    hume()
        .arg("plot")
        .arg(&path)
        .arg("-o")
        .arg(&svg)
        .args(["--model", "face"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&svg)
            .unwrap()
            .contains("face.jpg (face)")
    );
}

#[test]
fn plot_errors_are_exit_7() {
    let tmp = tempfile::tempdir().unwrap();
    let path = predictions_file(tmp.path());
    let svg = tmp.path().join("p.svg");
    hume()
        .arg("plot")
        .arg(&path)
        .arg("-o")
        .arg(&svg)
        .args(["--emotions", "Jyo"])
        .assert()
        .code(7)
        .stderr(predicate::str::contains(
            "unknown emotion `Jyo` (close matches: Joy)",
        ));
    hume()
        .arg("plot")
        .arg(&path)
        .arg("-o")
        .arg(&svg)
        .args(["--model", "burst"])
        .assert()
        .code(7)
        .stderr(predicate::str::contains("model burst is absent"));
    hume()
        .arg("plot")
        .arg(&path)
        .arg("-o")
        .arg(&svg)
        .args(["--file", "nope.mp4"])
        .assert()
        .code(7)
        .stderr(predicate::str::contains("no file `nope.mp4`"));
    assert!(!svg.exists(), "no plot written on error");
}

#[test]
fn summary_export_plot_of_emulator_predictions_by_job_id() {
    let server = Server::start();
    let id = server.completed_job(&["https://example.com/talk.mp4", "--prosody", "--face"]);
    let v = stdout_json(
        server
            .hume()
            .args(["summary", &id, "--json", "--model", "prosody"]),
    );
    let rows = v.as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["model"] == "prosody"));
    assert_eq!(rows[0]["file"], "talk.mp4");

    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("e.csv");
    server
        .hume()
        .args(["export", &id, "--csv"])
        .arg(&csv)
        .assert()
        .success();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.lines().count() > 48, "header plus rows");
    assert!(
        text.lines()
            .skip(1)
            .all(|l| l.contains(",prosody,") || l.contains(",face,"))
    );

    let svg = tmp.path().join("e.svg");
    server
        .hume()
        .args(["plot", &id, "--model", "prosody", "-o"])
        .arg(&svg)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&svg)
            .unwrap()
            .contains("talk.mp4 (prosody)")
    );
}

// ---------------------------------------------------------------- v1: measure and runs

#[path = "cli/v1.rs"]
mod v1;

// ---------------------------------------------------------------- v1: realtime sessions

#[path = "cli/stream.rs"]
mod stream;

// ---------------------------------------------------------------- closed streams

/// Runs `hume args` with stdout and/or stderr a pipe whose reader is already gone (what
/// `hume ... | head` meets once `head` has exited), and returns the exit code.
fn run_with_closed(args: &[&str], base_url: Option<&str>, stdout: bool, stderr: bool) -> i32 {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_hume"));
    cmd.env_remove("HUME_API_KEY")
        .env_remove("HUME_BASE_URL")
        .args(args)
        .stdin(Stdio::null());
    if let Some(url) = base_url {
        cmd.args(["--base-url", url, "--api-key", KEY]);
    }
    let closed = || {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        Stdio::from(writer)
    };
    cmd.stdout(if stdout { closed() } else { Stdio::null() });
    cmd.stderr(if stderr { closed() } else { Stdio::null() });
    let status = cmd.status().unwrap();
    status.code().unwrap_or(-1)
}

#[test]
fn a_closed_stdout_or_stderr_ends_quietly_never_with_a_panic() {
    // The audit: `… 2>&1 | head` exited 101 because writing to the closed pipe panicked.
    let server = Server::start();
    let id = server.submit(&["https://example.com/face.jpg"]);
    let url = server.handle.base_url();
    let tmp = tempfile::tempdir().unwrap();
    let path = predictions_file(tmp.path());
    let file = path.to_str().unwrap();
    // Output on stdout: a closed stdout ends with 141 (SIGPIPE's convention) or 0.
    for args in [
        vec!["--help"],
        vec!["summary", file],
        vec!["--json", "summary", file],
        vec!["export", file, "--csv", "-"],
        vec!["status", &id],
        vec!["--json", "list"],
    ] {
        for stderr in [false, true] {
            let code = run_with_closed(&args, Some(&url), true, stderr);
            assert!(
                code == 0 || code == 141,
                "{args:?} (stderr closed: {stderr}): {code}"
            );
        }
    }
    // Errors on a closed stderr: the exit code still tells what happened.
    assert_eq!(
        run_with_closed(&["status", "no-such-job"], Some(&url), false, true),
        6
    );
    assert_eq!(
        run_with_closed(&["summary", "/no/such/file.json"], None, true, true),
        7
    );
    assert_eq!(run_with_closed(&["--no-such-flag"], None, true, true), 2);
}

#[cfg(unix)]
#[test]
fn summary_of_an_endless_input_ends_with_an_error() {
    // The audit: `summary /dev/zero` read until out of memory.
    for args in [
        vec!["summary", "/dev/zero"],
        vec!["export", "/dev/zero", "--csv", "-"],
        vec!["plot", "/dev/zero", "-o", "/dev/null"],
    ] {
        hume()
            .args(&args)
            .timeout(Duration::from_secs(30))
            .assert()
            .code(7)
            .stderr(predicate::str::contains("panicked").not());
    }
    // An endless array of whitespace (a FIFO a writer keeps feeding) stops at the limit.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("feed");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let feeder = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&fifo) else {
                return;
            };
            let _ = f.write_all(b"[");
            let block = vec![b' '; 1 << 20];
            while f.write_all(&block).is_ok() {}
        })
    };
    hume()
        .arg("summary")
        .arg(&fifo)
        .timeout(Duration::from_secs(120))
        .assert()
        .code(7)
        .stderr(predicate::str::contains("larger than 1024 MiB"));
    feeder.join().unwrap();
}

#[test]
fn unsafe_job_ids_from_the_command_line_are_refused_before_any_request() {
    // The audit: `status ..` asked for the list endpoint (`..` vanished from the URL).
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("a.zip");
    let zip = zip.to_str().unwrap();
    for id in ["..", ".", "a/../b", "a\\b"] {
        for args in [
            vec!["status", id],
            vec!["wait", id],
            vec!["predictions", id],
            vec!["artifacts", id, "-o", zip],
        ] {
            server
                .hume()
                .args(&args)
                .assert()
                .code(7)
                .stderr(predicate::str::contains("job id"));
        }
    }
    assert_eq!(server.handle.job_count(), 0);
}

// ---------------------------------------------------------------- a hostile server

/// The key of the hostile-server test: a `/` in it, so a JSON `\/` escape is one more shape.
const HOSTILE_KEY: &str = "sk-cli/Hostile-Key-0123";

/// Every shape a server can echo the key in, as it appears inside a JSON string: literal,
/// the `/` escaped, a character `\u`-escaped, percent-encoded, and with terminal controls
/// around it (ANSI colour, OSC 52 clipboard write).
fn echoes() -> String {
    [
        HOSTILE_KEY.to_owned(),
        HOSTILE_KEY.replace('/', "\\/"),
        HOSTILE_KEY.replacen('s', "\\u0073", 1),
        HOSTILE_KEY.replace('/', "%2F"),
        format!("\\u001b[31m{HOSTILE_KEY}\\u001b]52;c;ZXZpbA==\\u0007"),
    ]
    .join(" | ")
}

/// A loopback server that answers every request from `route(method, path)` (status, extra
/// headers, body), until the test ends.
/// An answer: status, extra headers, body.
type Answer = (u16, Vec<(String, String)>, String);

fn hostile_server(route: fn(&str, &str) -> Answer) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let mut parts = line.split_whitespace();
                let method = parts.next().unwrap_or("").to_owned();
                let target = parts.next().unwrap_or("").to_owned();
                let mut length = 0usize;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                    if let Some((name, value)) = header.split_once(':')
                        && name.eq_ignore_ascii_case("content-length")
                    {
                        length = value.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0u8; length];
                let _ = reader.read_exact(&mut body);
                let path = target.split('?').next().unwrap_or("");
                let (status, headers, body) = route(&method, path);
                let mut head = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
                    body.len()
                );
                for (name, value) in headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                // One write: a refused WebSocket handshake keeps only the body bytes that
                // arrived with the head.
                head.push_str(&body);
                let _ = stream.write_all(head.as_bytes());
            });
        }
    });
    url
}

fn failed_job(id: &str) -> String {
    format!(
        r#"{{"type": "INFERENCE", "job_id": "{id}", "request": {{"urls": ["https://example.com/a.jpg"]}},
            "state": {{"status": "FAILED", "created_timestamp_ms": 1, "started_timestamp_ms": 2,
                       "ended_timestamp_ms": 3, "message": "media failed for {}"}}}}"#,
        echoes()
    )
}

fn hostile_route(method: &str, path: &str) -> Answer {
    let error = format!(r#"{{"message": "bad key {}", "code": "E1"}}"#, echoes());
    match (method, path) {
        // A submit that answers a job whose failure message echoes the key.
        ("POST", "/v0/batch/jobs") => (200, vec![], r#"{"job_id": "failed-job"}"#.to_owned()),
        ("GET", "/v0/batch/jobs") => (200, vec![], format!("[{}]", failed_job("failed-job"))),
        ("GET", "/v0/batch/jobs/failed-job") => (200, vec![], failed_job("failed-job")),
        // A redirect the client refuses (not http), the key in its query string.
        ("GET", "/v0/batch/jobs/redirect-job") => (
            302,
            vec![(
                "Location".to_owned(),
                format!(
                    "ftp://hume.invalid/latest?k={}",
                    HOSTILE_KEY.replace('/', "%2F")
                ),
            )],
            String::new(),
        ),
        // Predictions whose file name echoes the key (shown by summary).
        ("GET", "/v0/batch/jobs/named-job/predictions") => (
            200,
            vec![],
            format!(
                r#"[{{"source": {{"type": "url", "url": "https://example.com/a.jpg"}},
                     "results": {{"errors": [], "predictions": [{{"file": "{}", "models": {{"face": {{
                       "metadata": null, "grouped_predictions": [{{"id": "unknown", "predictions": [
                       {{"frame": 0, "time": 0, "prob": 0.9, "box": {{"x": 1, "y": 2, "w": 3, "h": 4}},
                         "emotions": [{{"name": "Joy", "score": 0.9}}]}}]}}]}}}}}}]}}}}]"#,
                echoes()
            ),
        ),
        // Everything else: an error body echoing the key.
        _ => (400, vec![], error),
    }
}

#[test]
fn no_command_shows_the_key_a_hostile_server_echoes() {
    let url = hostile_server(hostile_route);
    let tmp = tempfile::tempdir().unwrap();
    let out = |name: &str| tmp.path().join(name).to_str().unwrap().to_owned();
    let (zip, svg, csv, dir) = (out("a.zip"), out("p.svg"), out("p.csv"), out("run"));
    let wav = v1::two_bursts(tmp.path(), "speech.wav");
    let wav = wav.to_str().unwrap();
    let jpeg = out("face.jpg");
    std::fs::write(&jpeg, hume_bench_data::test_media::jpeg(640, 480, 1)).unwrap();
    let commands: Vec<Vec<&str>> = vec![
        // v1: uploads, runs and a realtime handshake the server refuses.
        vec!["measure", "audio", wav],
        vec!["measure", "images", &jpeg],
        vec!["measure", "images", &jpeg, &jpeg, "-o", &csv, "--resume"],
        vec!["runs", "list"],
        vec!["runs", "get", "run-1"],
        vec!["runs", "events", "run-1"],
        vec!["stream", "audio", wav, "--max-reconnects", "0"],
        vec!["stream", "video", &jpeg, "--max-reconnects", "0"],
        // v0
        vec!["submit", "--url", "https://example.com/a.jpg", "--face"],
        vec![
            "submit",
            "--url",
            "https://example.com/a.jpg",
            "--wait",
            "--timeout",
            "5",
        ],
        vec!["status", "failed-job"],
        vec!["wait", "failed-job", "--timeout", "5"],
        vec!["list"],
        vec!["status", "error-job"],
        vec!["status", "redirect-job"],
        vec!["predictions", "error-job"],
        vec!["predictions", "error-job", "-o", &csv],
        vec!["artifacts", "error-job", "-o", &zip],
        vec![
            "run",
            "--url",
            "https://example.com/a.jpg",
            "-o",
            &dir,
            "--timeout",
            "5",
        ],
        vec!["summary", "error-job"],
        vec!["summary", "named-job"],
        vec!["summary", "named-job", "--per-group"],
        vec!["export", "error-job", "--csv", &csv],
        vec!["plot", "error-job", "-o", &svg],
    ];
    for args in &commands {
        for json in [false, true] {
            let mut cmd = hume();
            cmd.args(["--base-url", &url])
                .env("HUME_API_KEY", HOSTILE_KEY)
                .args(args);
            if json {
                cmd.arg("--json");
            }
            let output = cmd.output().unwrap();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert_ne!(output.status.code(), Some(101), "{args:?}: {text}");
            for shape in [HOSTILE_KEY, "Hostile-Key-0123"] {
                assert!(
                    !text.contains(shape),
                    "{args:?} (json: {json}) shows the key: {text}"
                );
            }
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}'),
                "{args:?} (json: {json}) passes terminal controls: {text:?}"
            );
            // Not vacuous: the server's text was shown, the key cut out of it.
            let quiet = (args == &["list"] && !json)
                || args == &["submit", "--url", "https://example.com/a.jpg", "--face"];
            if !quiet {
                assert!(
                    text.contains("[redacted]"),
                    "{args:?} (json: {json}): {text}"
                );
            }
        }
    }
}

#[test]
fn export_neutralises_formulas_unless_raw() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("evil.json");
    std::fs::write(
        &path,
        PREDICTIONS.replace("https://example.com/face.jpg", "=HYPERLINK(A1)"),
    )
    .unwrap();
    let csv = |raw: bool| {
        let mut cmd = hume();
        cmd.arg("export").arg(&path).args(["--csv", "-"]);
        if raw {
            cmd.arg("--raw");
        }
        String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
    };
    let safe = csv(false);
    assert!(safe.contains(",'=HYPERLINK("), "{safe}");
    assert!(!safe.contains(",=HYPERLINK("), "{safe}");
    let raw = csv(true);
    assert!(raw.contains(",=HYPERLINK("), "{raw}");
}

#[test]
fn emulator_mode_works_with_proxy_variables_set() {
    // The audit: `hume --emulator run` failed whenever a proxy variable was set (the loopback
    // emulator was reached through the proxy). The proxy here listens on nothing.
    let dead = TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy = format!("http://{}", dead.local_addr().unwrap());
    drop(dead);
    let tmp = tempfile::tempdir().unwrap();
    let mut cmd = hume();
    for name in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
    ] {
        cmd.env(name, &proxy);
    }
    cmd.env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .args([
            "run",
            "--emulator",
            "--url",
            "https://example.com/a.jpg",
            "-o",
        ])
        .arg(tmp.path().join("out"))
        .assert()
        .success()
        .stdout(predicate::str::contains(" COMPLETED"));
}

#[test]
fn wait_timeout_bounds_the_whole_command_against_a_hung_server() {
    // The audit: `wait --timeout 2` against a server that never answers took 31 s (3 attempts
    // of 10 s). Every attempt and retry now fits inside the timeout. The bound below is a
    // hang detector, far above the 2 s asked for and far below the 31 s seen.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            // Accept and never answer.
            held.push(stream);
        }
    });
    let started = std::time::Instant::now();
    hume()
        .args([
            "--base-url",
            &url,
            "--api-key",
            KEY,
            "wait",
            "job-1",
            "--timeout",
            "2",
        ])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(5);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(15), "took {took:?}");
}
