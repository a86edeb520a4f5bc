use super::*;
use http::HeaderValue;

fn headers(len: Option<&str>) -> HeaderMap {
    let mut h = HeaderMap::new();
    if let Some(l) = len {
        h.insert(CONTENT_LENGTH, HeaderValue::from_str(l).unwrap());
    }
    h
}

/// Streams `body` to `dest` as a driver does: a fresh download, no prefix.
fn download_blocking(
    body: impl std::io::Read,
    headers: &HeaderMap,
    dest: &Path,
    sync: bool,
) -> Result<u64, HumeError> {
    let download = Download::new(dest, content_length(headers)).with_sync(sync);
    stream_blocking(download, &[], body).into_result()
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn writes_and_renames() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("artifacts.zip");
    let n = download_blocking(
        &b"PK\x03\x04zipdata"[..],
        &headers(Some("11")),
        &dest,
        false,
    )
    .unwrap();
    assert_eq!(n, 11);
    assert_eq!(std::fs::read(&dest).unwrap(), b"PK\x03\x04zipdata");
    assert_eq!(leftovers(dir.path()), ["artifacts.zip"]);
    // Without Content-Length any length is accepted.
    download_blocking(&b"abc"[..], &headers(None), &dest, false).unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), b"abc");
}

#[test]
fn short_body_leaves_destination_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("artifacts.zip");
    std::fs::write(&dest, b"previous").unwrap();
    // A body that ends short broke off: it comes back to be resumed, its file kept.
    let end = stream_blocking(Download::new(&dest, Some(10)), b"", &b"1234"[..]);
    let StreamEnd::Interrupted { download, error } = end else {
        panic!("{end:?}");
    };
    assert_eq!((download.received(), download.expected()), (4, Some(10)));
    assert!(download.temp_path().is_some_and(Path::exists));
    assert!(error.may_have_been_sent() && error.kind() == crate::TransportErrorKind::Io);
    drop(download);
    let err = download_blocking(&b"1234"[..], &headers(Some("10")), &dest, false).unwrap_err();
    assert!(
        matches!(&err, HumeError::Transport(e) if e.kind() == crate::TransportErrorKind::Io),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&dest).unwrap(), b"previous");
    assert_eq!(leftovers(dir.path()), ["artifacts.zip"]);
    let err = download_blocking(&b"123456"[..], &headers(Some("3")), &dest, false).unwrap_err();
    assert!(
        matches!(err, HumeError::IncompleteDownload { expected: 3, .. }),
        "{err:?}"
    );
    assert_eq!(leftovers(dir.path()), ["artifacts.zip"]);
}

struct FailingReader(usize);

impl Read for FailingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.0 == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "reset",
            ));
        }
        self.0 -= 1;
        buf[0] = b'x';
        Ok(1)
    }
}

#[test]
fn read_error_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out.json");
    let err = download_blocking(FailingReader(3), &headers(None), &dest, false).unwrap_err();
    assert!(
        matches!(err, HumeError::Transport(_)) && err.is_retryable(),
        "{err:?}"
    );
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn dropped_download_removes_temp_and_missing_dir_fails() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = Download::start(dir.path().join("a.zip"), None).unwrap();
    d.write(b"abc").unwrap();
    let temp = d.temp_path().unwrap().to_path_buf();
    assert!(temp.exists());
    assert!(
        temp.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(".a.zip.")
    );
    drop(d);
    assert!(!temp.exists());
    assert!(matches!(
        Download::start(dir.path().join("no/such/dir/a.zip"), None),
        Err(HumeError::Io { .. })
    ));
}

#[test]
fn helpers() {
    assert_eq!(content_length(&headers(Some(" 42 "))), Some(42));
    assert_eq!(content_length(&headers(Some("x"))), None);
    assert_eq!(
        temp_path_for(Path::new("a.zip")).parent(),
        Some(Path::new(""))
    );
    assert_eq!(
        temp_path_for(Path::new("/tmp/x/a.zip")).parent(),
        Some(Path::new("/tmp/x"))
    );
}

#[test]
fn sync_is_opt_in_and_both_settings_produce_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = Download::start(dir.path().join("a.zip"), None).unwrap();
    assert!(!d.syncs(), "fsync is off by default");
    let d = d.with_sync(true);
    assert!(d.syncs());
    drop(d);
    for sync in [false, true] {
        let dest = dir.path().join(format!("sync-{sync}.zip"));
        // Larger than the write buffer, so both flushing paths run.
        let data: Vec<u8> = (0..600_000u32).map(|i| (i % 251) as u8).collect();
        let len = data.len().to_string();
        let n = download_blocking(&data[..], &headers(Some(&len)), &dest, sync).unwrap();
        assert_eq!(n, data.len() as u64);
        assert_eq!(std::fs::read(&dest).unwrap(), data);
    }
    let mut names = leftovers(dir.path());
    names.sort();
    assert_eq!(names, ["sync-false.zip", "sync-true.zip"]);
}

#[test]
fn a_new_download_touches_no_file_until_written() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("p.json");
    let d = Download::new(&dest, Some(4));
    assert!(leftovers(dir.path()).is_empty(), "no temporary file yet");
    assert_eq!(d.expected(), Some(4));
    drop(d);
    let n = stream_blocking(Download::new(&dest, Some(4)), b"[1", &b",2]"[..])
        .into_result()
        .unwrap_err();
    assert!(
        matches!(n, HumeError::IncompleteDownload { received: 5, .. }),
        "{n:?}"
    );
    let n = stream_blocking(Download::new(&dest, None), b"[1", &b"]"[..])
        .into_result()
        .unwrap();
    assert_eq!(n, 3);
    assert_eq!(std::fs::read(&dest).unwrap(), b"[1]");
    let empty = Download::new(dir.path().join("empty"), Some(0))
        .finish()
        .unwrap();
    assert_eq!(empty, 0);
    let mut left = leftovers(dir.path());
    left.sort();
    assert_eq!(left, ["empty", "p.json"]);
}

#[test]
fn body_read_errors_are_labelled_for_retrying() {
    use crate::TransportErrorKind as K;
    use std::io::{Error, ErrorKind};
    let kind = |k: ErrorKind| body_read_error(Error::new(k, "x")).kind();
    assert_eq!(kind(ErrorKind::TimedOut), K::Timeout);
    assert_eq!(kind(ErrorKind::UnexpectedEof), K::Io);
    assert_eq!(kind(ErrorKind::ConnectionReset), K::Io);
    assert_eq!(
        kind(ErrorKind::InvalidData),
        K::Other,
        "too large: not retried"
    );
    assert!(body_read_error(Error::other("x")).may_have_been_sent());
}

#[test]
fn a_body_over_the_size_cap_fails_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("a.zip");
    // Announced too large: refused before any file exists.
    let mut d = Download::new(&dest, Some(100)).with_max_bytes(10);
    assert!(matches!(d.open(), Err(HumeError::Io { .. })));
    assert!(leftovers(dir.path()).is_empty());
    // Growing past the cap without a length: stopped, temporary file removed.
    let d = Download::new(&dest, None).with_max_bytes(10);
    let err = stream_blocking(d, &[], std::io::repeat(b'x'))
        .into_result()
        .unwrap_err();
    assert!(err.to_string().contains("downloading"), "{err}");
    let source = std::error::Error::source(&err).unwrap().to_string();
    assert!(source.contains("10 byte limit"), "{source}");
    assert!(leftovers(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn a_device_destination_is_written_in_place_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let n = download_blocking(
        &b"abc"[..],
        &headers(Some("3")),
        Path::new("/dev/null"),
        false,
    )
    .unwrap();
    assert_eq!(n, 3);
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn an_interrupted_download_continues_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("p.json");
    let end = stream_blocking(Download::new(&dest, Some(8)), b"[1", FailingReader(2));
    let StreamEnd::Interrupted { download, error } = end else {
        panic!("{end:?}");
    };
    assert_eq!(download.received(), 4);
    assert_eq!(error.kind(), crate::TransportErrorKind::Io);
    let written = stream_blocking(download, b"", &b"xxxx"[..])
        .into_result()
        .unwrap();
    assert_eq!(written, 8);
    assert_eq!(std::fs::read(&dest).unwrap(), b"[1xxxxxx");
    assert_eq!(leftovers(dir.path()), ["p.json"]);
}
