//! The API key never shows: not in `Debug`/`Display` of clients, builders, jobs and configs,
//! not in any error (even when the server echoes it back), not in tracing output.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use hume::{ApiKey, HumeError};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{KEY, async_client, blocking, blocking_client};

/// Every text form of an error: Display, Debug and each source's Display.
fn error_texts(err: &HumeError) -> Vec<String> {
    let mut texts = vec![err.to_string(), format!("{err:?}")];
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        texts.push(s.to_string());
        texts.push(format!("{s:?}"));
        source = s.source();
    }
    texts
}

fn assert_no_key(texts: &[String]) {
    for text in texts {
        assert!(!text.contains(KEY), "key leaked in {text:?}");
    }
}

/// Error answers that echo the key: validation (400), server error on submit (500), a
/// success body that cannot be decoded, a bad-key fault, a 404 on predictions; and an empty
/// job list (the failed submit is reconciled: no job, resent, until the resends run out).
async fn mount_echoes(server: &MockServer) {
    let echo = json!({"message": format!("bad request from key {KEY}"), "key": KEY});
    Mock::given(method("GET"))
        .and(path("/v0/batch/jobs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v0/batch/jobs"))
        .respond_with(ResponseTemplate::new(500).set_body_json(echo.clone()))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v0/batch/jobs/a"))
        .respond_with(ResponseTemplate::new(400).set_body_json(echo.clone()))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v0/batch/jobs/b"))
        .respond_with(ResponseTemplate::new(200).set_body_string(format!("not json {KEY}")))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v0/batch/jobs/c"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "fault": {"faultstring": format!("Invalid ApiKey {KEY}"), "detail": {"errorcode": "oauth.v2.InvalidApiKey"}}
        })))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v0/batch/jobs/d/predictions"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string(format!("{{\"message\": \"{KEY}\"}}")),
        )
        .mount(server)
        .await;
}

fn check_errors(errors: Vec<HumeError>) {
    assert_eq!(errors.len(), 5);
    assert!(errors[0].job_may_exist());
    assert!(
        matches!(errors[2], HumeError::Decode { .. }),
        "{:?}",
        errors[2]
    );
    if let HumeError::Decode { excerpt, .. } = &errors[2] {
        assert!(excerpt.starts_with("not json [redacted]"), "{excerpt}");
    }
    for err in &errors {
        assert_no_key(&error_texts(err));
    }
}

/// The process-wide tracing subscriber (TRACE, with `log` records bridged in, so the
/// transports' own logging is scanned too) writing into one buffer.
///
/// One target is held at DEBUG: `ureq_proto::util` hex-dumps the raw bytes on the wire at
/// TRACE, and the key is on the wire by design (a packet capture shows it too). The crate
/// docs warn about that target; everything else, every level, is scanned.
fn capture() -> &'static Mutex<Vec<u8>> {
    static BUFFER: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    BUFFER.get_or_init(|| {
        #[derive(Clone)]
        struct Buffer(Arc<Mutex<Vec<u8>>>);
        impl Write for Buffer {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = Buffer(buffer.clone());
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(
                "trace,ureq_proto::util=debug",
            ))
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .try_init()
            .expect("no other global subscriber in this test binary");
        buffer
    })
}

fn check_logs(buffer: &Mutex<Vec<u8>>) {
    let logs = String::from_utf8_lossy(&buffer.lock().unwrap()).into_owned();
    if std::env::var_os("HUME_TEST_SHOW_LOGS").is_some() {
        eprintln!("{logs}");
    }
    assert!(
        logs.contains("prepared hume request"),
        "debug events were captured: {logs}"
    );
    assert!(
        logs.contains("x-hume-api-key"),
        "headers are logged, key redacted: {logs}"
    );
    assert!(!logs.contains(KEY), "key leaked into tracing output");
    // Hex dumps print 16 bytes a row with the ASCII on the right: re-join those columns.
    let dumped: String = logs
        .lines()
        .filter_map(|line| {
            let (_, ascii) = line.rsplit_once("  ")?;
            let hex = line.split(": ").last()?.split("  ").next()?;
            hex.split(' ')
                .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_hexdigit()))
                .then_some(ascii)
        })
        .collect();
    assert!(!dumped.contains(KEY), "key leaked through a wire dump");
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_client_never_shows_the_key() {
    let server = MockServer::start().await;
    mount_echoes(&server).await;
    let client = blocking_client(&server.uri());
    assert_no_key(&[
        format!("{client:?}"),
        format!("{:?}", client.config()),
        format!("{:?}", client.get_job("j")),
        client.get_job("j").to_string(),
        format!(
            "{:?}",
            hume::blocking::HumeBatchClient::builder().api_key(ApiKey::new(KEY).unwrap())
        ),
        format!("{:?}", ApiKey::new(KEY).unwrap()),
        ApiKey::new(KEY).unwrap().to_string(),
    ]);
    let buffer = capture();
    let errors = blocking(move || {
        vec![
            client
                .submit(hume::JobRequest::new().with_url("https://e.com/a.jpg"))
                .send()
                .unwrap_err(),
            client.get_job_details("a").unwrap_err(),
            client.get_job_details("b").unwrap_err(),
            client.get_job_details("c").unwrap_err(),
            client.get_job_predictions("d").unwrap_err(),
        ]
    })
    .await;
    check_errors(errors);
    check_logs(buffer);
}

#[tokio::test]
async fn async_client_never_shows_the_key() {
    let server = MockServer::start().await;
    mount_echoes(&server).await;
    let client = async_client(&server.uri());
    assert_no_key(&[
        format!("{client:?}"),
        format!("{:?}", client.config()),
        format!("{:?}", client.get_job("j")),
        format!(
            "{:?}",
            hume::asynchronous::HumeBatchClient::builder().api_key(ApiKey::new(KEY).unwrap())
        ),
    ]);
    let buffer = capture();
    let errors = vec![
        client
            .submit(hume::JobRequest::new().with_url("https://e.com/a.jpg"))
            .await
            .unwrap_err(),
        client.get_job_details("a").await.unwrap_err(),
        client.get_job_details("b").await.unwrap_err(),
        client.get_job_details("c").await.unwrap_err(),
        client.get_job_predictions("d").await.unwrap_err(),
    ];
    check_errors(errors);
    check_logs(buffer);
}

#[test]
fn plain_http_to_a_remote_host_is_refused_before_sending() {
    let err = hume::blocking::HumeBatchClient::builder()
        .api_key(ApiKey::new(KEY).unwrap())
        .base_url("http://api.example.com")
        .build()
        .unwrap_err();
    assert!(matches!(err, HumeError::InvalidConfig(_)), "{err:?}");
    assert_no_key(&error_texts(&err));
    let err = hume::asynchronous::HumeBatchClient::builder()
        .api_key(ApiKey::new(KEY).unwrap())
        .base_url("http://api.example.com")
        .build()
        .unwrap_err();
    assert!(matches!(err, HumeError::InvalidConfig(_)), "{err:?}");
}

/// The key as a server can echo it inside a JSON string: literal, a character `\u`-escaped,
/// percent-encoded.
fn escaped_echoes() -> String {
    [
        KEY.to_owned(),
        KEY.replacen('h', "\\u0068", 1),
        KEY.replace('_', "%5F"),
        KEY.replacen('5', "\\u0035", 1),
    ]
    .join(" | ")
}

/// Answers that echo the key escaped: an error body (400), a redirect to a remote host with
/// the key in its query, and a FAILED job whose message echoes it.
async fn mount_escaped_echoes(server: &MockServer) {
    let echo = format!(r#"{{"message": "refused, echo: {}"}}"#, escaped_echoes());
    Mock::given(method("GET"))
        .and(path("/v0/batch/jobs/e"))
        .respond_with(ResponseTemplate::new(400).set_body_raw(echo, "application/json"))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v0/batch/jobs/f"))
        .respond_with(ResponseTemplate::new(302).insert_header(
            "location",
            format!("ftp://hume.invalid/latest?k={}", KEY.replace('_', "%5F")),
        ))
        .mount(server)
        .await;
    let mut failed = crate::support::details("g", "FAILED");
    failed["state"]["message"] = json!("__MESSAGE__");
    let failed = failed.to_string().replace(
        "__MESSAGE__",
        &format!("media failed: {}", escaped_echoes()),
    );
    Mock::given(method("GET"))
        .and(path("/v0/batch/jobs/g"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(failed, "application/json"))
        .mount(server)
        .await;
}

fn check_escaped(errors: &[HumeError]) {
    assert!(
        matches!(errors[0], HumeError::Api { .. }),
        "{:?}",
        errors[0]
    );
    assert!(
        matches!(errors[1], HumeError::BadRedirect { .. }),
        "{:?}",
        errors[1]
    );
    assert!(
        matches!(errors[2], HumeError::JobFailed { .. }),
        "{:?}",
        errors[2]
    );
    for err in errors {
        let texts = error_texts(err);
        assert_no_key(&texts);
        for text in &texts {
            assert!(!text.contains("5ecret-Key"), "key leaked in {text:?}");
        }
        assert!(
            texts.iter().any(|t| t.contains("[redacted]")),
            "the echo was seen and cut: {texts:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn both_clients_scrub_escaped_echoes_after_decoding() {
    let server = MockServer::start().await;
    mount_escaped_echoes(&server).await;
    let client = async_client(&server.uri());
    let errors = vec![
        client.get_job_details("e").await.unwrap_err(),
        client.get_job_details("f").await.unwrap_err(),
        client
            .get_job("g")
            .await_complete()
            .raise_on_failed(true)
            .await
            .unwrap_err(),
    ];
    check_escaped(&errors);
    let client = blocking_client(&server.uri());
    let errors = blocking(move || {
        vec![
            client.get_job_details("e").unwrap_err(),
            client.get_job_details("f").unwrap_err(),
            client
                .get_job("g")
                .await_complete()
                .raise_on_failed(true)
                .wait()
                .unwrap_err(),
        ]
    })
    .await;
    check_escaped(&errors);
}
