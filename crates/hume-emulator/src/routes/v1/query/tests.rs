use super::*;

fn uri(q: &str) -> Uri {
    format!("/v1/expression/run?{q}").parse().unwrap()
}

const ALLOWED: &[&str] = &["page_size", "cursor", "started_after"];

fn error(q: &str) -> String {
    let e = params(&uri(q), ALLOWED).unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_request");
    e.message
}

#[test]
fn parameters_are_decoded() {
    let p = params(
        &uri("page_size=5&started_after=2026-10-06T12%3A00%3A00%2B02%3A00"),
        ALLOWED,
    )
    .unwrap();
    assert_eq!(p["page_size"], "5");
    assert_eq!(p["started_after"], "2026-10-06T12:00:00+02:00");
    assert!(
        params(&"/v1/expression/run".parse().unwrap(), ALLOWED)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn unknown_repeated_or_empty_parameters_are_refused() {
    assert!(error("pagesize=5").contains("unknown query parameter `pagesize`"));
    assert!(error("cursor=a&cursor=b").contains("more than once"));
    assert!(error("cursor=").contains("must not be empty"));
}

#[test]
fn page_sizes() {
    let size = |q: &str| page_size(&params(&uri(q), ALLOWED).unwrap());
    assert_eq!(size("").unwrap(), 50);
    assert_eq!(size("page_size=1").unwrap(), 1);
    assert_eq!(size("page_size=200").unwrap(), 200);
    for bad in ["0", "201", "-1", "abc", "1.5", "99999999999999999999"] {
        let e = size(&format!("page_size={bad}")).unwrap_err();
        assert!(e.message.contains("from 1 to 200"), "{bad}: {}", e.message);
    }
}
