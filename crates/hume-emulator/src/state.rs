//! [`AppState`]: what every handler shares — configuration, the job map, fault plan, RNG, and
//! the v1 state.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use hume_models::JobId;

use crate::config::EmulatorConfig;
use crate::faults::FaultPlan;
use crate::job::Job;
use crate::v1::V1State;

/// The job store is full of jobs that are still running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StoreFull;

/// Shared state of one running emulator.
#[derive(Debug)]
pub(crate) struct AppState {
    pub(crate) config: EmulatorConfig,
    pub(crate) faults: FaultPlan,
    jobs: RwLock<HashMap<String, Arc<Job>>>,
    next_seq: AtomicU64,
    ids: Mutex<fastrand::Rng>,
    pub(crate) http: reqwest::Client,
    pub(crate) padding_crc: tokio::sync::OnceCell<u32>,
    /// Set to `true` when the emulator shuts down (callback tasks stop waiting).
    pub(crate) shutdown: tokio::sync::watch::Sender<bool>,
    /// The v1 API's runs, keys and ids.
    pub(crate) v1: V1State,
}

impl AppState {
    pub(crate) fn new(config: EmulatorConfig) -> Self {
        let http = reqwest::Client::builder()
            .timeout(config.callback_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .unwrap_or_default();
        AppState {
            v1: V1State::new(&config),
            faults: FaultPlan::new(config.faults.clone(), config.seed),
            ids: Mutex::new(fastrand::Rng::with_seed(
                config.seed ^ 0x6a6f_625f_6964_7321,
            )),
            config,
            jobs: RwLock::new(HashMap::new()),
            next_seq: AtomicU64::new(0),
            http,
            padding_crc: tokio::sync::OnceCell::new(),
            shutdown: tokio::sync::watch::Sender::new(false),
        }
    }

    /// A fresh submission number and job id (a UUID v4 drawn from the seeded RNG, so a replayed
    /// run hands out the same ids in the same order).
    pub(crate) fn next_id(&self) -> (u64, JobId) {
        let seq = self.next_seq.fetch_add(1, Ordering::SeqCst);
        let mut bytes = [0u8; 16];
        self.ids
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .fill(&mut bytes);
        let uuid = uuid::Builder::from_random_bytes(bytes).into_uuid();
        (seq, JobId::new(uuid.to_string()))
    }

    /// Stores `job`. At [`Limits::max_jobs`](crate::Limits), the oldest job that has ended
    /// makes room; when every job is still running, the store is full and `job` is refused.
    pub(crate) fn insert(&self, job: Arc<Job>, now_ms: i64) -> Result<(), StoreFull> {
        let mut jobs = self.jobs.write().unwrap_or_else(|e| e.into_inner());
        if jobs.len() >= self.config.limits.max_jobs {
            let oldest_ended = jobs
                .values()
                .filter(|j| j.ended_ms <= now_ms)
                .min_by_key(|j| j.seq)
                .map(|j| j.id.as_str().to_owned());
            match oldest_ended {
                Some(id) => {
                    jobs.remove(&id);
                }
                None => return Err(StoreFull),
            }
        }
        jobs.insert(job.id.as_str().to_owned(), job);
        Ok(())
    }

    pub(crate) fn get(&self, id: &str) -> Option<Arc<Job>> {
        self.jobs
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(id)
            .cloned()
    }

    /// Every job (unordered).
    pub(crate) fn all(&self) -> Vec<Arc<Job>> {
        self.jobs
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .cloned()
            .collect()
    }

    /// Number of jobs held.
    pub(crate) fn len(&self) -> usize {
        self.jobs.read().unwrap_or_else(|e| e.into_inner()).len()
    }
}
