//! The legacy `submit_job(urls, configs, transcription, callback_url, notify, files, text)`
//! arguments as a [`JobRequest`], shared by both clients.

use std::path::{Path, PathBuf};

use hume_models::{JobRequest, ModelConfig, Models, TranscriptionConfig};

/// Builds the request and the upload list. An empty `configs` leaves `models` out (the API
/// then runs every model); with several configs for one model the last wins.
pub(crate) fn job_request(
    urls: &[&str],
    configs: impl IntoIterator<Item = ModelConfig>,
    transcription: Option<TranscriptionConfig>,
    callback_url: Option<&str>,
    notify: Option<bool>,
    files: &[&Path],
    text: &[&str],
) -> (JobRequest, Vec<PathBuf>) {
    let models: Models = configs.into_iter().collect();
    let mut job = JobRequest::new()
        .with_urls(urls.iter().copied())
        .with_text(text.iter().copied());
    if !models.is_empty() {
        job = job.with_models(models);
    }
    if let Some(transcription) = transcription {
        job = job.with_transcription(transcription);
    }
    if let Some(url) = callback_url {
        job = job.with_callback_url(url);
    }
    if let Some(notify) = notify {
        job = job.with_notify(notify);
    }
    let files = files.iter().map(|p| p.to_path_buf()).collect();
    (job, files)
}

#[cfg(test)]
mod tests;
