//! The seed example flow (submit URLs + FaceConfig → await_complete → predictions →
//! artifacts) on both backends, await timeouts and failures, and 200 concurrent async jobs.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hume::models::FaceConfig;
use hume::{BatchJobDetails, BatchJobStatus, HumeError};
use serde_json::json;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::support::{async_client, blocking, blocking_client, details, predictions};

const JOB: &str = "job-flow";
const URL: &str = "https://example.com/faces.zip";

/// Submit, then details QUEUED, IN_PROGRESS, COMPLETED (one each, then COMPLETED forever),
/// predictions and artifacts.
async fn mount_flow(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/v0/batch/jobs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"job_id": JOB})))
        .expect(1)
        .mount(server)
        .await;
    for (priority, status) in [(1u8, "QUEUED"), (2, "IN_PROGRESS")] {
        Mock::given(method("GET"))
            .and(path(format!("/v0/batch/jobs/{JOB}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(details(JOB, status)))
            .up_to_n_times(1)
            .with_priority(priority)
            .expect(1)
            .mount(server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path(format!("/v0/batch/jobs/{JOB}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(details(JOB, "COMPLETED")))
        .with_priority(3)
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v0/batch/jobs/{JOB}/predictions")))
        .respond_with(ResponseTemplate::new(200).set_body_json(predictions()))
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v0/batch/jobs/{JOB}/artifacts")))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(b"PK\x03\x04 csv".to_vec(), "application/zip"),
        )
        .expect(1)
        .mount(server)
        .await;
}

/// A progress callback and the statuses it saw.
fn progress() -> (
    impl FnMut(&BatchJobDetails) + Send + 'static,
    Arc<Mutex<Vec<BatchJobStatus>>>,
) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let progress = move |d: &BatchJobDetails| log.lock().unwrap().push(d.status().clone());
    (progress, seen)
}

async fn check_flow(server: &MockServer, seen: &[BatchJobStatus], zip: &std::path::Path) {
    assert_eq!(
        seen,
        [
            BatchJobStatus::Queued,
            BatchJobStatus::InProgress,
            BatchJobStatus::Completed
        ]
    );
    assert_eq!(std::fs::read(zip).unwrap(), b"PK\x03\x04 csv");
    let requests = server.received_requests().await.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(body, json!({"urls": [URL], "models": {"face": {}}}));
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_seed_flow() {
    let server = MockServer::start().await;
    mount_flow(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("artifacts.zip");
    let client = blocking_client(&server.uri());
    let (progress, seen) = progress();
    let target = zip.clone();
    blocking(move || {
        let job = client
            .submit_job([URL], [FaceConfig::default()])
            .send()
            .unwrap();
        let details = job
            .await_complete()
            .timeout(Duration::from_secs(10))
            .on_progress(progress)
            .wait()
            .unwrap();
        assert_eq!(*details.status(), BatchJobStatus::Completed);
        let predictions = job.get_predictions().unwrap();
        let top = predictions
            .iter_predictions()
            .next()
            .unwrap()
            .1
            .models
            .face
            .as_ref()
            .unwrap();
        assert_eq!(top.predictions().count(), 1);
        job.download_artifacts(&target).unwrap();
    })
    .await;
    let seen = seen.lock().unwrap().clone();
    check_flow(&server, &seen, &zip).await;
}

#[tokio::test]
async fn async_seed_flow() {
    let server = MockServer::start().await;
    mount_flow(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("artifacts.zip");
    let client = async_client(&server.uri());
    let (progress, seen) = progress();
    let job = client
        .submit_job([URL], [FaceConfig::default()])
        .await
        .unwrap();
    let details = job
        .await_complete()
        .timeout(Duration::from_secs(10))
        .on_progress(progress)
        .await
        .unwrap();
    assert_eq!(*details.status(), BatchJobStatus::Completed);
    let predictions = job.get_predictions().await.unwrap();
    assert_eq!(predictions.len(), 1);
    job.download_artifacts(&zip).await.unwrap();
    let seen = seen.lock().unwrap().clone();
    check_flow(&server, &seen, &zip).await;
}

async fn mount_status(server: &MockServer, status: &str) {
    Mock::given(method("GET"))
        .and(path(format!("/v0/batch/jobs/{JOB}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(details(JOB, status)))
        .mount(server)
        .await;
}

fn check_timeout(err: &HumeError, elapsed: Duration) {
    assert!(
        matches!(err, HumeError::AwaitTimeout { job_id, timeout, .. } if job_id == JOB && *timeout == Duration::from_secs(1)),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(
        text.starts_with(&format!(
            "stopped polling job {JOB} after 1s (last status IN_PROGRESS)"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("client.get_job(\"{JOB}\").await_complete()")),
        "{text}"
    );
    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_await_times_out() {
    let server = MockServer::start().await;
    mount_status(&server, "IN_PROGRESS").await;
    let client = blocking_client(&server.uri());
    let start = Instant::now();
    let err = blocking(move || {
        client
            .get_job(JOB)
            .await_complete()
            .timeout(Duration::from_secs(1))
            .wait()
    })
    .await
    .unwrap_err();
    check_timeout(&err, start.elapsed());
    // 10 ms doubling to a 100 ms cap over 1 s: about a dozen polls (fewer on a loaded machine).
    let polls = server.received_requests().await.unwrap().len();
    assert!((4..=16).contains(&polls), "{polls} polls");
}

#[tokio::test]
async fn async_await_times_out() {
    let server = MockServer::start().await;
    mount_status(&server, "IN_PROGRESS").await;
    let start = Instant::now();
    let err = async_client(&server.uri())
        .get_job(JOB)
        .await_complete()
        .timeout(Duration::from_secs(1))
        .await
        .unwrap_err();
    check_timeout(&err, start.elapsed());
    let polls = server.received_requests().await.unwrap().len();
    assert!((4..=16).contains(&polls), "{polls} polls");
}

fn check_too_short(err: &HumeError) {
    assert!(matches!(err, HumeError::InvalidConfig(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "invalid configuration: timeout must be at least 1 second"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn timeouts_under_one_second_are_rejected_without_polling() {
    let server = MockServer::start().await;
    let client = blocking_client(&server.uri());
    let err = blocking(move || {
        client
            .get_job(JOB)
            .await_complete()
            .timeout(Duration::from_millis(999))
            .wait()
    })
    .await
    .unwrap_err();
    check_too_short(&err);
    let err = async_client(&server.uri())
        .get_job(JOB)
        .await_complete()
        .timeout(Duration::ZERO)
        .await
        .unwrap_err();
    check_too_short(&err);
    assert!(server.received_requests().await.unwrap().is_empty());
}

fn check_failed(
    value: Result<hume::BatchJobDetails, HumeError>,
    raised: Result<hume::BatchJobDetails, HumeError>,
) {
    assert_eq!(*value.unwrap().status(), BatchJobStatus::Failed);
    let err = raised.unwrap_err();
    assert!(
        matches!(&err, HumeError::JobFailed { job_id, message, .. } if job_id == JOB && message.as_deref() == Some("could not fetch media")),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!("job {JOB} failed: could not fetch media")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_failed_job_is_returned_or_raised() {
    let server = MockServer::start().await;
    mount_status(&server, "FAILED").await;
    let client = blocking_client(&server.uri());
    let (value, raised) = blocking(move || {
        let job = client.get_job(JOB);
        (
            job.await_complete().wait(),
            job.await_complete().raise_on_failed(true).wait(),
        )
    })
    .await;
    check_failed(value, raised);
}

#[tokio::test]
async fn async_failed_job_is_returned_or_raised() {
    let server = MockServer::start().await;
    mount_status(&server, "FAILED").await;
    let job = async_client(&server.uri()).get_job(JOB);
    let value = job.await_complete().await;
    let raised = job.await_complete().raise_on_failed(true).await;
    check_failed(value, raised);
}

#[tokio::test]
async fn polling_errors_propagate_at_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": "job not found"})))
        .expect(1)
        .mount(&server)
        .await;
    let err = async_client(&server.uri())
        .get_job("gone")
        .await_complete()
        .await
        .unwrap_err();
    assert!(matches!(err, HumeError::JobNotFound { .. }), "{err:?}");
}

/// Hands out `job-0`, `job-1`, … on submit.
struct NewJobIds(AtomicUsize);

impl Respond for NewJobIds {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.0.fetch_add(1, Ordering::SeqCst);
        ResponseTemplate::new(200).set_body_json(json!({"job_id": format!("job-{n}")}))
    }
}

/// Each job is IN_PROGRESS for its first two polls, then COMPLETED.
struct Progressing(Mutex<HashMap<String, usize>>);

impl Respond for Progressing {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let id = req.url.path().rsplit('/').next().unwrap().to_owned();
        let mut polls = self.0.lock().unwrap();
        let n = polls.entry(id.clone()).or_default();
        *n += 1;
        let status = if *n <= 2 { "IN_PROGRESS" } else { "COMPLETED" };
        ResponseTemplate::new(200).set_body_json(details(&id, status))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_client_runs_200_jobs_concurrently() {
    const JOBS: usize = 200;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v0/batch/jobs"))
        .respond_with(NewJobIds(AtomicUsize::new(0)))
        .expect(JOBS as u64)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex(r"^/v0/batch/jobs/job-\d+$"))
        .respond_with(Progressing(Mutex::new(HashMap::new())))
        .expect(3 * JOBS as u64)
        .mount(&server)
        .await;
    let client = async_client(&server.uri());
    let limit = Arc::new(tokio::sync::Semaphore::new(50));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    let start = Instant::now();
    for i in 0..JOBS {
        let (client, limit, in_flight, peak) = (
            client.clone(),
            limit.clone(),
            in_flight.clone(),
            peak.clone(),
        );
        tasks.spawn(async move {
            let _permit = limit.acquire_owned().await.unwrap();
            let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(now, Ordering::SeqCst);
            let job = client
                .submit(hume::JobRequest::new().with_url(format!("https://example.com/{i}.jpg")))
                .await?;
            let details = job
                .await_complete()
                .timeout(Duration::from_secs(30))
                .await?;
            in_flight.fetch_sub(1, Ordering::SeqCst);
            Ok::<_, HumeError>((job.id().clone(), details))
        });
    }
    let mut ids = std::collections::HashSet::new();
    while let Some(result) = tasks.join_next().await {
        let (id, details) = result.unwrap().unwrap();
        assert_eq!(*details.status(), BatchJobStatus::Completed);
        assert_eq!(details.job_id.as_ref(), Some(&id));
        ids.insert(id);
    }
    assert_eq!(ids.len(), JOBS);
    let peak = peak.load(Ordering::SeqCst);
    assert!(
        peak > 10 && peak <= 50,
        "bounded concurrency, actually concurrent: peak {peak}"
    );
    // Sequentially this would take 200 × (20 + 40) ms of polling sleeps alone.
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}
