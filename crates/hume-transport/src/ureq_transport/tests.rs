use std::io::Read;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderValue, Method, StatusCode};
use hume_core::{
    HttpRequest, MultipartBody, RequestBody, SendState, Transport, TransportErrorKind,
};

use super::UreqTransport;
use crate::test_server::{Reply, TestServer, response};

fn get(url: String) -> HttpRequest {
    let mut req = HttpRequest::new(Method::GET, url);
    let mut key = HeaderValue::from_static("sk-ureq-test");
    key.set_sensitive(true);
    req.headers.insert("x-hume-api-key", key);
    req.headers
        .insert("user-agent", HeaderValue::from_static("hume-rs/test"));
    req.timeout = Some(Duration::from_secs(5));
    req
}

#[test]
fn passes_status_headers_and_body_through() {
    let server = TestServer::start(vec![response(
        "201 Created",
        &[
            ("X-Test", "a"),
            ("X-Multi", "1"),
            ("X-Multi", "2"),
            ("Content-Type", "application/json"),
        ],
        b"{\"job_id\":\"x\"}",
    )]);
    let t = UreqTransport::new();
    let mut resp = t.send(get(server.url("/v0/batch/jobs?limit=1"))).unwrap();
    assert_eq!(resp.status, StatusCode::CREATED);
    assert_eq!(resp.headers["x-test"], "a");
    let multi: Vec<_> = resp
        .headers
        .get_all("x-multi")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert_eq!(multi, ["1", "2"]);
    assert_eq!(
        resp.body.read_to_vec_limited(1000).unwrap(),
        b"{\"job_id\":\"x\"}"
    );
    let got = server.join();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].method, "GET");
    assert_eq!(got[0].path, "/v0/batch/jobs?limit=1");
    assert_eq!(got[0].header("x-hume-api-key"), Some("sk-ureq-test"));
    assert_eq!(got[0].header("user-agent"), Some("hume-rs/test"));
}

#[test]
fn keeps_error_bodies() {
    let server = TestServer::start(vec![
        response("404 Not Found", &[], b"{\"message\":\"job not found\"}"),
        response("503 Service Unavailable", &[("Retry-After", "3")], b"busy"),
    ]);
    let t = UreqTransport::new();
    let mut resp = t.send(get(server.url("/v0/batch/jobs/x"))).unwrap();
    assert_eq!(resp.status, StatusCode::NOT_FOUND);
    assert_eq!(
        resp.body.read_to_vec_limited(1000).unwrap(),
        b"{\"message\":\"job not found\"}"
    );
    let mut resp = t.send(get(server.url("/v0/batch/jobs/x"))).unwrap();
    assert_eq!(resp.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(resp.headers["retry-after"], "3");
    assert_eq!(resp.body.read_to_vec_limited(1000).unwrap(), b"busy");
}

#[test]
fn does_not_follow_redirects() {
    let server = TestServer::start(vec![response(
        "302 Found",
        &[("Location", "/elsewhere")],
        b"",
    )]);
    let resp = UreqTransport::new()
        .send(get(server.url("/v0/batch/jobs/x/artifacts")))
        .unwrap();
    assert_eq!(resp.status, StatusCode::FOUND);
    assert_eq!(resp.headers["location"], "/elsewhere");
    assert_eq!(server.join().len(), 1);
}

#[test]
fn streams_multipart_upload_with_exact_length() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.mp4");
    let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&file, &data).unwrap();
    let multipart =
        MultipartBody::new(Some(Bytes::from_static(b"{\"models\":{}}")), vec![file]).unwrap();
    let mut expected = Vec::new();
    multipart
        .reader()
        .unwrap()
        .read_to_end(&mut expected)
        .unwrap();

    let server = TestServer::start(vec![response("200 OK", &[], b"{\"job_id\":\"j\"}")]);
    let mut req = get(server.url("/v0/batch/jobs"));
    req.method = Method::POST;
    req.body = RequestBody::Multipart(multipart.clone());
    let mut resp = UreqTransport::new().send(req).unwrap();
    assert_eq!(resp.status, StatusCode::OK);
    resp.body.read_to_vec_limited(100).unwrap();
    let got = server.join();
    assert_eq!(got[0].method, "POST");
    assert_eq!(
        got[0].header("content-length"),
        Some(multipart.content_length().to_string().as_str())
    );
    assert_eq!(got[0].header("transfer-encoding"), None);
    assert_eq!(
        got[0].header("content-type").unwrap(),
        multipart.content_type().to_str().unwrap()
    );
    assert_eq!(got[0].body.len() as u64, multipart.content_length());
    assert_eq!(got[0].body, expected);
}

#[test]
fn json_body_has_length_and_type() {
    let server = TestServer::start(vec![response("200 OK", &[], b"{}")]);
    let mut req = get(server.url("/v0/batch/jobs"));
    req.method = Method::POST;
    req.body = RequestBody::Json(Bytes::from_static(b"{\"urls\":[\"https://x\"]}"));
    UreqTransport::new().send(req).unwrap();
    let got = server.join();
    assert_eq!(got[0].header("content-type"), Some("application/json"));
    assert_eq!(got[0].header("content-length"), Some("22"));
    assert_eq!(got[0].body, b"{\"urls\":[\"https://x\"]}");
}

#[test]
fn connect_failure_is_not_sent() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let err = UreqTransport::new()
        .send(get(format!("http://127.0.0.1:{port}/v0/batch/jobs")))
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err:?}");
    assert_eq!(err.send_state(), SendState::NotSent);
}

#[test]
fn timeout_is_maybe_sent() {
    let server = TestServer::start(vec![Reply::Stall(Duration::from_secs(2))]);
    let mut req = get(server.url("/v0/batch/jobs"));
    req.timeout = Some(Duration::from_millis(300));
    let start = Instant::now();
    let err = UreqTransport::new().send(req).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(err.kind(), TransportErrorKind::Timeout, "{err:?}");
    assert_eq!(err.send_state(), SendState::MaybeSent);
}

#[test]
fn stalled_body_read_is_a_timed_out_io_error() {
    let head = b"HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nContent-Length: 1000\r\n\r\n0123456789";
    let server = TestServer::start(vec![Reply::SendThenStall(
        head.to_vec(),
        Duration::from_secs(3),
    )]);
    let mut req = get(server.url("/v0/batch/jobs/j/artifacts"));
    req.timeout = Some(Duration::from_millis(300));
    let mut resp = UreqTransport::new().send(req).unwrap();
    assert_eq!(resp.status, StatusCode::OK);
    let start = Instant::now();
    let mut buf = Vec::new();
    let err = resp.body.read_to_end(&mut buf).unwrap_err();
    assert_eq!(buf, b"0123456789", "the bytes before the stall arrive");
    assert_eq!(err.kind(), std::io::ErrorKind::TimedOut, "{err:?}");
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn other_body_errors_keep_their_kind() {
    // The server closes the connection 990 bytes short: not a timeout.
    let head = b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n0123456789";
    let server = TestServer::start(vec![Reply::Raw(head.to_vec())]);
    let mut resp = UreqTransport::new()
        .send(get(server.url("/v0/batch/jobs/j/artifacts")))
        .unwrap();
    let mut buf = Vec::new();
    let err = resp.body.read_to_end(&mut buf).unwrap_err();
    assert_ne!(err.kind(), std::io::ErrorKind::TimedOut, "{err:?}");
}

#[test]
fn debug_is_the_name_only() {
    assert_eq!(format!("{:?}", UreqTransport::new()), "UreqTransport");
}

fn proxies_at(proxy: &str) -> hume_core::ProxyConfig {
    hume_core::ProxyConfig::none()
        .with_https_proxy(proxy)
        .and_then(|p| p.with_http_proxy(proxy))
        .unwrap()
}

#[test]
fn loopback_targets_bypass_every_proxy() {
    // The proxy listens on nothing: were it used, the request would fail.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}", dead.local_addr().unwrap());
    drop(dead);
    let server = TestServer::start(vec![response("200 OK", &[], b"ok")]);
    let t = UreqTransport::with_proxies(proxies_at(&dead_url));
    let mut resp = t.send(get(server.url("/v0/batch/jobs"))).unwrap();
    assert_eq!(resp.body.read_to_vec_limited(10).unwrap(), b"ok");
    let localhost = server.url("/x").replace("127.0.0.1", "localhost");
    let got = server.join();
    assert_eq!(got[0].header("x-hume-api-key"), Some("sk-ureq-test"));
    let server = TestServer::start(vec![response("200 OK", &[], b"ok")]);
    let port = server.url("").rsplit(':').next().unwrap().to_owned();
    let t = UreqTransport::with_proxies(proxies_at(&dead_url));
    let resp = t.send(get(format!("http://localhost:{port}/v0"))).unwrap();
    assert_eq!(resp.status, StatusCode::OK, "{localhost}");
}

#[test]
fn plain_http_through_a_proxy_is_refused_before_connecting() {
    let proxy = TestServer::start(vec![]);
    let t = UreqTransport::with_proxies(proxies_at(&proxy.url("")));
    let err = t
        .send(get("http://api.example.test/v0/batch/jobs".into()))
        .unwrap_err();
    assert_eq!(err.send_state(), SendState::NotSent);
    assert_eq!(err.kind(), TransportErrorKind::Other);
    let why = std::error::Error::source(&err).unwrap().to_string();
    assert!(why.contains("cleartext"), "{why}");
    assert!(proxy.join().is_empty());
}

#[test]
fn https_goes_through_the_proxy_in_a_connect_tunnel() {
    let proxy = TestServer::start(vec![response("403 Forbidden", &[], b"")]);
    let t = UreqTransport::with_proxies(proxies_at(&proxy.url("")));
    t.send(get("https://api.example.test/v0/batch/jobs".into()))
        .unwrap_err();
    let got = proxy.join();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].method, "CONNECT");
    assert_eq!(got[0].path, "api.example.test:443");
    // The tunnel's request line and headers carry no key: it travels inside TLS.
    assert_eq!(got[0].header("x-hume-api-key"), None);
}

#[test]
fn the_deadline_bounds_a_body_that_drips() {
    // One byte every 150 ms: each read is well inside the 5 s idle timeout, so only the
    // deadline of the whole attempt stops it.
    let head = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n".to_vec();
    let server = TestServer::start(vec![Reply::Drip(
        head,
        vec![b'x'; 100],
        Duration::from_millis(150),
    )]);
    let mut request = get(server.url("/drip"));
    request.deadline = Some(Duration::from_millis(800));
    let started = Instant::now();
    let result = UreqTransport::new()
        .send(request)
        .map(|mut r| r.body.read_to_vec_limited(1000));
    let elapsed = started.elapsed();
    assert!(
        !matches!(result, Ok(Ok(ref b)) if b.len() == 100),
        "the whole body arrived"
    );
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    drop(server);
}

/// A resolver that fails the way the system resolver does (a raw I/O error), as ureq's
/// default resolver passes it on, for one name; other names resolve to loopback.
#[derive(Debug)]
struct FailingLookup;

impl ureq::unversioned::resolver::Resolver for FailingLookup {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        _config: &ureq::config::Config,
        _timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        assert_eq!(uri.host(), Some("no-such-host.invalid"));
        Err(ureq::Error::Io(std::io::Error::other(
            "failed to lookup address information: Name or service not known",
        )))
    }
}

#[test]
fn a_name_that_does_not_resolve_is_not_sent() {
    let err = UreqTransport::with_resolver(FailingLookup)
        .send(get("http://no-such-host.invalid:9/v0/batch/jobs".into()))
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err:?}");
    assert_eq!(err.send_state(), SendState::NotSent, "{err:?}");
}

/// A loopback server that answers every connection with a plain-text HTTP response at once
/// (no TLS), then closes it.
fn plain_tcp_server() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(4) {
            let Ok(mut stream) = stream else { return };
            let _ = std::io::Write::write_all(
                &mut stream,
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    port
}

#[test]
fn a_tls_handshake_failure_is_not_sent() {
    let port = plain_tcp_server();
    let err = UreqTransport::new()
        .send(get(format!("https://127.0.0.1:{port}/v0/batch/jobs")))
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Tls, "{err:?}");
    assert_eq!(err.send_state(), SendState::NotSent, "{err:?}");
}

#[test]
fn a_connection_reset_after_sending_may_have_been_sent() {
    // The server reads the request, then closes without answering: the request left.
    let server = TestServer::start(vec![Reply::Raw(Vec::new())]);
    let mut req = get(server.url("/v0/batch/jobs"));
    req.method = Method::POST;
    req.body = RequestBody::Json(Bytes::from_static(b"{}"));
    let err = UreqTransport::new().send(req).unwrap_err();
    assert_eq!(err.send_state(), SendState::MaybeSent, "{err:?}");
}
