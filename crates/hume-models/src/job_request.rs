//! [`JobRequest`]: the body of `POST /v0/batch/jobs` (`InferenceBaseRequest`), plus the local
//! files uploaded with it.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::{Models, Transcription, ValidationErrors};

/// Most URLs, text items or uploaded files one request may carry.
pub const MAX_ITEMS: usize = 100;

/// Shortest allowed prosody window length or step, in seconds.
pub const MIN_WINDOW_SECONDS: f64 = 0.5;

/// A request to start a batch job (the JSON body, or the `json` part of a multipart upload).
///
/// Serialises exactly as the API expects: unset options are left out, never `null`, and empty
/// `urls` / `text` lists are left out. The one exception is [`transcription`](Self::transcription):
/// [`Transcription::Disabled`] sends `"transcription": null`. Leaving [`models`](Self::models)
/// as `None` runs all models.
///
/// Local [`files`](Self::files) are part of the request but not of its JSON: a client uploads
/// them as `multipart/form-data` parts beside the JSON (see [`with_file`](Self::with_file)).
///
/// Parsing is tolerant: `"urls": null` (sent by the legacy client) reads as no URLs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct JobRequest {
    /// Public URLs of media files or archives (at most 100).
    #[serde(
        default,
        deserialize_with = "crate::de::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub urls: Vec<String>,
    /// Raw text items for the language and NER models (at most 100).
    #[serde(
        default,
        deserialize_with = "crate::de::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub text: Vec<String>,
    /// The models to run; `None` runs all models.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub models: Option<Models>,
    /// Transcription settings (three states: absent, `null`, object).
    #[serde(default, skip_serializing_if = "Transcription::is_default")]
    pub transcription: Transcription,
    /// Webhook called when the job completes or fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Email the account owner when the job ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify: Option<bool>,
    /// Local files to upload with the request (never serialised: they travel as multipart parts).
    #[serde(skip)]
    files: Vec<PathBuf>,
}

impl JobRequest {
    /// An empty request (add URLs, text or files before sending).
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the URL list.
    pub fn with_urls<I, S>(mut self, urls: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.urls = urls.into_iter().map(Into::into).collect();
        self
    }

    /// Appends one URL.
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.urls.push(url.into());
        self
    }

    /// Replaces the raw text list.
    pub fn with_text<I, S>(mut self, text: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.text = text.into_iter().map(Into::into).collect();
        self
    }

    /// Appends one raw text item.
    pub fn with_text_item(mut self, text: impl Into<String>) -> Self {
        self.text.push(text.into());
        self
    }

    /// Sets the models to run.
    pub fn with_models(mut self, models: impl Into<Models>) -> Self {
        self.models = Some(models.into());
        self
    }

    /// Sets the transcription field (`Transcription::Disabled`, a `TranscriptionConfig`, ...).
    pub fn with_transcription(mut self, transcription: impl Into<Transcription>) -> Self {
        self.transcription = transcription.into();
        self
    }

    /// Sets the completion webhook.
    pub fn with_callback_url(mut self, url: impl Into<String>) -> Self {
        self.callback_url = Some(url.into());
        self
    }

    /// Sets `notify`.
    pub fn with_notify(mut self, notify: bool) -> Self {
        self.notify = Some(notify);
        self
    }

    /// Appends one local file to upload (sent as a `multipart/form-data` part named `file`,
    /// streamed from disk, with the path's base name as its file name).
    pub fn with_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.files.push(path.into());
        self
    }

    /// Replaces the list of local files to upload.
    pub fn with_files<I, P>(mut self, paths: I) -> Self
    where
        I: IntoIterator<Item = P>,
        P: Into<PathBuf>,
    {
        self.files = paths.into_iter().map(Into::into).collect();
        self
    }

    /// The local files to upload, in order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Checks the request locally before sending, reporting every problem at once; its local
    /// [`files`](Self::files) count as inputs.
    ///
    /// Rules: at least one URL, file or text item; at most 100 of each; URLs and
    /// `callback_url` must be http(s) URLs with a host, read the same by every parser (no
    /// backslash, no credentials before the host, no whitespace or control characters); `fps_pred` ≥ 0; `prob_threshold` and
    /// `confidence_threshold` in 0..=1 (`min_face_size` is an unsigned integer by type); prosody window length and step
    /// ≥ 0.5 s. Every error names its field, for example `urls[3]` or `models.face.fps_pred`.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        self.validate_with_uploads(0)
    }

    /// [`validate`](Self::validate) for a request whose uploads travel apart from it: `uploads`
    /// more files count as inputs (a server checking the file parts it received beside the
    /// JSON part, or a caller that keeps the paths elsewhere).
    pub fn validate_with_uploads(&self, uploads: usize) -> Result<(), ValidationErrors> {
        let file_count = self.files.len().saturating_add(uploads);
        let mut errs = ValidationErrors::new();
        if self.urls.is_empty() && self.text.is_empty() && file_count == 0 {
            errs.push("urls", "no urls, files or text given: nothing to process");
        }
        for (field, n) in [
            ("urls", self.urls.len()),
            ("text", self.text.len()),
            ("files", file_count),
        ] {
            if n > MAX_ITEMS {
                errs.push(
                    field,
                    format!("{n} items given, at most {MAX_ITEMS} allowed (use an archive)"),
                );
            }
        }
        for (i, url) in self.urls.iter().enumerate() {
            if let Some(problem) = http_url_problem(url) {
                errs.push(format!("urls[{i}]"), problem);
            }
        }
        if let Some(problem) = self.callback_url.as_deref().and_then(http_url_problem) {
            errs.push("callback_url", problem);
        }
        if let Some(models) = &self.models {
            if let Some(face) = models.face() {
                if let Some(v) = face.fps_pred
                    && !(v >= 0.0 && v.is_finite())
                {
                    errs.push("models.face.fps_pred", format!("must be >= 0, got {v}"));
                }
                check_unit(&mut errs, "models.face.prob_threshold", face.prob_threshold);
            }
            if let Some(window) = models.prosody().and_then(|p| p.window.as_ref()) {
                for (field, value) in [
                    ("models.prosody.window.length", window.length),
                    ("models.prosody.window.step", window.step),
                ] {
                    if let Some(v) = value
                        && !(v >= MIN_WINDOW_SECONDS && v.is_finite())
                    {
                        errs.push(
                            field,
                            format!("must be at least {MIN_WINDOW_SECONDS} seconds, got {v}"),
                        );
                    }
                }
            }
        }
        if let Some(t) = self.transcription.config() {
            check_unit(
                &mut errs,
                "transcription.confidence_threshold",
                t.confidence_threshold,
            );
        }
        errs.into_result()
    }
}

fn check_unit(errs: &mut ValidationErrors, field: &str, value: Option<f64>) {
    if let Some(v) = value
        && !(0.0..=1.0).contains(&v)
    {
        errs.push(field, format!("must be between 0 and 1, got {v}"));
    }
}

/// Why `url` is not a usable http(s) URL, if it is not.
///
/// The URL is read by the `url` crate (the WHATWG URL standard, what every HTTP client here
/// uses), and refused when another reader could see a different host in it: a backslash
/// (the standard reads `\` as `/`, hand-written parsers do not), credentials before the host
/// (`http://good@evil` tricks, and secrets sent to every hop), whitespace or control
/// characters.
fn http_url_problem(url: &str) -> Option<&'static str> {
    if url.contains('\\') {
        return Some("must not contain a backslash (it would be read as `/`)");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("must not contain whitespace or control characters");
    }
    let Ok(parsed) = url::Url::parse(url) else {
        return Some(HTTP_URL);
    };
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(str::is_empty) {
        return Some(HTTP_URL);
    }
    if !parsed.username().is_empty() || parsed.password().is_some() || has_userinfo(url) {
        return Some("must not carry credentials (user@ or user:password@ before the host)");
    }
    None
}

/// The message for a URL that is not http(s) with a host.
const HTTP_URL: &str = "must be an http:// or https:// url";

/// `true` when the authority (between `//` and the first `/`, `?` or `#`) has an `@`: an
/// empty userinfo (`http://@host`) the `url` crate drops, but another reader may not.
fn has_userinfo(url: &str) -> bool {
    url.split_once("//")
        .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(""))
        .is_some_and(|authority| authority.contains('@'))
}
