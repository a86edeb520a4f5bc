use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;

use super::{extract, unsafe_name};
use crate::exit::{ExitKind, classify};

fn make_zip(path: &Path, entries: &[(&str, &[u8])]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, body) in entries {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn extracts_nested_entries() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("a.zip");
    make_zip(
        &zip,
        &[("job/face.csv", b"a,b\n"), ("job/predictions.json", b"[]")],
    );
    let out = tmp.path().join("out");
    let files = extract(&zip, &out).unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(
        std::fs::read(out.join("job/face.csv")).unwrap(),
        b"a,b\n".to_vec()
    );
    assert_eq!(
        std::fs::read(out.join("job/predictions.json")).unwrap(),
        b"[]".to_vec()
    );
}

#[test]
fn refuses_path_escaping_entries_and_writes_nothing() {
    for evil in [
        "../escape.txt",
        "job/../../escape.txt",
        "/tmp/absolute.txt",
        "..\\escape.txt",
        "C:\\windows\\evil.txt",
        "job/./../../x",
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let zip = tmp.path().join("evil.zip");
        // The safe entry comes first: it must not be written either.
        make_zip(&zip, &[("job/ok.txt", b"ok"), (evil, b"pwned")]);
        let out = tmp.path().join("nested/out");
        let err = extract(&zip, &out).unwrap_err();
        assert_eq!(classify(&err), ExitKind::Validation, "{evil}");
        assert!(err.to_string().contains("refusing to extract"), "{err}");
        assert!(err.to_string().contains(evil), "{err}");
        assert!(!out.exists(), "nothing extracted for {evil}");
        assert!(!tmp.path().join("escape.txt").exists());
        assert!(!tmp.path().join("nested/escape.txt").exists());
    }
}

#[test]
fn refuses_a_non_zip() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("not.zip");
    std::fs::write(&zip, b"{\"message\":\"job not found\"}").unwrap();
    let err = extract(&zip, &tmp.path().join("out")).unwrap_err();
    assert!(
        err.to_string().contains("is not a valid zip archive"),
        "{err}"
    );
}

#[test]
fn unsafe_names() {
    assert_eq!(unsafe_name("a/b.csv"), None);
    assert_eq!(unsafe_name("a/..b/c"), None);
    assert!(unsafe_name("a/../../b").is_some());
    assert!(unsafe_name("/etc/passwd").is_some());
    assert!(unsafe_name("\\\\server\\share").is_some());
    assert!(unsafe_name("D:relative").is_some());
    assert!(unsafe_name("a\0b").is_some());
}
