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
//! | [`vocabulary`] | the score names |
//! | [`scores`] | rounding, cutoffs and order of every score list |
//!
//! The routes turn these plain values into the `hume_models::v1` wire types; media is checked
//! with `hume_models::v1::media` first.

pub(crate) mod audio_scores;
pub(crate) mod audio_stream;
mod draw;
pub(crate) mod measurements;
pub(crate) mod scores;
#[cfg(test)]
mod test_signal;
pub(crate) mod vad;
pub(crate) mod vocabulary;

pub(crate) use audio_scores::{AudioScores, VOICE_ATTRIBUTE_CUTOFF};
pub(crate) use audio_stream::{
    AudioAnalysis, AudioMeasurement, AudioOutput, AudioStream, Utterance, analyze_file,
};
pub(crate) use measurements::{MeasurementTimer, Planned, Planner, Trigger, Window};
pub(crate) use scores::Score;
pub(crate) use vad::{Vad, VadEvent};
