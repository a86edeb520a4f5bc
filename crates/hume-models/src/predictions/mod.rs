//! Typed predictions (`GET /v0/batch/jobs/{id}/predictions`): one [`SourceResult`] per input
//! source, each with per-file, per-model results.
//!
//! Parsing is tolerant (unknown fields ignored, `null` accepted for optional fields, unknown
//! model keys kept as raw JSON) and fast: a single-pass parser specialised to this shape
//! (`fast`) reads well-formed bodies, with the serde implementations as its exact fallback.

mod bounding_box;
mod burst;
mod face;
mod facemesh;
mod fast;
mod language;
mod metadata;
mod model_result;
mod models_predictions;
mod ner;
mod predictions_list;
mod prosody;
mod score;
mod score_name;
mod scores;
mod source;
mod source_result;
mod text_position;
mod time_interval;

pub use bounding_box::BoundingBox;
pub use burst::BurstPrediction;
pub use face::FacePrediction;
pub use facemesh::FacemeshPrediction;
pub use language::LanguagePrediction;
pub use metadata::TranscriptionMetadata;
pub use model_result::{GroupedPredictions, ModelResult};
pub use models_predictions::ModelsPredictions;
pub use ner::NerPrediction;
pub use predictions_list::Predictions;
pub use prosody::ProsodyPrediction;
pub use score::Score;
pub use score_name::ScoreName;
pub use scores::{EmotionScore, Scores};
pub use source::Source;
pub use source_result::{FileError, InferencePrediction, InferenceResults, SourceResult};
pub use text_position::TextPosition;
pub use time_interval::TimeInterval;
