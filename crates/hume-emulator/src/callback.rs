//! The completion webhook: `POST {job_id, status, predictions}` to `callback_url`.
//!
//! One task per job that has a `callback_url` sleeps until the job ends, then posts a
//! `hume_models::CallbackBody`: `COMPLETED` with `predictions`, or `FAILED` with `message`
//! (and no predictions). Only loopback hosts (127.0.0.0/8, `::1`, `localhost`) and hosts added
//! with [`EmulatorConfig::with_callback_host`](crate::EmulatorConfig::with_callback_host) are
//! contacted; any other callback URL is accepted at submit (the real API accepts it) but the
//! POST is skipped and logged. One attempt, no retries; failures are logged.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use hume_models::{BatchJobStatus, CallbackBody};

use crate::job::{Job, now_ms};
use crate::state::AppState;
use crate::synth;
use crate::synth::media::url_host_and_path;

/// Whether the emulator will POST to this URL's host.
pub(crate) fn host_allowed(url: &str, extra_hosts: &[String]) -> bool {
    let (host, _) = url_host_and_path(url);
    if host == "localhost" || host.ends_with(".localhost") || extra_hosts.contains(&host) {
        return true;
    }
    host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
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
        if !host_allowed(&url, &state.config.callback_hosts) {
            tracing::warn!(job_id = %job.id, "callback skipped: host of callback_url is not loopback or allowed");
            return;
        }
        let body = match serde_json::to_vec(&body(&state, &job)) {
            Ok(b) => b,
            Err(error) => {
                tracing::error!(%error, "could not serialise callback body");
                return;
            }
        };
        let sent = state
            .http
            .post(&url)
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

#[cfg(test)]
mod tests;
