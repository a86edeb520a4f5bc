use std::time::Duration;

use http::{HeaderMap, Method, StatusCode};

use super::*;
use crate::body::BlockingBody;
use crate::http::HttpResponse;
use crate::mock::{MockResponse, MockTransport};
use crate::transport::Transport;
use crate::transport_error::SendState;

const S: fn(u64) -> Duration = Duration::from_secs;

fn policy() -> RetryPolicy {
    RetryPolicy::default()
        .with_multiplier(2.0)
        .with_jitter(false)
        .with_initial_backoff(S(1))
        .with_max_attempts(3)
}

fn get(url: &str) -> HttpRequest {
    let mut req = HttpRequest::new(Method::GET, url);
    let mut key = http::HeaderValue::from_static("sk-exchange");
    key.set_sensitive(true);
    req.headers.insert(crate::API_KEY_HEADER, key);
    req
}

/// Runs a blocking loop with simulated time; returns the final response (body unread) or the
/// error, and the sleeps.
fn run(
    mock: &MockTransport,
    req: HttpRequest,
    policy: RetryPolicy,
) -> (Result<HttpResponse<BlockingBody>, HumeError>, Vec<Duration>) {
    let mut exchange = Exchange::new(req, policy, 3);
    let mut elapsed = Duration::ZERO;
    let mut sleeps = Vec::new();
    let mut request = exchange.request();
    loop {
        let step = match Transport::send(mock, request) {
            Ok(response) => match exchange.on_response(response.status, &response.headers, elapsed)
            {
                ExchangeStep::Final => return (Ok(response), sleeps),
                step => step,
            },
            Err(err) => exchange.on_failure(err, elapsed),
        };
        request = match step {
            ExchangeStep::Final => unreachable!("handled above"),
            ExchangeStep::Send(next) => next,
            ExchangeStep::Retry(d) => {
                sleeps.push(d);
                elapsed += d;
                exchange.request()
            }
            ExchangeStep::Fail(err) => return (Err(err), sleeps),
        };
    }
}

#[test]
fn get_retries_503_then_succeeds() {
    let mock = MockTransport::new()
        .with_response(MockResponse::new(503))
        .with_response(MockResponse::new(200).with_body("ok"));
    let (result, sleeps) = run(&mock, get("http://127.0.0.1/v0/batch/jobs/1"), policy());
    assert_eq!(result.unwrap().status, StatusCode::OK);
    assert_eq!(sleeps, [S(1)]);
    mock.assert_all_used();
}

#[test]
fn gives_up_after_max_attempts_with_last_response() {
    let mock = MockTransport::new()
        .with_response(MockResponse::new(500))
        .with_response(MockResponse::new(502))
        .with_response(MockResponse::new(504).with_body("last"));
    let (result, sleeps) = run(&mock, get("http://127.0.0.1/x"), policy());
    let mut resp = result.unwrap();
    assert_eq!(resp.status, StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(resp.body.read_to_vec_limited(10).unwrap(), b"last");
    assert_eq!(sleeps, [S(1), S(2)]);
}

#[test]
fn retry_after_is_honoured_then_deadline_stops() {
    let policy = policy().with_max_attempts(10).with_max_elapsed(Some(S(5)));
    let mock = MockTransport::new()
        .with_response(MockResponse::new(429).with_header("retry-after", "4"))
        .with_response(MockResponse::new(429).with_header("retry-after", "4"))
        .with_response(MockResponse::new(429).with_header("retry-after", "4"));
    let (result, sleeps) = run(&mock, get("http://127.0.0.1/x"), policy);
    assert_eq!(sleeps, [S(4), S(1)]);
    assert_eq!(result.unwrap().status, StatusCode::TOO_MANY_REQUESTS);
    mock.assert_all_used();
}

#[test]
fn post_is_not_retried_on_500_or_maybe_sent() {
    let mut post = get("http://127.0.0.1/v0/batch/jobs");
    post.method = Method::POST;
    let mock = MockTransport::new().with_response(MockResponse::new(500));
    let (result, sleeps) = run(&mock, post.clone(), policy());
    assert_eq!(result.unwrap().status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(sleeps.is_empty());

    let mock = MockTransport::new().with_error(TransportError::io(SendState::MaybeSent, "reset"));
    let (result, sleeps) = run(&mock, post.clone(), policy());
    let err = result.unwrap_err();
    // Whether a job may exist is the submit operation's call, not the exchange's.
    assert!(
        matches!(&err, HumeError::Transport(t) if t.may_have_been_sent()),
        "{err:?}"
    );
    assert!(sleeps.is_empty());

    let mock = MockTransport::new()
        .with_error(TransportError::connect("refused"))
        .with_response(MockResponse::new(503))
        .with_response(MockResponse::json(200, &serde_json::json!({"job_id": "j"})));
    let (result, sleeps) = run(&mock, post, policy());
    assert_eq!(result.unwrap().status, StatusCode::OK);
    assert_eq!(sleeps, [S(1), S(2)]);
    assert_eq!(mock.requests().len(), 3);
}

#[test]
fn get_transport_failure_after_retries_is_transport_error() {
    let mock = MockTransport::new()
        .with_error(TransportError::timeout(SendState::MaybeSent, "t"))
        .with_error(TransportError::timeout(SendState::MaybeSent, "t"))
        .with_error(TransportError::timeout(SendState::MaybeSent, "t"));
    let (result, sleeps) = run(&mock, get("http://127.0.0.1/x"), policy());
    assert!(matches!(result.unwrap_err(), HumeError::Transport(e) if e.is_timeout()));
    assert_eq!(sleeps.len(), 2);
}

#[test]
fn redirects_keep_key_on_same_origin_only() {
    let mock = MockTransport::new()
        .with_response(MockResponse::new(302).with_header("location", "/files/a.zip"))
        .with_response(
            MockResponse::new(307).with_header("location", "http://127.0.0.2:9000/a.zip"),
        )
        .with_response(MockResponse::new(200).with_body("PK"));
    let (result, sleeps) = run(
        &mock,
        get("http://127.0.0.1:8000/v0/batch/jobs/1/artifacts"),
        policy(),
    );
    assert_eq!(result.unwrap().status, StatusCode::OK);
    assert!(sleeps.is_empty());
    let reqs = mock.requests();
    assert_eq!(reqs[1].url, "http://127.0.0.1:8000/files/a.zip");
    assert_eq!(reqs[1].header("x-hume-api-key"), Some("sk-exchange"));
    assert_eq!(reqs[2].url, "http://127.0.0.2:9000/a.zip");
    assert_eq!(reqs[2].header("x-hume-api-key"), None);
}

#[test]
fn redirect_loop_is_bounded() {
    let mock = MockTransport::new();
    for _ in 0..4 {
        mock.push_response(MockResponse::new(302).with_header("location", "/again"));
    }
    let (result, _) = run(&mock, get("http://127.0.0.1/x"), policy());
    assert!(matches!(
        result.unwrap_err(),
        HumeError::TooManyRedirects { limit: 3 }
    ));
    mock.assert_all_used();
}

#[test]
fn a_final_head_costs_no_attempt_until_its_body_fails() {
    let mut exchange = Exchange::new(get("http://127.0.0.1/x"), policy(), 3);
    let ok = HeaderMap::new();
    for round in 0..2u32 {
        assert!(matches!(
            exchange.on_response(StatusCode::OK, &ok, Duration::ZERO),
            ExchangeStep::Final
        ));
        assert_eq!(
            exchange.attempts(),
            round,
            "a final head is not counted yet"
        );
        let cut = TransportError::io(SendState::MaybeSent, "cut");
        assert!(matches!(
            exchange.on_failure(cut, Duration::ZERO),
            ExchangeStep::Retry(_)
        ));
    }
    let cut = TransportError::io(SendState::MaybeSent, "cut");
    assert!(matches!(
        exchange.on_failure(cut, Duration::ZERO),
        ExchangeStep::Fail(HumeError::Transport(_))
    ));
    assert_eq!(exchange.attempts(), 3);
    assert_eq!(exchange.original().url, "http://127.0.0.1/x");
}

#[test]
fn a_redirect_answers_with_the_next_request_and_a_retry_restarts_from_the_original() {
    let mut exchange = Exchange::new(get("http://127.0.0.1/x"), policy(), 3);
    let mut moved = HeaderMap::new();
    moved.insert(http::header::LOCATION, http::HeaderValue::from_static("/y"));
    let ExchangeStep::Send(next) = exchange.on_response(StatusCode::FOUND, &moved, Duration::ZERO)
    else {
        panic!("a redirect")
    };
    assert_eq!(next.url, "http://127.0.0.1/y");
    assert_eq!(exchange.request().url, "http://127.0.0.1/y");
    assert!(matches!(
        exchange.on_response(StatusCode::BAD_GATEWAY, &HeaderMap::new(), Duration::ZERO),
        ExchangeStep::Retry(_)
    ));
    assert_eq!(exchange.request().url, "http://127.0.0.1/x");
}
