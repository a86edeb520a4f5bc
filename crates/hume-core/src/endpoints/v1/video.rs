//! `POST /v1/expression/video/file`: measure the faces in one or more JPEG images, and
//! [`FaceTracking`], which carries `face_state` from one such request to the next.
//!
//! Multipart: the `config` part (JSON, `application/json`) when the config sets anything,
//! then one `file` part per image (`image/jpeg`), in order: results come back in that order.
//! Each image is checked from its header first ([`check_image_file`]) and streamed from disk
//! when sent.

use std::path::Path;

use http::{HeaderMap, StatusCode};
use hume_models::v1::{FaceState, VideoFileConfig, VideoFileResponse};

use super::media::check_image_file;
use super::{config_json, decode_checked_bytes, decode_json, invalid, upload_request};
use crate::HumeError;
use crate::config::ClientContext;
use crate::http::HttpRequest;
use crate::multipart::{CONFIG_FIELD, MultipartBody};

/// The `Content-Type` of every image part.
pub const IMAGE_CONTENT_TYPE: &str = "image/jpeg";

/// Checks `config` and every image, then builds the upload.
///
/// # Errors
/// Before anything is sent: [`HumeError::Validation`] (no image; `face.threshold` outside
/// 0–1, `face.min_size` below 1, an empty `face_state`), [`HumeError::InvalidMedia`] for the
/// first image that is not a JPEG or is over 2 MB or 8,294,400 pixels, [`HumeError::LocalFile`]
/// (unreadable), [`HumeError::RequestTooLarge`] (over 25 MB in all).
pub fn request<P: AsRef<Path>>(
    ctx: &ClientContext,
    files: &[P],
    config: &VideoFileConfig,
) -> Result<HttpRequest, HumeError> {
    config.validate()?;
    if files.is_empty() {
        return Err(invalid("file", "at least one image is required"));
    }
    for file in files {
        check_image_file(file.as_ref())?;
    }
    let mut body = MultipartBody::builder();
    if !config.is_empty() {
        body = body.json_part(CONFIG_FIELD, config_json(config)?);
    }
    for file in files {
        body = body.file_as(file.as_ref(), IMAGE_CONTENT_TYPE);
    }
    let body = body.build().map_err(|source| HumeError::LocalFile {
        // The files were readable a moment ago; name the first that no longer is.
        path: files
            .iter()
            .map(AsRef::as_ref)
            .find(|f| !f.is_file())
            .unwrap_or(files[0].as_ref())
            .to_path_buf(),
        source,
    })?;
    upload_request(ctx, &["video", "file"], body)
}

/// Decodes the response: one result per image, in order.
///
/// # Errors
/// Status errors ([`super::error_for_status`]: 400 `image_decode_failed`, 413
/// `image_too_large`, 415 `unsupported_media_type`, ...) or [`HumeError::Decode`].
pub fn decode(
    ctx: &ClientContext,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<VideoFileResponse, HumeError> {
    decode_json(
        ctx,
        "video file response",
        status,
        headers,
        body,
        VideoFileResponse::from_response,
    )
}

/// Decodes the response as the server's bytes, unchanged, once they are checked to be a
/// valid response (so an unreadable success is still [`HumeError::Decode`]).
///
/// # Errors
/// As [`decode`].
pub fn decode_bytes(
    ctx: &ClientContext,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Vec<u8>, HumeError> {
    decode_checked_bytes(
        ctx,
        "video file response",
        status,
        headers,
        body,
        VideoFileResponse::from_response,
    )
}

/// Keeps `face_id`s stable across image requests: every request asks for a `face_state`
/// (`return_face_state`) and passes on the last one received, so numbering continues where
/// the previous request left it (the API honours a state for 24 hours). Pure: a client's
/// face tracker builds each request from [`config`](Self::config) and hands each response to
/// [`accept`](Self::accept).
///
/// A failed request changes nothing, so the same batch can be sent again. A response without
/// a state (which the API does not send when asked for one) keeps the previous state.
#[derive(Debug, Clone, Default)]
pub struct FaceTracking {
    config: VideoFileConfig,
    state: Option<FaceState>,
}

impl FaceTracking {
    /// Tracking with these settings; a `face_state` already in `config` (from an earlier
    /// session) is where numbering continues from.
    pub fn new(config: VideoFileConfig) -> Self {
        let state = config.face_state.clone();
        Self { config, state }
    }

    /// The config of the next request: the settings, `return_face_state` on, and the last
    /// state received.
    pub fn config(&self) -> VideoFileConfig {
        self.config
            .clone()
            .with_return_face_state(true)
            .with_face_state(self.state.clone())
    }

    /// Takes a response's `face_state` for the next request.
    pub fn accept(&mut self, response: &VideoFileResponse) {
        if let Some(state) = &response.face_state {
            self.state = Some(state.clone());
        }
    }

    /// The state the next request passes on (`None` before the first response).
    pub fn face_state(&self) -> Option<&FaceState> {
        self.state.as_ref()
    }

    /// Forgets the state: the next request numbers faces from 0 again.
    pub fn reset(&mut self) {
        self.state = None;
    }
}
