//! `POST /v1/expression/audio/file`: measure the speech in one audio file.
//!
//! Multipart: the `config` part (JSON, `application/json`) when the config sets anything,
//! then exactly one `file` part: `audio/wav` for a WAV, `application/octet-stream` for
//! headerless 16 kHz mono s16le samples. The file is checked from its header first
//! ([`check_audio_file`]) and streamed from disk when sent.

use std::path::Path;

use http::{HeaderMap, StatusCode};
use hume_models::v1::{AudioFileConfig, AudioFileResponse};

use super::media::{audio_content_type, check_audio_file};
use super::{config_json, decode_checked_bytes, decode_json, upload_request};
use crate::HumeError;
use crate::config::ClientContext;
use crate::http::HttpRequest;
use crate::multipart::{CONFIG_FIELD, MultipartBody};

/// Checks `config` and the file, then builds the upload.
///
/// # Errors
/// Before anything is sent: [`HumeError::Validation`] (`measurement_timer_ms` outside
/// 3000–10000), [`HumeError::InvalidMedia`] (the audio breaks a rule of the API),
/// [`HumeError::LocalFile`] (unreadable), [`HumeError::RequestTooLarge`] (over 25 MB).
pub fn request(
    ctx: &ClientContext,
    file: &Path,
    config: &AudioFileConfig,
) -> Result<HttpRequest, HumeError> {
    config.validate()?;
    let input = check_audio_file(file)?;
    let mut body = MultipartBody::builder();
    if !config.is_empty() {
        body = body.json_part(CONFIG_FIELD, config_json(config)?);
    }
    let body = body
        .file_as(file, audio_content_type(&input))
        .build()
        .map_err(|source| HumeError::LocalFile {
            path: file.to_path_buf(),
            source,
        })?;
    upload_request(ctx, &["audio", "file"], body)
}

/// Decodes the response: every utterance and measurement.
///
/// # Errors
/// Status errors ([`super::error_for_status`]: 400 `audio_decode_failed`, 413
/// `audio_too_long`, 415 `unsupported_media_type`, ...) or [`HumeError::Decode`].
pub fn decode(
    ctx: &ClientContext,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<AudioFileResponse, HumeError> {
    decode_json(
        ctx,
        "audio file response",
        status,
        headers,
        body,
        AudioFileResponse::from_response,
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
        "audio file response",
        status,
        headers,
        body,
        AudioFileResponse::from_response,
    )
}
