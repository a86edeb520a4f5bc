//! Deterministic synthesis for the v1 endpoints: utterances and measurements of audio, faces
//! of images. Everything is a function of the input bytes (and the request's settings); there
//! is no randomness at run time, so the same media gives the same answer on every run and on
//! both the upload and the realtime endpoints.
//!
//! | module | what |
//! |---|---|
//! | [`vad`] | voice-activity detector (push-based; parameters in its docs) |
//! | [`measurements`] | when measurements are taken and what each covers ([`Planner`]) |
//! | [`audio_scores`] | expression and voice-attribute scores of one window |
//! | [`audio_stream`] | the audio pipeline of a session ([`AudioStream`]) or an upload ([`analyze_file`]) |
//! | [`faces`] | face detections of an image and the listing rules ([`measure_image`]) |
//! | [`face_tracker`] | `face_id` assignment across images ([`FaceTracker`]) |
//! | [`face_state`] | the signed, expiring `face_state` token ([`FaceStateKey`]) |
//! | [`vocabulary`] | the score names |
//! | [`scores`] | rounding, cutoffs and order of every score list |
//!
//! The routes turn these plain values into the `hume_models::v1` wire types; media is checked
//! with `hume_models::v1::media` first.

pub(crate) mod audio_scores;
pub(crate) mod audio_stream;
mod draw;
pub(crate) mod face_state;
pub(crate) mod face_tracker;
pub(crate) mod faces;
pub(crate) mod measurements;
pub(crate) mod scores;
#[cfg(test)]
pub(crate) mod test_signal;
pub(crate) mod vad;
pub(crate) mod vocabulary;

pub(crate) use audio_stream::{
    AudioAnalysis, AudioMeasurement as AudioStreamMeasurement, AudioOutput, AudioStream,
    analyze_file,
};
pub(crate) use face_state::{FaceState, FaceStateKey, IgnoredReason};
pub(crate) use face_tracker::FaceTracker;
pub(crate) use faces::{FaceSettings, ListedFace, measure_image};
pub(crate) use measurements::MeasurementTimer;
pub(crate) use scores::Score;
