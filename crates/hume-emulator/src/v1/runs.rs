//! [`RunStore`]: every run the v1 endpoints recorded, bounded, newest first.
//!
//! Runs are ordered by [`RunKey`] (start time to the millisecond, then the order they were
//! recorded in), so a page cursor is simply the key of the last run returned: the next page
//! holds the runs strictly older than it, whatever was recorded since. At most `max_runs` are
//! kept; recording one more drops the oldest (and its events).

use std::collections::{BTreeMap, HashMap};
use std::sync::RwLock;

use hume_models::v1::{Run, RunEndpoint, RunEvent, RunEventKind, RunMode, RunStatus, RunSummary};
use jiff::Timestamp;
use serde_json::{Map, Value};

use super::run_events::EventLog;
use crate::hash::stable_hash;

/// A run's place in the newest-first order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct RunKey {
    /// `started_at` in Unix milliseconds.
    pub(crate) started_ms: i64,
    /// The order the run was recorded in (ties of `started_ms`).
    pub(crate) seq: u64,
}

/// The filters of `GET /v1/expression/run`; unset filters match every run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RunFilter {
    pub(crate) user_id: Option<String>,
    pub(crate) status: Option<RunStatus>,
    pub(crate) mode: Option<RunMode>,
    pub(crate) endpoint: Option<RunEndpoint>,
    /// Strictly before.
    pub(crate) started_before: Option<Timestamp>,
    /// At or after.
    pub(crate) started_after: Option<Timestamp>,
}

impl RunFilter {
    /// Does `run` pass every filter set?
    pub(crate) fn matches(&self, run: &Run) -> bool {
        self.user_id.as_ref().is_none_or(|u| *u == run.user_id)
            && self.status.as_ref().is_none_or(|s| *s == run.status)
            && self.mode.as_ref().is_none_or(|m| *m == run.mode)
            && self.endpoint.as_ref().is_none_or(|e| *e == run.endpoint)
            && self.started_before.is_none_or(|t| run.started_at < t)
            && self.started_after.is_none_or(|t| run.started_at >= t)
    }

    /// A number that changes when any filter does (sealed into cursors, so a cursor is only
    /// accepted with the filters it was issued for).
    pub(crate) fn fingerprint(&self) -> u64 {
        let text = |v: Option<&str>| v.map(str::to_owned).unwrap_or_else(|| "\u{0}".to_owned());
        let time = |t: Option<Timestamp>| {
            t.map(|t| t.as_nanosecond().to_string())
                .unwrap_or_else(|| "\u{0}".to_owned())
        };
        let parts = [
            text(self.user_id.as_deref()),
            text(self.status.as_ref().map(RunStatus::as_str)),
            text(self.mode.as_ref().map(RunMode::as_str)),
            text(self.endpoint.as_ref().map(RunEndpoint::as_str)),
            time(self.started_before),
            time(self.started_after),
        ];
        let refs: Vec<&[u8]> = parts.iter().map(|p| p.as_bytes()).collect();
        stable_hash(&refs)
    }
}

/// One page of runs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RunSlice {
    /// Newest first.
    pub(crate) runs: Vec<RunSummary>,
    /// The key of the last run returned, when more match.
    pub(crate) next_after: Option<RunKey>,
}

/// One page of a run's events, with the log's flags.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EventsPage {
    pub(crate) events: Vec<RunEvent>,
    pub(crate) at_cap: bool,
    pub(crate) capped_kinds: Vec<RunEventKind>,
    pub(crate) gaps: bool,
    /// The `seq` of the last event returned, when more follow.
    pub(crate) next_after: Option<u64>,
}

#[derive(Debug)]
struct Entry {
    key: RunKey,
    run: Run,
    events: EventLog,
}

#[derive(Debug, Default)]
struct Inner {
    order: BTreeMap<RunKey, String>,
    runs: HashMap<String, Entry>,
    next_seq: u64,
}

/// The runs of one emulator.
#[derive(Debug)]
pub(crate) struct RunStore {
    inner: RwLock<Inner>,
    max_runs: usize,
    max_events_per_kind: usize,
}

impl RunStore {
    /// An empty store keeping at most `max_runs` runs (at least 1).
    pub(crate) fn new(max_runs: usize, max_events_per_kind: usize) -> RunStore {
        RunStore {
            inner: RwLock::new(Inner::default()),
            max_runs: max_runs.max(1),
            max_events_per_kind,
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Inner> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Inner> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Records a run (replacing one with the same id), dropping the oldest runs over the cap.
    pub(crate) fn insert(&self, run: Run) {
        let mut inner = self.write();
        let id = run.run_id.as_str().to_owned();
        if let Some(old) = inner.runs.remove(&id) {
            inner.order.remove(&old.key);
        }
        let key = RunKey {
            started_ms: run.started_at.as_millisecond(),
            seq: inner.next_seq,
        };
        inner.next_seq += 1;
        inner.order.insert(key, id.clone());
        inner.runs.insert(
            id,
            Entry {
                key,
                run,
                events: EventLog::new(),
            },
        );
        while inner.runs.len() > self.max_runs {
            let Some((_, oldest)) = inner.order.pop_first() else {
                break;
            };
            inner.runs.remove(&oldest);
        }
    }

    /// Changes a run in place (its place in the order and its events stay); whether a run has
    /// this id. A realtime session updates its live run this way.
    pub(crate) fn update(&self, run_id: &str, change: impl FnOnce(&mut Run)) -> bool {
        match self.write().runs.get_mut(run_id) {
            Some(entry) => {
                change(&mut entry.run);
                true
            }
            None => false,
        }
    }

    /// The run with this id.
    pub(crate) fn get(&self, run_id: &str) -> Option<Run> {
        self.read().runs.get(run_id).map(|e| e.run.clone())
    }

    /// Up to `page_size` runs matching `filter`, newest first, older than `after` when given.
    pub(crate) fn list(
        &self,
        filter: &RunFilter,
        after: Option<RunKey>,
        page_size: usize,
    ) -> RunSlice {
        let inner = self.read();
        let candidates: Box<dyn Iterator<Item = (&RunKey, &String)>> = match after {
            Some(after) => Box::new(inner.order.range(..after).rev()),
            None => Box::new(inner.order.iter().rev()),
        };
        let mut matching = candidates
            .filter_map(|(key, id)| inner.runs.get(id).map(|entry| (*key, entry)))
            .filter(|(_, entry)| filter.matches(&entry.run));
        let mut runs = Vec::with_capacity(page_size.min(256));
        let mut last = None;
        for (key, entry) in matching.by_ref().take(page_size) {
            runs.push(entry.run.summary());
            last = Some(key);
        }
        let more = matching.next().is_some();
        RunSlice {
            runs,
            next_after: if more { last } else { None },
        }
    }

    /// Up to `page_size` events of a run after `after`; `None` for an unknown run.
    pub(crate) fn events(&self, run_id: &str, after: u64, page_size: usize) -> Option<EventsPage> {
        let inner = self.read();
        let log = &inner.runs.get(run_id)?.events;
        let slice = log.page(after, page_size);
        Some(EventsPage {
            events: slice.events,
            at_cap: log.at_cap(),
            capped_kinds: log.capped_kinds().to_vec(),
            gaps: log.gaps(),
            next_after: slice.next_after,
        })
    }

    /// Logs an event for a run; its `seq`, or `None` when the run is unknown or the kind is
    /// at its limit.
    pub(crate) fn record_event(
        &self,
        run_id: &str,
        kind: RunEventKind,
        detail: Option<Map<String, Value>>,
        at: Timestamp,
    ) -> Option<u64> {
        let mut inner = self.write();
        let limit = self.max_events_per_kind;
        inner
            .runs
            .get_mut(run_id)?
            .events
            .record(kind, detail, at, limit)
    }

    /// Number of runs kept.
    pub(crate) fn len(&self) -> usize {
        self.read().runs.len()
    }
}

#[cfg(test)]
mod tests;
