use std::time::Duration;

use http::{Method, StatusCode};

use super::*;
use crate::body::BlockingBody;
use crate::mock::{MockResponse, MockTransport};
use crate::transport::{AsyncTransport, Transport};
use crate::transport_error::SendState;

const S: fn(u64) -> Duration = Duration::from_secs;

fn policy() -> RetryPolicy {
    RetryPolicy::default()
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

/// Runs the blocking loop with simulated time; returns the final result and the sleeps.
fn run(
    mock: &MockTransport,
    req: HttpRequest,
    policy: RetryPolicy,
) -> (Result<HttpResponse<BlockingBody>, HumeError>, Vec<Duration>) {
    let mut exchange = Exchange::new(req, policy, 3);
    let mut elapsed = Duration::ZERO;
    let mut sleeps = Vec::new();
    loop {
        let result = Transport::send(mock, exchange.request());
        match exchange.on_result(result, elapsed) {
            ExchangeStep::Done(r) => return (r, sleeps),
            ExchangeStep::SendAgain => {}
            ExchangeStep::SleepThenSend(d) => {
                sleeps.push(d);
                elapsed += d;
            }
        }
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
    assert!(err.job_may_exist(), "{err:?}");
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

fn block_on<F: std::future::Future>(fut: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[test]
fn async_loop_is_the_same() {
    let mock = MockTransport::new()
        .with_response(MockResponse::new(500))
        .with_response(MockResponse::new(200).with_body("[]"));
    let transport: &dyn AsyncTransport = &mock;
    let mut exchange = Exchange::new(get("http://127.0.0.1/x"), policy(), 3);
    let mut sleeps = Vec::new();
    let mut resp = loop {
        let result = block_on(transport.send(exchange.request()));
        match exchange.on_result(result, Duration::ZERO) {
            ExchangeStep::Done(r) => break r.unwrap(),
            ExchangeStep::SendAgain => {}
            ExchangeStep::SleepThenSend(d) => sleeps.push(d),
        }
    };
    assert_eq!(block_on(resp.body.read_to_vec_limited(10)).unwrap(), b"[]");
    assert_eq!(sleeps, [S(1)]);
    assert_eq!(exchange.attempts(), 2);
}
