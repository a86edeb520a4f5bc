//! [`V1Config`]: the settings of the Expression Measurement API v1 side of an emulator.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::realtime_config::RealtimeConfig;

/// Runs kept by default before the oldest are dropped.
pub const DEFAULT_MAX_RUNS: usize = 10_000;

/// Events of one kind logged per run by default before the kind is capped.
pub const DEFAULT_MAX_EVENTS_PER_KIND: usize = 100;

/// Settings of the v1 endpoints (builder-lite: `V1Config::default().with_*(..)`).
///
/// Defaults: a `face_state` signing secret drawn at random when the emulator starts (tokens do
/// not survive a restart), [`DEFAULT_MAX_RUNS`] runs kept, [`DEFAULT_MAX_EVENTS_PER_KIND`]
/// events of each kind per run, no upload delay, no forbidden keys, [`RealtimeConfig::default`]
/// for the realtime sessions. `Debug` redacts the secret and the keys.
#[derive(Clone)]
pub struct V1Config {
    pub(crate) face_state_secret: Option<Arc<[u8]>>,
    pub(crate) max_runs: usize,
    pub(crate) max_events_per_kind: usize,
    pub(crate) upload_delay: Duration,
    pub(crate) forbidden_keys: Vec<String>,
    pub(crate) realtime: RealtimeConfig,
}

impl Default for V1Config {
    fn default() -> Self {
        V1Config {
            face_state_secret: None,
            max_runs: DEFAULT_MAX_RUNS,
            max_events_per_kind: DEFAULT_MAX_EVENTS_PER_KIND,
            upload_delay: Duration::ZERO,
            forbidden_keys: Vec::new(),
            realtime: RealtimeConfig::default(),
        }
    }
}

impl V1Config {
    /// Signs `face_state` tokens (and page cursors) with this secret instead of one drawn at
    /// start, so tokens stay valid across restarts of the emulator and between emulators that
    /// share it. An empty secret is ignored.
    pub fn with_face_state_secret(mut self, secret: impl AsRef<[u8]>) -> Self {
        let secret = secret.as_ref();
        self.face_state_secret = (!secret.is_empty()).then(|| Arc::from(secret));
        self
    }

    /// Keeps at most this many runs (at least 1); the oldest are dropped first.
    pub fn with_max_runs(mut self, max_runs: usize) -> Self {
        self.max_runs = max_runs.max(1);
        self
    }

    /// Logs at most this many events of each kind per run; later ones are counted as capped
    /// (`at_cap`, `capped_kinds`).
    pub fn with_max_events_per_kind(mut self, max: usize) -> Self {
        self.max_events_per_kind = max;
        self
    }

    /// Answers every upload only after this delay (an inference time, for tests and benchmarks
    /// that need requests to overlap).
    pub fn with_upload_delay(mut self, delay: Duration) -> Self {
        self.upload_delay = delay;
        self
    }

    /// A key (or bearer token) that authenticates but may not use the v1 API: every v1 request
    /// made with it gets `403 forbidden`. Repeatable.
    pub fn with_forbidden_key(mut self, key: impl Into<String>) -> Self {
        self.forbidden_keys.push(key.into());
        self
    }

    /// Sets the realtime session settings (session cap, idle timeout, send-rate checks,
    /// session faults).
    pub fn with_realtime(mut self, realtime: RealtimeConfig) -> Self {
        self.realtime = realtime;
        self
    }

    /// The realtime session settings.
    pub fn realtime(&self) -> &RealtimeConfig {
        &self.realtime
    }

    /// Whether a secret was set (otherwise one is drawn when the emulator starts).
    pub fn has_face_state_secret(&self) -> bool {
        self.face_state_secret.is_some()
    }

    /// Most runs kept.
    pub fn max_runs(&self) -> usize {
        self.max_runs
    }

    /// Most events of one kind logged per run.
    pub fn max_events_per_kind(&self) -> usize {
        self.max_events_per_kind
    }

    /// The delay before each upload is answered.
    pub fn upload_delay(&self) -> Duration {
        self.upload_delay
    }

    /// Is this credential one of the forbidden keys?
    pub(crate) fn is_forbidden(&self, credential: &str) -> bool {
        self.forbidden_keys.iter().any(|k| k == credential)
    }
}

impl fmt::Debug for V1Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("V1Config")
            .field(
                "face_state_secret",
                &self.face_state_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("max_runs", &self.max_runs)
            .field("max_events_per_kind", &self.max_events_per_kind)
            .field("upload_delay", &self.upload_delay)
            .field("forbidden_keys", &self.forbidden_keys.len())
            .field("realtime", &self.realtime)
            .finish()
    }
}

#[cfg(test)]
mod tests;
