//! Video sources: [`JpegFrames`] (JPEG files, one frame each) and [`MjpegFrames`] (JPEGs one
//! after another on a reader, split by walking each image's markers with
//! `hume_models::v1::media::inspect_jpeg`).

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

use hume_core::HumeError;
use hume_core::realtime::{FrameError, Refusal};
use hume_models::v1::limits::{MAX_IMAGE_BYTES, MAX_VIDEO_FRAMES_PER_SECOND};
use hume_models::v1::media::{ImageFormatError, inspect_jpeg};

use super::Frame;

/// Bytes read from an MJPEG stream at a time.
const READ_CHUNK: usize = 64 * 1024;
/// The start-of-image marker.
const SOI: [u8; 2] = [0xFF, 0xD8];

/// Milliseconds between frames at `fps` (3 when `fps` is not a positive number).
fn interval_ms(fps: f64) -> f64 {
    if fps.is_finite() && fps > 0.0 {
        1000.0 / fps
    } else {
        1000.0 / f64::from(MAX_VIDEO_FRAMES_PER_SECOND)
    }
}

/// JPEG files as video frames, in the order given, the `n`th tagged with its timestamp
/// `round(n × 1000 / fps)` ms (3 fps unless [`with_fps`](Self::with_fps) says otherwise). A
/// file is read when its frame is taken.
///
/// ```no_run
/// use hume::realtime::JpegFrames;
///
/// for frame in JpegFrames::new(["f0.jpg", "f1.jpg"]).with_fps(2.0) {
///     let frame = frame?;
///     assert!(frame.tag == 0 || frame.tag == 500);
/// }
/// # Ok::<(), hume::HumeError>(())
/// ```
#[derive(Debug)]
pub struct JpegFrames {
    paths: std::vec::IntoIter<PathBuf>,
    index: u64,
    interval_ms: f64,
}

impl JpegFrames {
    /// The frames of these files.
    pub fn new<P: AsRef<Path>>(paths: impl IntoIterator<Item = P>) -> Self {
        Self {
            paths: paths
                .into_iter()
                .map(|p| p.as_ref().to_path_buf())
                .collect::<Vec<_>>()
                .into_iter(),
            index: 0,
            interval_ms: interval_ms(f64::from(MAX_VIDEO_FRAMES_PER_SECOND)),
        }
    }

    /// The frame rate the timestamps count at (3 by default; not a positive number: 3).
    pub fn with_fps(mut self, fps: f64) -> Self {
        self.interval_ms = interval_ms(fps);
        self
    }
}

impl Iterator for JpegFrames {
    type Item = Result<Frame, HumeError>;

    /// The next file's bytes; an unreadable file is an error item and the frames go on.
    fn next(&mut self) -> Option<Self::Item> {
        let path = self.paths.next()?;
        let tag = (self.index as f64 * self.interval_ms).round() as u64;
        self.index += 1;
        Some(
            read_frame(&path)
                .map(|data| Frame::new(data, tag))
                .map_err(|e| HumeError::io(format!("reading {}", path.display()), e)),
        )
    }
}

/// A frame file's bytes, at most one byte over the API's image limit: a larger file is never
/// read whole (the session refuses the frame as over 2 MB before sending it).
fn read_frame(path: &Path) -> io::Result<Vec<u8>> {
    let mut data = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_IMAGE_BYTES + 1)
        .read_to_end(&mut data)?;
    Ok(data)
}

/// An MJPEG stream (complete JPEGs one after another on a reader: a file, a pipe from a camera
/// or `ffmpeg -f image2pipe`, a socket) as video frames.
///
/// Images are found by walking their marker structure to the end-of-image marker (so an EXIF
/// thumbnail does not split an image); bytes before a start-of-image marker are skipped. An
/// image that is broken or over 2 MB is an error item ([`HumeError::RealtimeRefused`]) and
/// splitting resumes at the next image; a partial image at the end of the stream is dropped.
///
/// Tags: by default the frame's index at 3 fps (`round(n × 1000 / fps)` ms, [`with_fps`]
/// to change); [`live`](Self::live): the milliseconds since the first image was read, for a
/// camera.
///
/// [`with_fps`]: Self::with_fps
pub struct MjpegFrames<R> {
    reader: R,
    buf: Vec<u8>,
    index: u64,
    interval_ms: f64,
    live_since: Option<Option<Instant>>,
    eof: bool,
    failed: bool,
}

impl<R> fmt::Debug for MjpegFrames<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MjpegFrames")
            .field("buffered", &self.buf.len())
            .field("index", &self.index)
            .field("live", &self.live_since.is_some())
            .field("eof", &self.eof)
            .finish()
    }
}

impl<R: Read> MjpegFrames<R> {
    /// The frames on `reader`.
    pub fn new(reader: R) -> Self {
        Self {
            reader,
            buf: Vec::new(),
            index: 0,
            interval_ms: interval_ms(f64::from(MAX_VIDEO_FRAMES_PER_SECOND)),
            live_since: None,
            eof: false,
            failed: false,
        }
    }

    /// The frame rate the timestamps count at (3 by default).
    pub fn with_fps(mut self, fps: f64) -> Self {
        self.interval_ms = interval_ms(fps);
        self
    }

    /// Tags each frame with the milliseconds since the first one was read (a live source).
    pub fn live(mut self) -> Self {
        self.live_since = Some(None);
        self
    }

    fn tag(&mut self) -> u64 {
        let tag = match &mut self.live_since {
            Some(since) => {
                let start = *since.get_or_insert_with(Instant::now);
                u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX)
            }
            None => (self.index as f64 * self.interval_ms).round() as u64,
        };
        self.index += 1;
        tag
    }

    /// The next complete image in the buffer, an error for a broken one, or `None` when more
    /// bytes are needed.
    fn split(&mut self) -> Option<Result<Vec<u8>, ImageFormatError>> {
        match self.buf.windows(2).position(|w| w == SOI) {
            Some(start) => {
                self.buf.drain(..start);
            }
            None => {
                // A lone 0xFF at the end may be half a marker.
                let keep = usize::from(self.buf.last() == Some(&0xFF));
                let len = self.buf.len();
                self.buf.drain(..len - keep);
                return None;
            }
        }
        let window = self
            .buf
            .len()
            .min(usize::try_from(MAX_IMAGE_BYTES).unwrap_or(usize::MAX));
        match inspect_jpeg(&self.buf[..window]) {
            Ok(info) => Some(Ok(self.buf.drain(..info.end).collect())),
            Err(ImageFormatError::Truncated { .. }) if (window as u64) < MAX_IMAGE_BYTES => {
                if self.eof {
                    // A partial image at the end of the stream.
                    self.buf.clear();
                }
                None
            }
            Err(ImageFormatError::Truncated { .. }) => {
                self.buf.drain(..SOI.len());
                Some(Err(ImageFormatError::TooManyBytes {
                    len: MAX_IMAGE_BYTES + 1,
                }))
            }
            Err(error) => {
                // Drop this image; look for the next start marker after its own.
                self.buf.drain(..SOI.len());
                Some(Err(error))
            }
        }
    }

    fn read_more(&mut self) -> io::Result<()> {
        let len = self.buf.len();
        self.buf.resize(len + READ_CHUNK, 0);
        let read = loop {
            match self.reader.read(&mut self.buf[len..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other,
            }
        };
        let n = match read {
            Ok(n) => n,
            Err(e) => {
                self.buf.truncate(len);
                return Err(e);
            }
        };
        self.buf.truncate(len + n);
        if n == 0 {
            self.eof = true;
        }
        Ok(())
    }
}

impl<R: Read> Iterator for MjpegFrames<R> {
    type Item = Result<Frame, HumeError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        loop {
            match self.split() {
                Some(Ok(image)) => {
                    let tag = self.tag();
                    return Some(Ok(Frame::new(image, tag)));
                }
                Some(Err(error)) => {
                    self.index += 1;
                    return Some(Err(HumeError::realtime_refused(Refusal::Frame(
                        FrameError::Image(error),
                    ))));
                }
                None if self.eof => return None,
                None => {
                    if let Err(e) = self.read_more() {
                        self.failed = true;
                        return Some(Err(HumeError::io("reading an mjpeg stream", e)));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
