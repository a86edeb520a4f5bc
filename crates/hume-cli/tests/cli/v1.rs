//! `hume measure` and `hume runs` end to end against an emulator: a generated WAV with two
//! bursts, JPEGs, bulk runs into a results file killed part way (and with a torn last line)
//! then resumed, Ctrl-C, and the runs those uploads made.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use hume::models::v1::{AudioFileResponse, VideoFileResponse};
use hume_analysis::records::{Outcome, Record, RecordLines};
use hume_bench_data::test_media::{bursts, jpeg, wav};
use hume_emulator::{EmulatorConfig, V1Config};
use predicates::prelude::*;
use serde_json::Value;

use super::{KEY, Server, hume, interrupt, stdout_json};

/// A two-burst WAV: 4 s, sound at 0.5–1.5 s and 2.0–3.5 s.
pub fn two_bursts(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, wav(&bursts(4000, &[(500, 1000), (2000, 1500)]))).unwrap();
    path
}

fn stdout_text(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn measure_audio_of_two_bursts_prints_two_utterances() {
    let dir = tempfile::tempdir().unwrap();
    let file = two_bursts(dir.path(), "bursts.wav");
    let text = stdout_text(hume().args(["--emulator", "measure", "audio"]).arg(&file));
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].contains("bursts.wav: 2 utterances") && lines[0].contains("in 4.00 s of audio"),
        "{text}"
    );
    assert!(lines[1].starts_with("utterance  speech (s)"), "{text}");
    let utterances: HashSet<&str> = lines[2..]
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(utterances, HashSet::from(["0", "1"]), "{text}");

    // --json: the response itself, with the same two utterances.
    let out = hume()
        .args([
            "--emulator",
            "--json",
            "measure",
            "audio",
            "--timer-ms",
            "3000",
        ])
        .arg(&file)
        .assert()
        .success();
    let response = AudioFileResponse::from_response(&out.get_output().stdout).unwrap();
    assert_eq!(response.utterances.len(), 2);
    assert!(response.utterances[0].audio_end_ms <= response.utterances[1].audio_start_ms);
}

#[test]
fn measure_config_and_media_errors_are_exit_7() {
    let dir = tempfile::tempdir().unwrap();
    let file = two_bursts(dir.path(), "a.wav");
    hume()
        .args(["--emulator", "measure", "audio", "--timer-ms", "100"])
        .arg(&file)
        .assert()
        .code(7)
        .stderr(predicate::str::contains("measurement_timer_ms"));
    let odd = dir.path().join("odd.pcm");
    std::fs::write(&odd, [0u8; 3]).unwrap();
    hume()
        .args(["--emulator", "measure", "audio"])
        .arg(&odd)
        .assert()
        .code(7)
        .stderr(predicate::str::contains("odd.pcm"));
    hume()
        .args(["--emulator", "measure", "images", "--threshold", "2"])
        .arg(&file)
        .assert()
        .code(7)
        .stderr(predicate::str::contains("threshold"));
    hume()
        .args(["--emulator", "measure", "audio", "--jobs", "0"])
        .arg(&file)
        .assert()
        .code(2);
}

#[test]
fn measure_images_tables_records_and_a_bad_image() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for seed in 0..3u8 {
        let path = dir.path().join(format!("face{seed}.jpg"));
        std::fs::write(&path, jpeg(1280, 720, seed)).unwrap();
        files.push(path);
    }
    let text = stdout_text(
        hume()
            .args(["--emulator", "measure", "images", "--return-face-state"])
            .args(&files[..1]),
    );
    assert!(text.contains("face0.jpg: 1 image,"), "{text}");
    assert!(text.contains("top expressions"), "{text}");
    assert!(text.contains("face_state: "), "{text}");

    // Several files with --json: one record per file, in the files' order; the bad one
    // fails alone and sets the exit code.
    let bad = dir.path().join("bad.jpg");
    std::fs::write(&bad, b"not a jpeg").unwrap();
    let out = hume()
        .args(["--emulator", "--json", "measure", "images", "--jobs", "3"])
        .args(&files)
        .arg(&bad)
        .assert()
        .code(7);
    let stdout = out.get_output().stdout.clone();
    let records: Vec<Record> = RecordLines::new(&stdout[..])
        .map(|l| Record::parse(&l.unwrap().bytes).unwrap())
        .collect();
    let names: Vec<String> = records.iter().map(|r| r.file.clone()).collect();
    let expected: Vec<String> = files
        .iter()
        .chain([&bad])
        .map(|f| f.display().to_string())
        .collect();
    assert_eq!(names, expected);
    for r in &records[..3] {
        let Outcome::Response(raw) = &r.outcome else {
            panic!("{r:?}")
        };
        let response = VideoFileResponse::from_response(raw.get().as_bytes()).unwrap();
        assert_eq!(response.measurements.len(), 1);
    }
    assert!(!records[3].is_ok());
}

/// Writes `n` small two-burst WAVs (0.6 s) and returns their paths.
fn audio_files(dir: &Path, n: usize) -> Vec<PathBuf> {
    let bytes = wav(&bursts(600, &[(100, 400)]));
    (0..n)
        .map(|i| {
            let path = dir.join(format!("clip-{i:03}.wav"));
            std::fs::write(&path, &bytes).unwrap();
            path
        })
        .collect()
}

/// The results file's complete lines, each parsed (panics on a bad complete line).
fn records(path: &Path) -> (Vec<Record>, bool) {
    let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let mut out = Vec::new();
    let mut torn = false;
    for line in RecordLines::new(file) {
        let line = line.unwrap();
        if line.complete {
            out.push(Record::parse(&line.bytes).unwrap());
        } else {
            torn = true;
        }
    }
    (out, torn)
}

fn complete_lines(path: &Path) -> usize {
    std::fs::read(path)
        .map(|b| b.iter().filter(|c| **c == b'\n').count())
        .unwrap_or(0)
}

/// A bulk `measure audio` of `files` into `results` as a child process.
fn spawn_bulk(
    server: &Server,
    files: &[PathBuf],
    results: &Path,
    resume: bool,
) -> std::process::Child {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_hume"));
    cmd.env_remove("HUME_API_KEY")
        .env_remove("HUME_BASE_URL")
        .args(["--base-url", &server.handle.base_url(), "--api-key", KEY])
        .args(["measure", "audio", "--jobs", "8", "-o"])
        .arg(results);
    if resume {
        cmd.arg("--resume");
    }
    cmd.args(files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until `path` has at least `n` complete lines (or fails after a minute).
fn wait_for_lines(path: &Path, n: usize) {
    let start = Instant::now();
    while complete_lines(path) < n {
        assert!(start.elapsed() < Duration::from_secs(60), "no progress");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// An emulator whose uploads take 20 ms each, so a bulk run can be interrupted part way.
fn slow_server() -> Server {
    Server::with(
        EmulatorConfig::default()
            .with_api_key(KEY)
            .with_v1(V1Config::default().with_upload_delay(Duration::from_millis(20))),
    )
}

/// Resumes `results` over `files` and checks it ends with one ok record per file.
fn resume_to_the_end(server: &Server, files: &[PathBuf], results: &Path) -> String {
    let out = spawn_bulk(server, files, results, true)
        .wait_with_output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    let (records, torn) = records(results);
    assert!(!torn);
    assert_eq!(records.len(), files.len(), "exactly one record per file");
    let recorded: HashSet<String> = records.iter().map(|r| r.file.clone()).collect();
    assert_eq!(recorded.len(), files.len(), "no file twice");
    let expected: HashSet<String> = files.iter().map(|f| f.display().to_string()).collect();
    assert_eq!(recorded, expected);
    for r in &records {
        let Outcome::Response(raw) = &r.outcome else {
            panic!("{r:?}")
        };
        let response = AudioFileResponse::from_response(raw.get().as_bytes()).unwrap();
        assert_eq!(response.utterances.len(), 1, "{}", r.file);
    }
    stderr
}

#[test]
fn a_bulk_run_killed_part_way_and_resumed_records_every_file_once() {
    let server = slow_server();
    let dir = tempfile::tempdir().unwrap();
    let files = audio_files(dir.path(), 200);
    let results = dir.path().join("results.jsonl");

    let mut child = spawn_bulk(&server, &files, &results, false);
    wait_for_lines(&results, 30);
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();
    let (before, _) = records(&results);
    assert!(
        before.len() >= 30 && before.len() < 200,
        "killed part way: {}",
        before.len()
    );

    // A write the kill cut short: half a record without its newline.
    let torn = Record::response("torn.wav", hume::models::v1::RunEndpoint::Audio, b"{}")
        .unwrap()
        .to_line();
    let mut body = std::fs::read(&results).unwrap();
    body.extend_from_slice(&torn[..torn.len() / 2]);
    std::fs::write(&results, body).unwrap();

    let stderr = resume_to_the_end(&server, &files, &results);
    assert!(
        stderr.contains("removed an incomplete last line"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{} files already recorded", before.len())),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_finishes_the_files_in_flight_exits_130_and_resume_completes() {
    let server = slow_server();
    let dir = tempfile::tempdir().unwrap();
    let files = audio_files(dir.path(), 200);
    let results = dir.path().join("results.jsonl");

    let child = spawn_bulk(&server, &files, &results, false);
    wait_for_lines(&results, 20);
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted after"), "{stderr}");
    assert!(stderr.contains("--resume"), "{stderr}");
    let (done, torn) = records(&results);
    assert!(!torn, "the files in flight were finished and written whole");
    assert!(done.len() < 200, "{}", done.len());
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("not started"), "{summary}");

    resume_to_the_end(&server, &files, &results);
}

#[test]
fn a_results_file_is_not_overwritten_without_resume() {
    let dir = tempfile::tempdir().unwrap();
    let files = audio_files(dir.path(), 2);
    let results = dir.path().join("results.jsonl");
    hume()
        .args(["--emulator", "--json", "measure", "audio", "-o"])
        .arg(&results)
        .args(&files)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"measured\": 2"));
    let before = std::fs::read(&results).unwrap();
    hume()
        .args(["--emulator", "measure", "audio", "-o"])
        .arg(&results)
        .args(&files)
        .assert()
        .code(7)
        .stderr(predicate::str::contains("--resume"));
    assert_eq!(std::fs::read(&results).unwrap(), before);
    // Resuming a complete run measures nothing.
    hume()
        .args(["--emulator", "measure", "audio", "--resume", "-o"])
        .arg(&results)
        .args(&files)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2 files: 2 already recorded, 0 measured",
        ));
    assert_eq!(std::fs::read(&results).unwrap(), before);
}

#[test]
fn a_wrong_key_stops_a_bulk_run_with_exit_3() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let files = audio_files(dir.path(), 40);
    let results = dir.path().join("results.jsonl");
    hume()
        .args([
            "--base-url",
            &server.handle.base_url(),
            "--api-key",
            "wrong",
        ])
        .args(["measure", "audio", "--jobs", "2", "-o"])
        .arg(&results)
        .args(&files)
        .assert()
        .code(3);
    let (records, _) = records(&results);
    assert!(
        !records.is_empty() && records.len() < 40,
        "{}",
        records.len()
    );
    assert!(records.iter().all(|r| !r.is_ok()));
}

#[test]
fn runs_list_get_and_events_of_uploads() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let audio = two_bursts(dir.path(), "a.wav");
    let image = dir.path().join("f.jpg");
    std::fs::write(&image, jpeg(640, 480, 1)).unwrap();
    let response: Value = stdout_json(
        server
            .hume()
            .args(["--json", "measure", "audio"])
            .arg(&audio),
    );
    let audio_run = response["run_id"].as_str().unwrap().to_owned();
    server
        .hume()
        .args(["measure", "images"])
        .arg(&image)
        .assert()
        .success();

    let all = stdout_json(server.hume().args(["--json", "runs", "list", "--all"]));
    assert_eq!(all.as_array().unwrap().len(), 2);
    let video = stdout_json(
        server
            .hume()
            .args(["--json", "runs", "list", "--endpoint", "video"]),
    );
    assert_eq!(video["runs"].as_array().unwrap().len(), 1);
    assert_eq!(video["runs"][0]["endpoint"], "video");
    // One run per page: the first page names the next one.
    let paged = server
        .hume()
        .args(["runs", "list", "--page-size", "1"])
        .assert()
        .success();
    let note = String::from_utf8_lossy(&paged.get_output().stderr).into_owned();
    assert!(note.contains("more with --cursor"), "{note}");
    let limited = stdout_json(server.hume().args([
        "--json",
        "runs",
        "list",
        "--page-size",
        "1",
        "--limit",
        "2",
    ]));
    assert_eq!(limited.as_array().unwrap().len(), 2);

    let text = stdout_text(server.hume().args(["runs", "get", &audio_run]));
    assert!(
        text.contains(&audio_run) && text.contains("audio"),
        "{text}"
    );
    let run = stdout_json(server.hume().args(["--json", "runs", "get", &audio_run]));
    assert_eq!(run["status"], "ended");
    let log = stdout_json(server.hume().args(["--json", "runs", "events", &audio_run]));
    assert!(log["events"].is_array());
    server
        .hume()
        .args(["runs", "get", "no-such-run"])
        .assert()
        .code(6);
    server
        .hume()
        .args(["runs", "list", "--page-size", "0"])
        .assert()
        .code(7);
}

#[test]
fn help_lists_the_v1_commands_and_exit_130() {
    let text = stdout_text(hume().arg("--help"));
    for word in ["measure", "runs", "130"] {
        assert!(text.contains(word), "{word}: {text}");
    }
    let text = stdout_text(hume().args(["measure", "images", "--help"]));
    for flag in [
        "--threshold",
        "--min-size",
        "--face-state",
        "--return-face-state",
        "--jobs",
        "--output",
        "--resume",
    ] {
        assert!(text.contains(flag), "{flag}: {text}");
    }
    let text = stdout_text(hume().args(["runs", "list", "--help"]));
    for flag in [
        "--status",
        "--mode",
        "--endpoint",
        "--user-id",
        "--started-before",
        "--started-after",
        "--page-size",
        "--cursor",
        "--limit",
        "--all",
    ] {
        assert!(text.contains(flag), "{flag}: {text}");
    }
}

#[test]
fn summary_export_and_plot_read_a_response_and_a_results_file() {
    let dir = tempfile::tempdir().unwrap();
    let audio = audio_files(dir.path(), 3);
    let image = dir.path().join("f.jpg");
    std::fs::write(&image, jpeg(1280, 720, 3)).unwrap();
    let results = dir.path().join("results.jsonl");
    // A bad file among them: its failure record is reported, not fatal.
    let bad = dir.path().join("bad.pcm");
    std::fs::write(&bad, [0u8; 3]).unwrap();
    hume()
        .args(["--emulator", "-q", "measure", "audio", "-o"])
        .arg(&results)
        .args(&audio)
        .arg(&bad)
        .assert()
        .code(7);
    hume()
        .args(["--emulator", "-q", "measure", "images", "--resume", "-o"])
        .arg(&results)
        .arg(&image)
        .assert()
        .success();

    // summary --json: one entry per file, audio and video.
    let out = hume()
        .args(["--json", "summary"])
        .arg(&results)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("bad.pcm"),
        "the failed record is reported: {stderr}"
    );
    let summaries: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let models: Vec<&str> = summaries
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["model"].as_str().unwrap())
        .collect();
    assert_eq!(models, ["audio", "audio", "audio", "video"]);
    // Records are in the order files finished; every audio file is there.
    let files: HashSet<String> = summaries.as_array().unwrap()[..3]
        .iter()
        .map(|s| s["file"].as_str().unwrap().to_owned())
        .collect();
    let expected: HashSet<String> = audio.iter().map(|f| f.display().to_string()).collect();
    assert_eq!(files, expected);
    assert_eq!(summaries[0]["weighting"], "duration");
    assert_eq!(summaries[3]["weighting"], "unweighted");
    let text = stdout_text(
        hume()
            .args(["summary", "--model", "video", "--per-group"])
            .arg(&results),
    );
    assert!(
        text.contains("video") && !text.contains(" audio "),
        "{text}"
    );

    // export: the v1 columns, then the same from the response alone.
    let csv_path = dir.path().join("out.csv");
    hume()
        .arg("export")
        .arg(&results)
        .arg("--csv")
        .arg(&csv_path)
        .assert()
        .success()
        .stderr(predicate::str::contains("bad.pcm"));
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert!(csv.starts_with("segment,source,file,model,"));
    assert!(
        csv.lines()
            .any(|l| l.contains(",audio,unknown,") && l.contains(",speech_ended,emotion,"))
    );
    assert!(csv.lines().any(|l| l.contains(",video,0,0,")));

    let response = dir.path().join("response.json");
    let out = hume()
        .args(["--emulator", "--json", "measure", "audio"])
        .arg(&audio[0])
        .assert()
        .success();
    std::fs::write(&response, &out.get_output().stdout).unwrap();
    let run_id = serde_json::from_slice::<Value>(&out.get_output().stdout).unwrap()["run_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let text = stdout_text(hume().args(["summary"]).arg(&response));
    assert!(text.contains(&run_id) && text.contains("audio"), "{text}");

    // plot: a timeline of the audio, frames of the image.
    let svg = dir.path().join("a.svg");
    hume()
        .arg("plot")
        .arg(&results)
        .args(["--model", "audio", "-o"])
        .arg(&svg)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&svg).unwrap().contains("time (s)"));
    hume()
        .arg("plot")
        .arg(&results)
        .args(["--model", "video", "-o"])
        .arg(&svg)
        .assert()
        .success();
    let drawn = std::fs::read_to_string(&svg).unwrap();
    assert!(drawn.contains("frame") && !drawn.contains("time (s)"));
    // A window on images has no time to cut: exit 7.
    hume()
        .args(["summary", "--model", "video", "--from", "0", "--to", "1"])
        .arg(&results)
        .assert()
        .code(7);
}
