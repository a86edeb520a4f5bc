//! End to end against the in-process emulator (`hume-emulator`, a real HTTP server on
//! 127.0.0.1 written from SPEC.md): the seed flow, uploads, paging, failures and injected
//! faults, on both backends.

use std::time::Duration;

use hume::models::predictions::Source;
use hume::models::{FaceConfig, LanguageConfig, ListJobsQuery, Models};
use hume::{ApiKey, BatchJobStatus, HumeError, JobRequest};
use hume_emulator::{Emulator, EmulatorConfig, FaultConfig, RunningEmulator};

use crate::support::{KEY, async_client, blocking, blocking_client};

const FACE_URL: &str = "https://example.com/media/face.jpg";

async fn start_emulator(faults: FaultConfig) -> RunningEmulator {
    Emulator::start(
        EmulatorConfig::default()
            .with_api_key(KEY)
            .with_queued_duration(Duration::from_millis(50))
            .with_in_progress_duration(Duration::from_millis(100))
            .with_faults(faults),
    )
    .await
    .expect("emulator starts")
}

fn check_predictions(predictions: &hume::Predictions, raw: &serde_json::Value) {
    assert_eq!(predictions.len(), 1);
    assert!(matches!(&predictions[0].source, Source::Url { url } if url == FACE_URL));
    let (_, prediction) = predictions.iter_predictions().next().expect("a prediction");
    let face = prediction.models.face.as_ref().expect("face ran");
    assert!(face.predictions().count() >= 1);
    assert!(
        prediction.models.prosody.is_none(),
        "only the configured model ran"
    );
    assert_eq!(raw, &serde_json::to_value(predictions).unwrap());
}

fn check_zip(path: &std::path::Path) {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip archive");
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_seed_flow_against_the_emulator() {
    let emulator = start_emulator(FaultConfig::none()).await;
    let client = blocking_client(&emulator.base_url());
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    blocking(move || {
        let job = client
            .submit_job([FACE_URL], [FaceConfig::default()])
            .send()
            .unwrap();
        let details = job
            .await_complete()
            .timeout(Duration::from_secs(10))
            .wait()
            .unwrap();
        assert_eq!(*details.status(), BatchJobStatus::Completed);
        assert_eq!(details.job_id.as_ref(), Some(job.id()));
        let predictions = job.get_predictions().unwrap();
        let raw = client.get_job_predictions_raw(job.id()).unwrap();
        check_predictions(&predictions, &raw);
        job.download_artifacts(root.join("artifacts.zip")).unwrap();
        check_zip(&root.join("artifacts.zip"));
        job.download_predictions(root.join("predictions.json"))
            .unwrap();
        let saved: serde_json::Value =
            serde_json::from_slice(&std::fs::read(root.join("predictions.json")).unwrap()).unwrap();
        assert_eq!(saved, raw);
    })
    .await;
    emulator.shutdown().await;
}

#[tokio::test]
async fn async_seed_flow_against_the_emulator() {
    let emulator = start_emulator(FaultConfig::none()).await;
    let client = async_client(&emulator.base_url());
    let dir = tempfile::tempdir().unwrap();
    let job = client
        .submit_job([FACE_URL], [FaceConfig::default()])
        .await
        .unwrap();
    let details = job
        .await_complete()
        .timeout(Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(*details.status(), BatchJobStatus::Completed);
    let predictions = job.get_predictions().await.unwrap();
    let raw = client.get_job_predictions_raw(job.id()).await.unwrap();
    check_predictions(&predictions, &raw);
    let zip = dir.path().join("artifacts.zip");
    job.download_artifacts(&zip).await.unwrap();
    check_zip(&zip);
    emulator.shutdown().await;
}

#[tokio::test]
async fn uploads_are_accepted_and_named() {
    let emulator = start_emulator(FaultConfig::none()).await;
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "I am thrilled about this wonderful day").unwrap();
    let request = JobRequest::new().with_models(Models::new().with(LanguageConfig::default()));
    // Async client for the upload, blocking client for the rest: same emulator, same job.
    let job = async_client(&emulator.base_url())
        .submit(request)
        .files([text])
        .await
        .unwrap();
    job.await_complete()
        .timeout(Duration::from_secs(10))
        .await
        .unwrap();
    let id = job.id().clone();
    let client = blocking_client(&emulator.base_url());
    let (details, predictions) = blocking(move || {
        (
            client.get_job_details(&id).unwrap(),
            client.get_job_predictions(&id).unwrap(),
        )
    })
    .await;
    assert_eq!(details.files().len(), 1);
    assert_eq!(details.files()[0].filename.as_deref(), Some("notes.txt"));
    assert!(matches!(
        &predictions[0].source,
        Source::File { filename: Some(name), .. } if name == "notes.txt"
    ));
    let (_, prediction) = predictions.iter_predictions().next().unwrap();
    assert!(prediction.models.language.is_some());
    emulator.shutdown().await;
}

#[tokio::test]
async fn failures_and_errors_are_typed() {
    let emulator = start_emulator(FaultConfig::none()).await;
    let client = async_client(&emulator.base_url());
    let job = client
        .submit(JobRequest::new().with_url("https://example.com/fail-job.mp4"))
        .await
        .unwrap();
    // Not finished yet: the emulator refuses predictions with a 400.
    let early = job.get_predictions().await.unwrap_err();
    assert_eq!(early.status().map(|s| s.as_u16()), Some(400), "{early:?}");
    let err = job
        .await_complete()
        .raise_on_failed(true)
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            HumeError::JobFailed {
                message: Some(_),
                ..
            }
        ),
        "{err:?}"
    );
    let missing = client.get_job_details("no-such-job").await.unwrap_err();
    assert!(
        matches!(missing, HumeError::JobNotFound { .. }),
        "{missing:?}"
    );
    let wrong_key = hume::asynchronous::HumeBatchClient::builder()
        .api_key(ApiKey::new("not-the-key").unwrap())
        .base_url(emulator.base_url())
        .build()
        .unwrap();
    let err = wrong_key
        .list_jobs(&ListJobsQuery::new())
        .await
        .unwrap_err();
    assert!(matches!(err, HumeError::InvalidApiKey { .. }), "{err:?}");
    let invalid = client.submit(JobRequest::new()).await.unwrap_err();
    assert!(
        matches!(invalid, HumeError::Validation(_)),
        "caught before sending: {invalid:?}"
    );
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn list_all_jobs_sees_every_job_once() {
    let emulator = start_emulator(FaultConfig::none()).await;
    let client = async_client(&emulator.base_url());
    let mut submitted = std::collections::HashSet::new();
    for i in 0..7 {
        let job = client
            .submit(JobRequest::new().with_url(format!("https://example.com/{i}.jpg")))
            .await
            .unwrap();
        submitted.insert(job.id().clone());
        // Distinct creation times so paging by timestamp has something to page on.
        tokio::time::sleep(Duration::from_millis(3)).await;
    }
    let listed = client
        .list_all_jobs(ListJobsQuery::new().with_limit(3))
        .collect()
        .await
        .unwrap();
    let listed_ids: std::collections::HashSet<_> =
        listed.iter().map(|j| j.job_id.clone().unwrap()).collect();
    assert_eq!(listed.len(), 7, "no duplicates");
    assert_eq!(listed_ids, submitted);
    let blocking_client = blocking_client(&emulator.base_url());
    let count = blocking(move || {
        blocking_client
            .list_all_jobs(ListJobsQuery::new().with_limit(2))
            .map(Result::unwrap)
            .count()
    })
    .await;
    assert_eq!(count, 7);
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn injected_503s_are_retried_on_both_backends() {
    // The first two requests get 503: the submit POST is retried (a 503 created no job).
    let emulator = start_emulator(FaultConfig::none().with_reject_first(2)).await;
    let job = async_client(&emulator.base_url())
        .submit(JobRequest::new().with_url(FACE_URL))
        .await
        .unwrap();
    assert_eq!(emulator.job_count(), 1, "exactly one job created");
    emulator.shutdown().await;

    let emulator = start_emulator(FaultConfig::none().with_reject_first(2)).await;
    let client = blocking_client(&emulator.base_url());
    let id = job.id().clone();
    let err = blocking(move || client.get_job_details(&id))
        .await
        .unwrap_err();
    // Unknown on this fresh emulator, but only after the two 503s were retried away.
    assert!(matches!(err, HumeError::JobNotFound { .. }), "{err:?}");
    emulator.shutdown().await;
}
