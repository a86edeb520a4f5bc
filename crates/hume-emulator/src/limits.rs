//! [`Limits`]: what an emulator grants a client, so a bad one cannot exhaust it.
//!
//! - **Connections**: at most [`max_connections`](Limits::with_max_connections) at once (more
//!   wait in the listen backlog); a request head must arrive within
//!   [`header_read_timeout`](Limits::with_header_read_timeout) (also the keep-alive idle
//!   limit), and a connection that moves no byte for
//!   [`idle_timeout`](Limits::with_idle_timeout) is closed. A slowloris holds a slot for
//!   seconds, not forever.
//! - **`Host`**: only loopback names (`localhost`, `*.localhost`, `127.0.0.0/8`, `[::1]`) and
//!   the hosts added with [`with_allowed_host`](Limits::with_allowed_host) are served, others
//!   get 403: a web page that rebinds its own domain to 127.0.0.1 cannot drive the emulator
//!   (whose default key is public) from a browser.
//! - **Stores and bodies**: at most [`max_jobs`](Limits::with_max_jobs) jobs (the oldest
//!   finished ones make room; 429 when every job is still running), uploads of at most
//!   [`max_upload_bytes`](Limits::with_max_upload_bytes) (413), at most
//!   [`max_text_bytes`](Limits::with_max_text_bytes) of text per job and about
//!   [`max_predictions`](Limits::with_max_predictions) predictions per job (400): a small
//!   request cannot make the emulator build a huge predictions body.

use std::time::Duration;

/// Connections served at once by default.
pub const DEFAULT_MAX_CONNECTIONS: usize = 512;
/// Jobs kept by default.
pub const DEFAULT_MAX_JOBS: usize = 10_000;
/// Bytes of text (items and uploaded text files) per job by default: 256 KiB.
pub const DEFAULT_MAX_TEXT_BYTES: usize = 256 * 1024;
/// Predictions (scored segments: frames, utterances, words, ...) per job by default.
pub const DEFAULT_MAX_PREDICTIONS: u64 = 100_000;
/// Bytes of one multipart upload by default: 8 GiB.
pub const DEFAULT_MAX_UPLOAD_BYTES: u64 = 8 * 1024 * 1024 * 1024;

/// The limits of one emulator (builder-lite); see [the crate docs](crate#limits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    pub(crate) max_connections: usize,
    pub(crate) header_read_timeout: Duration,
    pub(crate) idle_timeout: Duration,
    pub(crate) allowed_hosts: Vec<String>,
    pub(crate) max_jobs: usize,
    pub(crate) max_text_bytes: usize,
    pub(crate) max_predictions: u64,
    pub(crate) max_upload_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_connections: DEFAULT_MAX_CONNECTIONS,
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(120),
            allowed_hosts: Vec::new(),
            max_jobs: DEFAULT_MAX_JOBS,
            max_text_bytes: DEFAULT_MAX_TEXT_BYTES,
            max_predictions: DEFAULT_MAX_PREDICTIONS,
            max_upload_bytes: DEFAULT_MAX_UPLOAD_BYTES,
        }
    }
}

impl Limits {
    /// Connections served at once (at least 1).
    pub fn with_max_connections(mut self, max: usize) -> Self {
        self.max_connections = max.max(1);
        self
    }

    /// Time a client has to send a complete request head, also the longest a kept-alive
    /// connection waits for its next request (at least 1 ms).
    pub fn with_header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout.max(Duration::from_millis(1));
        self
    }

    /// Time a connection may move no byte at all before it is closed (at least 1 ms).
    pub fn with_idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout.max(Duration::from_millis(1));
        self
    }

    /// Serves requests whose `Host` is `host` too (a name, case-insensitive, no port).
    pub fn with_allowed_host(mut self, host: impl Into<String>) -> Self {
        self.allowed_hosts.push(host.into().to_ascii_lowercase());
        self
    }

    /// Jobs kept (at least 1).
    pub fn with_max_jobs(mut self, max: usize) -> Self {
        self.max_jobs = max.max(1);
        self
    }

    /// Bytes of text per job.
    pub fn with_max_text_bytes(mut self, max: usize) -> Self {
        self.max_text_bytes = max;
        self
    }

    /// Predictions (scored segments) per job, as estimated at submission.
    pub fn with_max_predictions(mut self, max: u64) -> Self {
        self.max_predictions = max;
        self
    }

    /// Bytes of one multipart upload.
    pub fn with_max_upload_bytes(mut self, max: u64) -> Self {
        self.max_upload_bytes = max;
        self
    }

    /// Whether a request with this `Host` value (`name` or `name:port`) is served.
    pub(crate) fn host_allowed(&self, host: &str) -> bool {
        let name = host_name(host).trim_end_matches('.').to_ascii_lowercase();
        if name == "localhost" || name.ends_with(".localhost") {
            return true;
        }
        if name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
        {
            return true;
        }
        self.allowed_hosts.contains(&name)
    }
}

/// The name of a `Host` value: without its port, IPv6 brackets removed.
fn host_name(host: &str) -> &str {
    let host = host.trim();
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or("");
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

#[cfg(test)]
mod tests;
