//! Deterministic synthetic predictions bodies for the benchmarks: the one data generator the
//! hume-models `predictions_parse` bench, the hume-analysis `export_csv` bench and
//! `hume-bench prepare` share (a dev-only crate, never published).
//!
//! A body holds every source kind and every model the API documents, shaped like real output:
//! zipped video clips behind URLs (face with two identified faces, FACS and descriptions on
//! some frames, vocal bursts, prosody utterances, language words with sentiment and toxicity
//! on some, named entities, facemesh), uploaded audio files (bursts, window prosody with
//! `null` text, language, NER), raw-text items (untimed language, `null` metadata), per-file
//! errors and one source that failed as a whole. Scores carry 53 random bits, printed in full
//! like the API's. The same arguments always give the same bytes.
//!
//! Sources are serialised one prediction at a time, so a body of any size is written with
//! constant memory ([`write_predictions_to`]); [`Layout::OneSource`] puts every clip in one
//! source (the worst case for a reader that buffers a top-level element).
//!
//! [`interleaved_ratio`] times a typed parse against serde_json's `IgnoredAny` floor for the
//! parse benches.
//!
//! [`test_media`] generates the media files the tests and benchmarks upload and stream (WAVs,
//! bursts of tone, JPEGs): one builder for every crate's tests.
//!
//! ```
//! let body = hume_bench_data::predictions_body(200_000);
//! let predictions = hume_models::Predictions::from_response(&body).expect("parses");
//! assert!(predictions.len() > 1);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod media;
mod parse_ratio;
mod rng;
pub mod test_media;
mod writer;

pub use parse_ratio::{ParseRates, interleaved_ratio};
pub use writer::{Layout, predictions_body, write_predictions, write_predictions_to};

#[cfg(test)]
mod tests;
