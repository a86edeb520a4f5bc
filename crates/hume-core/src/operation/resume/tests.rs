use super::*;

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, HeaderValue::from_str(value).unwrap());
    }
    map
}

#[test]
fn content_ranges_parse_or_are_refused() {
    let parse = |v: &str| content_range(&headers(&[("content-range", v)]));
    assert_eq!(parse("bytes 10-19/20"), Some((10, Some(20))));
    assert_eq!(parse("bytes 0-0/*"), Some((0, None)));
    assert_eq!(parse("bytes 10-9/20"), None, "last before first");
    assert_eq!(parse("bytes 10-19/19"), None, "past the total");
    assert_eq!(parse("bytes */20"), None);
    assert_eq!(parse("items 1-2/3"), None);
    assert_eq!(content_range(&HeaderMap::new()), None);
}
