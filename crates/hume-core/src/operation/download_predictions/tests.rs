use std::time::Duration;

use bytes::Bytes;
use serde_json::json;

use super::*;
use crate::HumeError;
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
fn a_failed_read_while_sniffing_is_retried_then_a_transport_error() {
    let sniff_then_fail = |op: &mut DownloadPredictions| {
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
        op.next(Event::Chunk(Err(reset)), Duration::ZERO)
    };
    let mut op = DownloadPredictions::new(&ctx(), "j", "/tmp/never-written.json");
    let retried = sniff_then_fail(&mut op);
    assert!(
        matches!(retried, Action::Sleep(d) if d == Duration::from_secs(1)),
        "{retried:?}"
    );
    let once = crate::operation::testing::ctx_with(|c| c.with_retry(crate::RetryPolicy::none()));
    let mut op = DownloadPredictions::new(&once, "j", "/tmp/never-written.json");
    let done = sniff_then_fail(&mut op);
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

fn predictions_body() -> String {
    let items: Vec<String> = (0..200).map(|i| format!("{{\"file\": \"{i}\"}}")).collect();
    format!("[{}]", items.join(", "))
}

#[test]
fn a_body_cut_while_sniffing_is_fetched_again_and_one_cut_while_streaming_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("p.json");
    let body = predictions_body();
    let len = body.len();
    let full = || {
        MockResponse::new(200)
            .with_header("content-type", "application/json")
            .with_header("content-length", &len.to_string())
            .with_header("accept-ranges", "bytes")
            .with_header("etag", "\"p1\"")
            .with_body(body.clone())
    };
    let mock = MockTransport::new()
        // Cut before the sniffing decided: nothing was written, fetched again from the start.
        .with_response(full().with_body_cut_after(0))
        // Cut while streaming: resumed from where the file stopped.
        .with_response(full().with_body_cut_after(1000))
        .with_response(
            MockResponse::new(206)
                .with_header("content-range", &format!("bytes 1000-{}/{len}", len - 1))
                .with_body(body[1000..].to_owned()),
        );
    let ctx = crate::operation::testing::ctx_with(|c| {
        c.with_retry(
            crate::RetryPolicy::default()
                .with_multiplier(2.0)
                .with_jitter(false)
                .with_initial_backoff(Duration::from_secs(1))
                .with_max_attempts(4),
        )
    });
    let got = run(&mock, DownloadPredictions::new(&ctx, "j", &dest));
    assert_eq!(got.result.unwrap(), len as u64);
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), body);
    let ranges: Vec<Option<String>> = mock
        .requests()
        .iter()
        .map(|r| r.header("range").map(str::to_owned))
        .collect();
    assert_eq!(ranges, [None, None, Some("bytes=1000-".into())]);
    // The continuation is streamed as it comes: no sniffing of the middle of the file.
    assert_eq!(got.did.last(), Some(&Did::Stream { prefix_len: 0 }));
    assert_eq!(files(dir.path()), ["p.json"]);
    mock.assert_all_used();
}
