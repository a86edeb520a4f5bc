//! Reading a multipart job submission without holding the files in memory.
//!
//! Parts named `file` (repeatable, any order relative to `json`) are hashed with MD5 while
//! they stream in; only their name, content type, size and digest are kept — plus the text
//! of small text files. The optional `json` part is the request. Other parts are drained and
//! ignored.

use axum::extract::Multipart;
use md5::{Digest, Md5};

use crate::api_response::ApiError;
use crate::job::UploadedFile;
use crate::synth::media::{MediaKind, kind_of};

/// Text files up to this size keep their content for language/NER predictions.
pub(crate) const MAX_KEPT_TEXT: u64 = 1024 * 1024;
/// Largest accepted `json` part.
const MAX_JSON_PART: usize = 4 * 1024 * 1024;

/// The parts of a multipart submission.
#[derive(Debug, Default)]
pub(crate) struct Upload {
    pub(crate) files: Vec<UploadedFile>,
    pub(crate) json: Option<Vec<u8>>,
}

fn multipart_error(error: impl std::fmt::Display) -> ApiError {
    ApiError::invalid_field("body", format!("malformed multipart body: {error}"))
}

/// The 413 for an upload over `max` bytes.
fn too_large(max: u64) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::PAYLOAD_TOO_LARGE,
        hume_models::ApiErrorBody::from_message(format!(
            "the upload is larger than this emulator accepts ({max} bytes)"
        )),
    )
}

/// Reads every part of `multipart`, at most `max_bytes` of parts in all.
pub(crate) async fn read_upload(
    mut multipart: Multipart,
    max_bytes: u64,
) -> Result<Upload, ApiError> {
    let mut upload = Upload::default();
    let mut total = 0u64;
    let mut count = |n: usize| {
        total = total.saturating_add(n as u64);
        if total > max_bytes {
            Err(too_large(max_bytes))
        } else {
            Ok(())
        }
    };
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        match field.name() {
            Some("file") => {
                let filename = field.file_name().map(str::to_owned);
                let content_type = field.content_type().map(str::to_owned);
                let keep_text =
                    kind_of(filename.as_deref(), content_type.as_deref()) == MediaKind::Text;
                let mut md5 = Md5::new();
                let mut size = 0u64;
                let mut kept: Option<Vec<u8>> = keep_text.then(Vec::new);
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    count(chunk.len())?;
                    md5.update(&chunk);
                    size += chunk.len() as u64;
                    if size > MAX_KEPT_TEXT {
                        kept = None;
                    } else if let Some(k) = kept.as_mut() {
                        k.extend_from_slice(&chunk);
                    }
                }
                let md5sum: String = md5.finalize().iter().map(|b| format!("{b:02x}")).collect();
                upload.files.push(UploadedFile {
                    info: {
                        let mut info = hume_models::FileInfo::new(md5sum);
                        info.filename = filename;
                        info.content_type = content_type;
                        info
                    },
                    size,
                    text: kept.map(|k| String::from_utf8_lossy(&k).into_owned()),
                });
            }
            Some("json") => {
                let mut json = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    count(chunk.len())?;
                    json.extend_from_slice(&chunk);
                    if json.len() > MAX_JSON_PART {
                        return Err(ApiError::invalid_field(
                            "json",
                            "the json part is too large",
                        ));
                    }
                }
                upload.json = Some(json);
            }
            _ => {
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    count(chunk.len())?;
                }
            }
        }
    }
    Ok(upload)
}
