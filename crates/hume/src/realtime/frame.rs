//! [`Frame`]: one frame to send, with the tag its reply comes back with.

use std::fmt;

use bytes::Bytes;

/// One realtime frame (audio: headerless 16 kHz mono s16le; video: one JPEG) and its `tag`,
/// which comes back with the frame's reply. The helpers ([`WavFrames`](super::WavFrames),
/// [`JpegFrames`](super::JpegFrames), [`MjpegFrames`](super::MjpegFrames)) tag each frame with
/// its time in milliseconds.
#[derive(Clone, PartialEq, Eq)]
pub struct Frame {
    /// The frame's bytes.
    pub data: Bytes,
    /// The caller's tag (a timestamp, an index).
    pub tag: u64,
}

impl Frame {
    /// A frame.
    pub fn new(data: impl Into<Bytes>, tag: u64) -> Self {
        Self {
            data: data.into(),
            tag,
        }
    }
}

/// The tag and the length: the bytes would flood a log.
impl fmt::Debug for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Frame")
            .field("tag", &self.tag)
            .field("len", &self.data.len())
            .finish()
    }
}
