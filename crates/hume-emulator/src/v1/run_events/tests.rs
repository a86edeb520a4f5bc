use super::*;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_790_000_000 + second).unwrap()
}

fn detail(text: &str) -> Option<Map<String, Value>> {
    let mut map = Map::new();
    map.insert("detail".to_owned(), Value::String(text.to_owned()));
    Some(map)
}

#[test]
fn events_are_numbered_from_one_in_order() {
    let mut log = EventLog::new();
    assert_eq!(
        log.record(
            RunEventKind::InvalidAudioFrame,
            detail("odd length"),
            at(1),
            10
        ),
        Some(1)
    );
    assert_eq!(
        log.record(RunEventKind::RateLimited, None, at(2), 10),
        Some(2)
    );
    let page = log.page(0, 50);
    assert_eq!(page.next_after, None);
    assert_eq!(page.events.len(), 2);
    assert_eq!(page.events[0].reject_detail(), Some("odd length"));
    assert_eq!(page.events[1].kind, RunEventKind::RateLimited);
    assert_eq!(page.events[1].at, at(2));
    assert!(!log.at_cap() && !log.gaps());
    assert_eq!(log.len(), 2);
}

#[test]
fn a_kind_over_its_limit_is_capped_and_takes_no_number() {
    let mut log = EventLog::new();
    for i in 0..3 {
        assert_eq!(
            log.record(RunEventKind::RateLimited, None, at(i), 2),
            (i < 2).then_some(i as u64 + 1)
        );
    }
    // Other kinds still log, and numbering stays contiguous.
    assert_eq!(
        log.record(RunEventKind::InvalidImageFrame, None, at(9), 2),
        Some(3)
    );
    assert!(log.at_cap());
    assert_eq!(log.capped_kinds(), [RunEventKind::RateLimited]);
    assert!(!log.gaps());
    // Reaching the limit is not being capped: only a dropped event is.
    let mut exact = EventLog::new();
    exact.record(RunEventKind::RateLimited, None, at(0), 1);
    assert!(!exact.at_cap());
    // A limit of zero logs nothing.
    let mut none = EventLog::new();
    assert_eq!(none.record(RunEventKind::RateLimited, None, at(0), 0), None);
    assert!(none.at_cap() && none.len() == 0);
}

#[test]
fn pages_follow_seq() {
    let mut log = EventLog::new();
    for i in 0..7 {
        log.record(RunEventKind::InvalidAudioFrame, None, at(i), 100);
    }
    let first = log.page(0, 3);
    assert_eq!(
        first.events.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(first.next_after, Some(3));
    let second = log.page(3, 3);
    assert_eq!(
        second.events.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [4, 5, 6]
    );
    assert_eq!(second.next_after, Some(6));
    let last = log.page(6, 3);
    assert_eq!(last.events.iter().map(|e| e.seq).collect::<Vec<_>>(), [7]);
    assert_eq!(last.next_after, None);
    // Exactly a page's worth left: no further cursor.
    assert_eq!(log.page(4, 3).next_after, None);
    assert!(log.page(7, 3).events.is_empty());
    assert!(EventLog::new().page(0, 50).events.is_empty());
}
