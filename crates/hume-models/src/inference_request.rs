//! [`InferenceRequest`]: the request as echoed back in job details.

use serde::{Deserialize, Serialize};

use crate::{FileInfo, JobRequest, Models, Transcription};

/// The submitted request echoed in job details, with the server's defaults filled in.
///
/// Like [`JobRequest`] plus the uploaded [`files`](Self::files). Tolerates what real responses
/// do: `null` model entries, `null` sub-configs, a missing `text`, `registry_files` (2024).
/// Serialises the way the service echoes: `urls`, `text` and `files` always present,
/// `callback_url` as `null` when unset.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InferenceRequest {
    /// The requested models (with server defaults filled in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub models: Option<Models>,
    /// Transcription settings (three states).
    #[serde(default, skip_serializing_if = "Transcription::is_default")]
    pub transcription: Transcription,
    /// The submitted URLs.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub urls: Vec<String>,
    /// The submitted raw text items.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub text: Vec<String>,
    /// The uploaded local files.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub files: Vec<FileInfo>,
    /// 2024 asset-registry file ids (no longer sent by the API; kept when present).
    #[serde(
        default,
        deserialize_with = "crate::de::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub registry_files: Vec<String>,
    /// The completion webhook.
    #[serde(default)]
    pub callback_url: Option<String>,
    /// Whether the owner is emailed when the job ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify: Option<bool>,
}

impl InferenceRequest {
    /// The echo of `request` with these uploaded files.
    pub fn from_job_request(request: JobRequest, files: Vec<FileInfo>) -> Self {
        InferenceRequest {
            models: request.models,
            transcription: request.transcription,
            urls: request.urls,
            text: request.text,
            files,
            registry_files: Vec::new(),
            callback_url: request.callback_url,
            notify: request.notify,
        }
    }

    /// The request part without the files.
    pub fn to_job_request(&self) -> JobRequest {
        let mut request = JobRequest::new()
            .with_urls(self.urls.iter().cloned())
            .with_text(self.text.iter().cloned())
            .with_transcription(self.transcription.clone());
        request.models = self.models.clone();
        request.callback_url = self.callback_url.clone();
        request.notify = self.notify;
        request
    }
}

impl From<JobRequest> for InferenceRequest {
    fn from(request: JobRequest) -> Self {
        InferenceRequest::from_job_request(request, Vec::new())
    }
}
