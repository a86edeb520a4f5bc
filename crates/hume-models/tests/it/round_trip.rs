//! Serialise → deserialise round trips over every fixture and over built values.

use hume_models::{
    ApiErrorBody, BatchJobDetails, BatchJobState, BatchJobStatus, CallbackBody, FileInfo,
    InferenceRequest, JobId, JobList, JobRequest, Models, Predictions, StartJobResponse,
};

use crate::fixtures;

fn round_trip<T>(value: &T) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let text = serde_json::to_string(value).expect("serialises");
    serde_json::from_str(&text).expect("parses own output")
}

#[test]
fn every_fixture_survives_a_round_trip() {
    for name in fixtures::named("") {
        let bytes = fixtures::bytes(&name);
        if name.starts_with("details-") {
            let v = BatchJobDetails::from_response(&bytes).unwrap();
            assert_eq!(round_trip(&v), v, "{name}");
        } else if name.starts_with("list-jobs") {
            let v = JobList::from_response(&bytes).unwrap();
            assert_eq!(round_trip(&v), v, "{name}");
        } else if name.starts_with("predictions-") {
            let v = Predictions::from_response(&bytes).unwrap();
            assert_eq!(round_trip(&v), v, "{name}");
        } else if name.starts_with("callback-") {
            let v = CallbackBody::from_response(&bytes).unwrap();
            assert_eq!(round_trip(&v), v, "{name}");
        } else if name.starts_with("start-job-request") {
            let v: JobRequest = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(round_trip(&v), v, "{name}");
        } else if name.starts_with("start-job-response") {
            let v = StartJobResponse::from_response(&bytes).unwrap();
            assert_eq!(round_trip(&v), v, "{name}");
        } else if name.starts_with("error-") {
            let v = ApiErrorBody::parse(&bytes);
            assert_eq!(round_trip(&v), v, "{name}");
        } else {
            panic!("fixture {name} has no known prefix");
        }
    }
}

#[test]
fn emulator_style_details_round_trip() {
    let request = JobRequest::new()
        .with_url("https://example.com/a.mp4")
        .with_models(Models::all());
    let echo = InferenceRequest::from_job_request(
        request.clone(),
        vec![FileInfo::new("00".repeat(16)).with_filename("x.wav")],
    );
    assert_eq!(echo.to_job_request(), request);
    for state in [
        BatchJobState::queued(1),
        BatchJobState::in_progress(1, 2),
        BatchJobState::completed(1, 2, 3, 4, 0),
        BatchJobState::failed(1, 2, 3, "boom"),
        BatchJobState::new(BatchJobStatus::Unknown("NEW".into())),
    ] {
        let details = BatchJobDetails::new(JobId::new("id-1"), echo.clone(), state)
            .with_job_type("INFERENCE");
        let json = serde_json::to_value(&details).unwrap();
        // The echo looks like the service's: arrays present, callback_url null.
        assert!(json["request"]["text"].is_array());
        assert!(json["request"]["files"].is_array());
        assert!(json["request"]["callback_url"].is_null());
        assert_eq!(BatchJobDetails::from_value(json).unwrap(), details);
    }
}
