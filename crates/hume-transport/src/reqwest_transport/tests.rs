use std::io::Read;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderValue, Method, StatusCode};
use hume_core::{
    AsyncTransport, HttpRequest, MultipartBody, RequestBody, SendState, TransportErrorKind,
};

use super::ReqwestTransport;
use crate::test_server::{Reply, TestServer, response};

fn get(url: String) -> HttpRequest {
    let mut req = HttpRequest::new(Method::GET, url);
    let mut key = HeaderValue::from_static("sk-reqwest-test");
    key.set_sensitive(true);
    req.headers.insert("x-hume-api-key", key);
    req.headers
        .insert("user-agent", HeaderValue::from_static("hume-rs/test"));
    req.timeout = Some(Duration::from_secs(5));
    req
}

/// Runs the blocking test server join off the runtime.
async fn join(server: TestServer) -> Vec<crate::test_server::Received> {
    tokio::task::spawn_blocking(move || server.join())
        .await
        .unwrap()
}

#[tokio::test]
async fn passes_status_headers_and_body_through() {
    let server = TestServer::start(vec![response(
        "201 Created",
        &[("X-Test", "a"), ("X-Multi", "1"), ("X-Multi", "2")],
        b"{\"job_id\":\"x\"}",
    )]);
    let t = ReqwestTransport::new().unwrap();
    let mut resp = t
        .send(get(server.url("/v0/batch/jobs?limit=1")))
        .await
        .unwrap();
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
        resp.body.read_to_vec_limited(1000).await.unwrap(),
        b"{\"job_id\":\"x\"}"
    );
    let got = join(server).await;
    assert_eq!(got[0].method, "GET");
    assert_eq!(got[0].path, "/v0/batch/jobs?limit=1");
    assert_eq!(got[0].header("x-hume-api-key"), Some("sk-reqwest-test"));
    assert_eq!(got[0].header("user-agent"), Some("hume-rs/test"));
}

#[tokio::test]
async fn keeps_error_bodies() {
    let server = TestServer::start(vec![response(
        "422 Unprocessable Entity",
        &[],
        b"{\"message\":\"invalid request\"}",
    )]);
    let mut resp = ReqwestTransport::new()
        .unwrap()
        .send(get(server.url("/v0/batch/jobs")))
        .await
        .unwrap();
    assert_eq!(resp.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        resp.body.read_to_vec_limited(1000).await.unwrap(),
        b"{\"message\":\"invalid request\"}"
    );
}

#[tokio::test]
async fn does_not_follow_redirects() {
    let server = TestServer::start(vec![response(
        "307 Temporary Redirect",
        &[("Location", "/elsewhere")],
        b"",
    )]);
    let resp = ReqwestTransport::new()
        .unwrap()
        .send(get(server.url("/v0/batch/jobs/x/artifacts")))
        .await
        .unwrap();
    assert_eq!(resp.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(resp.headers["location"], "/elsewhere");
    assert_eq!(join(server).await.len(), 1);
}

#[tokio::test]
async fn streams_multipart_upload_with_exact_length() {
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
    let mut resp = ReqwestTransport::new().unwrap().send(req).await.unwrap();
    assert_eq!(resp.status, StatusCode::OK);
    resp.body.read_to_vec_limited(100).await.unwrap();
    let got = join(server).await;
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
    assert_eq!(got[0].body, expected);
}

#[tokio::test]
async fn upload_of_a_vanished_file_fails() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gone.wav");
    std::fs::write(&file, vec![1u8; 1000]).unwrap();
    let multipart = MultipartBody::new(None, vec![file.clone()]).unwrap();
    std::fs::remove_file(&file).unwrap();
    let server = TestServer::start(vec![response("200 OK", &[], b"{}")]);
    let mut req = get(server.url("/v0/batch/jobs"));
    req.method = Method::POST;
    req.body = RequestBody::Multipart(multipart);
    let err = ReqwestTransport::new()
        .unwrap()
        .send(req)
        .await
        .unwrap_err();
    assert_eq!(err.send_state(), SendState::MaybeSent, "{err:?}");
}

#[tokio::test]
async fn connect_failure_is_not_sent() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let err = ReqwestTransport::new()
        .unwrap()
        .send(get(format!("http://127.0.0.1:{port}/")))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err:?}");
    assert_eq!(err.send_state(), SendState::NotSent);
}

#[tokio::test]
async fn timeout_is_maybe_sent() {
    let server = TestServer::start(vec![Reply::Stall(Duration::from_secs(2))]);
    let mut req = get(server.url("/v0/batch/jobs"));
    req.timeout = Some(Duration::from_millis(300));
    let start = Instant::now();
    let err = ReqwestTransport::new()
        .unwrap()
        .send(req)
        .await
        .unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(2));
    assert_eq!(err.kind(), TransportErrorKind::Timeout, "{err:?}");
    assert_eq!(err.send_state(), SendState::MaybeSent);
}

#[tokio::test]
async fn stalled_body_read_is_a_timed_out_io_error() {
    let head = b"HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nContent-Length: 1000\r\n\r\n0123456789";
    let server = TestServer::start(vec![Reply::SendThenStall(
        head.to_vec(),
        Duration::from_secs(3),
    )]);
    let mut req = get(server.url("/v0/batch/jobs/j/artifacts"));
    req.timeout = Some(Duration::from_millis(300));
    let mut resp = ReqwestTransport::new().unwrap().send(req).await.unwrap();
    assert_eq!(resp.status, StatusCode::OK);
    let start = Instant::now();
    let mut received = Vec::new();
    let err = loop {
        match resp.body.chunk().await {
            Ok(Some(chunk)) => received.extend_from_slice(&chunk),
            Ok(None) => panic!("the body cannot end early without an error"),
            Err(e) => break e,
        }
    };
    assert_eq!(received, b"0123456789", "the bytes before the stall arrive");
    assert_eq!(err.kind(), std::io::ErrorKind::TimedOut, "{err:?}");
    assert!(start.elapsed() < Duration::from_secs(2));
}

/// A one-connection server that reads the request head, then the body `chunk` bytes at a
/// time with `pause` between reads (or, with `chunk == 0`, never reads it), then answers 200.
fn slow_reader(chunk: usize, pause: Duration) -> (String, std::thread::JoinHandle<usize>) {
    use std::io::{BufRead, BufReader, Write};
    // A small receive buffer (no autotuning), so the client's body stream is pulled about
    // as fast as the server reads, as over a slow link.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(64 * 1024).unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(1).unwrap().into_std().unwrap();
    listener.set_nonblocking(false).unwrap();
    let url = format!("http://{}/v0/batch/jobs", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream);
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let line = line.trim_end().to_ascii_lowercase();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("content-length:") {
                len = v.trim().parse().unwrap();
            }
        }
        if chunk == 0 {
            std::thread::sleep(pause);
            return 0;
        }
        let mut buf = vec![0u8; chunk];
        let mut got = 0;
        while got < len {
            std::thread::sleep(pause);
            let want = chunk.min(len - got);
            match reader.read(&mut buf[..want]) {
                Ok(0) | Err(_) => return got,
                Ok(n) => got += n,
            }
        }
        let mut stream = reader.into_inner();
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        got
    });
    (url, handle)
}

fn upload_request(url: String, dir: &std::path::Path, len: usize) -> HttpRequest {
    let file = dir.join("big.mp4");
    std::fs::write(&file, vec![7u8; len]).unwrap();
    let mut req = get(url);
    req.method = Method::POST;
    req.body = RequestBody::Multipart(MultipartBody::new(None, vec![file]).unwrap());
    req.timeout = Some(Duration::from_secs(1));
    req
}

#[tokio::test]
async fn slow_upload_that_keeps_moving_is_not_timed_out() {
    let dir = tempfile::tempdir().unwrap();
    let len = 24 * 1024 * 1024;
    // About 3 s in total (24 MiB, 64 KiB every 8 ms), never idle for the 1 s timeout; the
    // client's send buffer (up to 4 MiB) drains in well under 1 s after the last chunk.
    let (url, server) = slow_reader(64 * 1024, Duration::from_millis(8));
    let start = Instant::now();
    let resp = ReqwestTransport::new()
        .unwrap()
        .send(upload_request(url, dir.path(), len))
        .await
        .unwrap();
    assert_eq!(resp.status, StatusCode::OK);
    assert!(
        start.elapsed() > Duration::from_secs(1),
        "the upload outlived the timeout"
    );
    let got = tokio::task::spawn_blocking(move || server.join().unwrap())
        .await
        .unwrap();
    assert!(got > len, "the server read the whole body ({got} bytes)");
}

#[tokio::test]
async fn upload_to_a_server_that_stops_reading_times_out() {
    let dir = tempfile::tempdir().unwrap();
    let (url, _server) = slow_reader(0, Duration::from_secs(20));
    let start = Instant::now();
    let err = ReqwestTransport::new()
        .unwrap()
        .send(upload_request(url, dir.path(), 32 * 1024 * 1024))
        .await
        .unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(err.kind(), TransportErrorKind::Timeout, "{err:?}");
    assert_eq!(err.send_state(), SendState::MaybeSent);
}

#[test]
fn debug_is_the_name_only() {
    assert_eq!(
        format!("{:?}", ReqwestTransport::new().unwrap()),
        "ReqwestTransport"
    );
}

fn proxies_at(proxy: &str) -> hume_core::ProxyConfig {
    hume_core::ProxyConfig::none()
        .with_https_proxy(proxy)
        .and_then(|p| p.with_http_proxy(proxy))
        .unwrap()
}

#[tokio::test]
async fn loopback_targets_bypass_every_proxy() {
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}", dead.local_addr().unwrap());
    drop(dead);
    let t = ReqwestTransport::with_proxies(proxies_at(&dead_url)).unwrap();
    let server = TestServer::start(vec![response("200 OK", &[], b"ok")]);
    let resp = t.send(get(server.url("/v0/batch/jobs"))).await.unwrap();
    assert_eq!(resp.status, StatusCode::OK);
    let got = join(server).await;
    assert_eq!(got[0].header("x-hume-api-key"), Some("sk-reqwest-test"));
    let server = TestServer::start(vec![response("200 OK", &[], b"ok")]);
    let localhost = server.url("/v0").replace("127.0.0.1", "localhost");
    let resp = t.send(get(localhost)).await.unwrap();
    assert_eq!(resp.status, StatusCode::OK);
    join(server).await;
}

#[tokio::test]
async fn plain_http_through_a_proxy_is_refused_before_connecting() {
    let proxy = TestServer::start(vec![]);
    let t = ReqwestTransport::with_proxies(proxies_at(&proxy.url(""))).unwrap();
    let err = t
        .send(get("http://api.example.test/v0/batch/jobs".into()))
        .await
        .unwrap_err();
    assert_eq!(err.send_state(), SendState::NotSent);
    assert_eq!(err.kind(), TransportErrorKind::Other);
    let why = std::error::Error::source(&err).unwrap().to_string();
    assert!(why.contains("cleartext"), "{why}");
    assert!(join(proxy).await.is_empty());
}

#[tokio::test]
async fn https_goes_through_the_proxy_in_a_connect_tunnel() {
    let proxy = TestServer::start(vec![response("403 Forbidden", &[], b"")]);
    let t = ReqwestTransport::with_proxies(proxies_at(&proxy.url(""))).unwrap();
    t.send(get("https://api.example.test/v0/batch/jobs".into()))
        .await
        .unwrap_err();
    let got = join(proxy).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].method, "CONNECT");
    assert_eq!(got[0].path, "api.example.test:443");
    assert_eq!(got[0].header("x-hume-api-key"), None);
}

#[tokio::test]
async fn the_deadline_bounds_a_body_that_drips() {
    let head = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n".to_vec();
    let server = TestServer::start(vec![Reply::Drip(
        head,
        vec![b'x'; 100],
        Duration::from_millis(150),
    )]);
    let mut request = get(server.url("/drip"));
    request.deadline = Some(Duration::from_millis(800));
    let started = Instant::now();
    let t = ReqwestTransport::new().unwrap();
    let body = match t.send(request).await {
        Ok(mut r) => r.body.read_to_vec_limited(1000).await.ok(),
        Err(_) => None,
    };
    let elapsed = started.elapsed();
    assert!(body.is_none_or(|b| b.len() < 100), "the whole body arrived");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    drop(server);
}

/// A resolver that fails for every name, as a failed DNS lookup does.
struct FailingLookup;

impl reqwest::dns::Resolve for FailingLookup {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let name = name.as_str().to_owned();
        Box::pin(async move {
            Err(std::io::Error::other(format!(
                "failed to lookup address information for {name}: Name or service not known"
            ))
            .into())
        })
    }
}

#[tokio::test]
async fn a_name_that_does_not_resolve_is_not_sent() {
    let builder = reqwest::Client::builder().dns_resolver(std::sync::Arc::new(FailingLookup));
    let err = ReqwestTransport::from_builder(builder)
        .unwrap()
        .send(get("http://no-such-host.invalid:9/v0/batch/jobs".into()))
        .await
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

#[tokio::test]
async fn a_tls_handshake_failure_is_not_sent() {
    let port = plain_tcp_server();
    let err = ReqwestTransport::new()
        .unwrap()
        .send(get(format!("https://127.0.0.1:{port}/v0/batch/jobs")))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Tls, "{err:?}");
    assert_eq!(err.send_state(), SendState::NotSent, "{err:?}");
}

#[tokio::test]
async fn a_connection_closed_after_sending_may_have_been_sent() {
    // The server reads the request, then closes without answering: the request left.
    let server = TestServer::start(vec![Reply::Raw(Vec::new())]);
    let mut req = get(server.url("/v0/batch/jobs"));
    req.method = Method::POST;
    req.body = RequestBody::Json(bytes::Bytes::from_static(b"{}"));
    let err = ReqwestTransport::new()
        .unwrap()
        .send(req)
        .await
        .unwrap_err();
    assert_eq!(err.send_state(), SendState::MaybeSent, "{err:?}");
}
