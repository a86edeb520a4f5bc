//! [`EventLog`]: the event log of one run, with a logging limit per kind.
//!
//! Events are numbered from 1 in the order they are logged. Once a kind has logged its limit
//! ([`V1Config::with_max_events_per_kind`](crate::V1Config::with_max_events_per_kind)), later
//! events of that kind are not logged and take no number; the log then reports `at_cap` and
//! names the kind in `capped_kinds` (in the order the kinds were capped). The emulator never
//! loses an entry it numbered, so `gaps` is false unless the numbers stored are not
//! contiguous.

use std::collections::HashMap;

use hume_models::v1::{RunEvent, RunEventKind};
use jiff::Timestamp;
use serde_json::{Map, Value};

/// One run's events.
#[derive(Debug, Clone, Default)]
pub(crate) struct EventLog {
    events: Vec<RunEvent>,
    per_kind: HashMap<RunEventKind, usize>,
    capped: Vec<RunEventKind>,
}

/// A page of a log: the events after a position, and where the next page starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EventSlice {
    /// The events, in `seq` order.
    pub(crate) events: Vec<RunEvent>,
    /// The `seq` of the last event returned, when more follow.
    pub(crate) next_after: Option<u64>,
}

impl EventLog {
    /// An empty log.
    pub(crate) fn new() -> EventLog {
        EventLog::default()
    }

    /// Logs an event unless its kind has used up `limit`; returns its `seq` when logged.
    pub(crate) fn record(
        &mut self,
        kind: RunEventKind,
        detail: Option<Map<String, Value>>,
        at: Timestamp,
        limit: usize,
    ) -> Option<u64> {
        let count = self.per_kind.entry(kind.clone()).or_insert(0);
        if *count >= limit {
            if !self.capped.contains(&kind) {
                self.capped.push(kind);
            }
            return None;
        }
        *count += 1;
        let seq = self.events.len() as u64 + 1;
        self.events
            .push(RunEvent::new(seq, at, kind).with_detail(detail));
        Some(seq)
    }

    /// Up to `page_size` events with `seq` greater than `after`.
    pub(crate) fn page(&self, after: u64, page_size: usize) -> EventSlice {
        let start = self.events.partition_point(|e| e.seq <= after);
        let rest = &self.events[start..];
        let taken = &rest[..rest.len().min(page_size)];
        let next_after = (rest.len() > taken.len())
            .then(|| taken.last().map(|e| e.seq))
            .flatten();
        EventSlice {
            events: taken.to_vec(),
            next_after,
        }
    }

    /// Whether some kind used up its limit and an event of it was then dropped.
    pub(crate) fn at_cap(&self) -> bool {
        !self.capped.is_empty()
    }

    /// The kinds that used up their limit.
    pub(crate) fn capped_kinds(&self) -> &[RunEventKind] {
        &self.capped
    }

    /// Whether numbered entries are missing.
    pub(crate) fn gaps(&self) -> bool {
        self.events
            .iter()
            .enumerate()
            .any(|(i, e)| e.seq != i as u64 + 1)
    }

    /// Number of events logged.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.events.len()
    }
}

#[cfg(test)]
mod tests;
