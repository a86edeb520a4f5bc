//! Typed models of the Hume AI Expression Measurement **batch API** (v0): job requests, job
//! details, list queries, predictions, webhook bodies and error bodies.
//!
//! This crate does no I/O and depends on no HTTP crate: it turns bytes into types and back.
//! `hume-core` builds requests from it; the emulator serves it.
//!
//! Parsing is tolerant, because real responses differ from the API definition: unknown fields
//! are ignored, `null` is accepted wherever a value may be missing, whole numbers may arrive as
//! floats (`60.0`), unknown statuses and model keys are kept rather than rejected. A `null`
//! emotion score stays null ([`Score`]), never 0. Numbers are read bit for bit: this crate
//! turns on `serde_json`'s `float_roundtrip`, so every decimal is correctly rounded and writes
//! back as the same text's value.
//! Serialising a [`JobRequest`] leaves unset options out (never `null`) except the three-state
//! [`Transcription`].
//!
//! # Example
//!
//! ```
//! use hume_models::predictions::{Predictions, Scores};
//!
//! let body = r#"[{
//!   "source": {"type": "url", "url": "https://example.com/face.jpg"},
//!   "results": {"errors": [], "predictions": [{
//!     "file": "face.jpg",
//!     "models": {"face": {"metadata": null, "grouped_predictions": [{
//!       "id": "unknown",
//!       "predictions": [{
//!         "frame": 0, "time": 0, "prob": 0.99,
//!         "box": {"x": 1.0, "y": 2.0, "w": 30.0, "h": 40.0},
//!         "emotions": [{"name": "Joy", "score": 0.81}, {"name": "Calmness", "score": 0.12}],
//!         "facs": null, "descriptions": null
//!       }]
//!     }]}}
//!   }]}
//! }]"#;
//!
//! let predictions = Predictions::from_response(body.as_bytes())?;
//! let file = predictions.find_file("face.jpg").expect("face.jpg was analysed");
//! let face = file.models.face.as_ref().expect("face model ran");
//! for prediction in face.predictions() {
//!     let top = prediction.emotions.top().expect("scores present");
//!     println!("frame {}: {} ({:.2})", prediction.frame, top.name, top.score);
//!     assert_eq!(top.name, "Joy");
//! }
//! # Ok::<(), hume_models::ParseError>(())
//! ```
//!
//! # Building values
//!
//! Every type the server owns or that may gain fields is `#[non_exhaustive]`, so a new field
//! or value is not a breaking change. Outside this crate, build them from a constructor or
//! `Default` and chain `with_*` setters, or set their public fields:
//!
//! ```
//! use hume_models::predictions::{
//!     BoundingBox, EmotionScore, FacePrediction, GroupedPredictions, ModelResult,
//! };
//!
//! let frame = FacePrediction::default()
//!     .with_frame(3u32)
//!     .with_time(0.1)
//!     .with_bbox(BoundingBox::new(10.0, 20.0, 64.0, 80.0))
//!     .with_emotions(vec![EmotionScore::new("Joy", 0.9)]);
//! let face = ModelResult::new(vec![GroupedPredictions::new("face_0", vec![frame])]);
//! assert_eq!(face.prediction_count(), 1);
//! ```
//!
//! # Performance
//!
//! [`Predictions::from_response`] is built for large bodies. It first tries a single-pass
//! parser specialised to the predictions shape (score lists read straight from the bytes,
//! numbers eight digits at a time, UTF-8 checked only in the text it keeps, cold values handed
//! to serde); whatever that parser does not reproduce exactly, and every error, goes through
//! the serde path, so the result is the same either way. The serde path has no
//! `serde(flatten)` or untagged enums on the per-prediction path (they buffer) and presizes
//! score lists. Documented score names are interned ([`ScoreName`]) instead of allocated.
//! `cargo bench -p hume-models` compares it with `serde_json`'s `IgnoredAny` floor on a
//! generated 50 MB body. [`ParseError`]'s field path is computed only after a parse has
//! failed, so successful parses pay nothing for it.
//!
//! # Map
//!
//! - Requests: [`JobRequest`], [`Models`] (at most one [`ModelConfig`] per [`ModelType`]),
//!   [`config`] (per-model options), [`Transcription`] / [`TranscriptionConfig`] /
//!   [`Bcp47Tag`], local checks in [`validation`].
//! - Jobs: [`JobId`] (checked as a path segment: [`path_segment`]), [`StartJobResponse`], [`BatchJobDetails`] (with [`InferenceRequest`],
//!   [`FileInfo`], [`BatchJobState`], [`BatchJobStatus`]), [`JobList`], [`ListJobsQuery`].
//! - Results: [`predictions`], [`CallbackBody`], name sets in [`names`].
//! - Errors: [`ApiErrorBody`] (server error bodies), [`ParseError`] (bodies we cannot parse),
//!   [`ValidationErrors`], [`ParseValueError`].
//! - The v1 API (uploads, runs, realtime sessions, media inspection): [`v1`].
//!
//! # v1
//!
//! [`v1`] holds the Expression Measurement **API v1** (`/v1/expression/...`): audio and image
//! uploads answered in the same request, runs, and realtime WebSocket messages. Its types
//! follow the same rules (open enums, tolerant parsing, `from_response` with a [`ParseError`]
//! naming the failing field, `validate` returning every problem at once) and live apart from
//! the v0 types above. Reading an audio response:
//!
//! ```
//! use hume_models::v1::{AudioFileResponse, Scores};
//!
//! let body = br#"{
//!   "request_id": "req-7f3a", "run_id": "run-0c41",
//!   "received": {"audio_duration_ms": 7400},
//!   "utterances": [{"utterance_id": 0, "audio_start_ms": 98, "audio_end_ms": 6900}],
//!   "measurements": [
//!     {"measurement_id": 0, "utterance_id": 0, "audio_start_ms": 98, "audio_end_ms": 3098,
//!      "trigger": "interval",
//!      "expressions": [{"name": "joy", "probability": 0.8123},
//!                      {"name": "amusement", "probability": 0.4407}],
//!      "voice_attributes": [{"name": "fast", "probability": 0.7702}]},
//!     {"measurement_id": 1, "utterance_id": 0, "audio_start_ms": 98, "audio_end_ms": 6900,
//!      "trigger": "speech_ended", "expressions": [], "voice_attributes": []}
//!   ]
//! }"#;
//!
//! let response = AudioFileResponse::from_response(body)?;
//! for m in &response.measurements {
//!     match m.expressions.top() {
//!         Some(top) => println!("{}..{} ms: {} ({:.2})", m.audio_start_ms, m.audio_end_ms, top.name, top.probability),
//!         None => println!("{}..{} ms: nothing stood out", m.audio_start_ms, m.audio_end_ms),
//!     }
//! }
//! assert_eq!(response.measurements[0].expressions.top().unwrap().name, "joy");
//! assert_eq!(response.measurements_of(0).count(), 2);
//! # Ok::<(), hume_models::ParseError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[macro_use]
mod setters;

mod api_error;
mod bcp47;
mod callback;
pub mod config;
mod de;
mod details;
mod file_info;
mod inference_request;
mod job_id;
mod job_list;
mod job_request;
mod json_cursor;
mod list_query;
mod model_config;
mod model_type;
mod models;
pub mod names;
mod parse_error;
mod parse_value_error;
pub mod path_segment;
pub mod predictions;
mod start_job_response;
mod state;
mod status;
mod transcription;
pub mod v1;
pub mod validation;

pub use api_error::ApiErrorBody;
pub use bcp47::Bcp47Tag;
pub use callback::CallbackBody;
pub use config::{
    BurstConfig, FaceConfig, FacemeshConfig, Granularity, LanguageConfig, NerConfig, ProsodyConfig,
    Unconfigurable, Window,
};
pub use details::BatchJobDetails;
pub use file_info::FileInfo;
pub use inference_request::InferenceRequest;
pub use job_id::JobId;
pub use job_list::JobList;
pub use job_request::{JobRequest, MAX_ITEMS, MIN_WINDOW_SECONDS};
pub use list_query::{Direction, ListJobsQuery, SortBy, When};
pub use model_config::ModelConfig;
pub use model_type::ModelType;
pub use models::Models;
pub use parse_error::{EXCERPT_LIMIT, ParseError};
pub use parse_value_error::ParseValueError;
pub use path_segment::InvalidId;
pub use predictions::{
    BoundingBox, BurstPrediction, EmotionScore, FacePrediction, FacemeshPrediction, FileError,
    GroupedPredictions, InferencePrediction, InferenceResults, LanguagePrediction, ModelResult,
    ModelsPredictions, NerPrediction, Predictions, ProsodyPrediction, Score, ScoreName, Scores,
    Source, SourceResult, TextPosition, TimeInterval, TranscriptionMetadata,
};
pub use start_job_response::StartJobResponse;
pub use state::BatchJobState;
pub use status::BatchJobStatus;
pub use transcription::{Transcription, TranscriptionConfig};
pub use validation::{ValidationError, ValidationErrors};

#[allow(dead_code)]
fn assert_send_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<JobRequest>();
    check::<BatchJobDetails>();
    check::<Predictions>();
    check::<ApiErrorBody>();
    check::<ParseError>();
    check::<ValidationErrors>();
}
