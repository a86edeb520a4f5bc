//! Turning the `submit`/`run` flags ([`JobSpec`]) into a checked [`JobRequest`] plus the local
//! files to upload.
//!
//! Rules: no model flag at all leaves `models` out (the API then runs every model); any
//! `--face-*`, `--prosody-*`, `--language-*` or `--ner-*` option turns its model on.
//! Granularities and language tags arrive typed (clap checked them, see [`crate::values`]);
//! the files (each must be an existing regular file) and the API's own rules
//! ([`JobRequest::validate`]) are checked here. Every problem is reported at once, with exit
//! code 7.

use std::path::PathBuf;

use crate::args::JobSpec;
use crate::exit::Failure;
use crate::models::config::{
    BurstConfig, FaceConfig, FacemeshConfig, LanguageConfig, NerConfig, ProsodyConfig, Window,
};
use crate::models::{JobRequest, Models, Transcription, TranscriptionConfig};

/// A request ready to send and the files to upload with it.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedJob {
    /// The JSON part (or body) of the request.
    pub request: JobRequest,
    /// Local files to upload (multipart when non-empty).
    pub files: Vec<PathBuf>,
}

impl JobSpec {
    /// Builds and checks the request.
    ///
    /// # Errors
    /// A [`Failure`] with exit kind `Validation` listing every problem: a missing or
    /// unreadable file, and any rule of [`JobRequest::validate`] (no inputs, a bad URL, a
    /// threshold outside 0..1...).
    pub fn prepare(&self) -> anyhow::Result<PreparedJob> {
        let mut problems = Vec::new();
        for path in &self.files {
            match std::fs::metadata(path) {
                Ok(meta) if meta.is_file() => {}
                Ok(_) => problems.push(format!("{} is not a regular file", path.display())),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    problems.push(format!("file not found: {}", path.display()));
                }
                Err(e) => problems.push(format!("cannot read {}: {e}", path.display())),
            }
        }
        let mut request = JobRequest::new()
            .with_urls(self.urls.iter().chain(&self.url_flags).cloned())
            .with_text(self.text.iter().cloned());
        if let Some(models) = self.models() {
            request = request.with_models(models);
        }
        if self.no_transcription {
            request = request.with_transcription(Transcription::Disabled);
        } else if self.transcription_language.is_some()
            || self.transcription_identify_speakers
            || self.transcription_confidence_threshold.is_some()
        {
            let mut config = TranscriptionConfig::default();
            config.language = self.transcription_language.clone();
            config.identify_speakers = self.transcription_identify_speakers.then_some(true);
            config.confidence_threshold = self.transcription_confidence_threshold;
            request = request.with_transcription(config);
        }
        if let Some(url) = &self.callback_url {
            request = request.with_callback_url(url.clone());
        }
        if self.notify {
            request = request.with_notify(true);
        }
        if let Err(errors) = request.validate_with_uploads(self.files.len()) {
            problems.extend(errors.iter().map(|e| {
                if e.field == "urls" && request.urls.is_empty() {
                    "nothing to process: give at least one URL, --file or --text".to_owned()
                } else {
                    e.to_string()
                }
            }));
        }
        if !problems.is_empty() {
            return Err(Failure::invalid(format!(
                "invalid job: {}",
                problems.join("; ")
            )));
        }
        Ok(PreparedJob {
            request,
            files: self.files.clone(),
        })
    }

    /// The `models` object, or `None` when no model flag was given (all models run).
    fn models(&self) -> Option<Models> {
        let mut models = Models::new();
        let mut face = FaceConfig::default()
            .with_facs(self.face_facs)
            .with_descriptions(self.face_descriptions);
        face.fps_pred = self.face_fps_pred;
        face.prob_threshold = self.face_prob_threshold;
        face.identify_faces = self.face_identify_faces.then_some(true);
        face.min_face_size = self.face_min_face_size;
        face.save_faces = self.face_save_faces.then_some(true);
        if self.face || face != FaceConfig::default() {
            models.insert(face);
        }
        if self.burst {
            models.insert(BurstConfig::new());
        }
        let window = (self.prosody_window_length.is_some() || self.prosody_window_step.is_some())
            .then(|| {
                let mut window = Window::default();
                window.length = self.prosody_window_length;
                window.step = self.prosody_window_step;
                window
            });
        let mut prosody = ProsodyConfig::default();
        prosody.granularity = self.prosody_granularity.clone();
        prosody.window = window;
        prosody.identify_speakers = self.prosody_identify_speakers.then_some(true);
        if self.prosody || prosody != ProsodyConfig::default() {
            models.insert(prosody);
        }
        let mut language = LanguageConfig::default()
            .with_sentiment(self.language_sentiment)
            .with_toxicity(self.language_toxicity);
        language.granularity = self.language_granularity.clone();
        language.identify_speakers = self.language_identify_speakers.then_some(true);
        if self.language || language != LanguageConfig::default() {
            models.insert(language);
        }
        let mut ner = NerConfig::default();
        ner.identify_speakers = self.ner_identify_speakers.then_some(true);
        if self.ner || ner != NerConfig::default() {
            models.insert(ner);
        }
        if self.facemesh {
            models.insert(FacemeshConfig::new());
        }
        (!models.is_empty()).then_some(models)
    }
}

#[cfg(test)]
mod tests;
