//! Webhook bodies.

use hume_models::{BatchJobStatus, CallbackBody};

use crate::fixtures;

#[test]
fn completed_callback_carries_predictions() {
    let body = CallbackBody::from_response(&fixtures::bytes("callback-completed.json")).unwrap();
    assert_eq!(body.status, BatchJobStatus::Completed);
    assert_eq!(body.job_id, "5b1c2d3e-0000-4000-8000-000000000001");
    let predictions = body.predictions.as_ref().unwrap();
    assert!(predictions.find_file("clips/a.mp4").is_some());
    assert_eq!(body.failure_message(), None);
}

#[test]
fn failed_callback_carries_a_message() {
    let body = CallbackBody::from_response(&fixtures::bytes("callback-failed.json")).unwrap();
    assert_eq!(body.status, BatchJobStatus::Failed);
    assert!(body.predictions.is_none());
    assert_eq!(body.failure_message(), Some("could not download any url"));
    let via_error =
        CallbackBody::from_response(br#"{"job_id":"j","status":"FAILED","error":"boom"}"#).unwrap();
    assert_eq!(via_error.failure_message(), Some("boom"));
}

#[test]
fn missing_status_is_inferred() {
    let body = CallbackBody::from_response(br#"{"job_id":"j","predictions":[]}"#).unwrap();
    assert_eq!(body.status, BatchJobStatus::Completed);
    let body = CallbackBody::from_response(br#"{"job_id":"j"}"#).unwrap();
    assert!(body.status.is_unknown());
    assert!(
        CallbackBody::from_response(br#"{"status":"COMPLETED"}"#).is_err(),
        "job_id is required"
    );
}
