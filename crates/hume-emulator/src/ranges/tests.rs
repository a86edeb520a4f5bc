use super::*;

#[test]
fn ranges_resolve_against_the_length() {
    let part = |start, end| RangeRequest::Part { start, end };
    assert_eq!(parse_range("bytes=0-", 10), part(0, 10));
    assert_eq!(parse_range("bytes=4-", 10), part(4, 10));
    assert_eq!(parse_range("bytes=4-6", 10), part(4, 7));
    assert_eq!(parse_range("bytes=4-600", 10), part(4, 10));
    assert_eq!(parse_range("bytes=-3", 10), part(7, 10));
    assert_eq!(parse_range("bytes=-30", 10), part(0, 10));
    assert_eq!(parse_range(" bytes= 9 - ", 10), part(9, 10));
}

#[test]
fn unsatisfiable_and_ignored_ranges() {
    assert_eq!(parse_range("bytes=10-", 10), RangeRequest::Unsatisfiable);
    assert_eq!(parse_range("bytes=-0", 10), RangeRequest::Unsatisfiable);
    assert_eq!(parse_range("bytes=-5", 0), RangeRequest::Unsatisfiable);
    for ignored in [
        "items=0-1",
        "bytes=0-1,3-4",
        "bytes=5-2",
        "bytes=x-",
        "bytes=-",
        "bytes",
    ] {
        assert_eq!(parse_range(ignored, 10), RangeRequest::Whole, "{ignored}");
    }
}

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, HeaderValue::from_str(value).unwrap());
    }
    map
}

async fn body_of(response: Response) -> Vec<u8> {
    axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec()
}

#[tokio::test]
async fn responses_offer_ranges_and_honour_them() {
    let body = b"0123456789".to_vec();
    let tag = etag(&body);

    let whole = respond(&HeaderMap::new(), body.clone(), "application/json");
    assert_eq!(whole.status(), StatusCode::OK);
    assert_eq!(whole.headers()["accept-ranges"], "bytes");
    assert_eq!(whole.headers()["etag"], tag.as_str());
    assert_eq!(body_of(whole).await, body);

    let part = respond(
        &headers(&[("range", "bytes=6-")]),
        body.clone(),
        "application/json",
    );
    assert_eq!(part.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.headers()["content-range"], "bytes 6-9/10");
    assert_eq!(body_of(part).await, b"6789");

    let same = respond(
        &headers(&[("range", "bytes=2-3"), ("if-range", &tag)]),
        body.clone(),
        "application/json",
    );
    assert_eq!(same.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(body_of(same).await, b"23");

    let changed = respond(
        &headers(&[("range", "bytes=2-3"), ("if-range", "\"other\"")]),
        body.clone(),
        "application/json",
    );
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(body_of(changed).await, body);

    let past = respond(
        &headers(&[("range", "bytes=10-")]),
        body,
        "application/json",
    );
    assert_eq!(past.status(), StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(past.headers()["content-range"], "bytes */10");
}
