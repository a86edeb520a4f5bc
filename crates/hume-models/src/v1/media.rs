//! Inspection of v1 media bytes, shared by the client (local checks before a request is sent)
//! and the emulator (strict validation of what arrives).
//!
//! Nothing here decodes media. [`inspect_audio`] reads a WAV header (or decides that the bytes
//! are headerless samples) and returns where the PCM samples are; [`inspect_jpeg`] walks a
//! JPEG's marker structure to its end and reads the frame size. Each error says which class
//! of failure it is ([`MediaErrorClass`]), which is the API's status and error code.
//!
//! | input | result |
//! |---|---|
//! | WAV (`RIFF`/`WAVE`, PCM `fmt `): 16 kHz, mono, 16-bit | [`AudioInput`] |
//! | WAV at another rate, channel count or sample format; `WAVE_FORMAT_EXTENSIBLE`; truncated or malformed | [`MediaErrorClass::DecodeFailed`] (`audio_decode_failed`) |
//! | MP3 (ID3 tag or MPEG frame sync), FLAC, Ogg, MP4/M4A (`ftyp`), RF64, RIFF other than WAVE | [`MediaErrorClass::UnsupportedMediaType`] |
//! | anything else: headerless s16le samples; empty or odd length fails | [`AudioInput`] or [`MediaErrorClass::DecodeFailed`] |
//! | JPEG (`FF D8`) whose markers reach `EOI` through a frame header | [`JpegInfo`] |
//! | not a JPEG | [`MediaErrorClass::UnsupportedMediaType`] |
//! | over [`MAX_IMAGE_BYTES`] or [`MAX_IMAGE_PIXELS`] | [`MediaErrorClass::TooLarge`] (`image_too_large`) |
//! | truncated or corrupt JPEG structure | [`MediaErrorClass::DecodeFailed`] (`image_decode_failed`) |
//!
//! Files on disk need not be read twice: [`inspect_audio_header`] decides from a prefix (64 KiB
//! is plenty, [`AUDIO_HEADER_PREFIX`]) and the file's length, so a client checks a 25 MB WAV
//! with one small read and then streams the file into the request. [`inspect_jpeg_header`]
//! does the same for the checks a JPEG's header can answer (format, byte and pixel limits).
//!
//! The limits below are the API's (decimal megabytes, as the docs' "2MB"/"25MB" and the
//! realtime "10 s (320 KB)" frame limit show). `hume_models::v1::limits` is the home of the
//! shared limits; until both land together these constants live here and the two are to be
//! reconciled (same values, one definition).

mod audio;
mod jpeg;
#[cfg(test)]
mod tests;

pub use audio::{
    AUDIO_HEADER_PREFIX, AudioContainer, AudioFormatError, AudioInput, AudioProbe,
    UnsupportedAudio, inspect_audio, inspect_audio_header,
};
pub use jpeg::{
    ImageFormatError, JpegHeader, JpegInfo, JpegProbe, NonJpegFormat, inspect_jpeg,
    inspect_jpeg_header,
};

// The limits are documented once, in `v1::limits`; these are the names and types the
// inspection code reads them under.
use super::limits::{MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_REQUEST_BYTES};
const SAMPLE_RATE_HZ: u32 = super::limits::AUDIO_SAMPLE_RATE;
const AUDIO_BYTES_PER_SECOND: u64 = super::limits::AUDIO_BYTES_PER_SECOND as u64;

/// What kind of failure a media check found: it decides the API's status code and error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MediaErrorClass {
    /// A format the endpoint does not take (415 `unsupported_media_type`).
    UnsupportedMediaType,
    /// The format is recognised but wrong, truncated or malformed (400 `audio_decode_failed`
    /// or `image_decode_failed`).
    DecodeFailed,
    /// Over a size limit (413 `audio_too_long` or `image_too_large`).
    TooLarge,
}

impl MediaErrorClass {
    /// The HTTP status the API answers an upload with for this class.
    pub fn http_status(self) -> u16 {
        match self {
            MediaErrorClass::UnsupportedMediaType => 415,
            MediaErrorClass::DecodeFailed => 400,
            MediaErrorClass::TooLarge => 413,
        }
    }
}
