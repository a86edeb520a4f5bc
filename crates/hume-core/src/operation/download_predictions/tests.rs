use std::time::Duration;

use bytes::Bytes;
use serde_json::json;

use super::*;
use crate::endpoints::predictions::PEEK_LIMIT;
use crate::mock::{MockResponse, MockTransport};
use crate::operation::testing::{Did, ctx, run};

fn files(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn an_array_is_streamed_byte_for_byte_prefix_first() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("p.json");
    let body = "\n  [ {\"z\": 1.50,  \"a\": []} ]\n";
    let mock = MockTransport::new().with_response(MockResponse::new(200).with_body(body));
    let got = run(&mock, DownloadPredictions::new(&ctx(), "j", &dest));
    assert_eq!(got.result.unwrap(), body.len() as u64);
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), body);
    // The fake driver reads 3-byte chunks: whitespace first, then the `[`.
    assert_eq!(
        got.did[1..],
        [
            Did::ReadChunk,
            Did::ReadChunk,
            Did::Stream { prefix_len: 6 }
        ]
    );
    assert_eq!(files(dir.path()), ["p.json"]);
}

#[test]
fn an_error_body_sent_with_200_becomes_the_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("p.json");
    let mock = MockTransport::new()
        .with_response(MockResponse::json(
            200,
            &json!({"message": "job not found"}),
        ))
        .with_response(MockResponse::new(200))
        .with_response(MockResponse::new(200).with_body(" ".repeat(PEEK_LIMIT + 10)));
    let got = run(&mock, DownloadPredictions::new(&ctx(), "j", &dest));
    let err = got.result.unwrap_err();
    assert!(
        matches!(&err, HumeError::JobNotFound { job_id, .. } if job_id == "j"),
        "{err:?}"
    );
    assert_eq!(got.did[1..], [Did::ReadChunk, Did::ReadBody]);
    let got = run(&mock, DownloadPredictions::new(&ctx(), "j", &dest));
    assert!(
        matches!(got.result.unwrap_err(), HumeError::Decode { .. }),
        "an empty body"
    );
    let got = run(&mock, DownloadPredictions::new(&ctx(), "j", &dest));
    assert!(
        matches!(got.result.unwrap_err(), HumeError::Decode { .. }),
        "only whitespace"
    );
    assert!(files(dir.path()).is_empty());
}

#[test]
fn an_error_status_is_read_and_mapped() {
    let dir = tempfile::tempdir().unwrap();
    let mock = MockTransport::new().with_response(MockResponse::json(
        401,
        &json!({"fault": {"faultstring": "Invalid ApiKey", "detail": {"errorcode": "oauth.v2.InvalidApiKey"}}}),
    ));
    let got = run(
        &mock,
        DownloadPredictions::new(&ctx(), "j", dir.path().join("p.json")),
    );
    assert!(matches!(
        got.result.unwrap_err(),
        HumeError::InvalidApiKey { .. }
    ));
    assert_eq!(got.did[1..], [Did::ReadBody]);
}

#[test]
fn a_failed_read_while_sniffing_is_a_transport_error() {
    let mut op = DownloadPredictions::new(&ctx(), "j", "/tmp/never-written.json");
    op.next(Event::Start, Duration::ZERO);
    let head = Event::Response {
        status: http::StatusCode::OK,
        headers: http::HeaderMap::new(),
    };
    assert!(matches!(op.next(head, Duration::ZERO), Action::ReadChunk));
    assert!(matches!(
        op.next(
            Event::Chunk(Ok(Some(Bytes::from_static(b"  ")))),
            Duration::ZERO
        ),
        Action::ReadChunk
    ));
    let reset = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset");
    let done = op.next(Event::Chunk(Err(reset)), Duration::ZERO);
    assert!(
        matches!(done, Action::Done(Err(HumeError::Transport(ref t))) if t.may_have_been_sent()),
        "{done:?}"
    );
}

#[test]
fn a_body_cut_short_at_its_announced_length_is_not_saved() {
    // The audit: the Content-Length matches what was sent, but the JSON does not close.
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("p.json");
    std::fs::write(&dest, "previous").unwrap();
    let body = r#"[{"source": {"type": "url", "url": "https://x.test/a.mp4"}, "results": {"pred"#;
    let mock = MockTransport::new().with_response(
        MockResponse::new(200)
            .with_header("content-length", &body.len().to_string())
            .with_body(body),
    );
    let err = run(&mock, DownloadPredictions::new(&ctx(), "j", &dest))
        .result
        .unwrap_err();
    assert!(
        matches!(
            &err,
            HumeError::Decode {
                what: "predictions",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("not complete json"), "{err}");
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), "previous");
    assert_eq!(files(dir.path()), ["p.json"]);
}
