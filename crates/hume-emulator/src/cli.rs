//! [`EmulatorArgs`]: the command-line options of an emulator.

use std::time::Duration;

use crate::{
    EmulatorConfig, FaultConfig, ListBounds, RealtimeConfig, SessionCut, SessionFaults, V1Config,
};

/// The emulator's command-line options, reusable with `#[command(flatten)]` (the `hume` CLI's
/// `emulator` command embeds them, so both take the same flags);
/// [`to_config`](Self::to_config) turns them into an [`EmulatorConfig`]. `Debug` redacts the
/// API key.
///
/// `--api-key` has the same id (`api_key`) as a client's global `--api-key` option, so a CLI
/// with such a global option gets the emulator's flag inside its emulator subcommand.
#[derive(Clone, clap::Args)]
pub struct EmulatorArgs {
    /// Port on 127.0.0.1 (0 = random).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// The accepted API key.
    #[arg(long, env = "HUME_EMULATOR_API_KEY", default_value = crate::DEFAULT_API_KEY, hide_env_values = true)]
    api_key: String,
    /// Accept any non-empty API key.
    #[arg(long)]
    any_api_key: bool,
    /// Milliseconds a job stays QUEUED.
    #[arg(long, default_value_t = 50)]
    queued_ms: u64,
    /// Milliseconds a job stays IN_PROGRESS.
    #[arg(long, default_value_t = 150)]
    in_progress_ms: u64,
    /// Seed of job ids, predictions and faults.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Bytes of deterministic padding in every artifacts zip (streamed; below 4 GiB).
    #[arg(long, default_value_t = 0)]
    artifact_padding: u64,
    /// Extra host allowed to receive callbacks (repeatable; loopback is always allowed).
    #[arg(long = "callback-host")]
    callback_hosts: Vec<String>,
    /// Fraction of requests answered 503.
    #[arg(long, default_value_t = 0.0)]
    fault_503: f64,
    /// Fraction of requests answered 429 with Retry-After.
    #[arg(long, default_value_t = 0.0)]
    fault_429: f64,
    /// Retry-After seconds sent with 429.
    #[arg(long, default_value_t = 1)]
    retry_after: u64,
    /// Fraction of connections dropped without a response.
    #[arg(long, default_value_t = 0.0)]
    fault_drop: f64,
    /// Fraction of requests processed, then dropped without the response.
    #[arg(long, default_value_t = 0.0)]
    fault_drop_after: f64,
    /// Fraction of responses with a truncated body.
    #[arg(long, default_value_t = 0.0)]
    fault_truncate: f64,
    /// Fraction of slow responses.
    #[arg(long, default_value_t = 0.0)]
    fault_slow: f64,
    /// Delay of slow responses, in milliseconds.
    #[arg(long, default_value_t = 2000)]
    slow_ms: u64,
    /// How list filters compare creation times with timestamp_ms.
    #[arg(long, value_parser = ["strict", "inclusive"], default_value = "strict")]
    list_bounds: String,
    /// Answer the first N requests with 503.
    #[arg(long, default_value_t = 0)]
    reject_first: u64,
    /// v1: secret signing `face_state` tokens and page cursors, so they survive a restart
    /// (default: drawn at random when the emulator starts).
    #[arg(long, env = "HUME_EMULATOR_FACE_STATE_SECRET", hide_env_values = true)]
    face_state_secret: Option<String>,
    /// v1: runs kept before the oldest are dropped.
    #[arg(long, default_value_t = crate::DEFAULT_MAX_RUNS)]
    max_runs: usize,
    /// v1: events of each kind logged per run before the kind is capped.
    #[arg(long, default_value_t = crate::DEFAULT_MAX_EVENTS_PER_KIND)]
    max_run_events: usize,
    /// v1: milliseconds every upload takes before it is answered (an inference time).
    #[arg(long, default_value_t = 0)]
    upload_delay_ms: u64,
    /// v1: a key (or bearer token) that authenticates but gets 403 forbidden (repeatable).
    #[arg(long = "forbidden-api-key", hide_env_values = true)]
    forbidden_api_keys: Vec<String>,
    /// A `Host` name served besides loopback names (repeatable; others get 403, against DNS
    /// rebinding).
    #[arg(long = "allow-host")]
    allowed_hosts: Vec<String>,
    /// Connections served at once (more wait).
    #[arg(long, default_value_t = crate::DEFAULT_MAX_CONNECTIONS)]
    max_connections: usize,
    /// Milliseconds a client has to send a request head (also the keep-alive idle limit).
    #[arg(long, default_value_t = 10_000)]
    header_timeout_ms: u64,
    /// Jobs kept (the oldest finished ones make room).
    #[arg(long, default_value_t = crate::DEFAULT_MAX_JOBS)]
    max_jobs: usize,
    /// Bytes of text per job.
    #[arg(long, default_value_t = crate::DEFAULT_MAX_TEXT_BYTES)]
    max_text_bytes: usize,
    /// Predictions (scored segments) per job.
    #[arg(long, default_value_t = crate::DEFAULT_MAX_PREDICTIONS)]
    max_predictions: u64,
    /// v1 realtime: most sessions open at once (one more handshake gets 503 server_busy).
    #[arg(long, default_value_t = crate::DEFAULT_MAX_SESSIONS)]
    max_sessions: usize,
    /// v1 realtime: milliseconds without a text or binary message after which a session is
    /// closed (idle_timeout).
    #[arg(long, default_value_t = crate::DEFAULT_IDLE_TIMEOUT.as_millis() as u64)]
    session_idle_timeout_ms: u64,
    /// v1 realtime: no send-rate checks (for benchmarks with many concurrent sessions).
    #[arg(long)]
    relaxed_pacing: bool,
    /// v1 realtime fault: cut sessions short, `drop` (no close frame), `1012` (restart) or
    /// `1013` (try again later); at once unless --session-cut-after-frames/-ms say when.
    #[arg(long, value_parser = parse_session_cut)]
    session_cut: Option<SessionCut>,
    /// v1 realtime fault: cut a session after it has handled N frames.
    #[arg(long, requires = "session_cut")]
    session_cut_after_frames: Option<u64>,
    /// v1 realtime fault: cut a session MS milliseconds after it opened.
    #[arg(long, requires = "session_cut")]
    session_cut_after_ms: Option<u64>,
    /// v1 realtime fault: cut only the first N sessions (default: every session).
    #[arg(long, requires = "session_cut")]
    session_cut_sessions: Option<u64>,
    /// v1 realtime fault: answer every N-th frame of a session rate_limited (0: off).
    #[arg(long, default_value_t = 0)]
    session_rate_limit_every: u64,
}

/// `drop`, `1012`/`restart` or `1013`/`try-again-later`.
fn parse_session_cut(value: &str) -> Result<SessionCut, String> {
    match value {
        "drop" => Ok(SessionCut::Drop),
        "1012" | "restart" => Ok(SessionCut::Restart),
        "1013" | "try-again-later" => Ok(SessionCut::TryAgainLater),
        other => Err(format!(
            "{other:?} is not a session cut: use drop, 1012 (restart) or 1013 (try again later)"
        )),
    }
}

impl EmulatorArgs {
    /// The configuration these options describe.
    pub fn to_config(&self) -> EmulatorConfig {
        let faults = FaultConfig::none()
            .with_server_error(self.fault_503)
            .with_rate_limit(self.fault_429, self.retry_after)
            .with_drop_connection(self.fault_drop)
            .with_truncate_body(self.fault_truncate)
            .with_slow(self.fault_slow, Duration::from_millis(self.slow_ms))
            .with_reject_first(self.reject_first)
            .with_drop_after_processing(self.fault_drop_after);
        let mut v1 = V1Config::default()
            .with_max_runs(self.max_runs)
            .with_max_events_per_kind(self.max_run_events)
            .with_upload_delay(Duration::from_millis(self.upload_delay_ms));
        if let Some(secret) = &self.face_state_secret {
            v1 = v1.with_face_state_secret(secret);
        }
        for key in &self.forbidden_api_keys {
            v1 = v1.with_forbidden_key(key.clone());
        }
        let mut session_faults =
            SessionFaults::none().with_rate_limit_every(self.session_rate_limit_every);
        if let Some(cut) = self.session_cut {
            session_faults = session_faults.with_cut(cut);
            if let Some(frames) = self.session_cut_after_frames {
                session_faults = session_faults.with_cut_after_frames(frames);
            }
            if let Some(ms) = self.session_cut_after_ms {
                session_faults = session_faults.with_cut_after(Duration::from_millis(ms));
            }
            if let Some(sessions) = self.session_cut_sessions {
                session_faults = session_faults.with_cut_sessions(sessions);
            }
        }
        v1 = v1.with_realtime(
            RealtimeConfig::default()
                .with_max_sessions(self.max_sessions)
                .with_idle_timeout(Duration::from_millis(self.session_idle_timeout_ms))
                .with_relaxed_pacing(self.relaxed_pacing)
                .with_faults(session_faults),
        );
        let mut config = EmulatorConfig::default()
            .with_port(self.port)
            .with_queued_duration(Duration::from_millis(self.queued_ms))
            .with_in_progress_duration(Duration::from_millis(self.in_progress_ms))
            .with_seed(self.seed)
            .with_artifact_padding(self.artifact_padding)
            .with_list_bounds(if self.list_bounds == "inclusive" {
                ListBounds::Inclusive
            } else {
                ListBounds::Strict
            })
            .with_faults(faults)
            .with_v1(v1);
        config = if self.any_api_key {
            config.with_any_api_key()
        } else {
            config.with_api_key(self.api_key.clone())
        };
        for host in &self.callback_hosts {
            config = config.with_callback_host(host.clone());
        }
        let mut limits = crate::Limits::default()
            .with_max_connections(self.max_connections)
            .with_header_read_timeout(Duration::from_millis(self.header_timeout_ms))
            .with_max_jobs(self.max_jobs)
            .with_max_text_bytes(self.max_text_bytes)
            .with_max_predictions(self.max_predictions);
        for host in &self.allowed_hosts {
            limits = limits.with_allowed_host(host.clone());
        }
        config.with_limits(limits)
    }
}

impl std::fmt::Debug for EmulatorArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorArgs")
            .field("port", &self.port)
            .field("api_key", &"<redacted>")
            .field("any_api_key", &self.any_api_key)
            .field("seed", &self.seed)
            .field("config", &self.to_config())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
