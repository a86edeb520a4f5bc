use super::*;

#[test]
fn replays_in_order_and_records() {
    let mock = MockTransport::new()
        .with_response(
            MockResponse::json(200, &serde_json::json!({"job_id": "a"})).with_header("x-one", "1"),
        )
        .with_error(TransportError::connect("refused"));
    let handle = mock.clone();
    let mut req = HttpRequest::new(Method::POST, "http://127.0.0.1/v0/batch/jobs");
    req.body = RequestBody::Json(Bytes::from_static(b"{\"urls\":[]}"));
    req.timeout = Some(Duration::from_secs(3));
    let mut resp = Transport::send(&mock, req).unwrap();
    assert_eq!(resp.status, StatusCode::OK);
    assert_eq!(resp.headers["x-one"], "1");
    assert_eq!(
        resp.body.read_to_vec_limited(100).unwrap(),
        br#"{"job_id":"a"}"#
    );
    let err =
        Transport::send(&mock, HttpRequest::new(Method::GET, "http://127.0.0.1/x")).unwrap_err();
    assert!(err.is_connect());
    let reqs = handle.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].json(), serde_json::json!({"urls": []}));
    assert_eq!(reqs[0].timeout, Some(Duration::from_secs(3)));
    assert_eq!(reqs[0].declared_length, 11);
    assert_eq!(reqs[1].method, Method::GET);
    handle.assert_all_used();
    let err =
        Transport::send(&mock, HttpRequest::new(Method::GET, "http://127.0.0.1/y")).unwrap_err();
    assert!(err.to_string().contains("request not sent"));
}

#[test]
#[should_panic(expected = "1 scripted step(s) were never used")]
fn unused_steps_are_reported() {
    MockTransport::new()
        .with_response(MockResponse::new(200))
        .assert_all_used();
}

#[test]
fn records_multipart_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(&f, b"content").unwrap();
    let body = crate::MultipartBody::builder()
        .file(&f)
        .boundary("B")
        .build()
        .unwrap();
    let mock = MockTransport::new().with_response(MockResponse::new(200));
    let mut req = HttpRequest::new(Method::POST, "http://127.0.0.1/v0/batch/jobs");
    req.body = RequestBody::Multipart(body.clone());
    Transport::send(&mock, req).unwrap();
    let rec = &mock.requests()[0];
    assert_eq!(rec.body.len() as u64, body.content_length());
    assert!(String::from_utf8_lossy(&rec.body).contains("filename=\"a.txt\""));
    assert_eq!(
        rec.body_content_type.as_ref().unwrap(),
        "multipart/form-data; boundary=B"
    );
}
