//! `list_all_jobs` against the emulator when 1,000 jobs are created within a few
//! milliseconds (far more per millisecond than a page holds), with both the strict and the
//! inclusive comparison of `created_before`, on both clients: each job exactly once.

use std::collections::HashMap;
use std::time::Duration;

use hume::models::ListJobsQuery;
use hume::{BatchJobDetails, JobId, JobRequest};
use hume_emulator::{Emulator, EmulatorConfig, ListBounds};

use crate::support::{KEY, async_client, blocking, blocking_client};

const JOBS: usize = 1_000;

fn check_each_once(listed: &[BatchJobDetails], created: &[JobId], what: &str) {
    let mut counts: HashMap<&JobId, usize> = HashMap::new();
    for job in listed {
        *counts
            .entry(job.job_id.as_ref().expect("an id"))
            .or_default() += 1;
    }
    let twice: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "{what}: listed more than once: {twice:?}");
    let missing = created.iter().filter(|id| !counts.contains_key(id)).count();
    assert_eq!(missing, 0, "{what}: {missing} jobs never listed");
    assert_eq!(listed.len(), JOBS, "{what}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_thousand_jobs_in_a_few_milliseconds_are_each_listed_once() {
    for bounds in [ListBounds::Strict, ListBounds::Inclusive] {
        let emulator = Emulator::start(
            EmulatorConfig::default()
                .with_api_key(KEY)
                .with_list_bounds(bounds)
                .with_queued_duration(Duration::from_secs(60)),
        )
        .await
        .unwrap();
        let request = JobRequest::new().with_url("https://example.com/media/face.jpg");
        let created = emulator.create_jobs(&request, JOBS).await.unwrap();
        let what = format!("{} comparison", bounds.as_str());

        let listed = async_client(&emulator.base_url())
            .list_all_jobs(ListJobsQuery::new())
            .collect()
            .await
            .unwrap();
        check_each_once(&listed, &created, &format!("async client, {what}"));
        let mut per_ms: HashMap<i64, usize> = HashMap::new();
        for ms in listed.iter().filter_map(|j| j.state.created_timestamp_ms) {
            *per_ms.entry(ms).or_default() += 1;
        }
        let crowded = per_ms.values().copied().max().unwrap_or(0);
        assert!(
            crowded > 50,
            "{crowded} jobs at most in one of {} milliseconds: not more than a page",
            per_ms.len()
        );

        let client = blocking_client(&emulator.base_url());
        let listed = blocking(move || {
            client
                .list_all_jobs(ListJobsQuery::new())
                .collect::<Result<Vec<_>, _>>()
                .unwrap()
        })
        .await;
        check_each_once(&listed, &created, &format!("blocking client, {what}"));
        emulator.shutdown().await;
    }
}
