//! Reading a v1 upload: a `multipart/form-data` body of `file` parts and at most one `config`
//! part, within the 25 MB request limit.
//!
//! - Not multipart, unreadable multipart, a part without a name, a part other than `file` or
//!   `config`, a second `config`, no `file`, or (audio) more than one `file`: 400
//!   `message_invalid`.
//! - A `config` part over [`MAX_CONFIG_BYTES`]: 400 `config_invalid`.
//! - A body over [`MAX_REQUEST_BYTES`] (by `Content-Length`, or counted while reading): 413
//!   with the endpoint's code (`audio_too_long` or `image_too_large`).
//!
//! After an error the rest of the body is read and thrown away (up to [`DRAIN_LIMIT`]), so a
//! client still sending gets the answer instead of a reset connection. Each file keeps at most
//! [`UploadRules::keep_per_file`] bytes; its full length is counted either way.

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use hume_models::v1::RequestErrorCode;
use hume_models::v1::limits::MAX_REQUEST_BYTES;

use super::error::V1Error;

/// Largest `config` part read.
pub(crate) const MAX_CONFIG_BYTES: usize = 64 * 1024;
/// Bytes read and discarded after an error before the connection is given up on.
pub(crate) const DRAIN_LIMIT: u64 = 64 * 1024 * 1024;

/// What an endpoint accepts.
#[derive(Debug, Clone)]
pub(crate) struct UploadRules {
    /// Most `file` parts (`None`: no limit but the request size).
    pub(crate) max_files: Option<usize>,
    /// Bytes of each file kept in memory.
    pub(crate) keep_per_file: usize,
    /// The code of a 413.
    pub(crate) too_large: RequestErrorCode,
}

/// One `file` part.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FilePart {
    /// The part's file name, if any.
    pub(crate) filename: Option<String>,
    /// The part's content type, if any.
    pub(crate) content_type: Option<String>,
    /// Its first bytes (all of them unless `len` is larger).
    pub(crate) data: Vec<u8>,
    /// Its full length.
    pub(crate) len: u64,
}

impl FilePart {
    /// Was the part longer than what was kept?
    pub(crate) fn is_cut(&self) -> bool {
        self.len > self.data.len() as u64
    }
}

/// A body read to its end.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Upload {
    /// The `file` parts, in order.
    pub(crate) files: Vec<FilePart>,
    /// The `config` part's bytes.
    pub(crate) config: Option<Vec<u8>>,
}

impl Upload {
    /// Bytes of media received (every `file` part).
    pub(crate) fn media_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.len).sum()
    }
}

/// An upload that cannot be measured: the error, and the media bytes received before it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UploadFailure {
    pub(crate) error: V1Error,
    pub(crate) media_bytes: u64,
}

/// Reads the whole body under `rules`.
pub(crate) async fn read_upload(
    request: Request,
    rules: UploadRules,
) -> Result<Upload, UploadFailure> {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let mut multipart = match Multipart::from_request(request, &()).await {
        Ok(m) => m,
        Err(e) => {
            return Err(UploadFailure {
                error: V1Error::message_invalid(format!(
                    "the body must be multipart/form-data with a `file` part: {e}"
                )),
                media_bytes: 0,
            });
        }
    };
    let too_large = || {
        V1Error::new(
            rules.too_large.clone(),
            format!("the request is larger than the limit of {MAX_REQUEST_BYTES} bytes"),
        )
    };
    let mut upload = Upload::default();
    let mut error = declared
        .filter(|len| *len > MAX_REQUEST_BYTES)
        .map(|_| too_large());
    let mut total: u64 = 0;
    let mut drained: u64 = 0;
    let mut give_up = false;
    while !give_up {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => {
                if error.is_none() {
                    error = Some(V1Error::message_invalid(format!(
                        "the multipart body could not be read: {e}"
                    )));
                }
                break;
            }
        };
        let mut field = field;
        if error.is_some() {
            // Drain what is left so the client reads the answer.
            if !drain(&mut field, &mut drained).await {
                break;
            }
            continue;
        }
        let name = field.name().map(str::to_owned);
        match name.as_deref() {
            Some("file") => {
                if rules.max_files.is_some_and(|max| upload.files.len() >= max) {
                    error = Some(V1Error::message_invalid(
                        "send exactly one `file` part (the audio)",
                    ));
                    if !drain(&mut field, &mut drained).await {
                        break;
                    }
                    continue;
                }
                let mut part = FilePart {
                    filename: field.file_name().map(str::to_owned),
                    content_type: field.content_type().map(str::to_owned),
                    data: Vec::new(),
                    len: 0,
                };
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            part.len += chunk.len() as u64;
                            total += chunk.len() as u64;
                            let room = rules.keep_per_file.saturating_sub(part.data.len());
                            part.data.extend_from_slice(&chunk[..chunk.len().min(room)]);
                            if total > MAX_REQUEST_BYTES {
                                error = Some(too_large());
                                give_up = !drain(&mut field, &mut drained).await;
                                break;
                            }
                        }
                        Ok(None) => break,
                        Err(e) => {
                            error = Some(V1Error::message_invalid(format!(
                                "the multipart body could not be read: {e}"
                            )));
                            break;
                        }
                    }
                }
                upload.files.push(part);
            }
            Some("config") => {
                if upload.config.is_some() {
                    error = Some(V1Error::message_invalid("send at most one `config` part"));
                    if !drain(&mut field, &mut drained).await {
                        break;
                    }
                    continue;
                }
                let mut config = Vec::new();
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            total += chunk.len() as u64;
                            config.extend_from_slice(&chunk);
                            if config.len() > MAX_CONFIG_BYTES {
                                error = Some(V1Error::config_invalid(format!(
                                    "the config part is larger than {MAX_CONFIG_BYTES} bytes"
                                )));
                                give_up = !drain(&mut field, &mut drained).await;
                                break;
                            }
                        }
                        Ok(None) => break,
                        Err(e) => {
                            error = Some(V1Error::message_invalid(format!(
                                "the multipart body could not be read: {e}"
                            )));
                            break;
                        }
                    }
                }
                upload.config = Some(config);
            }
            Some(other) => {
                error = Some(V1Error::message_invalid(format!(
                    "unexpected part `{other}`: send `file` parts and an optional `config` part"
                )));
                give_up = !drain(&mut field, &mut drained).await;
            }
            None => {
                error = Some(V1Error::message_invalid(
                    "a part has no name: send `file` parts and an optional `config` part",
                ));
                give_up = !drain(&mut field, &mut drained).await;
            }
        }
    }
    let media_bytes = upload.media_bytes();
    if let Some(error) = error {
        return Err(UploadFailure { error, media_bytes });
    }
    if upload.files.is_empty() {
        return Err(UploadFailure {
            error: V1Error::message_invalid("the request has no `file` part"),
            media_bytes,
        });
    }
    Ok(upload)
}

/// Reads and discards the rest of a field; `false` once [`DRAIN_LIMIT`] bytes were discarded
/// (give up on the body) or the body broke off.
async fn drain(field: &mut axum::extract::multipart::Field<'_>, drained: &mut u64) -> bool {
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                *drained += chunk.len() as u64;
                if *drained > DRAIN_LIMIT {
                    return false;
                }
            }
            Ok(None) => return true,
            Err(_) => return false,
        }
    }
}

#[cfg(test)]
mod tests;
