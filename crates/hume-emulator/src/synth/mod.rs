//! Deterministic synthetic predictions in the real schema, shaped by the input.
//!
//! No URL is ever fetched. The media kind follows the file extension of the URL or upload
//! ([`media`]); archives expand to three files named `<stem>/<i>.<ext>`. Every number comes
//! from a RNG seeded with the emulator seed and the identity of the value (URL, md5, text,
//! path, model, index), so the same job gives the same predictions in every run.
//!
//! | kind | models that produce output |
//! |---|---|
//! | image | face (one frame, time 0), facemesh |
//! | video (4–12 s) | face (frames at `fps_pred`), facemesh, burst, prosody, language, ner |
//! | audio (3–12 s) | burst, prosody, language, ner |
//! | text (`text` items, `.txt` files) | language, ner — on the real words for `text` items and uploaded `.txt` files up to 1 MiB |
//! | landmarks (`.json`) | facemesh |
//!
//! Media transcripts are synthetic sentences (two speakers alternating every two sentences;
//! ids `speaker_N` when the model's or the transcription's `identify_speakers` is set);
//! with `transcription: null` there is no transcript (no language/NER; prosody uses windows).
//! A transcript whose confidence is below `transcription.confidence_threshold` is dropped
//! with the per-file error "Transcript confidence below threshold value". All `text` items
//! form one `text` source whose predictions have `file` = the 1-based index and
//! `file_type: "text"`, in a deterministic shuffled order (the real API does not keep input
//! order either).

mod burst;
mod context;
pub(crate) mod estimate;
mod face;
mod language;
mod lexicon;
pub(crate) mod media;
mod ner;
mod prosody;
mod scores;
pub(crate) mod text;
mod transcript;
pub(crate) mod v1;

use hume_models::{
    FileError, InferencePrediction, InferenceResults, Models, ModelsPredictions, Predictions,
    Source, SourceResult, Transcription, TranscriptionMetadata,
};

use crate::hash::stable_hash;
use crate::job::Job;
use crate::rules;
use crate::state::AppState;
use context::FileCtx;
use media::{MediaKind, archive_stem, kind_of, url_file_name};
use transcript::Transcript;

/// Number of files inside an emulated archive.
pub(crate) const ARCHIVE_FILES: u64 = 3;

/// The message of a transcript dropped for low confidence (from the docs' errors page).
pub(crate) const LOW_CONFIDENCE_MESSAGE: &str = "Transcript confidence below threshold value";

/// The predictions of a job.
pub(crate) fn predict(state: &AppState, job: &Job) -> Predictions {
    sources(state, job, Detail::Scores)
}

/// How much of each file's prediction [`sources`] builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Everything: the predictions served.
    Scores,
    /// The sources, files and errors, each file's prediction without its models: what
    /// [`counts`] needs, at a small part of the cost (the file walk, archives and dropped
    /// transcripts are the same code as for the scores).
    Outline,
}

/// The sources of a job's predictions, at `detail`.
fn sources(state: &AppState, job: &Job, detail: Detail) -> Predictions {
    let cx = JobCtx {
        seed: state.config.seed,
        models: job.request.models.clone().unwrap_or_else(Models::all),
        transcription: job.request.transcription.clone(),
        detail,
    };
    let mut sources = Vec::new();
    for url in &job.request.urls {
        let source = Source::url(url.clone());
        if let Some(error) = rules::unreachable_error(url) {
            sources.push(SourceResult::failed(source, error));
            continue;
        }
        let mut name = url_file_name(url);
        if name.is_empty() {
            name = "file".to_owned();
        }
        let key = stable_hash(&[b"url", url.as_bytes()]);
        let kind = kind_of(Some(&name), None);
        sources.push(SourceResult::new(
            source,
            cx.results(&name, kind, key, None),
        ));
    }
    for file in &job.files {
        let info = &file.info;
        let source = Source::File {
            filename: info.filename.clone(),
            content_type: info.content_type.clone(),
            md5sum: info.md5sum.clone(),
        };
        let name = info.filename.clone().unwrap_or_else(|| info.md5sum.clone());
        let key = stable_hash(&[b"file", info.md5sum.as_bytes(), name.as_bytes()]);
        let kind = kind_of(info.filename.as_deref(), info.content_type.as_deref());
        let results = cx.results(&name, kind, key, file.text.as_deref());
        sources.push(SourceResult::new(source, results));
    }
    if !job.request.text.is_empty() {
        let mut order: Vec<usize> = (0..job.request.text.len()).collect();
        let joined = job.request.text.join("\u{1f}");
        scores::rng_for(cx.seed, &[b"text-order", joined.as_bytes()]).shuffle(&mut order);
        let mut results = InferenceResults::default();
        for i in order {
            let item = &job.request.text[i];
            let key = stable_hash(&[b"text", item.as_bytes()]);
            let (prediction, error) =
                cx.predict_file(&(i + 1).to_string(), MediaKind::Text, key, Some(item));
            results.predictions.push(prediction);
            results.errors.extend(error);
        }
        sources.push(SourceResult::new(Source::text(), results));
    }
    Predictions(sources)
}

/// `(num_predictions, num_errors)` of a job: predictions counted over every source; errors =
/// per-file errors plus failed sources. Computed once per job, from the outline of its
/// predictions (the poll that first sees a job `COMPLETED` pays for this, so it does not
/// synthesise the scores).
pub(crate) fn counts(state: &AppState, job: &Job) -> (u64, u64) {
    *job.counts.get_or_init(|| {
        let predictions = sources(state, job, Detail::Outline);
        let mut n = 0u64;
        let mut errors = 0u64;
        for source in predictions.iter() {
            if source.error.is_some() {
                errors += 1;
            }
            if let Some(results) = &source.results {
                n += results.predictions.len() as u64;
                errors += results.errors.len() as u64;
            }
        }
        (n, errors)
    })
}

struct JobCtx {
    seed: u64,
    models: Models,
    transcription: Transcription,
    detail: Detail,
}

impl JobCtx {
    /// The results of one URL or uploaded file (expanding archives).
    fn results(
        &self,
        name: &str,
        kind: MediaKind,
        key: u64,
        text: Option<&str>,
    ) -> InferenceResults {
        let mut results = InferenceResults::default();
        if rules::is_corrupt(name) {
            results
                .errors
                .push(FileError::new(name, rules::CORRUPT_MESSAGE));
            return results;
        }
        let files: Vec<(String, MediaKind, u64)> = if kind == MediaKind::Archive {
            archive_entries(name, key)
        } else {
            vec![(name.to_owned(), kind, key)]
        };
        for (path, kind, key) in files {
            let (prediction, error) = self.predict_file(&path, kind, key, text);
            results.predictions.push(prediction);
            results.errors.extend(error);
        }
        results
    }

    /// The prediction of one file, and its per-file error if its transcript was dropped.
    fn predict_file(
        &self,
        file: &str,
        kind: MediaKind,
        key: u64,
        text: Option<&str>,
    ) -> (InferencePrediction, Option<FileError>) {
        let duration = match kind {
            MediaKind::Video => 4.0 + (key % 8000) as f64 / 1000.0,
            MediaKind::Audio => 3.0 + (key % 9000) as f64 / 1000.0,
            _ => 0.0,
        };
        let mut transcript_rng = scores::rng_for(self.seed, &[&key.to_le_bytes(), b"transcript"]);
        let mut error = None;
        let transcript = match kind {
            MediaKind::Text => Some(match text {
                Some(t) => Transcript::from_text(t),
                None => Transcript::synthetic(&mut transcript_rng, 8.0).into_text(),
            }),
            k if k.has_audio() && !self.transcription.is_disabled() => {
                let t = Transcript::synthetic(&mut transcript_rng, duration);
                let threshold = self
                    .transcription
                    .config()
                    .and_then(|c| c.confidence_threshold)
                    .unwrap_or(0.5);
                if t.confidence.unwrap_or(1.0) < threshold {
                    error = Some(FileError::new(file, LOW_CONFIDENCE_MESSAGE));
                    None
                } else {
                    Some(t)
                }
            }
            _ => None,
        };
        let metadata = transcript.as_ref().and_then(|t| {
            t.confidence.map(|confidence| {
                TranscriptionMetadata::new(confidence).with_detected_language(
                    self.transcription
                        .config()
                        .and_then(|c| c.language.as_ref())
                        .map_or("en", |l| l.as_str()),
                )
            })
        });
        let identify_speakers = self
            .transcription
            .config()
            .and_then(|c| c.identify_speakers)
            .unwrap_or(false);
        let ctx = FileCtx {
            seed: self.seed,
            key,
            kind,
            duration,
            transcript: transcript.as_ref(),
            metadata,
            identify_speakers,
        };
        if self.detail == Detail::Outline {
            let outline = InferencePrediction::new(file, ModelsPredictions::default())
                .with_file_type(kind.file_type());
            return (outline, error);
        }
        let visual = matches!(kind, MediaKind::Image | MediaKind::Video);
        let models = &self.models;
        let mut predictions = ModelsPredictions::default();
        predictions.face = models
            .face()
            .filter(|_| visual)
            .map(|c| face::face(&ctx, c));
        predictions.facemesh = models
            .facemesh()
            .filter(|_| visual || kind == MediaKind::Landmarks)
            .map(|_| face::facemesh(&ctx));
        predictions.burst = models
            .burst()
            .filter(|_| kind.has_audio())
            .map(|_| burst::burst(&ctx));
        predictions.prosody = models
            .prosody()
            .filter(|_| kind.has_audio())
            .map(|c| prosody::prosody(&ctx, c));
        predictions.language = models
            .language()
            .filter(|_| transcript.is_some())
            .map(|c| language::language(&ctx, c));
        predictions.ner = models
            .ner()
            .filter(|_| transcript.is_some())
            .map(|c| ner::ner(&ctx, c));
        let prediction =
            InferencePrediction::new(file, predictions).with_file_type(kind.file_type());
        (prediction, error)
    }
}

/// The files inside an emulated archive: `<stem>/<i>.<ext>`, their kind hinted by the
/// archive's name (`face`/`image`/`photo` → images, `audio`/`voice`/`speech` → audio,
/// `video`/`clip` → videos, `text` → text files), otherwise an image, a video and an audio file.
fn archive_entries(name: &str, key: u64) -> Vec<(String, MediaKind, u64)> {
    let stem = archive_stem(name);
    let lower = stem.to_ascii_lowercase();
    let hinted = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    let kinds: [MediaKind; 3] = if hinted(&["face", "image", "photo", "img"]) {
        [MediaKind::Image; 3]
    } else if hinted(&["audio", "voice", "speech"]) {
        [MediaKind::Audio; 3]
    } else if hinted(&["video", "clip"]) {
        [MediaKind::Video; 3]
    } else if hinted(&["text"]) {
        [MediaKind::Text; 3]
    } else {
        [MediaKind::Image, MediaKind::Video, MediaKind::Audio]
    };
    (0..ARCHIVE_FILES)
        .zip(kinds)
        .map(|(i, kind)| {
            let path = format!("{stem}/{i}.{}", kind.extension());
            (
                path.clone(),
                kind,
                stable_hash(&[&key.to_le_bytes(), path.as_bytes()]),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
