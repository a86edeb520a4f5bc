//! `dump_samples` writes every body kind, each parsing with the hume-models types.

use hume_models::{
    ApiErrorBody, BatchJobDetails, BatchJobStatus, CallbackBody, JobList, JobRequest, Predictions,
    StartJobResponse,
};

#[test]
fn samples_cover_every_body_and_parse() {
    let dir = tempfile::tempdir().unwrap();
    let written = hume_emulator::dump_samples(dir.path()).unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in [
        "details-queued.json",
        "details-in-progress.json",
        "details-completed.json",
        "details-failed.json",
        "list-jobs.json",
        "start-job-request.json",
        "start-job-response.json",
        "predictions-all-models.json",
        "predictions-face.json",
        "predictions-burst.json",
        "predictions-prosody.json",
        "predictions-language.json",
        "predictions-ner.json",
        "predictions-facemesh.json",
        "predictions-errors.json",
        "error-invalid-api-key.json",
        "error-missing-api-key.json",
        "error-job-not-found.json",
        "error-invalid-request.json",
        "error-job-not-completed.json",
        "callback-completed.json",
        "callback-failed.json",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing from {names:?}"
        );
    }
    for (name, path) in names.iter().zip(&written) {
        let bytes = std::fs::read(path).unwrap();
        assert!(!bytes.is_empty());
        if name.starts_with("details-") {
            let d = BatchJobDetails::from_response(&bytes).unwrap();
            let status = name
                .trim_start_matches("details-")
                .trim_end_matches(".json");
            let expected = match status {
                "queued" => BatchJobStatus::Queued,
                "in-progress" => BatchJobStatus::InProgress,
                "failed" => BatchJobStatus::Failed,
                _ => BatchJobStatus::Completed,
            };
            assert_eq!(d.status(), &expected, "{name}");
        } else if name == "list-jobs.json" {
            assert!(!JobList::from_response(&bytes).unwrap().is_empty());
        } else if name == "start-job-request.json" {
            let r: JobRequest = serde_json::from_slice(&bytes).unwrap();
            assert!(r.validate().is_ok());
        } else if name == "start-job-response.json" {
            StartJobResponse::from_response(&bytes).unwrap();
        } else if name.starts_with("predictions-") {
            let p = Predictions::from_response(&bytes).unwrap();
            assert!(!p.is_empty(), "{name}");
        } else if name.starts_with("error-") {
            let e = ApiErrorBody::parse(&bytes);
            assert!(e.is_recognised(), "{name}: {e:?}");
        } else if name.starts_with("callback-") {
            let c = CallbackBody::from_response(&bytes).unwrap();
            assert!(c.status.is_terminal());
        } else {
            panic!("unexpected sample {name}");
        }
    }
    let all = Predictions::from_response(
        &std::fs::read(dir.path().join("predictions-all-models.json")).unwrap(),
    )
    .unwrap();
    let models = all
        .iter_predictions()
        .flat_map(|(_, p)| p.models.model_types())
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(
        models.len(),
        6,
        "every model appears in the all-models sample"
    );
}
