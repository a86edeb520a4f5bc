//! Job details and list responses: every status, derived values, tolerance.

use std::time::Duration;

use hume_models::{BatchJobDetails, BatchJobStatus, JobId, JobList, ModelType};

use crate::fixtures;

fn details(name: &str) -> BatchJobDetails {
    BatchJobDetails::from_response(&fixtures::bytes(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn queued() {
    let d = details("details-queued.json");
    assert_eq!(d.status(), &BatchJobStatus::Queued);
    assert!(!d.status().is_terminal());
    assert_eq!(d.job_type.as_deref(), Some("INFERENCE"));
    assert_eq!(
        d.job_id,
        Some(JobId::from("5b1c2d3e-0000-4000-8000-000000000001"))
    );
    assert_eq!(d.run_time(), None);
    assert_eq!(
        d.created_time().unwrap().as_millisecond(),
        1_700_000_000_000
    );
    assert_eq!(d.started_time(), None);
    assert_eq!(d.ended_time(), None);
    assert_eq!(d.urls(), ["https://example.com/media/faces.zip"]);
}

#[test]
fn in_progress() {
    let d = details("details-in-progress.json");
    assert_eq!(d.status(), &BatchJobStatus::InProgress);
    assert!(!d.is_terminal());
    assert_eq!(
        d.started_time().unwrap().as_millisecond(),
        1_700_000_001_500
    );
    assert_eq!(d.run_time(), None);
}

#[test]
fn completed() {
    let d = details("details-completed.json");
    assert_eq!(d.status(), &BatchJobStatus::Completed);
    assert!(d.is_terminal());
    assert_eq!(d.state.num_predictions, Some(7));
    assert_eq!(d.state.num_errors, Some(1));
    assert_eq!(d.run_time(), Some(Duration::from_millis(3000)));
    assert_eq!(
        d.ended_time().unwrap().to_string(),
        "2023-11-14T22:13:24.5Z"
    );
    assert_eq!(d.text(), ["hello"]);
    assert_eq!(d.callback_url(), Some("https://example.com/hook"));
    assert_eq!(d.notify(), Some(true));
    let files = d.files();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0].filename.as_deref(), Some("clip.mp4"));
    assert_eq!(files[0].content_type.as_deref(), Some("video/mp4"));
    assert_eq!(files[0].md5sum, "0123456789abcdef0123456789abcdef");
    assert_eq!(files[1].filename, None);
    let configs = d.configs().unwrap();
    assert_eq!(configs.model_types(), ModelType::ALL.to_vec());
    let face = configs.face().unwrap();
    assert_eq!(face.fps_pred, Some(3.0));
    assert_eq!(face.min_face_size, Some(60));
    assert_eq!(face.facs, None, "explicit null sub-config is None");
    assert_eq!(configs.prosody().unwrap().window, None);
}

#[test]
fn failed() {
    let d = details("details-failed.json");
    assert_eq!(d.status(), &BatchJobStatus::Failed);
    assert!(d.is_terminal());
    assert_eq!(
        d.state.message.as_deref(),
        Some("could not download any url")
    );
    assert_eq!(d.run_time(), Some(Duration::from_millis(2000)));
    assert_eq!(d.state.num_predictions, None);
}

#[test]
fn unknown_status_extra_fields_and_unknown_model_key_parse() {
    let d = details("details-unknown-status.json");
    assert_eq!(
        d.status(),
        &BatchJobStatus::Unknown("PAUSED_FOR_MAINTENANCE".into())
    );
    assert!(!d.status().is_terminal());
    let models = d.configs().unwrap();
    assert_eq!(models.other()["hologram"], serde_json::json!({"depth": 3}));
    assert_eq!(models.face().unwrap().fps_pred, Some(3.0));
    // The unknown model key survives a round trip; the unknown status too.
    let again: serde_json::Value = serde_json::to_value(&d).unwrap();
    assert_eq!(again["request"]["models"]["hologram"]["depth"], 3);
    assert_eq!(again["state"]["status"], "PAUSED_FOR_MAINTENANCE");
}

#[test]
fn from_value_matches_from_response() {
    for name in fixtures::named("details-") {
        let a = details(&name);
        let b = BatchJobDetails::from_value(fixtures::value(&name)).unwrap();
        assert_eq!(a, b, "{name}");
    }
}

#[test]
fn list_is_a_bare_array_in_any_order() {
    let list = JobList::from_response(&fixtures::bytes("list-jobs.json")).unwrap();
    assert_eq!(list.len(), 2);
    let ids: Vec<&str> = list
        .iter()
        .map(|j| j.job_id.as_ref().unwrap().as_str())
        .collect();
    assert_eq!(ids, ["job-b", "job-a"]);
    assert_eq!(list[1].status(), &BatchJobStatus::Completed);
    assert_eq!(
        list[1].configs().unwrap().prosody().unwrap().granularity,
        Some(hume_models::Granularity::Sentence)
    );
    // Missing `text`/`files` in old data are empty, not errors.
    assert!(list[1].text().is_empty() && list[1].files().is_empty());
}

#[test]
fn status_parsing() {
    for s in BatchJobStatus::ALL {
        assert_eq!(s.as_str().parse::<BatchJobStatus>().unwrap(), s);
        assert_eq!(s.to_string(), s.as_str());
    }
    assert_eq!(
        "in_progress".parse::<BatchJobStatus>().unwrap(),
        BatchJobStatus::InProgress
    );
    let unknown: BatchJobStatus = "CANCELLED".parse().unwrap();
    assert_eq!(unknown, BatchJobStatus::Unknown("CANCELLED".into()));
    assert!(unknown.is_unknown() && !unknown.is_terminal());
    assert!("".parse::<BatchJobStatus>().is_err());
    assert!(BatchJobStatus::Completed.is_terminal() && BatchJobStatus::Failed.is_terminal());
    assert!(!BatchJobStatus::Queued.is_terminal() && !BatchJobStatus::InProgress.is_terminal());
}

#[test]
fn job_id_conversions() {
    let id: JobId = "abc".parse().unwrap();
    assert_eq!(id.as_str(), "abc");
    assert_eq!(id.to_string(), "abc");
    assert_eq!(id, JobId::from(String::from("abc")));
    assert_eq!(AsRef::<str>::as_ref(&id), "abc");
    assert_eq!(serde_json::to_string(&id).unwrap(), "\"abc\"");
    let resp =
        hume_models::StartJobResponse::from_response(&fixtures::bytes("start-job-response.json"))
            .unwrap();
    assert_eq!(resp.job_id, "5b1c2d3e-0000-4000-8000-000000000001");
    let err = hume_models::StartJobResponse::from_response(br#"{"message":"nope"}"#).unwrap_err();
    assert!(err.to_string().contains("job_id"), "{err}");
}

#[test]
fn parse_error_names_the_failing_field_and_keeps_an_excerpt() {
    let body = br#"{"request":{},"state":{"status":"QUEUED","created_timestamp_ms":"yesterday"}}"#;
    let err = BatchJobDetails::from_response(body).unwrap_err();
    assert_eq!(err.path(), "state.created_timestamp_ms");
    assert_eq!(err.target(), "BatchJobDetails");
    assert!(err.excerpt().starts_with("{\"request\""));
    assert!(
        err.to_string()
            .starts_with("cannot parse BatchJobDetails at `state.created_timestamp_ms`"),
        "{err}"
    );
    let long = vec![b'x'; 5000];
    let err = BatchJobDetails::from_response(&long).unwrap_err();
    assert!(err.excerpt().len() <= hume_models::EXCERPT_LIMIT);
}
