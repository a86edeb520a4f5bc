//! `hume-emulator`: a local emulator of the Hume AI Expression Measurement batch API v0, in
//! the spirit of stripe-mock. It speaks the API of `SPEC.md` on 127.0.0.1 — the same paths,
//! status codes and bodies, every body built from the `hume_models` types — so SDKs, CLIs and
//! benchmarks can run end to end without the (retired) real service.
//!
//! ```no_run
//! # async fn demo() -> Result<(), hume_emulator::EmulatorError> {
//! use hume_emulator::{Emulator, EmulatorConfig};
//! let emulator = Emulator::start(EmulatorConfig::default().with_api_key("my-key")).await?;
//! println!("{}", emulator.base_url()); // http://127.0.0.1:PORT
//! emulator.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! # Endpoints
//! `GET /v0/batch/jobs` (list), `POST /v0/batch/jobs` (JSON or multipart start),
//! `GET /v0/batch/jobs/{id}` (details), `GET /v0/batch/jobs/{id}/predictions`,
//! `GET /v0/batch/jobs/{id}/artifacts`. Every request needs `X-Hume-Api-Key`.
//!
//! # Behaviour where SPEC.md is silent (our choices)
//! - Errors: missing key → 401 `{"fault":{"faultstring":"Failed to resolve API Key variable
//!   request.header.X-Hume-Api-Key","detail":{"errorcode":"steps.oauth.v2.FailedToResolveAPIKey"}}}`;
//!   wrong key → 401 `{"fault":{"faultstring":"Invalid ApiKey","detail":{"errorcode":"oauth.v2.InvalidApiKey"}}}`;
//!   unknown job → 404 `{"message":"job not found"}`; invalid request (the rules of
//!   `JobRequest::validate`, malformed JSON/multipart, bad list query) → 400
//!   `{"message":"invalid request","errors":[{"field":..,"message":..}]}`; predictions or
//!   artifacts of a job that is not `COMPLETED` → 400
//!   `{"message":"job is not completed (status: QUEUED)"}` (or `IN_PROGRESS` / `FAILED`);
//!   unknown path → 404 `{"message":"not found"}`.
//! - Lifecycle: `QUEUED` for the configured queued time, `IN_PROGRESS` for the in-progress
//!   time, then `COMPLETED` or `FAILED`, computed from the job's timestamps on every read.
//!   `num_predictions` counts the predictions of all sources, `num_errors` the per-file errors
//!   plus the sources that failed as a whole.
//! - Echoed request (`request` in details and lists): server defaults filled in — omitted (or
//!   empty) `models` means all six models; face `fps_pred 3, prob_threshold 0.99,
//!   identify_faces false, min_face_size 60, save_faces false`; prosody `granularity
//!   "utterance"`; language `granularity "word"`; `identify_speakers false`; `notify false` —
//!   with unset sub-configs (`facs`, `descriptions`, `sentiment`, `toxicity`, `window`) and an
//!   unset `callback_url` as explicit `null`, plus `files` (filename, content type, md5sum of
//!   each upload).
//! - List: `limit` defaults to 50 (`0` gives `[]`); `status` is repeatable (unknown values are a
//!   400); `when=created_before|created_after` compares `created_timestamp_ms` strictly with
//!   `timestamp_ms` (default: now; without `when` it filters nothing; inclusively with
//!   [`ListBounds::Inclusive`], since SPEC.md leaves the comparison open); `sort_by` defaults to
//!   `created` (`started`, `ended` put jobs lacking that timestamp last); `direction` defaults
//!   to `desc`; ties keep submission order.
//! - Job ids are UUID v4 strings drawn from the seeded RNG (a replayed run repeats them).
//! - Multipart: `file` parts (repeatable) and an optional `json` part, in any order; uploads
//!   are hashed while they stream in and never held in memory (only small `.txt` files are
//!   kept, up to 1 MiB, for language predictions).
//!
//! # Input rules (how to provoke failures without a network)
//! | input | effect |
//! |---|---|
//! | a URL whose host ends with `.invalid`, or whose path contains `unreachable` | that source gets a source-level `error` and no `results` |
//! | an uploaded file name, or a URL's last path segment, containing `corrupt` | a `results.errors[]` entry for that file, no predictions for it |
//! | any URL (or uploaded file name) containing `fail-job` | the job ends `FAILED` with a `message` |
//!
//! # Synthetic predictions
//! Deterministic (seeded) values in the real schema for every configured model, shaped by the
//! input: the media kind follows the file extension (video, audio, image, `.txt`, `.json`
//! landmarks, archives of three files); faces follow `fps_pred` over a duration derived from
//! a hash of the input; language and NER on `text` items use the submitted words with
//! character offsets (Unicode scalar values, end exclusive) and follow the granularity;
//! prosody follows granularity or `window` (segments of `length` s every `step` s; the
//! default window 4 s / 1 s when `transcription` is `null`); `identify_faces` /
//! `identify_speakers` give ids `face_N` / `speaker_N` instead of `unknown`. Kinds: video
//! (4–12 s: face, facemesh, burst, prosody, language, ner on a synthetic two-speaker
//! transcript), audio (3–12 s: burst, prosody, language, ner), image (face at frame 0,
//! facemesh), text (language, ner), `.json` landmarks (facemesh), archives (three files
//! `<stem>/<i>.<ext>`). All `text` items form one `text` source; each item's prediction has
//! `file` = its 1-based index and `file_type: "text"`, in a deterministic shuffled order (the
//! real API does not keep input order either). A transcript whose confidence is below
//! `transcription.confidence_threshold` is dropped with the per-file error "Transcript
//! confidence below threshold value".
//!
//! # Artifacts
//! A zip with one top-level folder (the job id) holding one CSV per model,
//! `predictions.json`, and with `face.save_faces` small PGM face crops under `faces/`. [`EmulatorConfig::with_artifact_padding`] adds a stored entry of N
//! deterministic bytes, streamed while generated, for large-download benchmarks.
//!
//! # Byte ranges
//! Predictions and the artifacts zip without padding offer `Accept-Ranges: bytes` with a
//! strong `ETag`: one `Range` (optionally guarded by `If-Range`) gets `206` with
//! `Content-Range`, a range past the end `416`. The padded zip offers none.
//!
//! # Callbacks
//! When the job ends, `{job_id, status, predictions}` (`FAILED`: `message`, no predictions) is
//! POSTed to `callback_url` if its host is loopback (127.0.0.0/8, `::1`, `localhost`) or
//! allowed with [`EmulatorConfig::with_callback_host`]; other hosts are accepted at submit,
//! then skipped with a log line.
//!
//! # Fault injection
//! Off by default; see [`FaultConfig`]: fractions of 503, 429 + `Retry-After`, connections
//! dropped before the request is processed, truncated bodies, slow responses and connections
//! dropped after it was processed (a submit creates its job), drawn from the seeded RNG (one
//! draw per request, so sequential runs replay exactly), plus "reject the first N requests
//! with 503".

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod api_response;
mod artifact_csv;
mod artifact_faces;
mod artifacts;
mod callback;
mod cli;
mod config;
mod echo;
mod emulator;
mod error;
mod faults;
mod hash;
mod job;
mod listener;
mod ranges;
mod routes;
mod rules;
mod samples;
mod state;
mod synth;
mod upload;
mod zip_stream;

pub use cli::{EmulatorArgs, serve};
pub use config::{ApiKeyPolicy, EmulatorConfig, JobTimings, ListBounds};
pub use emulator::{BlockingEmulatorHandle, Emulator, RunningEmulator};
pub use error::EmulatorError;
pub use faults::{Fault, FaultConfig, FaultPlan};
pub use samples::dump_samples;

/// The API key accepted by default.
pub const DEFAULT_API_KEY: &str = "test-key";

#[allow(dead_code)]
fn assert_send_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<EmulatorConfig>();
    check::<RunningEmulator>();
    check::<BlockingEmulatorHandle>();
    check::<EmulatorError>();
}
