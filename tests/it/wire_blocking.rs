//! The exact wire format of every endpoint through the blocking client (ureq), run inside
//! `spawn_blocking` against wiremock.

use std::path::Path;

use hume::models::{BatchJobStatus, ListJobsQuery, TranscriptionConfig};
use wiremock::MockServer;

use crate::support::{blocking, blocking_client, truncating_server};
use crate::wire_cases::{self as cases, JOB, URL};

#[tokio::test(flavor = "multi_thread")]
async fn submit_job_sends_the_exact_json_body() {
    let server = MockServer::start().await;
    cases::mount_submit(&server).await;
    let client = blocking_client(&server.uri());
    let job = blocking(move || {
        client
            .submit_job([URL], [cases::face()])
            .transcription(TranscriptionConfig::default().with_language("en"))
            .callback_url("https://hooks.example.com/done")
            .notify(true)
            .text("so happy today")
            .send()
    })
    .await
    .unwrap();
    assert_eq!(job.id(), JOB);
    assert_eq!(job.to_string(), format!("Job(id=\"{JOB}\")"));
    cases::check_submit_json(&server).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn submit_with_files_sends_multipart() {
    let server = MockServer::start().await;
    cases::mount_submit(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let (png, txt) = cases::upload_files(dir.path());
    let client = blocking_client(&server.uri());
    let job = blocking(move || {
        let request = hume::JobRequest::new().with_models(cases::face());
        client.submit(request).files([png, txt]).send()
    })
    .await
    .unwrap();
    assert_eq!(job.id(), JOB);
    cases::check_submit_multipart(&server).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn details_predictions_and_downloads() {
    let server = MockServer::start().await;
    cases::mount_job_reads(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let dir_path = dir.path().to_path_buf();
    let client = blocking_client(&server.uri());
    blocking(move || {
        let job = client.get_job(JOB);
        cases::check_details(&client.get_job_details(JOB).unwrap());
        cases::check_predictions(&job.get_predictions().unwrap());
        let raw = client.get_job_predictions_raw(JOB).unwrap();
        assert_eq!(raw, crate::support::predictions());
        let zip = dir_path.join("artifacts.zip");
        let written = job.download_artifacts(&zip).unwrap();
        assert_eq!(written, cases::zip_bytes().len() as u64);
        assert_eq!(std::fs::read(&zip).unwrap(), cases::zip_bytes());
        let json = dir_path.join("predictions.json");
        job.download_predictions(&json).unwrap();
        assert_eq!(std::fs::read(&json).unwrap(), cases::predictions_bytes());
        assert_eq!(job.get_status().unwrap(), BatchJobStatus::Completed);
    })
    .await;
    assert_eq!(
        crate::support::dir_entries(dir.path()),
        ["artifacts.zip", "predictions.json"],
        "no temporary file left"
    );
    cases::check_reads(&server, &cases::read_paths()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn get_job_makes_no_request() {
    let server = MockServer::start().await;
    let client = blocking_client(&server.uri());
    let job = client.get_job("abc");
    assert_eq!(job.id(), "abc");
    assert_eq!(format!("{job}"), "Job(id=\"abc\")");
    assert!(server.received_requests().await.unwrap().is_empty());
    assert_eq!(client.api_type(), hume::ApiType::Batch);
    assert_eq!(client.api_type().to_string(), "batch");
}

#[tokio::test(flavor = "multi_thread")]
async fn job_ids_are_percent_encoded_in_paths() {
    let server = MockServer::start().await;
    let client = blocking_client(&server.uri());
    let errors = blocking(move || {
        let _ = client.get_job_details("a b?c#d");
        // An id that is not one safe path segment is refused before anything is sent.
        ["..", ".", "a/b", "a\\b"].map(|id| client.get_job_details(id).unwrap_err())
    })
    .await;
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.path(), "/v0/batch/jobs/a%20b%3Fc%23d");
    assert_eq!(requests[0].url.query(), None);
    for err in errors {
        assert!(matches!(err, hume::HumeError::InvalidId(_)), "{err:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn list_jobs_sends_repeated_status() {
    let server = MockServer::start().await;
    cases::mount_list(&server).await;
    let client = blocking_client(&server.uri());
    let jobs = blocking(move || client.list_jobs(&cases::list_query()))
        .await
        .unwrap();
    cases::check_list(&server, &jobs).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn list_all_jobs_pages_by_creation_time() {
    let server = MockServer::start().await;
    cases::mount_pages(&server).await;
    let client = blocking_client(&server.uri());
    let jobs = blocking(move || {
        client
            .list_all_jobs(
                ListJobsQuery::new()
                    .with_limit(2)
                    .with_status(BatchJobStatus::Completed),
            )
            .collect::<Result<Vec<_>, _>>()
    })
    .await
    .unwrap();
    cases::check_pages(&server, &jobs).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn error_statuses_map_to_typed_errors() {
    let server = MockServer::start().await;
    cases::mount_errors(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let dir_path = dir.path().to_path_buf();
    let client = blocking_client(&server.uri());
    let errors = blocking(move || {
        [
            client.get_job_details("missing").unwrap_err(),
            client
                .download_job_artifacts("missing", dir_path.join("a.zip"))
                .unwrap_err(),
            client
                .download_job_predictions("ghost", dir_path.join("p.json"))
                .unwrap_err(),
            client.get_job_details("badkey").unwrap_err(),
            client
                .submit(hume::JobRequest::new().with_url(URL))
                .send()
                .unwrap_err(),
        ]
    })
    .await;
    cases::check_errors(errors, dir.path());
}

#[tokio::test(flavor = "multi_thread")]
async fn truncated_download_leaves_destination_untouched() {
    let (base, served) = truncating_server();
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("artifacts.zip");
    std::fs::write(&dest, b"previous contents").unwrap();
    let client = blocking_client(&base);
    let target = dest.clone();
    let result = blocking(move || client.download_job_artifacts(JOB, &target)).await;
    cases::check_truncated(result, dir.path(), &dest);
    assert_eq!(
        served.load(std::sync::atomic::Ordering::SeqCst),
        3,
        "a broken download starts again from byte 0 (no Accept-Ranges) within the 3 attempts"
    );
    // Predictions too: the same guarantee for the raw JSON download.
    let client = blocking_client(&base);
    let target = dest.clone();
    let result = blocking(move || client.download_job_predictions(JOB, &target)).await;
    assert!(result.is_err());
    assert_eq!(std::fs::read(&dest).unwrap(), b"previous contents");
    assert_eq!(crate::support::dir_entries(dir.path()), ["artifacts.zip"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_upload_fails_before_sending() {
    let server = MockServer::start().await;
    let client = blocking_client(&server.uri());
    let err = blocking(move || {
        client
            .submit(hume::JobRequest::new())
            .file("/no/such/file.png")
            .send()
    })
    .await
    .unwrap_err();
    assert!(
        matches!(&err, hume::HumeError::LocalFile { path, .. } if path == Path::new("/no/such/file.png")),
        "{err:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn stalled_download_hits_the_idle_timeout_and_leaves_no_file() {
    let (base, _) = crate::support::stalling_server(std::time::Duration::from_secs(5));
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("artifacts.zip");
    let client = hume::blocking::HumeBatchClient::builder()
        .api_key(hume::ApiKey::new(crate::support::KEY).unwrap())
        .base_url(base)
        .timeout(std::time::Duration::from_millis(300))
        .retry_policy(crate::support::fast_retry())
        .build()
        .unwrap();
    let target = dest.clone();
    let start = std::time::Instant::now();
    let artifacts_client = client.clone();
    let err = blocking(move || artifacts_client.download_job_artifacts(JOB, &target))
        .await
        .unwrap_err();
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
    let target = dir.path().join("predictions.json");
    let (details, predictions) = blocking(move || {
        (
            client.get_job_details(JOB).unwrap_err(),
            client.download_job_predictions(JOB, &target).unwrap_err(),
        )
    })
    .await;
    for err in [details, predictions] {
        assert!(
            matches!(&err, hume::HumeError::Transport(t) if t.is_timeout() && err.is_retryable()),
            "{err:?}"
        );
    }
    assert!(cases::dir_is_empty(dir.path()), "no predictions file left");
}
