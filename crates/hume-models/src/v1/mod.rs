//! Typed models of the Hume AI **Expression Measurement API v1** (`/v1/expression/...` on
//! `api.cloud.hume.ai`): file uploads answered in the same request, runs, and realtime
//! WebSocket sessions.
//!
//! v1 is a different API from the v0 batch API at the crate root: synchronous uploads instead
//! of jobs, scores named `probability` (not `score`) with lowercase names, and only the
//! scores above a threshold, sorted highest first.
//!
//! # Map
//!
//! | endpoint | request | response |
//! |---|---|---|
//! | `POST /v1/expression/audio/file` (multipart `file` + `config`) | [`AudioFileConfig`] | [`AudioFileResponse`]: [`Utterance`]s, [`AudioMeasurement`]s |
//! | `POST /v1/expression/video/file` (multipart `file`s + `config`) | [`VideoFileConfig`] ([`VideoFileFaceConfig`], [`FaceState`]) | [`VideoFileResponse`]: [`FrameMeasurement`]s of [`Face`]s |
//! | `GET /v1/expression/run` | [`ListRunsQuery`] | [`RunsPage`] of [`RunSummary`] |
//! | `GET /v1/expression/run/{run_id}` | [`RunId`] | [`Run`] (with its [`RunConfig`]) |
//! | `GET /v1/expression/run/{run_id}/events` | [`RunEventsQuery`] | [`RunEventsPage`] of [`RunEvent`] |
//! | `GET /v1/expression/{audio,video}/realtime` (WebSocket) | [`realtime`] client messages | [`realtime`] server messages |
//! | any error | | [`ErrorBody`] ([`RequestErrorCode`]), [`AuthenticationError`] (401); [`ErrorResponse`] classifies either |
//!
//! Shared pieces: [`Score`] / [`ScoreName`] / [`Scores`] (every score list),
//! [`AudioConfig`], [`ImageConfig`], [`FaceConfig`] and their `*Update` forms (session and run
//! configuration), ids ([`RunId`], [`SessionId`], [`RequestId`], [`FaceState`]), documented
//! limits and defaults ([`limits`]), local checks ([`validation`], behind each request type's
//! `validate`), and byte inspection of uploads and realtime frames ([`media`]: WAV or headerless
//! audio, JPEG headers), shared by the client's checks and the emulator's validation.
//!
//! # Rules every type follows
//!
//! - Every enum the server owns is open: an unknown value is kept in `Other(String)` (or, for
//!   realtime messages and run configurations, as raw JSON), never a parse failure.
//! - Unknown fields are ignored. Fields the server may leave out are `Option`s.
//! - Request types serialise without `null`s for unset options and have builder-lite
//!   `with_*` setters; response types have constructors for servers and tests.
//! - `probability` is an `f64` kept exactly: serialising and parsing again gives the same
//!   bits.
//! - Every public struct and enum is `#[non_exhaustive]`: the API grows.
//! - `from_response(&[u8])` parse functions return a [`ParseError`](crate::ParseError) naming
//!   the path to the failing field.

mod audio;
mod audio_fast;
mod error;
mod face;
mod ids;
pub mod limits;
pub mod media;
mod open_enum;
pub mod realtime;
mod run_config;
mod run_events;
mod runs;
mod runs_query;
mod score_name;
mod scores;
mod session_config;
pub mod validation;
mod video;

pub use audio::{
    AudioFileConfig, AudioFileReceived, AudioFileResponse, AudioMeasurement, MeasurementTrigger,
    Utterance,
};
pub use error::{AuthenticationError, ErrorBody, ErrorResponse, RequestErrorCode};
pub use face::{BoundingBox, Face};
pub use ids::{FaceState, RequestId, RunId, SessionId};
pub use run_config::{AudioRunConfig, ConfigSchema, RunConfig, VideoRunConfig};
pub use run_events::{RunEvent, RunEventKind, RunEventsPage};
pub use runs::{Run, RunEndpoint, RunMode, RunStatus, RunSummary, RunsPage};
pub use runs_query::{ListRunsQuery, RunEventsQuery};
pub use score_name::ScoreName;
pub use scores::{Score, Scores};
pub use session_config::{
    AudioConfig, AudioConfigUpdate, AudioEncoding, AudioMediaType, FaceConfig, FaceConfigUpdate,
    ImageConfig, ImageConfigUpdate, ImageMediaType,
};
pub use video::{
    FrameMeasurement, VideoFileConfig, VideoFileFaceConfig, VideoFileReceived, VideoFileResponse,
};

#[allow(dead_code)]
fn assert_send_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<AudioFileResponse>();
    check::<VideoFileResponse>();
    check::<Run>();
    check::<RunsPage>();
    check::<RunEventsPage>();
    check::<ErrorResponse>();
    check::<realtime::AudioServerMessage>();
    check::<realtime::VideoServerMessage>();
    check::<realtime::AudioClientMessage>();
    check::<realtime::VideoClientMessage>();
}
