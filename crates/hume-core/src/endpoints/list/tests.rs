//! The pager against simulated servers: strict and inclusive comparisons, any tie order,
//! milliseconds holding more jobs than a page.

use std::collections::HashMap;

use hume_models::{BatchJobDetails, BatchJobStatus, Direction, ListJobsQuery, SortBy, When};
use serde_json::json;

use super::*;
use crate::config::ClientConfig;
use crate::{ApiKey, BaseUrl};

fn job(id: &str, created: i64) -> BatchJobDetails {
    BatchJobDetails::from_value(json!({
        "job_id": id,
        "state": {"status": "COMPLETED", "created_timestamp_ms": created}
    }))
    .unwrap()
}

fn page(items: &[(&str, i64)]) -> Vec<BatchJobDetails> {
    items.iter().map(|(id, ts)| job(id, *ts)).collect()
}

fn ids(jobs: &[BatchJobDetails]) -> Vec<String> {
    jobs.iter()
        .map(|j| j.job_id.clone().unwrap().into_string())
        .collect()
}

/// A server holding `jobs` (id, created), comparing strictly or inclusively, ordering ties
/// by a per-job key (its own, unknown to the client).
struct Server {
    jobs: Vec<(String, i64, u64)>,
    inclusive: bool,
}

impl Server {
    fn new(created: &[i64], inclusive: bool, seed: u64) -> Self {
        let mut rng = fastrand::Rng::with_seed(seed);
        let jobs = created
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("job-{i}"), *c, rng.u64(..)))
            .collect();
        Self { jobs, inclusive }
    }

    fn answer(&self, q: &ListJobsQuery) -> Vec<BatchJobDetails> {
        let mut hits: Vec<&(String, i64, u64)> = self
            .jobs
            .iter()
            .filter(|(_, c, _)| match (q.when, q.timestamp_ms) {
                (Some(When::CreatedBefore), Some(t)) => *c < t || (self.inclusive && *c == t),
                (Some(When::CreatedAfter), Some(t)) => *c > t || (self.inclusive && *c == t),
                _ => true,
            })
            .collect();
        hits.sort_by_key(|(_, c, tie)| (*c, *tie));
        if q.direction != Some(Direction::Asc) {
            hits.reverse();
        }
        hits.truncate(q.limit.unwrap_or(50) as usize);
        hits.iter().map(|(id, c, _)| job(id, *c)).collect()
    }
}

/// Pages through `server`; returns every job handed out and the number of pages.
fn list_all(server: &Server, query: ListJobsQuery) -> (Vec<String>, usize) {
    let mut paging = ListAllJobs::new(query);
    let mut out = Vec::new();
    let mut pages = 0;
    while let Some(q) = paging.next_query() {
        pages += 1;
        assert!(pages < 10_000, "the pager loops");
        let answer = server.answer(q);
        out.extend(ids(&paging.accept(answer)));
    }
    (out, pages)
}

fn check_exactly_once(server: &Server, got: &[String], expected: impl Fn(i64) -> bool) {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for id in got {
        *counts.entry(id).or_default() += 1;
    }
    for (id, created, _) in &server.jobs {
        let want = usize::from(expected(*created));
        assert_eq!(
            counts.get(id.as_str()).copied().unwrap_or(0),
            want,
            "{id} created at {created} (inclusive: {})",
            server.inclusive
        );
    }
    assert_eq!(got.len(), counts.values().sum::<usize>());
}

#[test]
fn every_job_once_under_both_comparisons_and_any_tie_order() {
    let shapes: Vec<(&str, Vec<i64>)> = vec![
        ("distinct", (0..120).map(|i| 1_000 + i * 7).collect()),
        ("pairs", (0..120).map(|i| 1_000 + i / 2).collect()),
        ("one millisecond", vec![5_000; 333]),
        (
            "a few milliseconds",
            (0..1_000).map(|i| 9_000 + i % 3).collect(),
        ),
        (
            "mixed",
            (0..400)
                .map(|i| if i % 5 == 0 { 2_000 } else { 2_000 + i })
                .collect(),
        ),
    ];
    for (name, created) in &shapes {
        for inclusive in [false, true] {
            for limit in [1, 3, 50] {
                let server = Server::new(created, inclusive, limit.into());
                let (got, pages) = list_all(&server, ListJobsQuery::new().with_limit(limit));
                check_exactly_once(&server, &got, |_| true);
                assert!(pages <= 2 * created.len() + 20, "{name}: {pages} pages");
                let (got, _) = list_all(
                    &server,
                    ListJobsQuery::new()
                        .with_limit(limit)
                        .with_when(When::CreatedAfter, 0),
                );
                check_exactly_once(&server, &got, |_| true);
            }
        }
    }
}

#[test]
fn the_callers_bound_is_kept() {
    let created: Vec<i64> = (0..200).map(|i| 100 + i / 4).collect();
    for inclusive in [false, true] {
        let server = Server::new(&created, inclusive, 9);
        let (got, _) = list_all(
            &server,
            ListJobsQuery::new()
                .with_limit(7)
                .with_when(When::CreatedBefore, 130),
        );
        check_exactly_once(&server, &got, |c| c < 130 || (inclusive && c == 130));
        let (got, _) = list_all(
            &server,
            ListJobsQuery::new()
                .with_limit(7)
                .with_when(When::CreatedAfter, 130),
        );
        check_exactly_once(&server, &got, |c| c > 130 || (inclusive && c == 130));
    }
}

#[test]
fn the_first_query_is_the_callers_and_the_next_re_asks_the_cut_millisecond() {
    let ctx = ClientContext::new(
        ClientConfig::new()
            .with_api_key(ApiKey::new("k").unwrap())
            .with_base_url(BaseUrl::parse("http://127.0.0.1:4010").unwrap()),
        BaseUrl::batch_default(),
    )
    .unwrap();
    let mut paging = ListAllJobs::new(
        ListJobsQuery::new()
            .with_limit(3)
            .with_status(BatchJobStatus::Completed),
    );
    assert_eq!(
        paging.next_request(&ctx).unwrap().url,
        "http://127.0.0.1:4010/v0/batch/jobs?limit=3&status=COMPLETED&sort_by=created&direction=desc"
    );
    assert_eq!(
        ids(&paging.accept(page(&[("e", 50), ("d", 40), ("c", 30)]))),
        ["e", "d", "c"]
    );
    // The comparison may be strict: ask for created < 31, so the rest of ms 30 comes too.
    let q = paging.next_query().unwrap();
    assert_eq!(
        (q.when, q.timestamp_ms),
        (Some(When::CreatedBefore), Some(31))
    );
    assert_eq!(
        ids(&paging.accept(page(&[("c", 30), ("b", 20), ("a", 10)]))),
        ["b", "a"]
    );
    assert_eq!(paging.next_query().unwrap().timestamp_ms, Some(11));
    // A job created at exactly 11 shows an inclusive server: from now on timestamp = frontier.
    assert!(paging.accept(page(&[("z", 11), ("a", 10), ("y", 9)])).len() == 1);
    assert_eq!(paging.next_query().unwrap().timestamp_ms, Some(9));
    // A short page ends the listing.
    assert_eq!(ids(&paging.accept(page(&[("y", 9)]))), Vec::<String>::new());
    assert!(paging.is_done() && paging.next_request(&ctx).is_none());
}

#[test]
fn a_full_page_of_one_millisecond_doubles_the_page() {
    let mut paging = ListAllJobs::new(ListJobsQuery::new().with_limit(2));
    paging.accept(page(&[("a", 7), ("b", 7)]));
    assert_eq!(paging.next_query().unwrap().limit, Some(2));
    paging.accept(page(&[("a", 7), ("c", 7)]));
    assert_eq!(paging.next_query().unwrap().limit, Some(4));
    assert_eq!(paging.next_query().unwrap().timestamp_ms, Some(8));
    paging.accept(page(&[("a", 7), ("b", 7), ("c", 7), ("d", 5)]));
    let q = paging.next_query().unwrap();
    assert_eq!(
        (q.limit, q.timestamp_ms),
        (Some(2), Some(6)),
        "back to the page size"
    );
}

#[test]
fn short_empty_and_ascending_pages() {
    let mut paging = ListAllJobs::new(ListJobsQuery::new().with_limit(3));
    assert_eq!(paging.accept(page(&[("x", 5), ("y", 4)])).len(), 2);
    assert!(paging.is_done());
    let mut paging = ListAllJobs::new(ListJobsQuery::new());
    assert_eq!(paging.next_query().unwrap().limit, Some(DEFAULT_PAGE_LIMIT));
    assert!(paging.accept(Vec::new()).is_empty());
    assert!(paging.is_done());
    let mut paging = ListAllJobs::new(
        ListJobsQuery::new()
            .with_limit(2)
            .with_when(When::CreatedAfter, 100),
    );
    let q = paging.next_query().unwrap();
    assert_eq!(
        (q.direction, q.sort_by, q.timestamp_ms),
        (Some(Direction::Asc), Some(SortBy::Created), Some(100))
    );
    paging.accept(page(&[("p", 110), ("q", 120)]));
    let q = paging.next_query().unwrap();
    assert_eq!(
        (q.when, q.timestamp_ms),
        (Some(When::CreatedAfter), Some(119))
    );
}
