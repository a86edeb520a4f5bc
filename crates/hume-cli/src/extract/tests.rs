use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;

use super::{ExtractLimits, extract as extract_with, unsafe_name};
use crate::exit::{ExitKind, classify};

fn extract(zip: &Path, dir: &Path) -> anyhow::Result<Vec<std::path::PathBuf>> {
    extract_with(zip, dir, &ExtractLimits::default())
}

/// Files and folders under `dir`, relative, sorted (hidden temporary folders included).
fn tree(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(items) = std::fs::read_dir(dir) else {
            return;
        };
        for item in items {
            let path = item.unwrap().path();
            out.push(path.strip_prefix(root).unwrap().display().to_string());
            if path.is_dir() && !path.is_symlink() {
                walk(root, &path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn make_stored_zip(path: &Path, entries: &[(&str, &[u8])]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap();
}

/// Replaces every `from` in the file by `to` (same length).
fn patch(path: &Path, from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len());
    let mut bytes = std::fs::read(path).unwrap();
    let mut i = 0;
    let mut hits = 0;
    while i + from.len() <= bytes.len() {
        if &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
            hits += 1;
        }
        i += 1;
    }
    assert!(hits > 0);
    std::fs::write(path, bytes).unwrap();
}

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

#[test]
fn limits_on_entries_total_size_and_ratio_refuse_before_writing() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("a.zip");
    make_zip(&zip, &[("a", b"1"), ("b", b"2"), ("c", b"3")]);
    let out = tmp.path().join("out");
    let few = ExtractLimits {
        max_entries: 2,
        ..ExtractLimits::default()
    };
    let err = extract_with(&zip, &out, &few).unwrap_err();
    assert!(err.to_string().contains("3 entries, more than 2"), "{err}");
    let small = ExtractLimits {
        max_total_bytes: 2,
        ..ExtractLimits::default()
    };
    let err = extract_with(&zip, &out, &small).unwrap_err();
    assert!(err.to_string().contains("more than 2 bytes"), "{err}");
    assert!(!out.exists());

    // The audit's bomb, smaller: 4 MiB of zeros deflate to a few KiB.
    let bomb = tmp.path().join("bomb.zip");
    make_zip(&bomb, &[("zeros.bin", &vec![0u8; 4 << 20])]);
    let err = extract(&bomb, &out).unwrap_err();
    assert_eq!(classify(&err), ExitKind::Validation);
    assert!(err.to_string().contains("more than 100x"), "{err}");
    assert!(!out.exists());
    // Raised by the caller, it extracts.
    let lax = ExtractLimits {
        max_ratio: 10_000,
        ..ExtractLimits::default()
    };
    extract_with(&bomb, &out, &lax).unwrap();
    assert_eq!(
        std::fs::metadata(out.join("zeros.bin")).unwrap().len(),
        4 << 20
    );
}

#[test]
fn a_corrupt_later_entry_leaves_nothing_extracted() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("a.zip");
    make_stored_zip(
        &zip,
        &[
            ("job/first.csv", b"fine"),
            ("job/second.csv", b"SECRETSECRET"),
        ],
    );
    patch(&zip, b"SECRETSECRET", b"CORRUPTEDXXX");
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    let err = extract(&zip, &out).unwrap_err();
    assert!(format!("{err:#}").contains("second.csv"), "{err:#}");
    assert_eq!(tree(&out), ["keep.txt"]);
}

#[test]
fn duplicate_names_and_file_folder_clashes_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("dup.zip");
    make_stored_zip(&zip, &[("job/a.csv", b"first"), ("job/b.csv", b"second")]);
    patch(&zip, b"job/b.csv", b"job/a.csv");
    let out = tmp.path().join("out");
    let err = extract(&zip, &out).unwrap_err();
    assert_eq!(classify(&err), ExitKind::Validation);
    assert!(
        err.to_string().contains("repeat another entry's name"),
        "{err}"
    );
    assert!(!out.exists());

    let clash = tmp.path().join("clash.zip");
    make_zip(&clash, &[("job", b"a file"), ("job/x.csv", b"under it")]);
    let err = extract(&clash, &out).unwrap_err();
    assert!(
        err.to_string().contains("second entry for the same path"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn an_existing_symlink_in_the_target_is_never_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // Planted: the archive's top folder is a link to elsewhere.
    std::os::unix::fs::symlink(&outside, out.join("job")).unwrap();
    let zip = tmp.path().join("a.zip");
    make_zip(&zip, &[("job/face.csv", b"a,b\n")]);
    let err = extract(&zip, &out).unwrap_err();
    assert_eq!(classify(&err), ExitKind::Validation);
    assert!(err.to_string().contains("already exists"), "{err}");
    assert!(tree(&outside).is_empty(), "{:?}", tree(&outside));
    assert_eq!(tree(&out), ["job"]);
    // Into a folder without that name, the same archive lands by rename.
    let fresh = tmp.path().join("fresh");
    assert_eq!(extract(&zip, &fresh).unwrap().len(), 1);
    assert_eq!(tree(&fresh), ["job", "job/face.csv"]);
}
