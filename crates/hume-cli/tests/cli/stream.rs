//! `hume stream audio|video` against the emulator's realtime endpoints (pacing relaxed on the
//! server; the client still sends at real time, so the media here are short).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use hume_emulator::{EmulatorConfig, RealtimeConfig, SessionCut, SessionFaults, V1Config};
use predicates::prelude::*;
use serde_json::Value;

use super::{KEY, Server, hume, interrupt};
use hume_bench_data::test_media::{bursts, jpeg, wav};

/// An emulator whose realtime endpoints do not rate-limit, with `faults` on its sessions.
fn relaxed(faults: SessionFaults) -> Server {
    let realtime = RealtimeConfig::default()
        .with_relaxed_pacing(true)
        .with_faults(faults);
    Server::with(
        EmulatorConfig::default()
            .with_api_key(KEY)
            .with_v1(V1Config::default().with_realtime(realtime)),
    )
}

/// A 2.5 s WAV with two bursts of sound (0.2–1.0 s and 1.5–2.3 s) and silence between.
fn two_bursts(dir: &Path) -> PathBuf {
    let path = dir.join("bursts.wav");
    std::fs::write(&path, wav(&bursts(2500, &[(200, 800), (1500, 800)]))).unwrap();
    path
}

/// `n` JPEG frames of one size (so the same faces move a little from frame to frame).
fn frames(dir: &Path, n: u8) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            let path = dir.join(format!("frame-{i}.jpg"));
            std::fs::write(&path, jpeg(1280, 720, i)).unwrap();
            path
        })
        .collect()
}

/// Every stdout line as JSON (each must parse).
fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect()
}

/// The `reply` lines: (frame_ms, message).
fn replies(lines: &[Value]) -> Vec<(u64, Value)> {
    lines
        .iter()
        .filter(|l| l["event"] == "reply")
        .map(|l| (l["frame_ms"].as_u64().unwrap(), l["message"].clone()))
        .collect()
}

#[test]
fn stream_audio_prints_the_measurements_of_two_bursts_and_the_totals() {
    let server = relaxed(SessionFaults::none());
    let dir = tempfile::tempdir().unwrap();
    let wav = two_bursts(dir.path());
    let out = server
        .hume()
        .args(["stream", "audio"])
        .arg(&wav)
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let measurements: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains(" measurement "))
        .collect();
    assert_eq!(measurements.len(), 2, "{stdout}");
    assert!(
        measurements[0].starts_with("utterance 0 measurement 0 "),
        "{stdout}"
    );
    assert!(
        measurements[1].starts_with("utterance 1 measurement 1 "),
        "{stdout}"
    );
    assert!(stdout.contains("utterance 0 started at "), "{stdout}");
    assert!(stdout.contains("utterance 1 ended: "), "{stdout}");
    // The totals come last: the session's `session.closed`, then the client's counts.
    let lines: Vec<&str> = stdout.lines().collect();
    let totals = lines[lines.len() - 2];
    assert!(
        totals.starts_with("totals: 2.500 s of audio in 25 frames; 2 utterances, 2 measurements"),
        "{stdout}"
    );
    assert!(totals.ends_with(", client_request)"), "{stdout}");
    assert_eq!(
        lines[lines.len() - 1],
        "client: 25 frames submitted, 25 sent"
    );
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("session ") && stderr.contains(" open "),
        "{stderr}"
    );
}

#[test]
fn stream_audio_json_is_one_parsable_line_per_event_ending_with_the_totals() {
    let server = relaxed(SessionFaults::none());
    let dir = tempfile::tempdir().unwrap();
    let wav = two_bursts(dir.path());
    let out = server
        .hume()
        .args(["--json", "stream", "audio", "--timer-ms", "3000"])
        .arg(&wav)
        .assert()
        .success();
    let lines = json_lines(&out.get_output().stdout);
    let types: Vec<&str> = lines
        .iter()
        .filter(|l| l["event"] == "message")
        .map(|l| l["message"]["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "session.created",
            "session.updated",
            "utterance.start",
            "measurement.result",
            "utterance.end",
            "utterance.start",
            "measurement.result",
            "utterance.end",
            "session.closed",
        ]
    );
    let last = lines.last().unwrap();
    assert_eq!(last["event"], "totals");
    assert_eq!(last["closed"]["reason"], "client_request");
    assert_eq!(last["closed"]["received"]["audio_duration_ms"], 2500);
    assert_eq!(last["closed"]["produced"]["utterances"], 2);
    assert_eq!(last["stats"]["sent"], 25);
    assert_eq!(last["stats"]["reconnects"], 0);
    // The totals repeat the session's own `session.closed`.
    let closed = &lines[lines.len() - 2]["message"];
    assert_eq!(closed["session_id"], last["closed"]["session_id"]);
    assert_eq!(closed["produced"], last["closed"]["produced"]);
}

#[test]
fn stream_video_replies_pair_with_frames_from_files_and_from_mjpeg_on_stdin() {
    let server = relaxed(SessionFaults::none());
    let dir = tempfile::tempdir().unwrap();
    let files = frames(dir.path(), 4);
    let from_files = server
        .hume()
        .args(["--json", "stream", "video"])
        .args(&files)
        .assert()
        .success();
    let file_lines = json_lines(&from_files.get_output().stdout);
    let file_replies = replies(&file_lines);
    // One reply per frame, in order, each with its frame's time at 3 fps.
    let times: Vec<u64> = file_replies.iter().map(|(t, _)| *t).collect();
    assert_eq!(times, [0, 333, 667, 1000]);
    for (i, (_, message)) in file_replies.iter().enumerate() {
        assert_eq!(message["type"], "measurement.result");
        assert_eq!(message["frame_id"], i as u64);
    }
    assert_eq!(
        file_lines.last().unwrap()["closed"]["received"]["frames"],
        4
    );

    // The same frames as one MJPEG stream on stdin: the same replies, frame for frame.
    let mjpeg: Vec<u8> = files
        .iter()
        .flat_map(|f| std::fs::read(f).unwrap())
        .collect();
    let from_stdin = server
        .hume()
        .args(["--json", "stream", "video", "-"])
        .write_stdin(mjpeg)
        .assert()
        .success();
    let stdin_replies = replies(&json_lines(&from_stdin.get_output().stdout));
    assert_eq!(stdin_replies, file_replies);

    // For people: one block per frame, then the totals.
    let text = server
        .hume()
        .args(["stream", "video", "--top", "1"])
        .args(&files[..2])
        .assert()
        .success();
    let stdout = String::from_utf8(text.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.starts_with("frame at 0.000 s (frame_id 0): "),
        "{stdout}"
    );
    assert!(
        stdout.contains("\nframe at 0.333 s (frame_id 1): "),
        "{stdout}"
    );
    assert!(stdout.contains("\ntotals: 2 frames received; "), "{stdout}");
}

#[test]
fn stream_video_reconnects_after_a_1012_close_and_every_frame_is_answered() {
    // The first session is closed with 1012 (service restart) after two frames.
    let faults = SessionFaults::none()
        .with_cut(SessionCut::Restart)
        .with_cut_after_frames(2)
        .with_cut_sessions(1);
    let server = relaxed(faults);
    let dir = tempfile::tempdir().unwrap();
    let files = frames(dir.path(), 4);
    let out = server
        .hume()
        .args(["--json", "stream", "video"])
        .args(&files)
        .assert()
        .success();
    let lines = json_lines(&out.get_output().stdout);
    assert!(
        lines.iter().any(|l| l["event"] == "reconnecting"),
        "{lines:?}"
    );
    let times: Vec<u64> = replies(&lines).iter().map(|(t, _)| *t).collect();
    assert_eq!(times, [0, 333, 667, 1000], "every frame answered once");
    let totals = lines.last().unwrap();
    assert_eq!(totals["stats"]["reconnects"], 1);
    assert_eq!(totals["session_ids"].as_array().unwrap().len(), 2);
}

#[test]
fn a_wrong_key_exits_3_at_once_without_reconnecting() {
    let server = relaxed(SessionFaults::none());
    let dir = tempfile::tempdir().unwrap();
    let wav = two_bursts(dir.path());
    let mut cmd = hume();
    cmd.args([
        "--base-url",
        &server.handle.base_url(),
        "--api-key",
        "wrong-key",
    ])
    .args(["stream", "audio"])
    .arg(&wav);
    let out = cmd
        .assert()
        .code(3)
        .stderr(predicate::str::contains("invalid api key"));
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(!stderr.contains("reconnecting"), "{stderr}");
    assert!(out.get_output().stdout.is_empty());
    assert!(
        !stderr.contains("wrong-key"),
        "the key never appears: {stderr}"
    );
}

#[test]
fn bad_flags_and_media_exit_7_before_connecting() {
    let dir = tempfile::tempdir().unwrap();
    let wav = two_bursts(dir.path());
    let jpg = &frames(dir.path(), 1)[0];
    // No server at all: these fail before any connection.
    let offline = || {
        let mut cmd = hume();
        cmd.args(["--base-url", "http://127.0.0.1:9", "--api-key", KEY]);
        cmd
    };
    offline()
        .args(["stream", "audio", "--timer-ms", "100"])
        .arg(&wav)
        .assert()
        .code(7)
        .stderr(predicate::str::contains("measurement_timer_ms"));
    offline()
        .args(["stream", "audio"])
        .arg(dir.path().join("missing.wav"))
        .assert()
        .code(7)
        .stderr(predicate::str::contains("missing.wav"));
    offline()
        .args(["stream", "audio"])
        .arg(jpg)
        .assert()
        .code(7);
    offline()
        .args(["stream", "video", "--threshold", "1.5"])
        .arg(jpg)
        .assert()
        .code(7);
    offline()
        .args(["stream", "video", "-"])
        .arg(jpg)
        .assert()
        .code(7)
        .stderr(predicate::str::contains("cannot be mixed"));
}

#[test]
fn a_frame_that_is_not_a_jpeg_is_reported_the_rest_measured_and_the_exit_is_7() {
    let server = relaxed(SessionFaults::none());
    let dir = tempfile::tempdir().unwrap();
    let mut files = frames(dir.path(), 2);
    let bad = dir.path().join("bad.jpg");
    std::fs::write(&bad, b"not a jpeg").unwrap();
    files.insert(1, bad);
    let out = server
        .hume()
        .args(["--json", "stream", "video"])
        .args(&files)
        .assert()
        .code(7)
        .stderr(predicate::str::contains("1 frame not measured"));
    let lines = json_lines(&out.get_output().stdout);
    assert_eq!(
        lines
            .iter()
            .filter(|l| l["event"] == "frame_refused")
            .count(),
        1
    );
    assert_eq!(replies(&lines).len(), 2);
    assert_eq!(lines.last().unwrap()["closed"]["received"]["frames"], 2);
}

#[test]
fn ctrl_c_closes_the_session_prints_the_totals_and_exits_130() {
    let server = relaxed(SessionFaults::none());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.wav");
    // 20 s of speech-like sound: far longer than the test waits.
    std::fs::write(&path, wav(&bursts(20_000, &[(0, 20_000)]))).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hume"))
        .env_remove("HUME_API_KEY")
        .env_remove("HUME_BASE_URL")
        .args(["--base-url", &server.handle.base_url(), "--api-key", KEY])
        .args(["stream", "audio"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("utterance 0 started"), "{first}");
    interrupt(&child);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{rest}");
    assert!(
        rest.contains("\ntotals: ") || rest.starts_with("totals: "),
        "{rest}"
    );
    assert!(rest.contains("client_request"), "a clean close: {rest}");
}

#[test]
fn mjpeg_on_stdin_is_answered_as_it_comes_and_ctrl_c_ends_it_while_stdin_stays_open() {
    let server = relaxed(SessionFaults::none());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hume"))
        .env_remove("HUME_API_KEY")
        .env_remove("HUME_BASE_URL")
        .args(["--base-url", &server.handle.base_url(), "--api-key", KEY])
        .args(["--json", "stream", "video", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    // A broken image (a start marker, then garbage up to the next image) is reported and
    // skipped; the good frame after it is answered while stdin stays open.
    std::io::Write::write_all(&mut stdin, b"\xFF\xD8\xFF\x01garbage").unwrap();
    std::io::Write::write_all(&mut stdin, &jpeg(640, 480, 1)).unwrap();
    std::io::Write::flush(&mut stdin).unwrap();
    let mut seen = Vec::new();
    loop {
        let mut line = String::new();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "{seen:?}");
        let value: Value = serde_json::from_str(&line).unwrap();
        let reply = value["event"] == "reply";
        seen.push(value);
        if reply {
            break;
        }
    }
    assert!(
        seen.iter().any(|l| l["event"] == "frame_refused"),
        "{seen:?}"
    );
    // stdin is still open (the reader is blocked on it): Ctrl-C ends the session anyway.
    interrupt(&child);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(130), "{rest}");
    let totals: Value = serde_json::from_str(rest.lines().last().unwrap()).unwrap();
    assert_eq!(totals["event"], "totals");
    assert_eq!(totals["closed"]["received"]["frames"], 1);
    drop(stdin);
}
