//! The exact wire format of every endpoint through the async client (reqwest), against
//! wiremock. Same cases as `wire_blocking`.

use std::path::Path;

use hume::models::{BatchJobStatus, ListJobsQuery, TranscriptionConfig};
use wiremock::MockServer;

use crate::support::{async_client, truncating_server};
use crate::wire_cases::{self as cases, JOB, URL};

#[tokio::test]
async fn submit_job_sends_the_exact_json_body() {
    let server = MockServer::start().await;
    cases::mount_submit(&server).await;
    let client = async_client(&server.uri());
    let job = client
        .submit_job([URL], [cases::face()])
        .transcription(TranscriptionConfig::default().with_language("en"))
        .callback_url("https://hooks.example.com/done")
        .notify(true)
        .text("so happy today")
        .await
        .unwrap();
    assert_eq!(job.id(), JOB);
    assert_eq!(job.to_string(), format!("Job(id=\"{JOB}\")"));
    cases::check_submit_json(&server).await;
}

#[tokio::test]
async fn submit_with_files_sends_multipart() {
    let server = MockServer::start().await;
    cases::mount_submit(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let (png, txt) = cases::upload_files(dir.path());
    let client = async_client(&server.uri());
    let request = hume::JobRequest::new().with_models(cases::face());
    let job = client.submit(request).files([png, txt]).await.unwrap();
    assert_eq!(job.id(), JOB);
    cases::check_submit_multipart(&server).await;
}

#[tokio::test]
async fn details_predictions_and_downloads() {
    let server = MockServer::start().await;
    cases::mount_job_reads(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let client = async_client(&server.uri());
    let job = client.get_job(JOB);
    cases::check_details(&client.get_job_details(JOB).await.unwrap());
    cases::check_predictions(&job.get_predictions().await.unwrap());
    let raw = client.get_job_predictions_raw(JOB).await.unwrap();
    assert_eq!(raw, crate::support::predictions());
    let zip = dir.path().join("artifacts.zip");
    let written = job.download_artifacts(&zip).await.unwrap();
    assert_eq!(written, cases::zip_bytes().len() as u64);
    assert_eq!(std::fs::read(&zip).unwrap(), cases::zip_bytes());
    let json = dir.path().join("predictions.json");
    job.download_predictions(&json).await.unwrap();
    assert_eq!(std::fs::read(&json).unwrap(), cases::predictions_bytes());
    assert_eq!(job.get_status().await.unwrap(), BatchJobStatus::Completed);
    assert_eq!(
        crate::support::dir_entries(dir.path()),
        ["artifacts.zip", "predictions.json"],
        "no temporary file left"
    );
    cases::check_reads(&server, &cases::read_paths()).await;
}

#[tokio::test]
async fn get_job_makes_no_request() {
    let server = MockServer::start().await;
    let client = async_client(&server.uri());
    let job = client.get_job("abc");
    assert_eq!(job.id(), "abc");
    assert_eq!(format!("{job}"), "Job(id=\"abc\")");
    assert!(server.received_requests().await.unwrap().is_empty());
    assert_eq!(client.api_type(), hume::ApiType::Batch);
}

#[tokio::test]
async fn job_ids_are_percent_encoded_in_paths() {
    let server = MockServer::start().await;
    let client = async_client(&server.uri());
    let _ = client.get_job_details("a b?c#d").await;
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/v0/batch/jobs/a%20b%3Fc%23d");
    assert_eq!(requests[0].url.query(), None);
    // An id that is not one safe path segment is refused before anything is sent.
    for id in ["..", ".", "a/b", "a\\b"] {
        let err = client.get_job_details(id).await.unwrap_err();
        assert!(
            matches!(err, hume::HumeError::InvalidId(_)),
            "{id}: {err:?}"
        );
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn list_jobs_sends_repeated_status() {
    let server = MockServer::start().await;
    cases::mount_list(&server).await;
    let client = async_client(&server.uri());
    let jobs = client.list_jobs(&cases::list_query()).await.unwrap();
    cases::check_list(&server, &jobs).await;
}

#[tokio::test]
async fn list_all_jobs_pages_by_creation_time() {
    let server = MockServer::start().await;
    cases::mount_pages(&server).await;
    let client = async_client(&server.uri());
    let mut pager = client.list_all_jobs(
        ListJobsQuery::new()
            .with_limit(2)
            .with_status(BatchJobStatus::Completed),
    );
    let mut jobs = Vec::new();
    while let Some(job) = pager.next().await {
        jobs.push(job.unwrap());
    }
    assert!(pager.next().await.is_none(), "the pager stays finished");
    cases::check_pages(&server, &jobs).await;
}

#[tokio::test]
async fn error_statuses_map_to_typed_errors() {
    let server = MockServer::start().await;
    cases::mount_errors(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let client = async_client(&server.uri());
    let errors = [
        client.get_job_details("missing").await.unwrap_err(),
        client
            .download_job_artifacts("missing", dir.path().join("a.zip"))
            .await
            .unwrap_err(),
        client
            .download_job_predictions("ghost", dir.path().join("p.json"))
            .await
            .unwrap_err(),
        client.get_job_details("badkey").await.unwrap_err(),
        client
            .submit(hume::JobRequest::new().with_url(URL))
            .await
            .unwrap_err(),
    ];
    cases::check_errors(errors, dir.path());
}

#[tokio::test]
async fn truncated_download_leaves_destination_untouched() {
    let (base, served) = truncating_server();
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("artifacts.zip");
    std::fs::write(&dest, b"previous contents").unwrap();
    let client = async_client(&base);
    let result = client.download_job_artifacts(JOB, &dest).await;
    cases::check_truncated(result, dir.path(), &dest);
    assert_eq!(
        served.load(std::sync::atomic::Ordering::SeqCst),
        3,
        "a broken download starts again from byte 0 (no Accept-Ranges) within the 3 attempts"
    );
    let result = client.download_job_predictions(JOB, &dest).await;
    assert!(result.is_err());
    assert_eq!(std::fs::read(&dest).unwrap(), b"previous contents");
    assert_eq!(crate::support::dir_entries(dir.path()), ["artifacts.zip"]);
}

#[tokio::test]
async fn missing_upload_fails_before_sending() {
    let server = MockServer::start().await;
    let client = async_client(&server.uri());
    let err = client
        .submit(hume::JobRequest::new().with_file("/no/such/file.png"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, hume::HumeError::LocalFile { path, .. } if path == Path::new("/no/such/file.png")),
        "{err:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn stalled_download_hits_the_idle_timeout_and_leaves_no_file() {
    let (base, _) = crate::support::stalling_server(std::time::Duration::from_secs(5));
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("artifacts.zip");
    let client = hume::asynchronous::HumeBatchClient::builder()
        .api_key(hume::ApiKey::new(crate::support::KEY).unwrap())
        .base_url(base)
        .timeout(std::time::Duration::from_millis(300))
        .retry_policy(crate::support::fast_retry())
        .build()
        .unwrap();
    let start = std::time::Instant::now();
    let err = client.download_job_artifacts(JOB, &dest).await.unwrap_err();
    assert!(
        matches!(&err, hume::HumeError::Transport(t) if t.may_have_been_sent() && t.is_timeout()),
        "{err:?}"
    );
    assert!(
        format!("{err:?}").contains("imeout") || format!("{err:?}").contains("timed out"),
        "{err:?}"
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(3));
    assert!(!dest.exists());
    assert!(cases::dir_is_empty(dir.path()), "no temporary file left");
    // The JSON and predictions paths read bodies too: the same stall is the same timeout.
    let details = client.get_job_details(JOB).await.unwrap_err();
    let predictions = client
        .download_job_predictions(JOB, dir.path().join("predictions.json"))
        .await
        .unwrap_err();
    for err in [details, predictions] {
        assert!(
            matches!(&err, hume::HumeError::Transport(t) if t.is_timeout() && err.is_retryable()),
            "{err:?}"
        );
    }
    assert!(cases::dir_is_empty(dir.path()), "no predictions file left");
}

#[tokio::test]
async fn cancelled_download_leaves_no_file() {
    let (base, _) = crate::support::stalling_server(std::time::Duration::from_secs(5));
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("artifacts.zip");
    let client = async_client(&base);
    let outcome = tokio::time::timeout(
        std::time::Duration::from_millis(300),
        client.download_job_artifacts(JOB, &dest),
    )
    .await;
    assert!(outcome.is_err(), "the download was still waiting for bytes");
    assert!(!dest.exists());
    assert!(
        cases::dir_is_empty(dir.path()),
        "dropping the future removed the temporary file"
    );
}

#[tokio::test]
async fn large_download_is_byte_exact_with_and_without_sync_on_both_clients() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, ResponseTemplate};
    // Many network chunks and several write buffers' worth, through the async writer task.
    let body: Vec<u8> = (0..3_000_000u32).map(|i| (i % 253) as u8).collect();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v0/batch/jobs/{JOB}/artifacts")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), "application/zip"))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    for sync in [false, true] {
        let key = hume::ApiKey::new(crate::support::KEY).unwrap();
        let client = hume::asynchronous::HumeBatchClient::builder()
            .api_key(key.clone())
            .base_url(server.uri())
            .sync_downloads(sync)
            .build()
            .unwrap();
        let dest = dir.path().join(format!("async-{sync}.zip"));
        let n = client.download_job_artifacts(JOB, &dest).await.unwrap();
        assert_eq!(n, body.len() as u64);
        assert!(std::fs::read(&dest).unwrap() == body, "async sync={sync}");
        let blocking = hume::blocking::HumeBatchClient::builder()
            .api_key(key)
            .base_url(server.uri())
            .sync_downloads(sync)
            .build()
            .unwrap();
        let dest = dir.path().join(format!("blocking-{sync}.zip"));
        let target = dest.clone();
        let n = crate::support::blocking(move || blocking.download_job_artifacts(JOB, &target))
            .await
            .unwrap();
        assert_eq!(n, body.len() as u64);
        assert!(
            std::fs::read(&dest).unwrap() == body,
            "blocking sync={sync}"
        );
    }
    assert_eq!(
        crate::support::dir_entries(dir.path()),
        [
            "async-false.zip",
            "async-true.zip",
            "blocking-false.zip",
            "blocking-true.zip"
        ],
        "no temporary file left"
    );
}
