//! Retries on both backends: what is retried (429 honouring `Retry-After`, 5xx on GET, 429/503
//! on POST), what is not (a POST answered 500: the job may exist), and that a retried upload
//! is sent again byte for byte. Policies use 10–50 ms backoffs so these stay fast.

use std::time::Duration;

use hume::HumeError;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{async_client, blocking, blocking_client, details};

const JOB: &str = "job-retry";

/// `first` (once, preferred) then 200 for `GET /v0/batch/jobs/{JOB}`.
async fn details_after(server: &MockServer, first: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path(format!("/v0/batch/jobs/{JOB}")))
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v0/batch/jobs/{JOB}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(details(JOB, "COMPLETED")))
        .expect(1)
        .mount(server)
        .await;
}

/// `first` (once, preferred) then `{"job_id": JOB}` for the submit POST.
async fn submit_after(server: &MockServer, first: ResponseTemplate, retried: bool) {
    Mock::given(method("POST"))
        .and(path("/v0/batch/jobs"))
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v0/batch/jobs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"job_id": JOB})))
        .expect(u64::from(retried))
        .mount(server)
        .await;
}

fn rate_limited() -> ResponseTemplate {
    ResponseTemplate::new(429)
        .insert_header("retry-after", "1")
        .set_body_json(json!({"message": "slow down"}))
}

fn unavailable() -> ResponseTemplate {
    ResponseTemplate::new(503).set_body_string("upstream unavailable")
}

fn server_error() -> ResponseTemplate {
    ResponseTemplate::new(500).set_body_json(json!({"message": "internal error"}))
}

fn job() -> hume::JobRequest {
    hume::JobRequest::new().with_url("https://example.com/a.jpg")
}

async fn bodies(server: &MockServer) -> Vec<Vec<u8>> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.body)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_get_retries_429_then_succeeds() {
    let server = MockServer::start().await;
    details_after(&server, rate_limited()).await;
    let client = blocking_client(&server.uri());
    let details = blocking(move || client.get_job_details(JOB)).await.unwrap();
    assert!(details.is_terminal());
}

#[tokio::test]
async fn async_get_retries_429_then_succeeds() {
    let server = MockServer::start().await;
    details_after(&server, rate_limited()).await;
    let details = async_client(&server.uri())
        .get_job_details(JOB)
        .await
        .unwrap();
    assert!(details.is_terminal());
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_get_retries_503_then_succeeds() {
    let server = MockServer::start().await;
    details_after(&server, unavailable()).await;
    let client = blocking_client(&server.uri());
    blocking(move || client.get_job_details(JOB)).await.unwrap();
}

#[tokio::test]
async fn async_get_retries_503_then_succeeds() {
    let server = MockServer::start().await;
    details_after(&server, unavailable()).await;
    async_client(&server.uri())
        .get_job_details(JOB)
        .await
        .unwrap();
}

fn check_exhausted(err: &HumeError) {
    assert!(
        matches!(err, HumeError::RateLimited { retry_after: Some(d), .. } if *d == Duration::from_secs(1)),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "rate limited by the api (retry after 1s)");
    assert!(err.is_retryable());
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_persistent_429_surfaces_rate_limited_after_the_attempts() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(rate_limited())
        .expect(3)
        .mount(&server)
        .await;
    let client = blocking_client(&server.uri());
    let err = blocking(move || client.get_job_details(JOB))
        .await
        .unwrap_err();
    check_exhausted(&err);
}

#[tokio::test]
async fn async_persistent_429_surfaces_rate_limited_after_the_attempts() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(rate_limited())
        .expect(3)
        .mount(&server)
        .await;
    let err = async_client(&server.uri())
        .get_job_details(JOB)
        .await
        .unwrap_err();
    check_exhausted(&err);
}

fn check_uncertain(err: &HumeError) {
    assert!(err.job_may_exist(), "{err:?}");
    assert!(matches!(err, HumeError::SubmitUncertain { .. }));
    assert!(err.to_string().contains("may or may not exist"), "{err}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert!(!err.is_retryable(), "resubmitting may duplicate the job");
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_post_answered_500_is_not_retried() {
    let server = MockServer::start().await;
    submit_after(&server, server_error(), false).await;
    let client = blocking_client(&server.uri());
    let err = blocking(move || client.submit(job()).send())
        .await
        .unwrap_err();
    check_uncertain(&err);
}

#[tokio::test]
async fn async_post_answered_500_is_not_retried() {
    let server = MockServer::start().await;
    submit_after(&server, server_error(), false).await;
    let err = async_client(&server.uri()).submit(job()).await.unwrap_err();
    check_uncertain(&err);
}

async fn check_resent(server: &MockServer) {
    let bodies = bodies(server).await;
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], bodies[1], "the retry sends the same body");
    let json: Value = serde_json::from_slice(&bodies[1]).unwrap();
    assert_eq!(json, json!({"urls": ["https://example.com/a.jpg"]}));
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_post_503_and_429_are_retried() {
    for first in [unavailable(), rate_limited()] {
        let server = MockServer::start().await;
        submit_after(&server, first, true).await;
        let client = blocking_client(&server.uri());
        let job = blocking(move || client.submit(job()).send()).await.unwrap();
        assert_eq!(job.id(), JOB);
        check_resent(&server).await;
    }
}

#[tokio::test]
async fn async_post_503_and_429_are_retried() {
    for first in [unavailable(), rate_limited()] {
        let server = MockServer::start().await;
        submit_after(&server, first, true).await;
        let job = async_client(&server.uri()).submit(job()).await.unwrap();
        assert_eq!(job.id(), JOB);
        check_resent(&server).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_retried_upload_resends_the_files() {
    let server = MockServer::start().await;
    submit_after(&server, unavailable(), true).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clip.wav");
    std::fs::write(&file, vec![7u8; 100_000]).unwrap();
    let client = blocking_client(&server.uri());
    blocking(move || client.submit(hume::JobRequest::new()).files([file]).send())
        .await
        .unwrap();
    let bodies = bodies(&server).await;
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], bodies[1]);
    assert!(bodies[1].len() > 100_000);
}

#[tokio::test]
async fn async_retried_upload_resends_the_files() {
    let server = MockServer::start().await;
    submit_after(&server, unavailable(), true).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clip.wav");
    std::fs::write(&file, vec![7u8; 100_000]).unwrap();
    async_client(&server.uri())
        .submit(hume::JobRequest::new())
        .files([file])
        .await
        .unwrap();
    let bodies = bodies(&server).await;
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], bodies[1]);
    assert!(bodies[1].len() > 100_000);
}

#[tokio::test]
async fn async_connection_refused_is_retried_then_reported() {
    // A port nothing listens on: every attempt fails before sending.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let err = async_client(&base).submit(job()).await.unwrap_err();
    assert!(
        matches!(&err, HumeError::Transport(t) if t.is_connect()),
        "{err:?}"
    );
    assert!(
        !err.job_may_exist(),
        "a request that was never sent created no job"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_connection_refused_is_retried_then_reported() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = blocking_client(&base);
    let err = blocking(move || client.submit(job()).send())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, HumeError::Transport(t) if t.is_connect()),
        "{err:?}"
    );
    assert!(!err.job_may_exist());
}

/// Transport failures scripted through a custom transport (the builders' `transport(..)`):
/// a POST that certainly was not sent is retried; one that may have been sent is not, and
/// says the job may exist.
mod custom_transport {
    use hume::transport::{SendState, TransportError};
    use hume_core::mock::{MockResponse, MockTransport};
    use serde_json::json;

    use super::{JOB, job};
    use crate::support::{KEY, fast_poll, fast_retry};

    fn script() -> (MockTransport, MockTransport) {
        let not_sent = MockTransport::new()
            .with_error(TransportError::connect("connection refused"))
            .with_response(MockResponse::json(200, &json!({"job_id": JOB})));
        let maybe_sent = MockTransport::new().with_error(TransportError::timeout(
            SendState::MaybeSent,
            "no response within 10 s",
        ));
        (not_sent, maybe_sent)
    }

    fn blocking_client(t: MockTransport) -> hume::blocking::HumeBatchClient {
        hume::blocking::HumeBatchClient::builder()
            .api_key(hume::ApiKey::new(KEY).unwrap())
            .retry_policy(fast_retry())
            .poll_policy(fast_poll())
            .transport(t)
            .build()
            .unwrap()
    }

    fn async_client(t: MockTransport) -> hume::asynchronous::HumeBatchClient {
        // Also shows that a shared `Arc<dyn AsyncTransport>` plugs in.
        let shared: std::sync::Arc<dyn hume::transport::AsyncTransport> = std::sync::Arc::new(t);
        hume::asynchronous::HumeBatchClient::builder()
            .api_key(hume::ApiKey::new(KEY).unwrap())
            .retry_policy(fast_retry())
            .transport(shared)
            .build()
            .unwrap()
    }

    fn check(
        not_sent: &MockTransport,
        ok: Result<String, hume::HumeError>,
        maybe_sent: &MockTransport,
        err: hume::HumeError,
    ) {
        assert_eq!(ok.unwrap(), JOB);
        let requests = not_sent.requests();
        assert_eq!(requests.len(), 2, "retried once");
        assert_eq!(requests[0].url, "https://api.hume.ai/v0/batch/jobs");
        assert_eq!(requests[0].body, requests[1].body);
        not_sent.assert_all_used();
        // Not resent blindly: the next request lists the jobs to reconcile (the script has
        // no answer for it, so the outcome stays uncertain).
        let requests = maybe_sent.requests();
        assert_eq!(requests[0].method, hume::Method::POST);
        assert!(
            requests[1..].iter().all(|r| r.method == hume::Method::GET),
            "not retried"
        );
        assert!(err.job_may_exist(), "{err:?}");
        assert!(err.to_string().contains("may or may not exist"), "{err}");
    }

    #[test]
    fn blocking_post_transport_failures() {
        let (not_sent, maybe_sent) = script();
        let ok = blocking_client(not_sent.clone())
            .submit(job())
            .send()
            .map(|j| j.id().to_string());
        let err = blocking_client(maybe_sent.clone())
            .submit(job())
            .send()
            .unwrap_err();
        check(&not_sent, ok, &maybe_sent, err);
    }

    #[tokio::test]
    async fn async_post_transport_failures() {
        let (not_sent, maybe_sent) = script();
        let ok = async_client(not_sent.clone())
            .submit(job())
            .await
            .map(|j| j.id().to_string());
        let err = async_client(maybe_sent.clone())
            .submit(job())
            .await
            .unwrap_err();
        check(&not_sent, ok, &maybe_sent, err);
    }

    #[test]
    fn get_transport_timeouts_are_retried() {
        let mock = MockTransport::new()
            .with_error(TransportError::timeout(SendState::MaybeSent, "slow"))
            .with_response(MockResponse::json(
                200,
                &crate::support::details(JOB, "QUEUED"),
            ));
        let details = blocking_client(mock.clone()).get_job_details(JOB).unwrap();
        assert_eq!(details.status().as_str(), "QUEUED");
        mock.assert_all_used();
        assert_eq!(
            mock.requests()[1].timeout,
            Some(std::time::Duration::from_secs(10)),
            "the default per-request timeout reaches the transport"
        );
    }
}
