//! Local checks of v1 requests against the documented limits, before anything is sent.
//!
//! Each function is pure and returns every problem at once (an empty list when the request is
//! fine); the `validate` methods of the request types call them. Field names in the problems
//! are the wire paths (`face.threshold`, `audio.sample_rate`).

use super::limits::{
    AUDIO_CHANNELS, AUDIO_SAMPLE_RATE, MAX_FACE_THRESHOLD, MAX_MEASUREMENT_TIMER_MS,
    MIN_FACE_MIN_SIZE, MIN_FACE_THRESHOLD, MIN_MEASUREMENT_TIMER_MS,
};
use super::realtime::{AudioSessionUpdate, VideoSessionUpdate};
use super::{
    AudioConfigUpdate, AudioEncoding, AudioFileConfig, AudioMediaType, FaceConfigUpdate,
    ImageConfigUpdate, ImageMediaType, ListRunsQuery, RunEventsQuery, VideoFileConfig,
};
use crate::ValidationErrors;

/// Checks an audio file request's `config`: `measurement_timer_ms` in 3000..=10000.
pub fn audio_file_config(config: &AudioFileConfig) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    measurement_timer(config.measurement_timer_ms, &mut errors);
    errors
}

/// Checks an image request's `config`: `face.threshold` in 0..=1, `face.min_size` ≥ 1, a
/// `face_state` (when given) not empty.
pub fn video_file_config(config: &VideoFileConfig) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    if let Some(face) = &config.face {
        threshold(face.threshold, &mut errors);
        min_size(face.min_size, &mut errors);
    }
    if config.face_state.as_ref().is_some_and(|s| s.is_empty()) {
        errors.push("face_state", "must not be empty (leave it out instead)");
    }
    errors
}

/// Checks an audio `session.update`: `measurement_timer_ms` in 3000..=10000, and an `audio`
/// format (when given) that is the one supported (`audio/pcm`, `s16le`, 16,000 Hz, 1
/// channel); the server ends the session with `config_invalid` otherwise.
pub fn audio_session_update(update: &AudioSessionUpdate) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    if let Some(audio) = &update.audio {
        audio_format(audio, &mut errors);
    }
    measurement_timer(update.measurement_timer_ms, &mut errors);
    errors
}

/// Checks a video `session.update`: an `image` type (when given) of `image/jpeg`,
/// `face.threshold` in 0..=1, `face.min_size` ≥ 1.
pub fn video_session_update(update: &VideoSessionUpdate) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    if let Some(image) = &update.image {
        image_format(image, &mut errors);
    }
    if let Some(face) = &update.face {
        face_update(face, &mut errors);
    }
    errors
}

/// Checks the run-list query: `page_size` ≥ 1, `cursor` and `user_id` not empty, and
/// `started_after` earlier than `started_before` (otherwise no run can match).
pub fn list_runs_query(query: &ListRunsQuery) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    page_size(query.page_size, &mut errors);
    cursor(query.cursor.as_deref(), &mut errors);
    if query.user_id.as_deref() == Some("") {
        errors.push("user_id", "must not be empty (leave it out instead)");
    }
    if let (Some(after), Some(before)) = (query.started_after, query.started_before)
        && after >= before
    {
        errors.push(
            "started_after",
            format!("{after} is not earlier than started_before {before}: no run can match"),
        );
    }
    errors
}

/// Checks the run-events query: `page_size` ≥ 1, `cursor` not empty.
pub fn run_events_query(query: &RunEventsQuery) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    page_size(query.page_size, &mut errors);
    cursor(query.cursor.as_deref(), &mut errors);
    errors
}

fn measurement_timer(ms: Option<u32>, errors: &mut ValidationErrors) {
    if let Some(ms) = ms
        && !(MIN_MEASUREMENT_TIMER_MS..=MAX_MEASUREMENT_TIMER_MS).contains(&ms)
    {
        errors.push(
            "measurement_timer_ms",
            format!(
                "{ms} is outside {MIN_MEASUREMENT_TIMER_MS}..={MAX_MEASUREMENT_TIMER_MS} milliseconds"
            ),
        );
    }
}

fn threshold(value: Option<f64>, errors: &mut ValidationErrors) {
    if let Some(t) = value
        && !(MIN_FACE_THRESHOLD..=MAX_FACE_THRESHOLD).contains(&t)
    {
        // NaN fails `contains` too.
        errors.push(
            "face.threshold",
            format!("{t} is outside {MIN_FACE_THRESHOLD}..={MAX_FACE_THRESHOLD}"),
        );
    }
}

fn min_size(value: Option<u32>, errors: &mut ValidationErrors) {
    if let Some(n) = value
        && n < MIN_FACE_MIN_SIZE
    {
        errors.push(
            "face.min_size",
            format!("{n} is below the minimum of {MIN_FACE_MIN_SIZE} pixel"),
        );
    }
}

fn face_update(face: &FaceConfigUpdate, errors: &mut ValidationErrors) {
    threshold(face.threshold, errors);
    min_size(face.min_size, errors);
}

fn audio_format(audio: &AudioConfigUpdate, errors: &mut ValidationErrors) {
    if let Some(t) = &audio.media_type
        && *t != AudioMediaType::Pcm
    {
        errors.push(
            "audio.type",
            format!("{:?} is not supported (only audio/pcm)", t.as_str()),
        );
    }
    if let Some(e) = &audio.encoding
        && *e != AudioEncoding::S16le
    {
        errors.push(
            "audio.encoding",
            format!("{:?} is not supported (only s16le)", e.as_str()),
        );
    }
    if let Some(rate) = audio.sample_rate
        && rate != AUDIO_SAMPLE_RATE
    {
        errors.push(
            "audio.sample_rate",
            format!("{rate} Hz is not supported (only {AUDIO_SAMPLE_RATE})"),
        );
    }
    if let Some(ch) = audio.channels
        && ch != AUDIO_CHANNELS
    {
        errors.push(
            "audio.channels",
            format!("{ch} channels are not supported (only {AUDIO_CHANNELS})"),
        );
    }
}

fn image_format(image: &ImageConfigUpdate, errors: &mut ValidationErrors) {
    if let Some(t) = &image.media_type
        && *t != ImageMediaType::Jpeg
    {
        errors.push(
            "image.type",
            format!("{:?} is not supported (only image/jpeg)", t.as_str()),
        );
    }
}

fn page_size(value: Option<u32>, errors: &mut ValidationErrors) {
    if value == Some(0) {
        errors.push("page_size", "must be at least 1");
    }
}

fn cursor(value: Option<&str>, errors: &mut ValidationErrors) {
    if value == Some("") {
        errors.push(
            "cursor",
            "must not be empty (leave it out for the first page)",
        );
    }
}
