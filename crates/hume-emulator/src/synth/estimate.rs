//! An upper bound on the predictions a job will produce, counted in scored segments (face
//! frames per face, utterances, words, windows, ...), computed from the request alone, so an
//! oversized job can be refused before anything is built.
//!
//! It follows the synthesis: a video lasts at most 12 s of a 30 fps stream with at most two
//! faces; a sound track's synthetic transcript has at most 8 sentences of at most 10 words;
//! text has as many word segments as words; archives hold
//! [`ARCHIVE_FILES`](super::ARCHIVE_FILES) files.

use hume_models::{JobRequest, Models};

use super::archive_entries;
use super::media::{MediaKind, kind_of, url_file_name};
use crate::job::UploadedFile;

/// Longest emulated media, in seconds.
const MAX_SECONDS: f64 = 12.0;
/// Frame rate of emulated videos.
const NATIVE_FPS: f64 = 30.0;
/// Most faces in one file.
const MAX_FACES: u64 = 2;
/// Bound on the segments of all audio models over one synthetic transcript (words at word
/// granularity for prosody, language and NER, bursts, windows).
const SPEECH_SEGMENTS: u64 = 400;
/// Words of the synthetic text of a text file whose content is not kept.
const SYNTHETIC_WORDS: u64 = 80;

/// The most segments `request` (with `files` uploaded) can produce.
pub(crate) fn estimate(request: &JobRequest, files: &[UploadedFile]) -> u64 {
    let models = request.models.clone().unwrap_or_else(Models::all);
    let per_file = |kind: MediaKind, text: Option<&str>| file_segments(&models, kind, text);
    let mut total = 0u64;
    for url in &request.urls {
        let name = url_file_name(url);
        total = total.saturating_add(source_segments(
            &name,
            kind_of(Some(&name), None),
            None,
            &per_file,
        ));
    }
    for file in files {
        let name = file.info.filename.clone().unwrap_or_default();
        let kind = kind_of(
            file.info.filename.as_deref(),
            file.info.content_type.as_deref(),
        );
        total = total.saturating_add(source_segments(
            &name,
            kind,
            file.text.as_deref(),
            &per_file,
        ));
    }
    for item in &request.text {
        total = total.saturating_add(per_file(MediaKind::Text, Some(item)));
    }
    total
}

/// The segments of one URL or upload (an archive: of the files it holds).
fn source_segments(
    name: &str,
    kind: MediaKind,
    text: Option<&str>,
    per_file: &dyn Fn(MediaKind, Option<&str>) -> u64,
) -> u64 {
    if kind == MediaKind::Archive {
        return archive_entries(name, 0)
            .into_iter()
            .map(|(_, kind, _)| per_file(kind, None))
            .fold(0, u64::saturating_add);
    }
    per_file(kind, text)
}

/// The segments of one file of `kind`.
fn file_segments(models: &Models, kind: MediaKind, text: Option<&str>) -> u64 {
    let frames = match kind {
        MediaKind::Image => 1,
        MediaKind::Video => {
            let fps = models.face().and_then(|f| f.fps_pred).unwrap_or(3.0);
            let step = if fps <= 0.0 || !fps.is_finite() {
                1.0
            } else {
                (NATIVE_FPS / fps).round().max(1.0)
            };
            (MAX_SECONDS * NATIVE_FPS / step).ceil() as u64 + 1
        }
        _ => 0,
    };
    let mut segments = 0u64;
    if models.face().is_some() {
        segments += frames * MAX_FACES;
    }
    if models.facemesh().is_some() {
        segments += frames * MAX_FACES + u64::from(kind == MediaKind::Landmarks);
    }
    if kind.has_audio() {
        segments += SPEECH_SEGMENTS;
    }
    if kind == MediaKind::Text {
        let words = text.map_or(SYNTHETIC_WORDS, |t| t.split_whitespace().count() as u64);
        // Language and NER, each at most one segment per word, plus sentences.
        segments = segments.saturating_add(words.saturating_mul(3).saturating_add(1));
    }
    segments
}

#[cfg(test)]
mod tests;
