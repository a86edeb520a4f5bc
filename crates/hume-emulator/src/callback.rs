//! The completion webhook: `POST {job_id, status, predictions}` to `callback_url`.
//!
//! One task per job that has a `callback_url` sleeps until the job ends, then posts a
//! `hume_models::CallbackBody`: `COMPLETED` with `predictions`, or `FAILED` with `message`
//! (and no predictions). One attempt, no retries, no redirects, no proxy; failures are logged.
//!
//! Only loopback targets are contacted, and the URL is read once, by the `url` crate, and
//! that parsed value is both checked and posted to ([`callback_target`]): a literal loopback
//! address; or a name (`localhost` included) whose every address, looked up now, is a
//! loopback address, and the POST then goes to exactly those addresses (no second lookup a
//! rebinding DNS server could answer differently); or a host added with
//! [`EmulatorConfig::with_callback_host`](crate::EmulatorConfig::with_callback_host). Any
//! other callback URL is accepted at submit (the real API accepts it) but the POST is
//! skipped and logged.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hume_models::{BatchJobStatus, CallbackBody};
use url::{Host, Url};

use crate::job::{Job, now_ms};
use crate::state::AppState;
use crate::synth;

/// Where a callback goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// The URL as parsed: what the POST is sent to.
    pub(crate) url: Url,
    /// The name and the loopback addresses it resolved to: the POST connects to these.
    pub(crate) pinned: Option<(String, Vec<SocketAddr>)>,
}

/// Checks `url` and says where the POST goes, or why it is not sent. `resolve` looks a
/// name and port up (the system resolver in production).
pub(crate) async fn callback_target<F, Fut>(
    url: &str,
    extra_hosts: &[String],
    resolve: F,
) -> Result<Target, String>
where
    F: FnOnce(String, u16) -> Fut,
    Fut: Future<Output = std::io::Result<Vec<SocketAddr>>>,
{
    let url = Url::parse(url).map_err(|e| format!("not a url: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("not an http(s) url".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("credentials in the url".into());
    }
    let port = url.port_or_known_default().unwrap_or(80);
    match url.host() {
        Some(Host::Ipv4(ip)) if ip.is_loopback() => Ok(Target { url, pinned: None }),
        Some(Host::Ipv6(ip)) if ip.is_loopback() => Ok(Target { url, pinned: None }),
        Some(Host::Domain(name)) => {
            let name = name.to_ascii_lowercase();
            if extra_hosts.contains(&name) {
                return Ok(Target { url, pinned: None });
            }
            let addrs = resolve(name.clone(), port)
                .await
                .map_err(|e| format!("{name} cannot be resolved: {e}"))?;
            if addrs.is_empty() || !addrs.iter().all(|a| a.ip().is_loopback()) {
                return Err(format!(
                    "{name} does not resolve to loopback addresses only"
                ));
            }
            Ok(Target {
                url,
                pinned: Some((name, addrs)),
            })
        }
        _ => Err("the host is not a loopback address".into()),
    }
}

/// The body posted for `job` once it ended.
pub(crate) fn body(state: &AppState, job: &Job) -> CallbackBody {
    let status = job.status_at(job.ended_ms);
    let (predictions, message) = match &status {
        BatchJobStatus::Completed => (Some(synth::predict(state, job)), None),
        _ => (None, job.failure.clone()),
    };
    let mut body = CallbackBody::new(job.id.clone(), status);
    body.predictions = predictions;
    body.message = message;
    body
}

/// Starts the task that posts `job`'s callback when it ends.
pub(crate) fn schedule(state: Arc<AppState>, job: Arc<Job>) {
    let Some(url) = job.request.callback_url.clone() else {
        return;
    };
    let mut shutdown = state.shutdown.subscribe();
    tokio::spawn(async move {
        let wait = Duration::from_millis((job.ended_ms - now_ms()).max(0) as u64);
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = shutdown.wait_for(|closed| *closed) => return,
        }
        let lookup = |name: String, port: u16| async move {
            tokio::net::lookup_host((name.as_str(), port))
                .await
                .map(Iterator::collect)
        };
        let target = match callback_target(&url, &state.config.callback_hosts, lookup).await {
            Ok(target) => target,
            Err(why) => {
                tracing::warn!(job_id = %job.id, %why, "callback skipped: its host is not loopback or allowed");
                return;
            }
        };
        let body = match serde_json::to_vec(&body(&state, &job)) {
            Ok(b) => b,
            Err(error) => {
                tracing::error!(%error, "could not serialise callback body");
                return;
            }
        };
        let client = match &target.pinned {
            None => state.http.clone(),
            Some((name, addrs)) => match pinned_client(&state, name, addrs) {
                Ok(client) => client,
                Err(error) => {
                    tracing::error!(%error, "could not build the callback client");
                    return;
                }
            },
        };
        let sent = client
            .post(target.url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await;
        match sent {
            Ok(response) => {
                tracing::info!(job_id = %job.id, status = %response.status(), "callback delivered")
            }
            Err(error) => tracing::warn!(job_id = %job.id, %error, "callback failed"),
        }
    });
}

/// A client that reaches `name` only at `addrs` (the loopback addresses just checked).
fn pinned_client(
    state: &AppState,
    name: &str,
    addrs: &[SocketAddr],
) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(state.config.callback_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .resolve_to_addrs(name, addrs)
        .build()
}

#[cfg(test)]
mod tests;
