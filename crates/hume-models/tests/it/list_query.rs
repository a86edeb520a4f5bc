//! List-jobs query parameters.

use hume_models::{BatchJobStatus, Direction, ListJobsQuery, SortBy, When};

#[test]
fn empty_query_sends_nothing() {
    assert!(ListJobsQuery::new().to_query_pairs().is_empty());
}

#[test]
fn every_parameter_in_order_with_repeated_status() {
    let q = ListJobsQuery::new()
        .with_limit(25)
        .with_status(BatchJobStatus::Queued)
        .with_status(BatchJobStatus::Completed)
        .with_when(When::CreatedAfter, 1_704_319_392_247)
        .with_sort_by(SortBy::Ended)
        .with_direction(Direction::Asc);
    let pairs = q.to_query_pairs();
    let expected: Vec<(&str, String)> = vec![
        ("limit", "25".into()),
        ("status", "QUEUED".into()),
        ("status", "COMPLETED".into()),
        ("when", "created_after".into()),
        ("timestamp_ms", "1704319392247".into()),
        ("sort_by", "ended".into()),
        ("direction", "asc".into()),
    ];
    assert_eq!(pairs, expected);
    assert_eq!(ListJobsQuery::from_query_pairs(pairs).unwrap(), q);
}

#[test]
fn enum_wire_names() {
    let names = |v: Vec<&'static str>| v;
    assert_eq!(
        names(When::ALL.iter().map(|w| w.as_str()).collect()),
        ["created_before", "created_after"]
    );
    assert_eq!(
        names(SortBy::ALL.iter().map(|w| w.as_str()).collect()),
        ["created", "started", "ended"]
    );
    assert_eq!(
        names(Direction::ALL.iter().map(|w| w.as_str()).collect()),
        ["asc", "desc"]
    );
    assert_eq!("DESC".parse::<Direction>().unwrap(), Direction::Desc);
}

#[test]
fn parsing_from_a_server_side_query() {
    let q = ListJobsQuery::from_query_pairs([
        ("status", "IN_PROGRESS"),
        ("utm_source", "ignored"),
        ("status", "WEIRD"),
        ("sort_by", "created"),
        ("limit", "1"),
        ("limit", "3"),
    ])
    .unwrap();
    assert_eq!(q.limit, Some(3));
    assert_eq!(
        q.statuses,
        [
            BatchJobStatus::InProgress,
            BatchJobStatus::Unknown("WEIRD".into())
        ]
    );
    assert_eq!(q.sort_by, Some(SortBy::Created));
    assert_eq!(q.when, None);
    assert_eq!(q.timestamp_ms, None);
}

#[test]
fn bad_values_name_the_parameter() {
    for (k, v) in [
        ("limit", "-1"),
        ("limit", "many"),
        ("when", "yesterday"),
        ("timestamp_ms", "soon"),
        ("sort_by", "name"),
        ("direction", "up"),
        ("status", ""),
    ] {
        let err = ListJobsQuery::from_query_pairs([(k, v)]).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("invalid "), "{text}");
        assert_eq!(err.value(), v);
    }
    let err = ListJobsQuery::from_query_pairs([("sort_by", "name")]).unwrap_err();
    assert_eq!(err.kind(), "sort_by");
}
