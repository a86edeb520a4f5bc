use std::time::Duration;

use hume_models::JobId;
use serde_json::json;

use super::testing::{ctx, run, sent};
use super::*;
use crate::mock::{MockResponse, MockTransport};

#[test]
fn split_passes_io_on_and_keeps_the_result() {
    let io: Action<u8> = Action::Sleep(Duration::from_secs(2));
    assert!(matches!(io.split::<String>(), Ok(Action::Sleep(d)) if d == Duration::from_secs(2)));
    let io: Action<u8> = Action::ReadBody {
        limit: 7,
        whole: true,
    };
    assert!(matches!(
        io.split::<()>(),
        Ok(Action::ReadBody {
            limit: 7,
            whole: true
        })
    ));
    let done: Action<u8> = Action::Done(Ok(3));
    assert!(matches!(done.split::<()>(), Err(Ok(3))));
    assert_eq!(format!("{:?}", Action::<u8>::Done(Ok(1))), "Done(Ok(..))");
}

#[test]
fn an_operation_runs_through_a_mutable_reference() {
    let mock = MockTransport::new().with_response(MockResponse::json(
        200,
        &json!({"job_id": "j", "state": {"status": "QUEUED"}}),
    ));
    let mut fetch = Fetch::job_details(&ctx(), JobId::new("j"));
    let got = run(&mock, &mut fetch);
    assert_eq!(got.result.unwrap().status().as_str(), "QUEUED");
    assert_eq!(
        sent(&got.did),
        ["GET http://127.0.0.1:4010/v0/batch/jobs/j"]
    );
}

#[test]
fn an_unexpected_event_is_an_error_not_a_panic() {
    let mut fetch = Fetch::job_details(&ctx(), JobId::new("j"));
    let action = fetch.next(Event::Chunk(Ok(None)), Duration::ZERO);
    let Action::Done(Err(err)) = action else {
        panic!("{action:?}")
    };
    assert!(err.to_string().contains("driving an operation"), "{err}");
    let mut fetch = Fetch::job_details(&ctx(), JobId::new("j"));
    assert!(matches!(
        fetch.next(Event::Body(Ok(Vec::new())), Duration::ZERO),
        Action::Done(Err(_))
    ));
}
