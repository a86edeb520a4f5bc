//! [`EmulatorConfig`]: everything an emulator run can be tuned with.

use std::fmt;
use std::time::Duration;

use crate::faults::FaultConfig;
use crate::limits::Limits;
use crate::v1_config::V1Config;

/// Which `X-Hume-Api-Key` values the emulator accepts.
#[derive(Clone, PartialEq, Eq)]
pub enum ApiKeyPolicy {
    /// Only this exact key is accepted; any other key gets `401 Invalid ApiKey`.
    Exact(String),
    /// Any non-empty key is accepted.
    AnyNonEmpty,
}

impl ApiKeyPolicy {
    /// Whether `key` (the header value) passes this policy.
    pub fn accepts(&self, key: &str) -> bool {
        match self {
            ApiKeyPolicy::Exact(expected) => constant_time_eq(expected.as_bytes(), key.as_bytes()),
            ApiKeyPolicy::AnyNonEmpty => !key.is_empty(),
        }
    }
}

/// Compares without an early exit on the first differing byte.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl fmt::Debug for ApiKeyPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiKeyPolicy::Exact(_) => f.write_str("Exact(<redacted>)"),
            ApiKeyPolicy::AnyNonEmpty => f.write_str("AnyNonEmpty"),
        }
    }
}

/// How `GET /v0/batch/jobs` compares `created_timestamp_ms` with `timestamp_ms` for `when`
/// (SPEC.md leaves it open, so clients must work with both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListBounds {
    /// `created_before` keeps `created < t`, `created_after` keeps `created > t` (the default).
    #[default]
    Strict,
    /// `created_before` keeps `created <= t`, `created_after` keeps `created >= t`.
    Inclusive,
}

impl ListBounds {
    /// `"strict"` or `"inclusive"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ListBounds::Strict => "strict",
            ListBounds::Inclusive => "inclusive",
        }
    }
}

/// How long a job stays in each non-terminal state.
///
/// A job is `QUEUED` for `queued`, then `IN_PROGRESS` for `in_progress`, then terminal
/// (`COMPLETED` or `FAILED`). The state is computed from the job's timestamps whenever it is
/// read, so no task runs per job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobTimings {
    /// Time between creation and start.
    pub queued: Duration,
    /// Time between start and end.
    pub in_progress: Duration,
}

impl Default for JobTimings {
    /// 50 ms queued, 150 ms in progress: short, for tests.
    fn default() -> Self {
        JobTimings {
            queued: Duration::from_millis(50),
            in_progress: Duration::from_millis(150),
        }
    }
}

/// Configuration of one emulator instance (builder-lite: `EmulatorConfig::default().with_*(..)`).
///
/// Defaults: API key `"test-key"`, timings 50 ms / 150 ms, no faults, seed 0, a random port,
/// no artifact padding, callbacks only to loopback hosts, [`V1Config::default`] for v1.
#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    pub(crate) api_key: ApiKeyPolicy,
    pub(crate) timings: JobTimings,
    pub(crate) faults: FaultConfig,
    pub(crate) seed: u64,
    pub(crate) port: u16,
    pub(crate) artifact_padding: u64,
    pub(crate) callback_hosts: Vec<String>,
    pub(crate) callback_timeout: Duration,
    pub(crate) v1: V1Config,
    pub(crate) limits: Limits,
    pub(crate) list_bounds: ListBounds,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            api_key: ApiKeyPolicy::Exact(crate::DEFAULT_API_KEY.to_owned()),
            timings: JobTimings::default(),
            faults: FaultConfig::default(),
            seed: 0,
            port: 0,
            artifact_padding: 0,
            callback_hosts: Vec::new(),
            callback_timeout: Duration::from_secs(10),
            v1: V1Config::default(),
            limits: Limits::default(),
            list_bounds: ListBounds::Strict,
        }
    }
}

impl EmulatorConfig {
    /// Accepts only this API key.
    pub fn with_api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = ApiKeyPolicy::Exact(key.into());
        self
    }

    /// Accepts any non-empty API key (a missing or empty header is still rejected).
    pub fn with_any_api_key(mut self) -> Self {
        self.api_key = ApiKeyPolicy::AnyNonEmpty;
        self
    }

    /// Sets the API key policy directly.
    pub fn with_api_key_policy(mut self, policy: ApiKeyPolicy) -> Self {
        self.api_key = policy;
        self
    }

    /// Sets both state durations.
    pub fn with_timings(mut self, timings: JobTimings) -> Self {
        self.timings = timings;
        self
    }

    /// Sets how long a job stays `QUEUED`.
    pub fn with_queued_duration(mut self, duration: Duration) -> Self {
        self.timings.queued = duration;
        self
    }

    /// Sets how long a job stays `IN_PROGRESS`.
    pub fn with_in_progress_duration(mut self, duration: Duration) -> Self {
        self.timings.in_progress = duration;
        self
    }

    /// Sets the fault injection plan (off by default).
    pub fn with_faults(mut self, faults: FaultConfig) -> Self {
        self.faults = faults;
        self
    }

    /// Seeds job ids, synthetic scores and fault decisions, so a run can be replayed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Port to bind on 127.0.0.1; `0` (the default) picks a free one.
    pub fn with_port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Adds a stored (uncompressed) entry `padding.bin` of `bytes` deterministic bytes to every
    /// artifacts zip. The zip is then streamed while it is generated, so a multi-GiB download
    /// never sits in the emulator's memory. Must stay below 4 GiB (no zip64); larger values are
    /// clamped.
    pub fn with_artifact_padding(mut self, bytes: u64) -> Self {
        self.artifact_padding = bytes.min(crate::artifacts::MAX_PADDING);
        self
    }

    /// Allows callbacks to this host name in addition to loopback hosts
    /// (127.0.0.0/8, `::1`, `localhost`).
    pub fn with_callback_host(mut self, host: impl Into<String>) -> Self {
        self.callback_hosts.push(host.into().to_ascii_lowercase());
        self
    }

    /// Timeout of each callback POST (default 10 s).
    pub fn with_callback_timeout(mut self, timeout: Duration) -> Self {
        self.callback_timeout = timeout;
        self
    }

    /// Sets the v1 API settings (runs kept, `face_state` secret, ...).
    pub fn with_v1(mut self, v1: V1Config) -> Self {
        self.v1 = v1;
        self
    }

    /// What bad clients are granted: connections, timeouts, accepted `Host` names, stores
    /// and request sizes (see [`Limits`]).
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The v1 API settings.
    pub fn v1(&self) -> &V1Config {
        &self.v1
    }

    /// How the list endpoint compares creation times with `timestamp_ms` (default strict).
    pub fn with_list_bounds(mut self, bounds: ListBounds) -> Self {
        self.list_bounds = bounds;
        self
    }

    /// How the list endpoint compares creation times with `timestamp_ms`.
    pub fn list_bounds(&self) -> ListBounds {
        self.list_bounds
    }

    /// The API key policy.
    pub fn api_key_policy(&self) -> &ApiKeyPolicy {
        &self.api_key
    }

    /// The job state durations.
    pub fn timings(&self) -> JobTimings {
        self.timings
    }

    /// The fault plan.
    pub fn faults(&self) -> &FaultConfig {
        &self.faults
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The configured port (`0` = random).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The artifact padding in bytes.
    pub fn artifact_padding(&self) -> u64 {
        self.artifact_padding
    }
}

#[cfg(test)]
mod tests;
