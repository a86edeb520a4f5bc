use std::sync::{Arc, Mutex};
use std::time::Duration;

use hume_core::{HumeError, PollPolicy};
use hume_models::{BatchJobDetails, BatchJobState, BatchJobStatus, JobId};

use super::AwaitOptions;

fn details(state: BatchJobState) -> BatchJobDetails {
    BatchJobDetails::new(JobId::new("j1"), Default::default(), state).with_job_type("INFERENCE")
}

#[test]
fn unfinished_job_is_polled_again_and_reported() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let options =
        AwaitOptions::new().with_progress(move |d| log.lock().unwrap().push(d.status().clone()));
    assert!(
        options
            .settle(&JobId::new("j1"), details(BatchJobState::queued(1)))
            .is_none()
    );
    assert!(
        options
            .settle(&JobId::new("j1"), details(BatchJobState::in_progress(1, 2)))
            .is_none()
    );
    let done = options
        .settle(
            &JobId::new("j1"),
            details(BatchJobState::completed(1, 2, 3, 4, 0)),
        )
        .expect("terminal")
        .expect("completed is ok");
    assert_eq!(*done.status(), BatchJobStatus::Completed);
    assert_eq!(
        *seen.lock().unwrap(),
        vec![
            BatchJobStatus::Queued,
            BatchJobStatus::InProgress,
            BatchJobStatus::Completed
        ]
    );
}

#[test]
fn failed_job_is_a_value_unless_raise_on_failed() {
    let failed = || details(BatchJobState::failed(1, 2, 3, "bad media"));
    let id = JobId::new("j1");
    let value = AwaitOptions::new().settle(&id, failed()).unwrap().unwrap();
    assert_eq!(*value.status(), BatchJobStatus::Failed);
    let err = AwaitOptions::new()
        .with_raise_on_failed(true)
        .settle(&id, failed())
        .unwrap()
        .unwrap_err();
    assert!(
        matches!(&err, HumeError::JobFailed { job_id, message } if job_id == "j1" && message.as_deref() == Some("bad media"))
    );
    assert_eq!(err.to_string(), "job j1 failed: bad media");
}

#[test]
fn timeout_overrides_the_client_policy() {
    let client = PollPolicy::default().with_timeout(Duration::from_secs(30));
    assert_eq!(
        AwaitOptions::new().policy(&client).timeout(),
        Duration::from_secs(30)
    );
    let custom = AwaitOptions::new()
        .with_timeout(Duration::from_secs(5))
        .policy(&client);
    assert_eq!(custom.timeout(), Duration::from_secs(5));
    assert_eq!(custom.initial_delay(), client.initial_delay());
    let too_short = AwaitOptions::new()
        .with_timeout(Duration::from_millis(500))
        .policy(&client);
    let err = too_short.validate().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid configuration: timeout must be at least 1 second"
    );
}

#[test]
fn debug_does_not_try_to_print_the_callback() {
    let options = AwaitOptions::new().with_progress(|_| {});
    let text = format!("{options:?}");
    assert!(text.contains("progress: Some(\"..\")"), "{text}");
}
