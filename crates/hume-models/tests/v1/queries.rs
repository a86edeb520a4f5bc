//! Run queries: cursor → query pairs and back.

use hume_models::v1::{ListRunsQuery, RunEndpoint, RunEventsQuery, RunMode, RunStatus, RunsPage};
use jiff::Timestamp;

use crate::fixtures;

#[test]
fn every_filter_becomes_a_pair_in_order() {
    let q = ListRunsQuery::new()
        .with_page_size(50)
        .with_cursor("eyJ0IjoxfQ")
        .with_user_id("user_7c1f0e")
        .with_status(RunStatus::Errored)
        .with_mode(RunMode::File)
        .with_endpoint(RunEndpoint::Video)
        .with_started_before("2026-10-22T00:00:00Z".parse().unwrap())
        .with_started_after("2026-10-21T06:30:00.250Z".parse().unwrap());
    let pairs = q.to_query_pairs();
    let expect: Vec<(&str, &str)> = vec![
        ("page_size", "50"),
        ("cursor", "eyJ0IjoxfQ"),
        ("user_id", "user_7c1f0e"),
        ("status", "errored"),
        ("mode", "file"),
        ("endpoint", "video"),
        ("started_before", "2026-10-22T00:00:00Z"),
        ("started_after", "2026-10-21T06:30:00.25Z"),
    ];
    let got: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(got, expect);
    assert_eq!(ListRunsQuery::from_query_pairs(pairs).unwrap(), q);
    assert!(ListRunsQuery::new().to_query_pairs().is_empty());
}

#[test]
fn paging_follows_next_cursor() {
    let page = RunsPage::from_response(&fixtures::bytes("runs-page.json")).unwrap();
    let first = ListRunsQuery::new().with_status(RunStatus::Ended);
    let mut next = first.clone();
    next.cursor = page.next_cursor.clone();
    let pairs = next.to_query_pairs();
    assert_eq!(pairs[0].0, "cursor");
    assert_eq!(pairs[1], ("status", "ended".to_owned()));
}

#[test]
fn a_server_reads_pairs_leniently_but_rejects_bad_numbers_and_times() {
    let q = ListRunsQuery::from_query_pairs([
        ("status", "paused"),
        ("mode", "realtime"),
        ("unknown", "x"),
        ("page_size", "5"),
        ("page_size", "7"),
        ("started_after", "2026-10-21T10:00:00+02:00"),
    ])
    .unwrap();
    assert_eq!(q.status, Some(RunStatus::Other("paused".into())));
    assert!(RunStatus::parse_known("paused").is_err());
    assert_eq!(RunStatus::parse_known("live").unwrap(), RunStatus::Live);
    assert_eq!(q.mode, Some(RunMode::Realtime));
    assert_eq!(q.page_size, Some(7));
    assert_eq!(
        q.started_after,
        Some("2026-10-21T08:00:00Z".parse::<Timestamp>().unwrap())
    );

    let err = ListRunsQuery::from_query_pairs([("page_size", "-1")]).unwrap_err();
    assert_eq!((err.kind(), err.value()), ("page_size", "-1"));
    let err = ListRunsQuery::from_query_pairs([("started_before", "yesterday")]).unwrap_err();
    assert_eq!(err.kind(), "started_before");
}

#[test]
fn run_events_query_pairs() {
    let q = RunEventsQuery::new().with_page_size(10).with_cursor("c");
    let pairs = q.to_query_pairs();
    assert_eq!(
        pairs,
        vec![("page_size", "10".to_owned()), ("cursor", "c".to_owned())]
    );
    assert_eq!(RunEventsQuery::from_query_pairs(pairs).unwrap(), q);
    assert!(RunEventsQuery::from_query_pairs([("page_size", "many")]).is_err());
    assert!(RunEventsQuery::new().to_query_pairs().is_empty());
}
