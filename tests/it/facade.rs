//! The public surface of `hume` as a user meets it: the shared submit and await builders on
//! both clients (`.send()` / `.await`), one configuration type, the test support, the base URL
//! check, one-line `Debug`, raw predictions bytes, and retried cut bodies.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hume::models::{FaceConfig, ProsodyConfig};
use hume::test_util::{MockResponse, MockTransport, TEST_API_KEY, fast_config};
use hume::{ApiKey, BatchJobStatus, ClientConfig, HumeError, JobRequest, RetryPolicy};
use serde_json::json;
use wiremock::MockServer;

use crate::support::{async_client, blocking, blocking_client, details, fast, truncating_server};
use crate::wire_cases::{self as cases, JOB};

fn created() -> MockResponse {
    MockResponse::json(200, &json!({"job_id": "job-1"}))
}

fn polled(status: &str) -> MockResponse {
    MockResponse::json(200, &details("job-1", status))
}

/// Submit, then three polls: QUEUED, IN_PROGRESS, COMPLETED.
fn script() -> MockTransport {
    MockTransport::new()
        .with_response(created())
        .with_response(polled("QUEUED"))
        .with_response(polled("IN_PROGRESS"))
        .with_response(polled("COMPLETED"))
}

fn check_script(mock: &MockTransport, seen: &[BatchJobStatus]) {
    mock.assert_all_used();
    let requests = mock.requests();
    assert_eq!(requests[0].url, "https://api.hume.ai/v0/batch/jobs");
    assert_eq!(
        requests[0].json(),
        json!({
            "urls": ["https://example.com/a.mp4"],
            "models": {"face": {}, "prosody": {}},
            "text": ["so happy"],
            "notify": true
        })
    );
    assert!(
        requests[1..]
            .iter()
            .all(|r| r.url == "https://api.hume.ai/v0/batch/jobs/job-1")
    );
    assert_eq!(
        seen,
        [
            BatchJobStatus::Queued,
            BatchJobStatus::InProgress,
            BatchJobStatus::Completed
        ]
    );
}

#[test]
fn blocking_submit_and_await_builders_with_the_mock_transport() {
    let mock = script();
    let client = hume::blocking::HumeBatchClient::builder()
        .config(fast_config())
        .transport(mock.clone())
        .build()
        .unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let job = client
        .submit_job(["https://example.com/a.mp4"], [FaceConfig::default()])
        .model(ProsodyConfig::default())
        .text("so happy")
        .notify(true)
        .send()
        .unwrap();
    let details = job
        .await_complete()
        .on_progress(move |d| log.lock().unwrap().push(d.status().clone()))
        .wait()
        .unwrap();
    assert!(details.is_terminal());
    check_script(&mock, &seen.lock().unwrap());
}

#[tokio::test]
async fn async_submit_and_await_builders_with_the_mock_transport() {
    let mock = script();
    let client = hume::asynchronous::HumeBatchClient::builder()
        .config(fast_config())
        .transport(mock.clone())
        .build()
        .unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let job = client
        .submit_job(["https://example.com/a.mp4"], [FaceConfig::default()])
        .model(ProsodyConfig::default())
        .text("so happy")
        .notify(true)
        .await
        .unwrap();
    let details = job
        .await_complete()
        .on_progress(move |d| log.lock().unwrap().push(d.status().clone()))
        .await
        .unwrap();
    assert!(details.is_terminal());
    check_script(&mock, &seen.lock().unwrap());
    // `send()` and `wait()` are the same as `.await`, and their futures can be spawned.
    let mock = script();
    let client = hume::asynchronous::HumeBatchClient::builder()
        .config(fast_config())
        .transport(mock.clone())
        .build()
        .unwrap();
    let request = JobRequest::new()
        .with_url("https://example.com/a.mp4")
        .with_text_item("so happy")
        .with_notify(true)
        .with_models(
            hume::models::Models::new()
                .with(FaceConfig::default())
                .with(ProsodyConfig::default()),
        );
    let job = tokio::spawn(client.submit(request).send())
        .await
        .unwrap()
        .unwrap();
    tokio::spawn(job.await_complete().wait())
        .await
        .unwrap()
        .unwrap();
    mock.assert_all_used();
}

#[test]
fn the_test_preset_never_sleeps_a_second() {
    let mock = MockTransport::new()
        .with_response(MockResponse::new(503))
        .with_response(polled("QUEUED"))
        .with_response(polled("QUEUED"))
        .with_response(polled("COMPLETED"));
    let client = hume::blocking::HumeBatchClient::builder()
        .config(fast_config())
        .transport(mock.clone())
        .build()
        .unwrap();
    let start = std::time::Instant::now();
    client.get_job("job-1").await_complete().wait().unwrap();
    assert!(
        start.elapsed() < Duration::from_millis(900),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(
        mock.requests()[0].header("x-hume-api-key"),
        Some(TEST_API_KEY)
    );
    mock.assert_all_used();
}

#[test]
fn one_configuration_type_fills_every_client() {
    let config = ClientConfig::new()
        .with_api_key(ApiKey::new("k").unwrap())
        .with_base_url(hume::BaseUrl::parse("http://127.0.0.1:9").unwrap())
        .with_timeout(Duration::from_secs(7))
        .with_retry(RetryPolicy::none())
        .with_max_redirects(2)
        .with_max_response_bytes(1000)
        .with_sync_downloads(true);
    let blocking = hume::blocking::HumeBatchClient::from_config(config.clone()).unwrap();
    let asynchronous = hume::asynchronous::HumeBatchClient::from_config(config).unwrap();
    for c in [blocking.config(), asynchronous.config()] {
        assert_eq!(c.timeout(), Duration::from_secs(7));
        assert_eq!(c.retry().max_attempts(), 1);
        assert_eq!(c.max_redirects(), 2);
        assert_eq!(c.max_response_bytes(), 1000);
        assert!(c.sync_downloads());
    }
    assert_eq!(blocking.base_url().as_str(), "http://127.0.0.1:9");
    // The builder's steps fill the same type; `config` replaces everything set before.
    let client = hume::blocking::HumeBatchClient::builder()
        .timeout(Duration::from_secs(99))
        .config(fast())
        .build()
        .unwrap();
    assert_eq!(client.config().timeout(), hume::DEFAULT_TIMEOUT);
    assert_eq!(client.base_url().as_str(), hume::DEFAULT_BASE_URL);
    let err = hume::blocking::HumeBatchClient::builder()
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("no api key"), "{err}");
}

#[test]
fn a_base_url_with_the_api_path_is_refused_with_the_url_to_use() {
    let refused = |url: &str| {
        let blocking = hume::blocking::HumeBatchClient::builder()
            .config(fast())
            .base_url(url)
            .build()
            .unwrap_err();
        let asynchronous = hume::asynchronous::HumeBatchClient::builder()
            .config(fast())
            .base_url(url)
            .build()
            .unwrap_err();
        assert_eq!(blocking.to_string(), asynchronous.to_string());
        assert!(
            matches!(blocking, HumeError::InvalidConfig(_)),
            "{blocking:?}"
        );
        blocking.to_string()
    };
    let text = refused("https://api.hume.ai/v0");
    assert!(
        text.contains("the client appends the api path")
            && text.ends_with("use \"https://api.hume.ai\""),
        "{text}"
    );
    let text = refused("http://127.0.0.1:8080/v0/batch/jobs/");
    assert!(text.ends_with("use \"http://127.0.0.1:8080\""), "{text}");
    // A later good base URL replaces the deferred error.
    hume::blocking::HumeBatchClient::builder()
        .config(fast())
        .base_url("https://api.hume.ai/v0")
        .base_url("https://api.hume.ai")
        .build()
        .unwrap();
}

#[test]
fn debug_of_both_clients_fits_on_one_line() {
    let blocking = blocking_client("http://127.0.0.1:9");
    let asynchronous = async_client("http://127.0.0.1:9");
    let mock = hume::blocking::HumeBatchClient::builder()
        .config(fast_config())
        .transport(MockTransport::new())
        .build()
        .unwrap();
    let texts = [
        format!("{blocking:?}"),
        format!("{asynchronous:?}"),
        format!("{mock:?}"),
    ];
    assert_eq!(
        texts[0],
        "HumeBatchClient { base_url: \"http://127.0.0.1:9\", timeout: 10s, transport: UreqTransport }"
    );
    assert_eq!(
        texts[1],
        "HumeBatchClient { base_url: \"http://127.0.0.1:9\", timeout: 10s, transport: ReqwestTransport }"
    );
    for text in &texts {
        assert!(!text.contains('\n') && text.len() < 160, "{text}");
    }
    assert!(texts[2].contains("MockTransport"), "{}", texts[2]);
}

#[tokio::test(flavor = "multi_thread")]
async fn predictions_bytes_are_the_servers_bytes_on_both_clients() {
    let server = MockServer::start().await;
    cases::mount_job_reads(&server).await;
    let served = cases::predictions_bytes();
    let bytes = async_client(&server.uri())
        .get_job_predictions_bytes(JOB)
        .await
        .unwrap();
    assert_eq!(bytes, served);
    let client = blocking_client(&server.uri());
    let bytes = blocking(move || client.get_job_predictions_bytes(JOB))
        .await
        .unwrap();
    assert_eq!(bytes, served);
    // An error body sent with 200 is the error, not bytes.
    let server = MockServer::start().await;
    cases::mount_errors(&server).await;
    let err = async_client(&server.uri())
        .get_job_predictions_bytes("ghost")
        .await
        .unwrap_err();
    assert!(matches!(err, HumeError::JobNotFound { .. }), "{err:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_json_body_cut_short_is_retried_within_the_budget_on_both_clients() {
    // Every answer announces 1000 bytes and sends 10: each attempt fails while reading.
    let (base, served) = truncating_server();
    let err = async_client(&base).get_job_details(JOB).await.unwrap_err();
    assert!(
        matches!(&err, HumeError::Transport(t) if t.may_have_been_sent()),
        "{err:?}"
    );
    assert_eq!(
        served.swap(0, std::sync::atomic::Ordering::SeqCst),
        3,
        "3 attempts"
    );
    let client = blocking_client(&base);
    let err = blocking(move || client.get_job_predictions(JOB))
        .await
        .unwrap_err();
    assert!(matches!(&err, HumeError::Transport(_)), "{err:?}");
    assert_eq!(
        served.load(std::sync::atomic::Ordering::SeqCst),
        3,
        "3 attempts"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_await_timeout_says_polling_stopped_and_how_to_resume() {
    let server = MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("GET"))
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_json(details(JOB, "QUEUED")))
        .mount(&server)
        .await;
    let err = async_client(&server.uri())
        .get_job(JOB)
        .await_complete()
        .timeout(Duration::from_secs(1))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "stopped polling job {JOB} after 1s (last status QUEUED); the job keeps running: \
             resume with `client.get_job(\"{JOB}\").await_complete()`"
        )
    );
}
