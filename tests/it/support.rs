//! Helpers shared by the test modules: clients wired to a mock server with fast policies,
//! canned API bodies written from SPEC.md, request assertions, a multipart parser and a raw
//! TCP server that truncates bodies.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub use hume::test_util::fast_retry_policy as fast_retry;
use hume::test_util::{fast_config, fast_poll_policy};
use hume::{ApiKey, ClientConfig, PollPolicy};
use serde_json::{Value, json};

/// The API key every test client uses; scanned for in every output.
pub const KEY: &str = "hk_TEST-5ecret-Key-0123456789";

/// Polling: `hume::test_util`'s test speed (10 ms doubling to 100 ms, no jitter), 5 s timeout.
pub fn fast_poll() -> PollPolicy {
    fast_poll_policy().with_timeout(Duration::from_secs(5))
}

/// `hume::test_util::fast_config` (retries in milliseconds) with [`KEY`] and [`fast_poll`].
pub fn fast() -> ClientConfig {
    fast_config()
        .with_api_key(ApiKey::new(KEY).unwrap())
        .with_poll(fast_poll())
}

/// A blocking client for `base` with [`fast`].
pub fn blocking_client(base: &str) -> hume::blocking::HumeBatchClient {
    hume::blocking::HumeBatchClient::builder()
        .config(fast())
        .base_url(base)
        .build()
        .expect("blocking client")
}

/// An async client for `base` with [`fast`].
pub fn async_client(base: &str) -> hume::asynchronous::HumeBatchClient {
    hume::asynchronous::HumeBatchClient::builder()
        .config(fast())
        .base_url(base)
        .build()
        .expect("async client")
}

/// Runs blocking client code off the async test's runtime threads.
pub async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f)
        .await
        .expect("blocking task panicked")
}

/// A job's details in `status` (`QUEUED`, `IN_PROGRESS`, `COMPLETED`, `FAILED`), with
/// `status` last in `state` as the API sends it.
pub fn details(job_id: &str, status: &str) -> Value {
    let state = match status {
        "QUEUED" => json!({"created_timestamp_ms": 1_712_587_158_717_i64, "status": "QUEUED"}),
        "IN_PROGRESS" => json!({
            "created_timestamp_ms": 1_712_587_158_717_i64,
            "started_timestamp_ms": 1_712_587_159_717_i64,
            "status": "IN_PROGRESS"
        }),
        "COMPLETED" => json!({
            "created_timestamp_ms": 1_712_587_158_717_i64,
            "started_timestamp_ms": 1_712_587_159_717_i64,
            "ended_timestamp_ms": 1_712_587_162_717_i64,
            "num_predictions": 1,
            "num_errors": 0,
            "status": "COMPLETED"
        }),
        "FAILED" => json!({
            "created_timestamp_ms": 1_712_587_158_717_i64,
            "started_timestamp_ms": 1_712_587_159_717_i64,
            "ended_timestamp_ms": 1_712_587_161_717_i64,
            "message": "could not fetch media",
            "status": "FAILED"
        }),
        other => panic!("unknown status {other}"),
    };
    json!({
        "type": "INFERENCE",
        "job_id": job_id,
        "request": {
            "files": [],
            "models": {"face": {"fps_pred": 3.0, "prob_threshold": 0.99, "identify_faces": false,
                                "min_face_size": 60, "save_faces": false,
                                "facs": null, "descriptions": null},
                       "burst": null, "prosody": null, "language": null, "ner": null, "facemesh": null},
            "urls": ["https://example.com/face.jpg"],
            "text": [],
            "callback_url": null,
            "notify": false
        },
        "state": state
    })
}

/// Face predictions for one URL source: two emotions, Joy on top.
pub fn predictions() -> Value {
    json!([{
        "source": {"type": "url", "url": "https://example.com/face.jpg"},
        "results": {
            "predictions": [{
                "file": "face.jpg",
                "file_type": "image",
                "models": {"face": {"metadata": null, "grouped_predictions": [{
                    "id": "unknown",
                    "predictions": [{
                        "frame": 0, "time": 0, "prob": 0.999,
                        "box": {"x": 10.0, "y": 20.0, "w": 100.0, "h": 120.0},
                        "emotions": [{"name": "Calmness", "score": 0.2}, {"name": "Joy", "score": 0.7}],
                        "facs": null, "descriptions": null
                    }]
                }]}}
            }],
            "errors": []
        },
        "error": null
    }])
}

/// Asserts the headers every request carries.
pub fn assert_common_headers(req: &wiremock::Request) {
    assert_eq!(
        header(req, "x-hume-api-key"),
        Some(KEY),
        "{} {}",
        req.method,
        req.url
    );
    assert_common_headers_without_key(req);
}

/// Asserts the client identification headers (not the key).
pub fn assert_common_headers_without_key(req: &wiremock::Request) {
    assert_eq!(header(req, "x-hume-client-name"), Some("rust_sdk"));
    assert_eq!(
        header(req, "x-hume-client-version"),
        Some(hume_core::CLIENT_VERSION)
    );
    let ua = header(req, "user-agent").expect("user-agent");
    assert_eq!(ua, format!("hume-rs/{}", hume_core::CLIENT_VERSION));
}

/// One header as text.
pub fn header<'a>(req: &'a wiremock::Request, name: &str) -> Option<&'a str> {
    req.headers.get(name).and_then(|v| v.to_str().ok())
}

/// The request's query as ordered pairs.
pub fn query_pairs(req: &wiremock::Request) -> Vec<(String, String)> {
    req.url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Panics if `value` holds a `null` anywhere.
pub fn assert_no_null(value: &Value) {
    fn walk(value: &Value, path: &str) {
        match value {
            Value::Null => panic!("null at {path}"),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .for_each(|(i, v)| walk(v, &format!("{path}[{i}]"))),
            Value::Object(map) => map
                .iter()
                .for_each(|(k, v)| walk(v, &format!("{path}.{k}"))),
            _ => {}
        }
    }
    walk(value, "$");
}

/// One part of a multipart body.
#[derive(Debug)]
pub struct Part {
    /// `name` of the Content-Disposition.
    pub name: String,
    /// `filename`, when present.
    pub filename: Option<String>,
    /// The part's Content-Type, when present.
    pub content_type: Option<String>,
    /// The part's bytes.
    pub body: Vec<u8>,
}

/// Splits a `multipart/form-data` request into its parts (strictly: CRLF framing, closing
/// delimiter required).
pub fn multipart_parts(req: &wiremock::Request) -> Vec<Part> {
    let content_type = header(req, "content-type").expect("content-type");
    let boundary = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))
        .expect("boundary")
        .trim_matches('"');
    let delimiter = format!("--{boundary}").into_bytes();
    let body = &req.body;
    assert!(
        body.starts_with(&delimiter),
        "body starts with the delimiter"
    );
    let mut parts = Vec::new();
    let mut rest = &body[delimiter.len()..];
    loop {
        if rest.starts_with(b"--") {
            assert_eq!(&rest[2..], b"\r\n", "closing delimiter ends the body");
            break;
        }
        rest = rest.strip_prefix(b"\r\n").expect("CRLF after delimiter");
        let head_end = find(rest, b"\r\n\r\n").expect("part head");
        let head = std::str::from_utf8(&rest[..head_end]).expect("utf-8 part head");
        let after_head = &rest[head_end + 4..];
        let mut next = b"\r\n".to_vec();
        next.extend_from_slice(&delimiter);
        let end = find(after_head, &next).expect("next delimiter");
        let mut part = Part {
            name: String::new(),
            filename: None,
            content_type: None,
            body: after_head[..end].to_vec(),
        };
        for line in head.split("\r\n") {
            let (name, value) = line.split_once(':').expect("header line");
            match name.trim().to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    for param in value.split(';').skip(1) {
                        let (k, v) = param.trim().split_once('=').expect("param");
                        let v = v.trim_matches('"').to_owned();
                        match k {
                            "name" => part.name = v,
                            "filename" => part.filename = Some(v),
                            _ => {}
                        }
                    }
                }
                "content-type" => part.content_type = Some(value.trim().to_owned()),
                _ => {}
            }
        }
        parts.push(part);
        rest = &after_head[end + next.len()..];
    }
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A raw HTTP server on 127.0.0.1 that answers every request with `200`, a
/// `Content-Length: 1000` head and only 10 body bytes, then closes the connection.
/// Returns its base URL and a counter of requests served.
pub fn truncating_server() -> (String, Arc<AtomicUsize>) {
    raw_server(Duration::ZERO)
}

/// Like [`truncating_server`], but the connection stays open (silent) for `stall` after the
/// 10 bytes before it closes.
pub fn stalling_server(stall: Duration) -> (String, Arc<AtomicUsize>) {
    raw_server(stall)
}

fn raw_server(stall: Duration) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().unwrap();
    let served = Arc::new(AtomicUsize::new(0));
    let count = served.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                match stream.read(&mut byte) {
                    Ok(1) => head.push(byte[0]),
                    _ => break,
                }
            }
            count.fetch_add(1, Ordering::SeqCst);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nContent-Length: 1000\r\n\r\n0123456789",
            );
            let _ = stream.flush();
            if !stall.is_zero() {
                // Keep this connection open without blocking the next one.
                std::thread::spawn(move || {
                    std::thread::sleep(stall);
                    drop(stream);
                });
            }
            // Otherwise dropping the stream closes the connection mid-body.
        }
    });
    (format!("http://{addr}"), served)
}

/// Names of the files in `dir`.
pub fn dir_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
