use serde_json::json;

use super::*;
use crate::HumeError;
use crate::mock::{MockResponse, MockTransport};
use crate::operation::testing::{ctx, run};

fn job(id: &str, created: i64) -> serde_json::Value {
    json!({"job_id": id, "state": {"status": "COMPLETED", "created_timestamp_ms": created}})
}

fn ids(pager: &mut JobPager, mock: &MockTransport) -> Vec<Result<Option<String>, String>> {
    (0..5)
        .map(|_| {
            run(mock, &mut *pager)
                .result
                .map(|job| job.and_then(|j| j.job_id).map(|id| id.to_string()))
                .map_err(|e: HumeError| e.to_string())
        })
        .collect()
}

#[test]
fn pages_are_fetched_as_jobs_are_taken_and_deduplicated() {
    let mock = MockTransport::new()
        .with_response(MockResponse::json(
            200,
            &json!([job("a", 300), job("b", 200)]),
        ))
        .with_response(MockResponse::json(
            200,
            &json!([job("b", 200), job("c", 100)]),
        ))
        .with_response(MockResponse::json(200, &json!([])));
    let mut pager = JobPager::new(&ctx(), ListJobsQuery::new().with_limit(2));
    let first = run(&mock, &mut pager);
    assert_eq!(first.result.unwrap().unwrap().job_id.unwrap(), "a");
    assert_eq!(mock.requests().len(), 1, "one page so far");
    let second = run(&mock, &mut pager);
    assert!(second.did.is_empty(), "b was buffered");
    assert_eq!(
        ids(&mut pager, &mock),
        [Ok(Some("c".into())), Ok(None), Ok(None), Ok(None), Ok(None)]
    );
    let queries: Vec<String> = mock.requests().iter().map(|r| r.url.clone()).collect();
    assert_eq!(
        queries,
        [
            "http://127.0.0.1:4010/v0/batch/jobs?limit=2&sort_by=created&direction=desc",
            "http://127.0.0.1:4010/v0/batch/jobs?limit=2&when=created_before&timestamp_ms=201&sort_by=created&direction=desc",
            "http://127.0.0.1:4010/v0/batch/jobs?limit=2&when=created_before&timestamp_ms=101&sort_by=created&direction=desc",
        ]
    );
}

#[test]
fn a_failed_page_is_reported_once_then_the_listing_ends() {
    let mock = MockTransport::new()
        .with_response(MockResponse::json(200, &json!([job("a", 300)])))
        .with_response(MockResponse::json(401, &json!({"message": "no"})));
    let mut pager = JobPager::new(&ctx(), ListJobsQuery::new().with_limit(1));
    let got = ids(&mut pager, &mock);
    assert_eq!(got[0], Ok(Some("a".into())));
    assert!(
        got[1].as_ref().unwrap_err().starts_with("invalid api key"),
        "{got:?}"
    );
    assert_eq!(got[2..], [Ok(None), Ok(None), Ok(None)]);
    mock.assert_all_used();
}
