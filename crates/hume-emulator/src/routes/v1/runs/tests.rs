use hume_models::v1::{AudioRunConfig, RunEventKind, RunSummary};

use super::*;
use crate::EmulatorConfig;

fn at(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(1_790_000_000_000 + ms).unwrap()
}

fn state_with_runs(n: i64) -> AppState {
    let state = AppState::new(EmulatorConfig::default());
    for i in 0..n {
        let user = if i % 2 == 0 { "even" } else { "odd" };
        let summary = RunSummary::new(
            format!("run-{i}"),
            user,
            RunStatus::Ended,
            RunEndpoint::Audio,
            RunMode::File,
            at(i),
            10.0,
        );
        state
            .v1
            .runs
            .insert(Run::new(summary, AudioRunConfig::default().into()));
    }
    state
}

fn uri(q: &str) -> Uri {
    format!("/v1/expression/run?{q}").parse().unwrap()
}

fn ids(page: &RunsPage) -> Vec<String> {
    page.runs.iter().map(|r| r.run_id.to_string()).collect()
}

#[test]
fn cursors_page_through_every_run_once() {
    let state = state_with_runs(5);
    let first = list(&state, &uri("page_size=2")).unwrap();
    assert_eq!(ids(&first), ["run-4", "run-3"]);
    let cursor = first.next_cursor.clone().unwrap();
    let second = list(&state, &uri(&format!("page_size=2&cursor={cursor}"))).unwrap();
    assert_eq!(ids(&second), ["run-2", "run-1"]);
    let third = list(
        &state,
        &uri(&format!(
            "page_size=2&cursor={}",
            second.next_cursor.unwrap()
        )),
    )
    .unwrap();
    assert_eq!(ids(&third), ["run-0"]);
    assert!(third.next_cursor.is_none());
    // The page size may change between pages.
    let rest = list(&state, &uri(&format!("page_size=10&cursor={cursor}"))).unwrap();
    assert_eq!(ids(&rest), ["run-2", "run-1", "run-0"]);
}

#[test]
fn a_cursor_only_works_with_its_filters() {
    let state = state_with_runs(5);
    let first = list(&state, &uri("page_size=1&user_id=even")).unwrap();
    assert_eq!(ids(&first), ["run-4"]);
    let cursor = first.next_cursor.unwrap();
    let next = list(
        &state,
        &uri(&format!("page_size=1&user_id=even&cursor={cursor}")),
    )
    .unwrap();
    assert_eq!(ids(&next), ["run-2"]);
    let e = list(&state, &uri(&format!("user_id=odd&cursor={cursor}"))).unwrap_err();
    assert!(e.message.contains("other filters"), "{}", e.message);
    let e = list(&state, &uri(&format!("cursor={cursor}x"))).unwrap_err();
    assert!(e.message.contains("not valid"), "{}", e.message);
    // A run-list cursor is not an events cursor.
    let e = events(&state, "run-1", &uri(&format!("cursor={cursor}"))).unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_request");
}

#[test]
fn bad_values_are_invalid_requests() {
    let state = state_with_runs(1);
    for (q, needle) in [
        (
            "status=done",
            "`status` must be one of live, ended, errored",
        ),
        ("mode=batch", "`mode` must be one of realtime, file"),
        ("endpoint=text", "`endpoint` must be one of audio, video"),
        ("started_before=yesterday", "RFC 3339"),
        ("started_after=2026-13-01T00:00:00Z", "RFC 3339"),
        ("page_size=0", "from 1 to 200"),
        ("sort=asc", "unknown query parameter `sort`"),
    ] {
        let e = list(&state, &uri(q)).unwrap_err();
        assert_eq!(e.code.as_str(), "invalid_request");
        assert!(e.message.contains(needle), "{q}: {}", e.message);
    }
    // An empty range is no error: it matches nothing.
    let empty = list(
        &state,
        &uri("started_after=2030-01-01T00:00:00Z&started_before=2020-01-01T00:00:00Z"),
    )
    .unwrap();
    assert!(empty.runs.is_empty() && empty.next_cursor.is_none());
}

#[test]
fn events_page_with_cursors_bound_to_the_run() {
    let state = state_with_runs(2);
    for i in 0..5 {
        state
            .v1
            .runs
            .record_event("run-0", RunEventKind::InvalidAudioFrame, None, at(i));
    }
    let first = events(&state, "run-0", &uri("page_size=2")).unwrap();
    assert_eq!(
        first.events.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [1, 2]
    );
    let cursor = first.next_cursor.unwrap();
    let second = events(
        &state,
        "run-0",
        &uri(&format!("page_size=2&cursor={cursor}")),
    )
    .unwrap();
    assert_eq!(
        second.events.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [3, 4]
    );
    let e = events(&state, "run-1", &uri(&format!("cursor={cursor}"))).unwrap_err();
    assert!(e.message.contains("another run"), "{}", e.message);
    let empty = events(&state, "run-1", &uri("")).unwrap();
    assert!(empty.events.is_empty() && !empty.at_cap && !empty.gaps && empty.next_cursor.is_none());
    let e = events(&state, "nope", &uri("")).unwrap_err();
    assert_eq!(e.status.as_u16(), 404);
    let e = find(&state, "nope").unwrap_err();
    assert_eq!((e.status.as_u16(), e.code.as_str()), (404, "not_found"));
}
