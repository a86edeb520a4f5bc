//! `hume-emulator`: a local emulator of the Hume AI Expression Measurement APIs, in the spirit
//! of stripe-mock: the batch API v0 (`SPEC.md`) and the Expression Measurement API v1
//! (`v1/SPEC.md`, HTTP endpoints and realtime WebSocket sessions), side by side on one port of
//! 127.0.0.1 — the same paths, status codes, messages and bodies, every body built from the
//! `hume_models` types — so SDKs, CLIs and benchmarks can run end to end without the real
//! service.
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
//! [`EmulatorArgs`] are the command-line flags (the `hume-emulator` binary and the `hume
//! emulator` command share them) and [`run_until_ctrl_c`] / [`serve_until_ctrl_c`] run an
//! emulator in the foreground until Ctrl-C.
//!
//! # Limits
//! The emulator faces clients it does not trust (its default key is public): only loopback
//! `Host` names are served (against DNS rebinding), connections are capped and must send a
//! request head in time, and stores, uploads, text and predictions per job are bounded; see
//! [`Limits`]. Callbacks go to loopback targets only, checked after DNS resolution.
//!
//! # Endpoints
//! `GET /v0/batch/jobs` (list), `POST /v0/batch/jobs` (JSON or multipart start),
//! `GET /v0/batch/jobs/{id}` (details), `GET /v0/batch/jobs/{id}/predictions`,
//! `GET /v0/batch/jobs/{id}/artifacts`. Every request needs `X-Hume-Api-Key`.
//!
//! # v1 endpoints
//! `POST /v1/expression/audio/file`, `POST /v1/expression/video/file`,
//! `GET /v1/expression/run`, `GET /v1/expression/run/{run_id}`,
//! `GET /v1/expression/run/{run_id}/events`. Every request needs `X-Hume-Api-Key` or
//! `Authorization: Bearer` (checked like a key); every response carries `X-Request-Id`.
//!
//! - Errors: `{"type":"error","code","message","request_id"}` with the documented statuses
//!   (400 `message_invalid` / `config_invalid` / `audio_decode_failed` / `image_decode_failed`
//!   / `invalid_request`, 403 `forbidden` for a key configured as forbidden, 404 `not_found`,
//!   405 `method_not_allowed`, 413 `audio_too_long` / `image_too_large`, 415
//!   `unsupported_media_type`, 503 `server_busy` from fault injection); a 401 is
//!   `{"message"}`, plus `request_id` when an API key was rejected.
//! - Audio: one `file` part, WAV or headerless 16 kHz mono s16le, checked by
//!   `hume_models::v1::media`; a voice-activity detector on the signal's energy splits
//!   utterances (silence gives none, two bursts two); measurements every
//!   `measurement_timer_ms` of speech and at the end of speech (unless the last one ended under
//!   1 s before), each over the last ≤ 10 s; scores a function of the audio bytes, rounded,
//!   thresholded and sorted as documented. The same pipeline serves realtime sessions.
//! - Images: one or more JPEG `file` parts, every one checked (format, 2 MB, 8,294,400 pixels)
//!   before any is measured; faces synthesised from the image bytes and size, with
//!   `face.threshold` / `face.min_size`, at most 32 listed and the 2 largest measured;
//!   `face_id`s stable across a request's images; `return_face_state` gives a signed token
//!   (HMAC-SHA256, bound to the key, valid 24 h) that continues numbering in a later request;
//!   an expired, altered or foreign token is ignored.
//! - Config parts are strict: an unknown field or a value out of range is `config_invalid`.
//! - Runs: every upload that passed authentication is a run (`file`, `ended` or `errored`,
//!   metered seconds = audio duration or 1/3 s per image, at least 10 s, 0 when refused,
//!   config schema `v4`). Lists are newest first, filtered by `user_id` (a UUID derived from
//!   the key), `status`, `mode`, `endpoint`, `started_before` (strict), `started_after`
//!   (inclusive); `page_size` 1–200 (default 50); opaque, sealed cursors valid only with the
//!   filters they were issued for. Unknown, repeated or empty query parameters are
//!   `invalid_request`. At most [`V1Config::with_max_runs`] runs are kept.
//! - Run events: none for file runs; [`RunningEmulator::record_run_event`] logs some for tests
//!   (per-kind limit, `at_cap`, `capped_kinds`, cursor paging).
//!
//! # v1 realtime sessions
//! `GET /v1/expression/audio/realtime` and `GET /v1/expression/video/realtime` are WebSocket
//! endpoints; the handshake is authenticated like any v1 request (401 `{message, request_id}`
//! for a rejected key). Settings: [`RealtimeConfig`] (through [`V1Config::with_realtime`]).
//!
//! - `session.created` first (the session id is the run id, the defaults in force);
//!   `session.update` before the first frame is answered `session.updated` (omitted fields at
//!   their defaults), after it (or invalid) ends the session with `config_invalid`.
//! - Audio frames: non-empty, even length, at most 10 s, else `invalid_audio_frame` (the session
//!   continues); within the send rate, else `rate_limited` (not measured); accepted audio runs
//!   through the upload's pipeline, so the same audio gives the same `utterance.start`,
//!   `measurement.result` and `utterance.end` as the upload gives utterances and measurements.
//! - Video frames: exactly one reply each, in order — `rate_limited`, `invalid_image_frame`, or
//!   a `measurement.result` whose `frame_id` counts the results, faces from the upload's
//!   synthesis with one `face_id` tracker per session.
//! - Send rates on the emulator's clock: a token bucket per session, full when it opens (audio
//!   1 s per s with a 500 ms burst, video 3 frames per s with a 3-frame burst), taking a frame's
//!   whole cost once it holds its cost capped at the burst — the client's own pacing rule.
//!   [`RealtimeConfig::with_relaxed_pacing`] turns the check off.
//! - Messages over 1 MiB (audio) or 2 MB (video) end the session (`message_too_large`, close
//!   1009); the idle timeout closes it (`idle_timeout`); `session.close` answers what is pending
//!   and ends with `session.closed` (reason, totals) and close 1000; a shutdown with
//!   `server_shutdown` and 1001.
//! - Every session is a run: `live` while open (metered seconds kept current), then `ended` or
//!   `errored` with its close code and reason; rejected frames, rate limits and an oversized
//!   message are logged in its event log.
//! - At most [`RealtimeConfig::with_max_sessions`] sessions at once (one more handshake: 503
//!   `server_busy`); [`RunningEmulator::session_count`] counts them.
//! - Faults ([`SessionFaults`]): cut sessions short ([`SessionCut`]: a dropped connection, a
//!   1012 or 1013 close) after N frames or a time, for every session or the first N; force
//!   `rate_limited` on every n-th frame.
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
//!   each upload). Models that do not run are echoed as `null` (`"burst": null`), as the
//!   live 2023 service did; a model sent as `null` is off.
//! - Strictness: a body is checked against the API definition before it is read (integer
//!   `min_face_size`, known granularities, documented language tags, known model keys, value
//!   ranges; see the private `definition` module); list enums must be spelled as documented
//!   (`status` upper-case).
//! - List: `limit` defaults to 50 (`0` gives `[]`); `status` is repeatable (unknown or
//!   lower-case values are a 400); `when=created_before|created_after` compares `created_timestamp_ms` strictly with
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
mod definition;
mod echo;
mod emulator;
mod error;
mod faults;
mod foreground;
mod hash;
mod job;
mod job_size;
mod limits;
mod listener;
mod ranges;
mod realtime_config;
mod routes;
mod rules;
mod samples;
mod server;
mod session_faults;
mod state;
mod synth;
mod upload;
mod v1;
mod v1_config;
mod zip_stream;

pub use cli::EmulatorArgs;
pub use config::{ApiKeyPolicy, EmulatorConfig, JobTimings, ListBounds};
pub use emulator::{BlockingEmulatorHandle, Emulator, RunningEmulator};
pub use error::EmulatorError;
pub use faults::{Fault, FaultConfig, FaultPlan};
pub use foreground::{run_until_ctrl_c, serve_until_ctrl_c};
pub use limits::{
    DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_JOBS, DEFAULT_MAX_PREDICTIONS, DEFAULT_MAX_TEXT_BYTES,
    DEFAULT_MAX_UPLOAD_BYTES, Limits,
};
pub use realtime_config::{
    DEFAULT_AUDIO_BURST, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_SESSIONS, DEFAULT_VIDEO_BURST_FRAMES,
    RealtimeConfig,
};
pub use samples::dump_samples;
pub use session_faults::{SessionCut, SessionFaults};
pub use v1_config::{DEFAULT_MAX_EVENTS_PER_KIND, DEFAULT_MAX_RUNS, V1Config};

/// The API key accepted by default.
pub const DEFAULT_API_KEY: &str = "test-key";

#[allow(dead_code)]
fn assert_send_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<EmulatorConfig>();
    check::<RunningEmulator>();
    check::<BlockingEmulatorHandle>();
    check::<EmulatorError>();
    check::<V1Config>();
    check::<Limits>();
    check::<RealtimeConfig>();
    check::<SessionFaults>();
}
