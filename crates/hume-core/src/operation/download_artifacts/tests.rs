use std::time::Duration;

use serde_json::json;

use super::*;
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
