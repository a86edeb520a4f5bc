use std::time::Duration;

use serde_json::json;

use super::*;
use crate::HumeError;
use crate::mock::{MockResponse, MockTransport};
use crate::operation::testing::{Did, ctx, run};

fn zip() -> Vec<u8> {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend((0..5000u32).map(|i| (i % 251) as u8));
    bytes
}

fn files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_archive_is_streamed_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("a.zip");
    let mock = MockTransport::new().with_response(
        MockResponse::new(200)
            .with_header("content-type", "application/zip")
            .with_header("content-length", "5004")
            .with_body(zip()),
    );
    let got = run(&mock, DownloadArtifacts::new(&ctx(), "j", &dest));
    assert_eq!(got.result.unwrap(), 5004);
    assert_eq!(std::fs::read(&dest).unwrap(), zip());
    assert!(matches!(
        got.did[..],
        [Did::Send(..), Did::Stream { prefix_len: 0 }]
    ));
    let request = &mock.requests()[0];
    assert_eq!(
        request.url,
        "http://127.0.0.1:4010/v0/batch/jobs/j/artifacts"
    );
    assert_eq!(
        request.header("accept"),
        Some("application/zip, application/octet-stream, */*")
    );
    assert_eq!(files(dir.path()), ["a.zip"]);
}

#[test]
fn an_error_answer_is_read_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("a.zip");
    let mock = MockTransport::new()
        .with_response(MockResponse::json(
            404,
            &json!({"message": "job not found"}),
        ))
        .with_response(MockResponse::json(
            200,
            &json!({"message": "job not found"}),
        ))
        .with_response(MockResponse::json(
            400,
            &json!({"message": "job not completed"}),
        ));
    let got = run(&mock, DownloadArtifacts::new(&ctx(), "j", &dest));
    assert!(matches!(
        got.result.unwrap_err(),
        HumeError::JobNotFound { .. }
    ));
    assert!(matches!(got.did[..], [Did::Send(..), Did::ReadBody]));
    let got = run(&mock, DownloadArtifacts::new(&ctx(), "j", &dest));
    assert!(
        matches!(got.result.unwrap_err(), HumeError::JobNotFound { .. }),
        "a 200 json body is an error"
    );
    let got = run(&mock, DownloadArtifacts::new(&ctx(), "j", &dest));
    assert_eq!(
        got.result.unwrap_err().to_string(),
        "api error 400 Bad Request: job not completed"
    );
    assert!(files(dir.path()).is_empty());
}

#[test]
fn retries_happen_before_streaming_and_a_broken_stream_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("a.zip");
    let mock = MockTransport::new()
        .with_response(MockResponse::new(503))
        .with_response(MockResponse::new(200).with_body("PK"));
    let got = run(&mock, DownloadArtifacts::new(&ctx(), "j", &dest));
    assert_eq!(got.result.unwrap(), 2);
    assert_eq!(got.sleeps, [Duration::from_secs(1)]);

    let mut op = DownloadArtifacts::new(&ctx(), "j", &dest);
    op.next(Event::Start, Duration::ZERO);
    let head = Event::Response {
        status: http::StatusCode::OK,
        headers: http::HeaderMap::new(),
    };
    assert!(matches!(
        op.next(head, Duration::ZERO),
        Action::StreamToFile { .. }
    ));
    let broken = HumeError::io("writing", std::io::Error::other("disk full"));
    assert!(matches!(
        op.next(Event::Streamed(Err(broken)), Duration::ZERO),
        Action::Done(Err(HumeError::Io { .. }))
    ));
}

#[test]
fn sync_downloads_reaches_the_download() {
    let ctx = crate::operation::testing::ctx_with(|c| c.with_sync_downloads(true));
    let mut op = DownloadArtifacts::new(&ctx, "j", "/tmp/never-written.zip");
    op.next(Event::Start, Duration::ZERO);
    let mut headers = http::HeaderMap::new();
    headers.insert("content-length", http::HeaderValue::from_static("9"));
    let head = Event::Response {
        status: http::StatusCode::OK,
        headers,
    };
    let Action::StreamToFile { download, prefix } = op.next(head, Duration::ZERO) else {
        panic!("expected a stream")
    };
    assert!(download.syncs() && prefix.is_empty());
    assert_eq!(download.expected(), Some(9));
}

/// A full answer offering byte ranges, with its strong entity tag.
fn ranged_zip(cut_after: Option<usize>) -> MockResponse {
    let response = MockResponse::new(200)
        .with_header("content-type", "application/zip")
        .with_header("content-length", "5004")
        .with_header("accept-ranges", "bytes")
        .with_header("etag", "\"v1\"")
        .with_body(zip());
    match cut_after {
        Some(n) => response.with_body_cut_after(n),
        None => response,
    }
}

/// The `206` for the bytes from `start` on.
fn rest_of_zip(start: usize) -> MockResponse {
    MockResponse::new(206)
        .with_header("content-type", "application/zip")
        .with_header("content-range", &format!("bytes {start}-5003/5004"))
        .with_body(zip()[start..].to_vec())
}

#[test]
fn a_body_cut_short_resumes_with_a_range_request() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("a.zip");
    let mock = MockTransport::new()
        .with_response(ranged_zip(Some(1200)))
        .with_response(rest_of_zip(1200));
    let got = run(&mock, DownloadArtifacts::new(&ctx(), "j", &dest));
    assert_eq!(got.result.unwrap(), 5004);
    assert_eq!(std::fs::read(&dest).unwrap(), zip(), "byte exact");
    assert_eq!(files(dir.path()), ["a.zip"], "no temporary file left");
    assert_eq!(
        got.sleeps,
        [Duration::from_secs(1)],
        "a retry of the budget"
    );
    let requests = mock.requests();
    assert_eq!(requests[0].header("range"), None);
    assert_eq!(requests[1].header("range"), Some("bytes=1200-"));
    assert_eq!(requests[1].header("if-range"), Some("\"v1\""));
    mock.assert_all_used();
}

#[test]
fn without_byte_ranges_a_cut_body_restarts_from_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("a.zip");
    let plain = |cut: Option<usize>| {
        let response = MockResponse::new(200)
            .with_header("content-type", "application/zip")
            .with_header("content-length", "5004")
            .with_body(zip());
        match cut {
            Some(n) => response.with_body_cut_after(n),
            None => response,
        }
    };
    let mock = MockTransport::new()
        .with_response(plain(Some(700)))
        .with_response(plain(None));
    let got = run(&mock, DownloadArtifacts::new(&ctx(), "j", &dest));
    assert_eq!(got.result.unwrap(), 5004);
    assert_eq!(std::fs::read(&dest).unwrap(), zip());
    assert!(mock.requests().iter().all(|r| r.header("range").is_none()));
    assert_eq!(files(dir.path()), ["a.zip"]);
}

#[test]
fn a_resume_answered_with_the_whole_body_or_other_bytes_starts_again() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("a.zip");
    // The entity changed (If-Range did not match): the server sends it all again.
    let mock = MockTransport::new()
        .with_response(ranged_zip(Some(1000)))
        .with_response(ranged_zip(None));
    let got = run(&mock, DownloadArtifacts::new(&ctx(), "j", &dest));
    assert_eq!(got.result.unwrap(), 5004);
    assert_eq!(std::fs::read(&dest).unwrap(), zip());

    // A 206 for other bytes than asked, then a 416: each is dropped and the whole asked for
    // again at once, without a range.
    let mock = MockTransport::new()
        .with_response(ranged_zip(Some(1000)))
        .with_response(rest_of_zip(900))
        .with_response(ranged_zip(Some(2000)))
        .with_response(MockResponse::new(416).with_header("content-range", "bytes */5004"))
        .with_response(ranged_zip(None));
    let ctx = crate::operation::testing::ctx_with(|c| {
        c.with_retry(
            crate::RetryPolicy::default()
                .with_multiplier(2.0)
                .with_jitter(false)
                .with_initial_backoff(Duration::from_secs(1))
                .with_max_attempts(5),
        )
    });
    let got = run(&mock, DownloadArtifacts::new(&ctx, "j", &dest));
    assert_eq!(got.result.unwrap(), 5004);
    assert_eq!(std::fs::read(&dest).unwrap(), zip());
    let ranges: Vec<Option<String>> = mock
        .requests()
        .iter()
        .map(|r| r.header("range").map(str::to_owned))
        .collect();
    assert_eq!(
        ranges,
        [
            None,
            Some("bytes=1000-".into()),
            None,
            Some("bytes=2000-".into()),
            None
        ]
    );
    assert_eq!(
        got.sleeps.len(),
        2,
        "only the two cut bodies used the budget"
    );
    assert_eq!(files(dir.path()), ["a.zip"]);
}

#[test]
fn a_body_cut_on_every_attempt_fails_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("a.zip");
    std::fs::write(&dest, b"previous").unwrap();
    let mock = MockTransport::new()
        .with_response(ranged_zip(Some(100)))
        .with_response(rest_of_zip(100).with_body_cut_after(50))
        .with_response(rest_of_zip(150).with_body_cut_after(50));
    let got = run(&mock, DownloadArtifacts::new(&ctx(), "j", &dest));
    let err = got.result.unwrap_err();
    assert!(
        matches!(&err, HumeError::Transport(e) if e.may_have_been_sent()),
        "{err:?}"
    );
    assert_eq!(
        mock.requests()
            .iter()
            .map(|r| r.header("range").map(str::to_owned))
            .collect::<Vec<_>>(),
        [None, Some("bytes=100-".into()), Some("bytes=150-".into())]
    );
    assert_eq!(std::fs::read(&dest).unwrap(), b"previous");
    assert_eq!(files(dir.path()), ["a.zip"], "the partial file is gone");
    mock.assert_all_used();
}

#[test]
fn an_error_body_cut_short_is_fetched_again() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("a.zip");
    let mock = MockTransport::new()
        .with_response(
            MockResponse::json(404, &json!({"message": "job not found"})).with_body_cut_after(3),
        )
        .with_response(MockResponse::json(
            404,
            &json!({"message": "job not found"}),
        ));
    let got = run(&mock, DownloadArtifacts::new(&ctx(), "j", &dest));
    assert!(matches!(
        got.result.unwrap_err(),
        HumeError::JobNotFound { .. }
    ));
    assert_eq!(mock.requests().len(), 2);
}
