//! `multipart/form-data` framing for local-file uploads, streamed from disk.
//!
//! The body is a list of [`Segment`]s: in-memory framing bytes and file references. Its exact
//! length is known up front (files are `stat`ed when the body is built), and it can be read any
//! number of times because each read re-opens the files. No file is ever read whole into memory.
//!
//! Two layouts use it: the batch API's (one `file` part per file, `Content-Type` guessed from
//! the extension, then a `json` part without a type: [`MultipartBuilder::file`] and
//! [`MultipartBuilder::json`]) and the v1 uploads' (a `config` part typed
//! `application/json`, then `file` parts of a declared type:
//! [`MultipartBuilder::json_part`] and [`MultipartBuilder::file_as`]).

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use bytes::{Bytes, BytesMut};
use http::HeaderValue;

/// Field name of each uploaded file part.
pub const FILE_FIELD: &str = "file";
/// Field name of the JSON job configuration part.
pub const JSON_FIELD: &str = "json";
/// Field name of the JSON settings part of a v1 upload.
pub const CONFIG_FIELD: &str = "config";

/// One piece of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Bytes sent as they are (part headers, boundaries, the JSON part).
    Bytes(Bytes),
    /// The first `len` bytes of a file, read from disk when the body is sent.
    File {
        /// Path of the file.
        path: PathBuf,
        /// Its length when the body was built; a file that changes size fails the upload.
        len: u64,
    },
}

impl Segment {
    /// Length of this segment in bytes.
    pub fn len(&self) -> u64 {
        match self {
            Self::Bytes(b) => b.len() as u64,
            Self::File { len, .. } => *len,
        }
    }

    /// `true` when the segment has no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A `multipart/form-data` body: parts in the order they were added (file parts named
/// `file`, file name = the path's base name), then the optional `json` part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultipartBody {
    boundary: String,
    segments: Vec<Segment>,
    content_length: u64,
}

/// One part before it is framed.
#[derive(Debug, Clone)]
enum PartSpec {
    /// A `file` part streamed from `path`; `content_type` `None`: guessed from the extension.
    File {
        path: PathBuf,
        content_type: Option<String>,
    },
    /// An in-memory JSON part named `name`, typed `application/json`.
    Json { name: String, json: Bytes },
}

/// Builder for [`MultipartBody`]; see [`MultipartBody::builder`].
#[derive(Debug, Clone, Default)]
pub struct MultipartBuilder {
    parts: Vec<PartSpec>,
    json: Option<Bytes>,
    boundary: Option<String>,
}

impl MultipartBuilder {
    /// Adds one file part (`Content-Type` guessed from the extension).
    pub fn file(mut self, path: impl Into<PathBuf>) -> Self {
        self.parts.push(PartSpec::File {
            path: path.into(),
            content_type: None,
        });
        self
    }

    /// Adds one file part per path (`Content-Type` guessed from each extension).
    pub fn files<P: Into<PathBuf>>(mut self, paths: impl IntoIterator<Item = P>) -> Self {
        for path in paths {
            self = self.file(path);
        }
        self
    }

    /// Adds one file part with this `Content-Type` (such as `audio/wav` or `image/jpeg`)
    /// instead of one guessed from the extension.
    pub fn file_as(mut self, path: impl Into<PathBuf>, content_type: impl Into<String>) -> Self {
        self.parts.push(PartSpec::File {
            path: path.into(),
            content_type: Some(content_type.into()),
        });
        self
    }

    /// Adds a JSON part named `name` with `Content-Type: application/json`, in the order
    /// parts are added (the v1 uploads' `config` part, [`CONFIG_FIELD`]).
    pub fn json_part(mut self, name: impl Into<String>, json: impl Into<Bytes>) -> Self {
        self.parts.push(PartSpec::Json {
            name: name.into(),
            json: json.into(),
        });
        self
    }

    /// Sets the batch API's `json` part: always the last part, without a `Content-Type`.
    pub fn json(mut self, json: impl Into<Bytes>) -> Self {
        self.json = Some(json.into());
        self
    }

    /// Uses a fixed boundary instead of a random one (for tests and reproducible output).
    ///
    /// The boundary must be 1–70 characters from `[A-Za-z0-9'()+_,-./:=?]`.
    pub fn boundary(mut self, boundary: impl Into<String>) -> Self {
        self.boundary = Some(boundary.into());
        self
    }

    /// Builds the body, `stat`ing every file for its length.
    ///
    /// # Errors
    /// An [`io::Error`] (whose message names the path) when a file is missing, unreadable or
    /// not a regular file, or [`io::ErrorKind::InvalidInput`] for a bad boundary or a part
    /// name or content type holding a control character.
    pub fn build(self) -> io::Result<MultipartBody> {
        let boundary = match self.boundary {
            Some(b) => {
                validate_boundary(&b)?;
                b
            }
            None => random_boundary(),
        };
        let mut segments: Vec<Segment> = Vec::new();
        let mut pending = BytesMut::new();
        for part in &self.parts {
            match part {
                PartSpec::File { path, content_type } => {
                    let len = file_len(path)?;
                    let mime = match content_type {
                        Some(declared) => header_safe(declared)?.to_owned(),
                        None => mime_guess::from_path(path)
                            .first_or_octet_stream()
                            .to_string(),
                    };
                    pending.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
                    pending.extend_from_slice(
                        format!(
                            "Content-Disposition: form-data; name=\"{FILE_FIELD}\"; filename=\"{}\"\r\n",
                            escape_quoted(&base_name(path))
                        )
                        .as_bytes(),
                    );
                    pending.extend_from_slice(format!("Content-Type: {mime}\r\n\r\n").as_bytes());
                    segments.push(Segment::Bytes(pending.split().freeze()));
                    if len > 0 {
                        segments.push(Segment::File {
                            path: path.clone(),
                            len,
                        });
                    }
                    pending.extend_from_slice(b"\r\n");
                }
                PartSpec::Json { name, json } => {
                    pending.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
                    pending.extend_from_slice(
                        format!(
                            "Content-Disposition: form-data; name=\"{}\"\r\nContent-Type: application/json\r\n\r\n",
                            escape_quoted(name)
                        )
                        .as_bytes(),
                    );
                    pending.extend_from_slice(json);
                    pending.extend_from_slice(b"\r\n");
                }
            }
        }
        if let Some(json) = &self.json {
            pending.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            pending.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{JSON_FIELD}\"\r\n\r\n").as_bytes(),
            );
            pending.extend_from_slice(json);
            pending.extend_from_slice(b"\r\n");
        }
        pending.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        segments.push(Segment::Bytes(pending.freeze()));
        // Merge neighbouring byte segments so readers see as few pieces as possible.
        let mut merged: Vec<Segment> = Vec::with_capacity(segments.len());
        for seg in segments {
            match (merged.last_mut(), seg) {
                (Some(Segment::Bytes(prev)), Segment::Bytes(next)) => {
                    let mut joined = BytesMut::from(&prev[..]);
                    joined.extend_from_slice(&next);
                    *prev = joined.freeze();
                }
                (_, seg) => merged.push(seg),
            }
        }
        let content_length = merged.iter().map(Segment::len).sum();
        Ok(MultipartBody {
            boundary,
            segments: merged,
            content_length,
        })
    }
}

impl MultipartBody {
    /// A builder (files, JSON part, optional fixed boundary).
    pub fn builder() -> MultipartBuilder {
        MultipartBuilder::default()
    }

    /// One `file` part per path, then the `json` part if given, with a random boundary.
    ///
    /// # Errors
    /// As [`MultipartBuilder::build`].
    pub fn new(json_part: Option<Bytes>, files: Vec<PathBuf>) -> io::Result<Self> {
        let mut builder = Self::builder().files(files);
        if let Some(json) = json_part {
            builder = builder.json(json);
        }
        builder.build()
    }

    /// The boundary string.
    pub fn boundary(&self) -> &str {
        &self.boundary
    }

    /// `multipart/form-data; boundary=…`
    pub fn content_type(&self) -> HeaderValue {
        // The boundary is validated or generated from header-safe characters.
        HeaderValue::from_str(&format!("multipart/form-data; boundary={}", self.boundary))
            .unwrap_or_else(|_| HeaderValue::from_static("multipart/form-data"))
    }

    /// Exact length of the body in bytes.
    pub fn content_length(&self) -> u64 {
        self.content_length
    }

    /// The segments in wire order; an async transport streams these itself.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// A blocking reader over the whole body that opens each file when it gets to it.
    ///
    /// # Errors
    /// Never at creation; reading fails if a file cannot be opened or its size changed since
    /// the body was built (so the sent length always matches `Content-Length`).
    pub fn reader(&self) -> io::Result<MultipartReader> {
        Ok(MultipartReader {
            segments: self.segments.clone(),
            next: 0,
            current: Current::Idle,
        })
    }
}

enum Current {
    Idle,
    Bytes(Bytes),
    File {
        file: File,
        remaining: u64,
        path: PathBuf,
        expected: u64,
    },
}

/// Blocking reader over a [`MultipartBody`]; see [`MultipartBody::reader`].
pub struct MultipartReader {
    segments: Vec<Segment>,
    next: usize,
    current: Current,
}

impl std::fmt::Debug for MultipartReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MultipartReader")
            .field("segment", &self.next)
            .finish_non_exhaustive()
    }
}

impl Read for MultipartReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match &mut self.current {
                Current::Idle => {
                    let Some(seg) = self.segments.get(self.next) else {
                        return Ok(0);
                    };
                    self.next += 1;
                    self.current = match seg {
                        Segment::Bytes(b) => Current::Bytes(b.clone()),
                        Segment::File { path, len } => Current::File {
                            file: File::open(path).map_err(|e| with_path(e, path))?,
                            remaining: *len,
                            path: path.clone(),
                            expected: *len,
                        },
                    };
                }
                Current::Bytes(bytes) => {
                    if bytes.is_empty() {
                        self.current = Current::Idle;
                        continue;
                    }
                    let n = bytes.len().min(buf.len());
                    buf[..n].copy_from_slice(&bytes.split_to(n));
                    return Ok(n);
                }
                Current::File {
                    file,
                    remaining,
                    path,
                    expected,
                } => {
                    if *remaining == 0 {
                        // The file must end exactly where its recorded length says.
                        let mut probe = [0u8; 1];
                        if file.read(&mut probe)? != 0 {
                            return Err(changed_size(path, *expected));
                        }
                        self.current = Current::Idle;
                        continue;
                    }
                    let want = usize::try_from(*remaining)
                        .unwrap_or(usize::MAX)
                        .min(buf.len());
                    let n = file.read(&mut buf[..want])?;
                    if n == 0 {
                        return Err(changed_size(path, *expected));
                    }
                    *remaining -= n as u64;
                    return Ok(n);
                }
            }
        }
    }
}

fn changed_size(path: &Path, expected: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::UnexpectedEof,
        format!(
            "{} changed size during upload (expected {expected} bytes)",
            path.display()
        ),
    )
}

fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Length of a regular, readable file.
fn file_len(path: &Path) -> io::Result<u64> {
    let meta = std::fs::metadata(path).map_err(|e| with_path(e, path))?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a regular file", path.display()),
        ));
    }
    // Opening proves readability now rather than half-way through an upload.
    File::open(path).map_err(|e| with_path(e, path))?;
    Ok(meta.len())
}

/// The file name sent for a path: its base name, or `"file"` if it has none.
pub fn base_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| FILE_FIELD.to_owned())
}

/// Escapes a quoted-string parameter the way browsers do for multipart file names.
fn escape_quoted(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// `value` when it can go into a part header as it is (no control characters).
fn header_safe(value: &str) -> io::Result<&str> {
    if value.is_empty() || value.chars().any(char::is_control) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("invalid part content type {value:?}"),
        ));
    }
    Ok(value)
}

fn validate_boundary(b: &str) -> io::Result<()> {
    let ok = !b.is_empty()
        && b.len() <= 70
        && b.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"'()+_,-./:=?".contains(&c));
    if ok {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "invalid multipart boundary",
        ))
    }
}

fn random_boundary() -> String {
    let suffix: String = std::iter::repeat_with(fastrand::alphanumeric)
        .take(32)
        .collect();
    format!("hume-rs-{suffix}")
}

#[cfg(test)]
mod tests;
