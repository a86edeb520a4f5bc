use super::*;
use bytes::Bytes;
use http::HeaderValue;

fn request(method: Method, url: &str) -> HttpRequest {
    let mut req = HttpRequest::new(method, url);
    let mut key = HeaderValue::from_static("secret");
    key.set_sensitive(true);
    req.headers.insert(API_KEY_HEADER, key);
    req.headers
        .insert(AUTHORIZATION, HeaderValue::from_static("Bearer x"));
    req.headers
        .insert("x-hume-client-name", HeaderValue::from_static("rust_sdk"));
    req
}

fn location(loc: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(LOCATION, HeaderValue::from_str(loc).unwrap());
    h
}

#[test]
fn same_origin_keeps_key() {
    let sent = request(
        Method::GET,
        "http://127.0.0.1:8080/v0/batch/jobs/1/artifacts",
    );
    let mut state = RedirectState::default();
    let next = state
        .next(&sent, StatusCode::FOUND, &location("/files/a.zip"))
        .unwrap()
        .unwrap();
    assert_eq!(next.url, "http://127.0.0.1:8080/files/a.zip");
    assert_eq!(next.headers.get(API_KEY_HEADER).unwrap(), "secret");
    assert!(next.headers.get(API_KEY_HEADER).unwrap().is_sensitive());
    assert!(next.headers.contains_key(AUTHORIZATION));
    assert_eq!(next.method, Method::GET);
    assert_eq!(state.hops(), 1);
}

#[test]
fn cross_origin_drops_credentials() {
    let sent = request(
        Method::GET,
        "http://127.0.0.1:8080/v0/batch/jobs/1/artifacts",
    );
    for target in [
        "http://127.0.0.1:9090/a.zip",
        "https://127.0.0.1:8080/a.zip",
        "http://localhost:8080/a.zip",
    ] {
        let next = RedirectState::default()
            .next(&sent, StatusCode::TEMPORARY_REDIRECT, &location(target))
            .unwrap()
            .unwrap();
        assert_eq!(next.url, target);
        assert!(!next.headers.contains_key(API_KEY_HEADER), "{target}");
        assert!(!next.headers.contains_key(AUTHORIZATION), "{target}");
        assert_eq!(next.headers.get("x-hume-client-name").unwrap(), "rust_sdk");
    }
}

#[test]
fn non_redirects_and_missing_location_are_final() {
    let sent = request(Method::GET, "https://api.hume.ai/v0/batch/jobs");
    let mut state = RedirectState::default();
    assert!(
        state
            .next(&sent, StatusCode::OK, &location("/x"))
            .unwrap()
            .is_none()
    );
    assert!(
        state
            .next(&sent, StatusCode::NOT_MODIFIED, &location("/x"))
            .unwrap()
            .is_none()
    );
    assert!(
        state
            .next(&sent, StatusCode::FOUND, &HeaderMap::new())
            .unwrap()
            .is_none()
    );
    assert_eq!(state.hops(), 0);
}

#[test]
fn bounded() {
    let sent = request(Method::GET, "https://api.hume.ai/a");
    let mut state = RedirectState::new(2);
    assert!(
        state
            .next(&sent, StatusCode::FOUND, &location("/b"))
            .unwrap()
            .is_some()
    );
    assert!(
        state
            .next(&sent, StatusCode::FOUND, &location("/c"))
            .unwrap()
            .is_some()
    );
    let err = state
        .next(&sent, StatusCode::FOUND, &location("/d"))
        .unwrap_err();
    assert!(matches!(err, HumeError::TooManyRedirects { limit: 2 }));
    let err = RedirectState::new(0)
        .next(&sent, StatusCode::FOUND, &location("/d"))
        .unwrap_err();
    assert!(matches!(err, HumeError::TooManyRedirects { limit: 0 }));
}

#[test]
fn method_rewriting() {
    let mut sent = request(Method::POST, "https://api.hume.ai/v0/batch/jobs");
    sent.body = RequestBody::Json(Bytes::from_static(b"{}"));
    sent.headers
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    let next = RedirectState::default()
        .next(&sent, StatusCode::SEE_OTHER, &location("/x"))
        .unwrap()
        .unwrap();
    assert_eq!(next.method, Method::GET);
    assert!(next.body.is_empty());
    assert!(!next.headers.contains_key(CONTENT_TYPE));
    let next = RedirectState::default()
        .next(&sent, StatusCode::FOUND, &location("/x"))
        .unwrap()
        .unwrap();
    assert_eq!(next.method, Method::GET);
    let next = RedirectState::default()
        .next(&sent, StatusCode::PERMANENT_REDIRECT, &location("/x"))
        .unwrap()
        .unwrap();
    assert_eq!(next.method, Method::POST);
    assert_eq!(next.body.content_length(), 2);
}

#[test]
fn bad_locations() {
    let sent = request(Method::GET, "https://api.hume.ai/a");
    for bad in ["ftp://x/y", "http://[::1"] {
        let err = RedirectState::default()
            .next(&sent, StatusCode::FOUND, &location(bad))
            .unwrap_err();
        assert!(
            matches!(err, HumeError::BadRedirect { .. }),
            "{bad}: {err:?}"
        );
    }
}
