//! [`SubmitJob`]: the submit builder both clients return.

use std::path::PathBuf;

use hume_core::operation::Submit;
use hume_models::{JobRequest, ModelConfig, Models, Transcription};

use crate::client::Client;

/// A job about to be submitted: every option is a named step, then the blocking client
/// finishes with `.send()` and the async client with `.await` (or `.send().await`).
///
/// From `client.submit_job(urls, configs)` (the legacy Python call) or
/// `client.submit(JobRequest)`. Nothing is sent before the last step; the request is then
/// checked locally (every problem at once, every local file readable) before any byte leaves.
///
/// ```no_run
/// use hume::blocking::HumeBatchClient;
/// use hume::models::{FaceConfig, ProsodyConfig, TranscriptionConfig};
///
/// let client = HumeBatchClient::from_env()?;
/// let job = client
///     .submit_job(["https://example.com/interview.mp4"], [FaceConfig::default()])
///     .model(ProsodyConfig::default())
///     .file("clips/intro.wav")
///     .text("How are you today?")
///     .transcription(TranscriptionConfig::default().with_language("en"))
///     .callback_url("https://hooks.example.com/hume")
///     .send()?;
/// println!("started {job}");
/// # Ok::<(), hume::HumeError>(())
/// ```
#[must_use = "nothing is sent until `.send()` (blocking) or `.await` (async)"]
#[derive(Debug, Clone)]
pub struct SubmitJob<C: Client> {
    client: C,
    request: JobRequest,
}

impl<C: Client> SubmitJob<C> {
    /// Submits `request` with `client`.
    pub(crate) fn new(client: C, request: JobRequest) -> Self {
        Self { client, request }
    }

    /// The legacy arguments: `urls`, and `configs` picking the models (the last config of a
    /// model wins; none at all runs every model).
    pub(crate) fn from_urls<U, M>(
        client: C,
        urls: impl IntoIterator<Item = U>,
        configs: impl IntoIterator<Item = M>,
    ) -> Self
    where
        U: AsRef<str>,
        M: Into<ModelConfig>,
    {
        let models: Models = configs.into_iter().collect();
        let mut request =
            JobRequest::new().with_urls(urls.into_iter().map(|u| u.as_ref().to_owned()));
        if !models.is_empty() {
            request = request.with_models(models);
        }
        Self::new(client, request)
    }

    /// Adds a media URL (an http(s) URL of a file or archive).
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.request = self.request.with_url(url);
        self
    }

    /// Adds a model to run with its options (replacing an earlier config of the same model).
    pub fn model(mut self, config: impl Into<ModelConfig>) -> Self {
        self.request
            .models
            .get_or_insert_with(Models::new)
            .insert(config);
        self
    }

    /// Adds a local file to upload (multipart, streamed from disk).
    pub fn file(mut self, path: impl Into<PathBuf>) -> Self {
        self.request = self.request.with_file(path);
        self
    }

    /// Adds local files to upload.
    pub fn files<P: Into<PathBuf>>(mut self, paths: impl IntoIterator<Item = P>) -> Self {
        for path in paths {
            self.request = self.request.with_file(path);
        }
        self
    }

    /// Adds a raw text item (for the language and NER models).
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.request = self.request.with_text_item(text);
        self
    }

    /// Adds raw text items.
    pub fn texts<S: Into<String>>(mut self, texts: impl IntoIterator<Item = S>) -> Self {
        for text in texts {
            self.request = self.request.with_text_item(text);
        }
        self
    }

    /// Sets transcription: a `TranscriptionConfig`, or `Transcription::Disabled` to send
    /// `"transcription": null`.
    pub fn transcription(mut self, transcription: impl Into<Transcription>) -> Self {
        self.request = self.request.with_transcription(transcription);
        self
    }

    /// Sets the webhook called when the job completes or fails.
    pub fn callback_url(mut self, url: impl Into<String>) -> Self {
        self.request = self.request.with_callback_url(url);
        self
    }

    /// Whether the account owner is emailed when the job ends.
    pub fn notify(mut self, notify: bool) -> Self {
        self.request = self.request.with_notify(notify);
        self
    }

    /// The request as built so far.
    pub fn request(&self) -> &JobRequest {
        &self.request
    }

    /// The client and the submit operation (for each client's `send`).
    pub(crate) fn into_parts(self) -> (C, Submit) {
        let op = Submit::new(self.client.context(), self.request);
        (self.client, op)
    }
}

#[cfg(all(test, feature = "blocking"))]
mod tests;
