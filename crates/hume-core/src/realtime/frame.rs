//! Local checks of what a realtime session sends, run before anything leaves: one audio frame
//! ([`check_audio_frame`]), one video frame ([`check_video_frame`]) and any whole message
//! ([`check_message_size`]). A frame that fails gets a [`FrameError`] and is never sent, so a
//! mistake costs no `invalid_*_frame` round trip and never a `message_too_large` that would end
//! the session.
//!
//! | endpoint | rule | limit |
//! |---|---|---|
//! | audio | non-empty, even length (whole s16le samples) | |
//! | audio | at most 10 s of 16 kHz mono s16le | [`MAX_AUDIO_FRAME_BYTES`] (320,000 bytes) |
//! | audio | headerless samples: a frame that opens with a RIFF/WAVE header is a file, not a frame | |
//! | audio | whole message | [`MAX_AUDIO_MESSAGE_BYTES`] (1 MiB) |
//! | video | one complete JPEG (markers walked to the end-of-image marker, nothing decoded) | |
//! | video | pixels | [`MAX_IMAGE_PIXELS`](hume_models::v1::limits::MAX_IMAGE_PIXELS) (8,294,400) |
//! | video | bytes of the image, and of the whole message | [`MAX_IMAGE_BYTES`](hume_models::v1::limits::MAX_IMAGE_BYTES), [`MAX_VIDEO_MESSAGE_BYTES`] (2 MB) |

use std::fmt;
use std::time::Duration;

use hume_models::v1::limits::{
    AUDIO_BYTES_PER_SAMPLE, AUDIO_SAMPLE_RATE, MAX_AUDIO_FRAME_BYTES, MAX_AUDIO_MESSAGE_BYTES,
    MAX_VIDEO_MESSAGE_BYTES,
};
use hume_models::v1::media::{ImageFormatError, JpegInfo, inspect_jpeg};

/// Nanoseconds one 16 kHz sample lasts.
const NANOS_PER_SAMPLE: u64 = 1_000_000_000 / AUDIO_SAMPLE_RATE as u64;

/// Why a frame was refused before sending. Display names the rule and the numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FrameError {
    /// The frame has no bytes.
    Empty,
    /// An audio frame of an odd number of bytes: s16le samples are two bytes each.
    OddLength {
        /// The frame's length.
        len: usize,
    },
    /// An audio frame holding more than 10 s of audio.
    AudioTooLong {
        /// The frame's length.
        len: usize,
    },
    /// An audio frame that starts with a RIFF/WAVE header: realtime audio is headerless
    /// samples, so the header would be read as noise.
    WavHeader,
    /// A video frame that is not one complete JPEG within the image limits.
    Image(ImageFormatError),
    /// A message over the socket's size limit, which would end the session.
    MessageTooLarge {
        /// The message's length.
        len: u64,
        /// The socket's limit.
        limit: u64,
    },
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::Empty => f.write_str("the frame is empty"),
            FrameError::OddLength { len } => write!(
                f,
                "the audio frame is {len} bytes, an odd length: s16le samples are 2 bytes each"
            ),
            FrameError::AudioTooLong { len } => write!(
                f,
                "the audio frame is {len} bytes ({} ms), over the limit of {MAX_AUDIO_FRAME_BYTES} bytes (10 s)",
                audio_duration(*len).as_millis()
            ),
            FrameError::WavHeader => f.write_str(
                "the audio frame starts with a wav header: send headerless 16 kHz mono s16le samples",
            ),
            FrameError::Image(e) => write!(f, "the video frame is not a usable jpeg: {e}"),
            FrameError::MessageTooLarge { len, limit } => write!(
                f,
                "the message is {len} bytes, over the socket's limit of {limit} bytes (it would end the session)"
            ),
        }
    }
}

impl std::error::Error for FrameError {}

/// How much audio `len` bytes of 16 kHz mono s16le hold (a trailing odd byte is ignored).
pub fn audio_duration(len: usize) -> Duration {
    let samples = len as u64 / u64::from(AUDIO_BYTES_PER_SAMPLE);
    Duration::from_nanos(samples.saturating_mul(NANOS_PER_SAMPLE))
}

/// Checks one realtime audio frame and returns how much audio it holds.
///
/// ```
/// use std::time::Duration;
/// use hume_core::realtime::{FrameError, check_audio_frame};
///
/// assert_eq!(check_audio_frame(&[0; 3200]), Ok(Duration::from_millis(100)));
/// assert_eq!(check_audio_frame(&[0; 3]), Err(FrameError::OddLength { len: 3 }));
/// ```
pub fn check_audio_frame(frame: &[u8]) -> Result<Duration, FrameError> {
    if frame.is_empty() {
        return Err(FrameError::Empty);
    }
    if !frame.len().is_multiple_of(2) {
        return Err(FrameError::OddLength { len: frame.len() });
    }
    if frame.len() as u64 > u64::from(MAX_AUDIO_FRAME_BYTES) {
        return Err(FrameError::AudioTooLong { len: frame.len() });
    }
    if frame.len() >= 12 && &frame[..4] == b"RIFF" && &frame[8..12] == b"WAVE" {
        return Err(FrameError::WavHeader);
    }
    check_message_size(frame.len(), MAX_AUDIO_MESSAGE_BYTES)?;
    Ok(audio_duration(frame.len()))
}

/// Checks one realtime video frame: a complete JPEG (walked with
/// [`inspect_jpeg`], nothing decoded) within the byte and
/// pixel limits, in a message under the socket's limit.
pub fn check_video_frame(frame: &[u8]) -> Result<JpegInfo, FrameError> {
    if frame.is_empty() {
        return Err(FrameError::Empty);
    }
    check_message_size(frame.len(), MAX_VIDEO_MESSAGE_BYTES)?;
    inspect_jpeg(frame).map_err(FrameError::Image)
}

/// Checks a whole message (text or binary) against a socket's size limit.
pub fn check_message_size(len: usize, limit: u64) -> Result<(), FrameError> {
    let len = len as u64;
    if len > limit {
        return Err(FrameError::MessageTooLarge { len, limit });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
