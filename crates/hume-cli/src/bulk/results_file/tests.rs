use std::collections::HashSet;

use crate::models::v1::RunEndpoint;
use hume_analysis::records::{Record, RecordError};

use super::ResultsFile;
use crate::exit::{ExitKind, classify};

fn ok(file: &str) -> Record {
    Record::response(file, RunEndpoint::Audio, br#"{"run_id": "r"}"#).unwrap()
}

fn failed(file: &str) -> Record {
    Record::error(file, RunEndpoint::Audio, RecordError::new("boom"))
}

fn set(files: &[&str]) -> HashSet<String> {
    files.iter().map(|f| (*f).to_owned()).collect()
}

fn lines(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_fresh_file_gets_one_line_per_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.jsonl");
    let (mut out, resumed) = ResultsFile::open(&path, &set(&["a"]), false).unwrap();
    assert_eq!(resumed, Default::default());
    out.append(&ok("a")).unwrap();
    out.append(&failed("b")).unwrap();
    out.finish().unwrap();
    let text = std::fs::read(&path).unwrap();
    assert_eq!(text, [ok("a").to_line(), failed("b").to_line()].concat());
}

#[test]
fn an_existing_file_needs_resume() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.jsonl");
    std::fs::write(&path, ok("a").to_line()).unwrap();
    let err = ResultsFile::open(&path, &set(&["a"]), false).unwrap_err();
    assert_eq!(classify(&err), ExitKind::Validation);
    assert!(err.to_string().contains("--resume"), "{err}");
    // An empty file is fine.
    std::fs::write(&path, "").unwrap();
    assert!(ResultsFile::open(&path, &set(&["a"]), false).is_ok());
}

#[test]
fn resuming_skips_ok_files_retries_failed_ones_and_drops_a_torn_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.jsonl");
    let torn = &ok("d").to_line()[..20];
    let body = [
        ok("a").to_line(),
        failed("b").to_line(),
        failed("elsewhere").to_line(),
        ok("c").to_line(),
        ok("a").to_line(),
        torn.to_vec(),
    ]
    .concat();
    std::fs::write(&path, body).unwrap();
    let (out, resumed) = ResultsFile::open(&path, &set(&["a", "b", "c", "d"]), true).unwrap();
    drop(out);
    assert_eq!(resumed.done, set(&["a", "c"]));
    assert_eq!(resumed.retried, 1);
    assert!(resumed.torn);
    // The failure of a file this run does not measure stays; every kept line is whole.
    let kept = lines(&path);
    assert_eq!(kept.len(), 3, "{kept:?}");
    assert!(kept[1].contains("\"elsewhere\""));
    assert!(std::fs::read(&path).unwrap().ends_with(b"\n"));
}

#[test]
fn resuming_a_clean_file_leaves_it_untouched_and_appends() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.jsonl");
    std::fs::write(&path, ok("a").to_line()).unwrap();
    let (mut out, resumed) = ResultsFile::open(&path, &set(&["a", "b"]), true).unwrap();
    assert_eq!(resumed.done, set(&["a"]));
    assert!(!resumed.torn && resumed.retried == 0);
    out.append(&ok("b")).unwrap();
    assert_eq!(lines(&path).len(), 2);
}

#[test]
fn a_foreign_file_is_not_resumed_into() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "hello\n").unwrap();
    let err = ResultsFile::open(&path, &set(&["a"]), true).unwrap_err();
    assert_eq!(classify(&err), ExitKind::Validation);
    assert!(err.to_string().contains("line 1"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "hello\n");
}
