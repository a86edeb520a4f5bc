//! `POST /v1/expression/video/file`: one or more `file` parts (one JPEG each) and an optional
//! `config` part (`{face: {threshold, min_size, return_face_state}, face_state}`), answered
//! with the faces of every image ([`VideoFileResponse`]), in part order.
//!
//! Checks, in order: the body (400 `message_invalid`, 413 `image_too_large` over 25 MB), the
//! config (400 `config_invalid`), then every image before any is measured (first bad image in
//! part order decides: 415 `unsupported_media_type`, 413 `image_too_large` over 2 MB or
//! 8,294,400 pixels, 400 `image_decode_failed`). Faces come from `synth::v1::faces` with one
//! [`FaceTracker`] for the request, so `face_id`s stay stable across its images; a
//! `face_state` token continues an earlier request's tracker (an expired, altered or foreign
//! one is ignored and numbering restarts at 0), and `return_face_state` issues a new one,
//! bound to the caller's key. Every request that got past authentication is recorded as a run.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Extension, Request, State};
use axum::response::{IntoResponse, Response};
use hume_models::v1::limits::{
    DEFAULT_FACE_MIN_SIZE, DEFAULT_FACE_THRESHOLD, DEFAULT_FACES_MEASURED, MAX_IMAGE_BYTES,
};
use hume_models::v1::media::{ImageFormatError, JpegInfo, inspect_jpeg};
use hume_models::v1::{
    BoundingBox, Face, FaceConfig, FaceState, FrameMeasurement, ImageConfig, RequestErrorCode,
    RunEndpoint, Score, VideoFileConfig, VideoFileReceived, VideoFileResponse, VideoRunConfig,
};
use jiff::Timestamp;

use super::config_part::video_config;
use super::error::V1Error;
use super::file_run::{Outcome, file_run, image_seconds};
use super::request_id::{RequestCtx, now};
use super::upload::{FilePart, UploadRules, read_upload};
use crate::state::AppState;
use crate::synth::v1::scores::round4;
use crate::synth::v1::{
    self as synth, FaceSettings, FaceState as TokenState, FaceStateKey, FaceTracker, IgnoredReason,
    ListedFace,
};
use crate::v1::Caller;

const RULES: UploadRules = UploadRules {
    max_files: None,
    keep_per_file: MAX_IMAGE_BYTES as usize,
    too_large: RequestErrorCode::ImageTooLarge,
};

/// An image that passed the checks.
#[derive(Debug, Clone)]
pub(crate) struct CheckedImage {
    /// Its bytes up to the end-of-image marker (anything after it is ignored).
    pub(crate) bytes: Vec<u8>,
    /// Its size.
    pub(crate) info: JpegInfo,
}

/// The faces of a request's images, and its new `face_state`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Measured {
    /// One per image, in order.
    pub(crate) frames: Vec<FrameMeasurement>,
    /// The token to return (with `return_face_state`).
    pub(crate) face_state: Option<FaceState>,
    /// Why a `face_state` sent was ignored, if it was.
    pub(crate) ignored: Option<IgnoredReason>,
}

/// The handler.
pub(crate) async fn measure_images(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<RequestCtx>,
    Extension(caller): Extension<Caller>,
    request: Request,
) -> Response {
    let run_id = state.v1.ids.run_id();
    let mut config = VideoFileConfig::new();
    let mut media_bytes = 0;
    let result = async {
        let upload = read_upload(request, RULES).await.map_err(|failure| {
            media_bytes = failure.media_bytes;
            failure.error
        })?;
        media_bytes = upload.media_bytes();
        config = video_config(upload.config.as_deref())?;
        let images = check_images(upload.files)?;
        let state = Arc::clone(&state);
        let audience = caller.audience;
        let config = config.clone();
        tokio::task::spawn_blocking(move || {
            measure(
                &images,
                &config,
                &state.v1.face_state,
                &audience,
                Timestamp::now(),
            )
        })
        .await
        .map_err(|e| V1Error::internal(format!("the measurement failed: {e}")))
    }
    .await;
    let settings = face_settings(&config);
    let run_config = VideoRunConfig::new(
        ImageConfig::default(),
        FaceConfig::new(round4(settings.threshold), settings.min_size),
    );
    let (response, outcome) = match result {
        Ok(measured) => {
            if let Some(reason) = measured.ignored {
                tracing::debug!(?reason, run_id = %run_id, "face_state ignored; face_id numbering restarts at 0");
            }
            let delay = state.config.v1.upload_delay;
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            let frames = measured.frames.len();
            let body = VideoFileResponse::new(
                ctx.request_id.clone(),
                run_id.clone(),
                VideoFileReceived::new(frames as u64),
                measured.frames,
            )
            .with_face_state(measured.face_state);
            (
                Json(body).into_response(),
                Outcome::Measured {
                    seconds: image_seconds(frames),
                },
            )
        }
        Err(error) => (error.into_response_for(&ctx.request_id), Outcome::Refused),
    };
    state.v1.runs.insert(file_run(
        run_id,
        &caller,
        RunEndpoint::Video,
        run_config.into(),
        ctx.received_at,
        now(),
        media_bytes,
        outcome,
    ));
    response
}

/// The detection settings of a config: its values or the defaults.
pub(crate) fn face_settings(config: &VideoFileConfig) -> FaceSettings {
    let face = config.face.as_ref();
    FaceSettings {
        threshold: face
            .and_then(|f| f.threshold)
            .unwrap_or(DEFAULT_FACE_THRESHOLD),
        min_size: face
            .and_then(|f| f.min_size)
            .unwrap_or(DEFAULT_FACE_MIN_SIZE),
        max_measured: DEFAULT_FACES_MEASURED as usize,
    }
}

/// Checks every image, in order; the first bad one fails the request.
pub(crate) fn check_images(files: Vec<FilePart>) -> Result<Vec<CheckedImage>, V1Error> {
    let mut images = Vec::with_capacity(files.len());
    for (index, file) in files.into_iter().enumerate() {
        let name = file.filename.as_deref();
        let info = if file.is_cut() {
            // More than the byte limit arrived. Not being a JPEG still comes first.
            match inspect_jpeg(&file.data) {
                Err(e @ ImageFormatError::NotJpeg(_)) => Err(e),
                _ => Err(ImageFormatError::TooManyBytes { len: file.len }),
            }
        } else {
            inspect_jpeg(&file.data)
        }
        .map_err(|e| V1Error::image(index, name, &e))?;
        let mut bytes = file.data;
        bytes.truncate(info.end);
        images.push(CheckedImage { bytes, info });
    }
    Ok(images)
}

/// Measures checked images with one tracker, continued from `config.face_state` when that
/// token is valid for `audience` at `now`.
pub(crate) fn measure(
    images: &[CheckedImage],
    config: &VideoFileConfig,
    key: &FaceStateKey,
    audience: &[u8],
    now: Timestamp,
) -> Measured {
    let settings = face_settings(config);
    let (mut tracker, ignored) = match &config.face_state {
        Some(token) => {
            let state = key.open(token.as_str(), audience, now);
            let ignored = match &state {
                TokenState::Ignored(reason) => Some(*reason),
                TokenState::Continue(_) => None,
            };
            (state.into_tracker(), ignored)
        }
        None => (FaceTracker::new(), None),
    };
    let frames = images
        .iter()
        .enumerate()
        .map(|(frame_id, image)| {
            let faces = synth::measure_image(
                &image.bytes,
                image.info.width,
                image.info.height,
                &settings,
                &mut tracker,
            );
            FrameMeasurement::new(frame_id as u64, faces.into_iter().map(wire_face).collect())
        })
        .collect();
    let wants_state = config
        .face
        .as_ref()
        .and_then(|f| f.return_face_state)
        .unwrap_or(false);
    Measured {
        frames,
        face_state: wants_state.then(|| FaceState::new(key.issue(&tracker, audience, now))),
        ignored,
    }
}

/// A synthesised face as the wire type (an upload's and a realtime session's).
pub(crate) fn wire_face(face: ListedFace) -> Face {
    let scores = |list: Vec<synth::Score>| -> Vec<Score> {
        list.into_iter()
            .map(|s| Score::new(s.name, s.probability))
            .collect()
    };
    let bbox = BoundingBox::from(face.bbox);
    match (face.face_id, face.expressions, face.descriptions) {
        (Some(id), Some(expressions), Some(descriptions)) => Face::measured(
            id,
            bbox,
            face.confidence,
            scores(expressions),
            scores(descriptions),
        ),
        _ => Face::unmeasured(bbox, face.confidence),
    }
}

#[cfg(test)]
mod tests;
