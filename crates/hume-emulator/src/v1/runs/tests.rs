use hume_models::v1::{AudioRunConfig, RunConfig, VideoRunConfig};

use super::*;

fn at(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(1_790_000_000_000 + ms).unwrap()
}

fn run(id: &str, user: &str, endpoint: RunEndpoint, status: RunStatus, started: i64) -> Run {
    let config: RunConfig = match endpoint {
        RunEndpoint::Video => VideoRunConfig::default().into(),
        _ => AudioRunConfig::default().into(),
    };
    let summary = RunSummary::new(id, user, status, endpoint, RunMode::File, at(started), 10.0)
        .with_ended_at(at(started + 5));
    Run::new(summary, config)
}

fn ids(slice: &RunSlice) -> Vec<String> {
    slice.runs.iter().map(|r| r.run_id.to_string()).collect()
}

fn sample_store() -> RunStore {
    let store = RunStore::new(100, 10);
    store.insert(run("a", "u1", RunEndpoint::Audio, RunStatus::Ended, 0));
    store.insert(run("b", "u2", RunEndpoint::Video, RunStatus::Ended, 10));
    store.insert(run("c", "u1", RunEndpoint::Video, RunStatus::Errored, 10));
    store.insert(run("d", "u1", RunEndpoint::Audio, RunStatus::Ended, 20));
    store
}

#[test]
fn lists_newest_first_with_ties_by_recording_order() {
    let store = sample_store();
    let all = store.list(&RunFilter::default(), None, 50);
    assert_eq!(ids(&all), ["d", "c", "b", "a"]);
    assert_eq!(all.next_after, None);
    assert_eq!(store.len(), 4);
    assert_eq!(store.get("b").unwrap().user_id, "u2");
    assert!(store.get("zz").is_none());
}

#[test]
fn pages_continue_after_the_last_key_even_when_runs_are_added() {
    let store = sample_store();
    let first = store.list(&RunFilter::default(), None, 2);
    assert_eq!(ids(&first), ["d", "c"]);
    let after = first.next_after.unwrap();
    // A run recorded between two pages does not shift the next page.
    store.insert(run("e", "u1", RunEndpoint::Audio, RunStatus::Ended, 30));
    let second = store.list(&RunFilter::default(), Some(after), 2);
    assert_eq!(ids(&second), ["b", "a"]);
    assert_eq!(second.next_after, None, "nothing older remains");
}

#[test]
fn every_filter_applies() {
    let store = sample_store();
    let list = |filter: RunFilter| ids(&store.list(&filter, None, 50));
    let f = RunFilter::default;
    assert_eq!(
        list(RunFilter {
            user_id: Some("u1".into()),
            ..f()
        }),
        ["d", "c", "a"]
    );
    assert_eq!(
        list(RunFilter {
            status: Some(RunStatus::Errored),
            ..f()
        }),
        ["c"]
    );
    assert_eq!(
        list(RunFilter {
            endpoint: Some(RunEndpoint::Video),
            ..f()
        }),
        ["c", "b"]
    );
    assert_eq!(
        list(RunFilter {
            mode: Some(RunMode::Realtime),
            ..f()
        }),
        Vec::<String>::new()
    );
    assert_eq!(
        list(RunFilter {
            mode: Some(RunMode::File),
            ..f()
        })
        .len(),
        4
    );
    // started_before is strict, started_after inclusive: ranges sharing a boundary split cleanly.
    assert_eq!(
        list(RunFilter {
            started_before: Some(at(10)),
            ..f()
        }),
        ["a"]
    );
    assert_eq!(
        list(RunFilter {
            started_after: Some(at(10)),
            ..f()
        }),
        ["d", "c", "b"]
    );
    assert_eq!(
        list(RunFilter {
            started_after: Some(at(10)),
            started_before: Some(at(20)),
            user_id: Some("u1".into()),
            ..f()
        }),
        ["c"]
    );
    // Paging with a filter skips non-matching runs.
    let filter = RunFilter {
        user_id: Some("u1".into()),
        ..f()
    };
    let first = store.list(&filter, None, 1);
    let second = store.list(&filter, first.next_after, 1);
    let third = store.list(&filter, second.next_after, 1);
    assert_eq!(
        (ids(&first), ids(&second), ids(&third)),
        (
            vec!["d".to_owned()],
            vec!["c".to_owned()],
            vec!["a".to_owned()]
        )
    );
    assert_eq!(third.next_after, None);
}

#[test]
fn fingerprints_tell_filters_apart() {
    let f = RunFilter::default;
    let prints = [
        f().fingerprint(),
        RunFilter {
            user_id: Some("u1".into()),
            ..f()
        }
        .fingerprint(),
        RunFilter {
            status: Some(RunStatus::Ended),
            ..f()
        }
        .fingerprint(),
        RunFilter {
            mode: Some(RunMode::File),
            ..f()
        }
        .fingerprint(),
        RunFilter {
            endpoint: Some(RunEndpoint::Audio),
            ..f()
        }
        .fingerprint(),
        RunFilter {
            started_before: Some(at(1)),
            ..f()
        }
        .fingerprint(),
        RunFilter {
            started_after: Some(at(1)),
            ..f()
        }
        .fingerprint(),
    ];
    for (i, a) in prints.iter().enumerate() {
        for b in &prints[i + 1..] {
            assert_ne!(a, b);
        }
    }
    assert_eq!(f().fingerprint(), RunFilter::default().fingerprint());
}

#[test]
fn the_oldest_runs_are_dropped_over_the_cap() {
    let store = RunStore::new(2, 10);
    store.insert(run("a", "u", RunEndpoint::Audio, RunStatus::Ended, 0));
    store.insert(run("b", "u", RunEndpoint::Audio, RunStatus::Ended, 1));
    store.insert(run("c", "u", RunEndpoint::Audio, RunStatus::Ended, 2));
    assert_eq!(store.len(), 2);
    assert!(store.get("a").is_none());
    assert_eq!(
        ids(&store.list(&RunFilter::default(), None, 10)),
        ["c", "b"]
    );
    // Re-recording a run replaces it rather than adding one.
    store.insert(run("c", "u", RunEndpoint::Audio, RunStatus::Errored, 2));
    assert_eq!(store.len(), 2);
    assert_eq!(store.get("c").unwrap().status, RunStatus::Errored);
}

#[test]
fn events_are_kept_per_run_with_their_flags() {
    let store = RunStore::new(10, 2);
    store.insert(run("a", "u", RunEndpoint::Audio, RunStatus::Ended, 0));
    assert_eq!(
        store.record_event("nope", RunEventKind::RateLimited, None, at(0)),
        None
    );
    for i in 0..3 {
        store.record_event("a", RunEventKind::RateLimited, None, at(i));
    }
    store.record_event("a", RunEventKind::InvalidAudioFrame, None, at(5));
    let page = store.events("a", 0, 2).unwrap();
    assert_eq!(
        page.events.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(page.next_after, Some(2));
    assert!(page.at_cap && !page.gaps);
    assert_eq!(page.capped_kinds, [RunEventKind::RateLimited]);
    let rest = store.events("a", 2, 2).unwrap();
    assert_eq!(rest.events.len(), 1);
    assert_eq!(rest.events[0].kind, RunEventKind::InvalidAudioFrame);
    assert_eq!(rest.next_after, None);
    assert!(store.events("nope", 0, 10).is_none());
}

#[test]
fn updates_keep_the_order_and_the_events() {
    let store = sample_store();
    let before = ids(&store.list(&RunFilter::default(), None, 10));
    let id = before[1].clone();
    let seq = store.record_event(&id, RunEventKind::RateLimited, None, at(5));
    assert_eq!(seq, Some(1));
    assert!(store.update(&id, |run| {
        run.status = RunStatus::Ended;
        run.metered_seconds = 12.5;
    }));
    assert!(!store.update("no-such-run", |_| {}));
    let run = store.get(&id).unwrap();
    assert_eq!((run.status, run.metered_seconds), (RunStatus::Ended, 12.5));
    assert_eq!(ids(&store.list(&RunFilter::default(), None, 10)), before);
    assert_eq!(store.events(&id, 0, 10).unwrap().events.len(), 1);
}
