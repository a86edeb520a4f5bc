//! Local checks of media files before a v1 upload, and [`MediaProblem`], what they find.
//!
//! Each check reads only the file's header from disk (a 64 KiB prefix, more only when a
//! header reaches further) and its length, then decides as the API would
//! ([`hume_models::v1::media`]): the file itself is later streamed into the request, so no
//! file is read whole, let alone twice.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use hume_models::v1::RequestErrorCode;
use hume_models::v1::media::{
    AUDIO_HEADER_PREFIX, AudioContainer, AudioFormatError, AudioInput, AudioProbe,
    ImageFormatError, JpegHeader, JpegProbe, MediaErrorClass, inspect_audio_header,
    inspect_jpeg_header,
};

use crate::HumeError;

/// How much of a file is read first; headers almost always end well within it.
const HEADER_PREFIX: u64 = AUDIO_HEADER_PREFIX as u64;

/// A rule of the v1 API that a file to upload breaks, found locally
/// ([`HumeError::InvalidMedia`] names the file).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MediaProblem {
    /// Audio the API refuses: a compressed or non-WAV container, a WAV that is not 16 kHz mono
    /// 16-bit PCM (or extensible, truncated, malformed), empty or odd-length headerless
    /// samples, more than 25 MB.
    Audio(AudioFormatError),
    /// An image the API refuses: not a JPEG, over 2 MB or 8,294,400 pixels, a broken header.
    Image(ImageFormatError),
}

impl MediaProblem {
    /// Which kind of refusal this is (it decides the API's status).
    pub fn class(&self) -> MediaErrorClass {
        match self {
            MediaProblem::Audio(e) => e.class(),
            MediaProblem::Image(e) => e.class(),
        }
    }

    /// The error code the API answers such a file with (`unsupported_media_type`,
    /// `audio_decode_failed`, `audio_too_long`, `image_decode_failed`, `image_too_large`).
    pub fn code(&self) -> RequestErrorCode {
        let code = match self {
            MediaProblem::Audio(e) => e.code(),
            MediaProblem::Image(e) => e.code(),
        };
        RequestErrorCode::from_wire(code)
    }
}

impl fmt::Display for MediaProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MediaProblem::Audio(e) => fmt::Display::fmt(e, f),
            MediaProblem::Image(e) => fmt::Display::fmt(e, f),
        }
    }
}

/// Checks an audio file as `POST /v1/expression/audio/file` will: a WAV must be 16 kHz mono
/// 16-bit PCM with the basic header and no truncation; MP3, FLAC, Ogg, MP4/M4A and other RIFF
/// forms are refused; anything else is headerless samples and must be non-empty and of even
/// length; at most 25 MB. Returns where the samples are; its
/// [`container`](AudioInput::container) decides the part's content type.
///
/// # Errors
/// [`HumeError::InvalidMedia`] naming the file and the rule, or [`HumeError::LocalFile`] when
/// it cannot be read.
pub fn check_audio_file(path: &Path) -> Result<AudioInput, HumeError> {
    inspect_file(path, |prefix, len| {
        match inspect_audio_header(prefix, len) {
            Ok(AudioProbe::Ready(input)) => Ok(Ok(input)),
            Ok(AudioProbe::NeedMore { prefix_len }) => Ok(Err(prefix_len)),
            Err(e) => Err(MediaProblem::Audio(e)),
            Ok(_) => Ok(Err(len)),
        }
    })
}

/// Checks an image as `POST /v1/expression/video/file` will, from its header: a JPEG of at
/// most 2 MB and 8,294,400 pixels (the image is not decoded: damage after the frame header is
/// left for the API to find). Returns the header.
///
/// # Errors
/// [`HumeError::InvalidMedia`] naming the file and the rule, or [`HumeError::LocalFile`] when
/// it cannot be read.
pub fn check_image_file(path: &Path) -> Result<JpegHeader, HumeError> {
    inspect_file(path, |prefix, len| match inspect_jpeg_header(prefix, len) {
        Ok(JpegProbe::Ready(header)) => Ok(Ok(header)),
        Ok(JpegProbe::NeedMore { prefix_len }) => Ok(Err(prefix_len)),
        Err(e) => Err(MediaProblem::Image(e)),
        Ok(_) => Ok(Err(len)),
    })
}

/// The `Content-Type` of an audio file part: `audio/wav` for a WAV, and
/// `application/octet-stream` for headerless samples.
pub fn audio_content_type(input: &AudioInput) -> &'static str {
    match input.container {
        AudioContainer::Wav => "audio/wav",
        _ => "application/octet-stream",
    }
}

/// Reads a prefix of `path` and asks `inspect(prefix, file_len)` for an answer: a value, a
/// problem, or `Err(n)`: read the first `n` bytes and ask again.
fn inspect_file<T>(
    path: &Path,
    inspect: impl Fn(&[u8], u64) -> Result<Result<T, u64>, MediaProblem>,
) -> Result<T, HumeError> {
    let local = |source| HumeError::LocalFile {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::open(path).map_err(local)?;
    let meta = file.metadata().map_err(local)?;
    if !meta.is_file() {
        return Err(local(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        )));
    }
    let len = meta.len();
    let mut prefix = Vec::new();
    let mut want = len.min(HEADER_PREFIX);
    loop {
        let have = prefix.len() as u64;
        if have < want {
            (&mut file)
                .take(want - have)
                .read_to_end(&mut prefix)
                .map_err(local)?;
            if (prefix.len() as u64) < want {
                return Err(local(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the file shrank while its header was read",
                )));
            }
        }
        match inspect(&prefix, len) {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(needed)) if needed > prefix.len() as u64 && needed <= len => {
                // Read generously: a header that needs more usually needs a lot more.
                want = needed.max(want.saturating_mul(2)).min(len);
            }
            // Asked for what it already has, or more than the file holds: an inspector bug,
            // reported rather than looped on.
            Ok(Err(needed)) => {
                return Err(local(io::Error::other(format!(
                    "header inspection asked for {needed} bytes of a {len}-byte file"
                ))));
            }
            Err(problem) => {
                return Err(HumeError::InvalidMedia {
                    path: path.to_path_buf(),
                    problem,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests;
