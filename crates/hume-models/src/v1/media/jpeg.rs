//! JPEG inspection: the frame size from the first frame header, and a walk of the marker
//! structure to the end-of-image marker, without decoding anything.

use std::error::Error;
use std::fmt;

use super::{MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MediaErrorClass};

const MARKER: u8 = 0xFF;
const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const TEM: u8 = 0x01;
const RST0: u8 = 0xD0;
const RST7: u8 = 0xD7;

/// What [`inspect_jpeg`] read from a JPEG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct JpegInfo {
    /// Width in pixels, as stored (EXIF orientation is not applied).
    pub width: u32,
    /// Height in pixels, as stored.
    pub height: u32,
    /// Number of colour components (1 grey, 3 YCbCr, 4 CMYK).
    pub components: u8,
    /// Bits per sample (8 for almost every JPEG).
    pub precision: u8,
    /// Progressive coding (`SOF2`, `SOF6`, `SOF10`, `SOF14`).
    pub progressive: bool,
    /// Offset just past the end-of-image marker; bytes after it are ignored.
    pub end: usize,
}

impl JpegInfo {
    /// `width × height`.
    pub fn pixels(&self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }
}

/// A recognised image format that is not JPEG, named in [`ImageFormatError::NotJpeg`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NonJpegFormat {
    /// PNG.
    Png,
    /// GIF.
    Gif,
    /// WebP.
    WebP,
    /// BMP.
    Bmp,
    /// TIFF.
    Tiff,
    /// HEIF, HEIC or AVIF.
    Heif,
    /// None of the above (including empty input).
    Unknown,
}

impl fmt::Display for NonJpegFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NonJpegFormat::Png => "png",
            NonJpegFormat::Gif => "gif",
            NonJpegFormat::WebP => "webp",
            NonJpegFormat::Bmp => "bmp",
            NonJpegFormat::Tiff => "tiff",
            NonJpegFormat::Heif => "heif/avif",
            NonJpegFormat::Unknown => "not an image format we recognise",
        })
    }
}

/// Why an image cannot be sent to (or was refused by) the API. [`ImageFormatError::class`]
/// gives the status and error code.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImageFormatError {
    /// The bytes do not start with a JPEG start-of-image marker.
    NotJpeg(NonJpegFormat),
    /// More bytes than one image may have ([`MAX_IMAGE_BYTES`]).
    TooManyBytes {
        /// The image's length.
        len: u64,
    },
    /// More pixels than one image may have ([`MAX_IMAGE_PIXELS`]).
    TooManyPixels {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// The image ends before its structure does.
    Truncated {
        /// What is cut off.
        reason: &'static str,
    },
    /// The marker structure is broken.
    Corrupt {
        /// What is wrong.
        reason: &'static str,
        /// Byte offset of the problem.
        offset: usize,
    },
}

impl ImageFormatError {
    /// The class of failure, which decides the status code.
    pub fn class(&self) -> MediaErrorClass {
        match self {
            ImageFormatError::NotJpeg(_) => MediaErrorClass::UnsupportedMediaType,
            ImageFormatError::TooManyBytes { .. } | ImageFormatError::TooManyPixels { .. } => {
                MediaErrorClass::TooLarge
            }
            ImageFormatError::Truncated { .. } | ImageFormatError::Corrupt { .. } => {
                MediaErrorClass::DecodeFailed
            }
        }
    }

    /// The API's error code for an upload: `unsupported_media_type`, `image_too_large` or
    /// `image_decode_failed` (a realtime session answers `invalid_image_frame` for all).
    pub fn code(&self) -> &'static str {
        match self.class() {
            MediaErrorClass::UnsupportedMediaType => "unsupported_media_type",
            MediaErrorClass::TooLarge => "image_too_large",
            MediaErrorClass::DecodeFailed => "image_decode_failed",
        }
    }
}

impl fmt::Display for ImageFormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImageFormatError::NotJpeg(NonJpegFormat::Unknown) => {
                f.write_str("not a jpeg image (no start-of-image marker)")
            }
            ImageFormatError::NotJpeg(format) => {
                write!(f, "not a jpeg image ({format}); the api takes jpeg only")
            }
            ImageFormatError::TooManyBytes { len } => write!(
                f,
                "image is {len} bytes, over the limit of {MAX_IMAGE_BYTES} bytes"
            ),
            ImageFormatError::TooManyPixels { width, height } => write!(
                f,
                "image is {width}x{height} pixels, over the limit of {MAX_IMAGE_PIXELS} pixels"
            ),
            ImageFormatError::Truncated { reason } => write!(f, "jpeg is truncated: {reason}"),
            ImageFormatError::Corrupt { reason, offset } => {
                write!(f, "jpeg is corrupt at byte {offset}: {reason}")
            }
        }
    }
}

impl Error for ImageFormatError {}

/// Checks a JPEG the way the API does, without decoding it: the start-of-image marker, the
/// byte limit, then every marker segment and the entropy-coded data between them up to the
/// end-of-image marker; the first frame header (`SOFn`) gives the size, checked against the
/// pixel limit as soon as it is read.
pub fn inspect_jpeg(bytes: &[u8]) -> Result<JpegInfo, ImageFormatError> {
    if bytes.len() < 2 || bytes[0] != MARKER || bytes[1] != SOI {
        return Err(ImageFormatError::NotJpeg(sniff_other(bytes)));
    }
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(ImageFormatError::TooManyBytes {
            len: bytes.len() as u64,
        });
    }
    let corrupt = |reason, offset| Err(ImageFormatError::Corrupt { reason, offset });
    let truncated = |reason| Err(ImageFormatError::Truncated { reason });
    let mut frame: Option<JpegInfo> = None;
    let mut at = 2;
    loop {
        // A marker: 0xFF, any number of 0xFF fill bytes, then the marker code.
        match bytes.get(at) {
            None => return truncated("the image ends before its end-of-image marker"),
            Some(&MARKER) => {}
            Some(_) => return corrupt("expected a marker", at),
        }
        while bytes.get(at + 1) == Some(&MARKER) {
            at += 1;
        }
        let Some(&code) = bytes.get(at + 1) else {
            return truncated("the image ends inside a marker");
        };
        let marker_at = at;
        at += 2;
        match code {
            EOI => {
                return match frame {
                    Some(info) => Ok(JpegInfo { end: at, ..info }),
                    None => corrupt("end of image before any frame header", marker_at),
                };
            }
            SOI => return corrupt("a second start-of-image marker", marker_at),
            TEM | RST0..=RST7 => continue,
            0x00 | 0x02..=0xBF => return corrupt("invalid marker code", marker_at),
            _ => {}
        }
        let Some(length) = bytes.get(at..at + 2) else {
            return truncated("the image ends inside a segment length");
        };
        let length = usize::from(u16::from_be_bytes([length[0], length[1]]));
        if length < 2 {
            return corrupt("segment length below 2", at);
        }
        let Some(segment) = bytes.get(at + 2..at + length) else {
            return truncated("the image ends inside a marker segment");
        };
        if is_frame_header(code) && frame.is_none() {
            let info =
                read_frame_header(code, segment).map_err(|reason| ImageFormatError::Corrupt {
                    reason,
                    offset: marker_at,
                })?;
            if info.pixels() > MAX_IMAGE_PIXELS {
                return Err(ImageFormatError::TooManyPixels {
                    width: info.width,
                    height: info.height,
                });
            }
            frame = Some(info);
        }
        at += length;
        if code == SOS {
            if frame.is_none() {
                return corrupt("scan before any frame header", marker_at);
            }
            at = skip_entropy_coded(bytes, at)?;
        }
    }
}

/// What a JPEG's header says, read by [`inspect_jpeg_header`] without the image data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct JpegHeader {
    /// Width in pixels, as stored (EXIF orientation is not applied).
    pub width: u32,
    /// Height in pixels, as stored.
    pub height: u32,
    /// Number of colour components (1 grey, 3 YCbCr, 4 CMYK).
    pub components: u8,
    /// Bits per sample (8 for almost every JPEG).
    pub precision: u8,
    /// Progressive coding (`SOF2`, `SOF6`, `SOF10`, `SOF14`).
    pub progressive: bool,
}

impl JpegHeader {
    /// `width × height`.
    pub fn pixels(&self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }
}

impl From<JpegInfo> for JpegHeader {
    fn from(info: JpegInfo) -> Self {
        JpegHeader {
            width: info.width,
            height: info.height,
            components: info.components,
            precision: info.precision,
            progressive: info.progressive,
        }
    }
}

/// What [`inspect_jpeg_header`] decided from a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JpegProbe {
    /// The header is acceptable: a JPEG within the byte and pixel limits.
    Ready(JpegHeader),
    /// The frame header lies past the prefix: call again with at least this many leading
    /// bytes (never more than the file's length).
    NeedMore {
        /// Length of the prefix needed.
        prefix_len: u64,
    },
}

/// The checks of [`inspect_jpeg`] that a JPEG's header can answer, from the first bytes of a
/// file and its length, for files on disk: the start-of-image marker, the byte limit (from
/// `total_len`, nothing read), the marker segments up to the first frame header (skipped by
/// their lengths, not read) and the pixel limit. Read 64 KiB (or the whole file if shorter),
/// call this, and read more only on [`JpegProbe::NeedMore`].
///
/// Nothing after the frame header is looked at, so an image whose scan data is truncated or
/// corrupt passes here and is refused by the API (`image_decode_failed`). Every error this
/// returns is the error [`inspect_jpeg`] returns for the whole file.
pub fn inspect_jpeg_header(prefix: &[u8], total_len: u64) -> Result<JpegProbe, ImageFormatError> {
    let prefix = &prefix[..prefix
        .len()
        .min(usize::try_from(total_len).unwrap_or(usize::MAX))];
    // Enough to name a non-JPEG format the way the whole-file check does.
    let head = total_len.min(16);
    if (prefix.len() as u64) < head {
        return Ok(JpegProbe::NeedMore { prefix_len: head });
    }
    if prefix.len() < 2 || prefix[0] != MARKER || prefix[1] != SOI {
        return Err(ImageFormatError::NotJpeg(sniff_other(prefix)));
    }
    if total_len > MAX_IMAGE_BYTES {
        return Err(ImageFormatError::TooManyBytes { len: total_len });
    }
    // `Ok(true)`: the bytes `..end` are in the prefix; `Ok(false)`: past the end of the file;
    // `Err(probe)`: in the file but past the prefix.
    let have = |end: usize| -> Result<bool, JpegProbe> {
        if end as u64 > total_len {
            Ok(false)
        } else if end > prefix.len() {
            Err(JpegProbe::NeedMore {
                prefix_len: end as u64,
            })
        } else {
            Ok(true)
        }
    };
    let corrupt = |reason, offset| Err(ImageFormatError::Corrupt { reason, offset });
    let truncated = |reason| Err(ImageFormatError::Truncated { reason });
    let mut at = 2;
    loop {
        match have(at + 1) {
            Ok(true) => {}
            Ok(false) => return truncated("the image ends before its end-of-image marker"),
            Err(probe) => return Ok(probe),
        }
        if prefix[at] != MARKER {
            return corrupt("expected a marker", at);
        }
        loop {
            match have(at + 2) {
                Ok(true) if prefix[at + 1] == MARKER => at += 1,
                Ok(true) => break,
                Ok(false) => return truncated("the image ends inside a marker"),
                Err(probe) => return Ok(probe),
            }
        }
        let code = prefix[at + 1];
        let marker_at = at;
        at += 2;
        match code {
            EOI => return corrupt("end of image before any frame header", marker_at),
            SOI => return corrupt("a second start-of-image marker", marker_at),
            TEM | RST0..=RST7 => continue,
            0x00 | 0x02..=0xBF => return corrupt("invalid marker code", marker_at),
            _ => {}
        }
        match have(at + 2) {
            Ok(true) => {}
            Ok(false) => return truncated("the image ends inside a segment length"),
            Err(probe) => return Ok(probe),
        }
        let length = usize::from(u16::from_be_bytes([prefix[at], prefix[at + 1]]));
        if length < 2 {
            return corrupt("segment length below 2", at);
        }
        if is_frame_header(code) {
            match have(at + length) {
                Ok(true) => {}
                Ok(false) => return truncated("the image ends inside a marker segment"),
                Err(probe) => return Ok(probe),
            }
            let info = read_frame_header(code, &prefix[at + 2..at + length]).map_err(|reason| {
                ImageFormatError::Corrupt {
                    reason,
                    offset: marker_at,
                }
            })?;
            if info.pixels() > MAX_IMAGE_PIXELS {
                return Err(ImageFormatError::TooManyPixels {
                    width: info.width,
                    height: info.height,
                });
            }
            return Ok(JpegProbe::Ready(JpegHeader::from(info)));
        }
        // Any other segment is skipped by its length without being read.
        if (at + length) as u64 > total_len {
            return truncated("the image ends inside a marker segment");
        }
        at += length;
        if code == SOS {
            return corrupt("scan before any frame header", marker_at);
        }
    }
}

/// `SOF0`–`SOF15` except `DHT` (C4), `JPG` (C8) and `DAC` (CC).
fn is_frame_header(code: u8) -> bool {
    matches!(code, 0xC0..=0xCF) && !matches!(code, 0xC4 | 0xC8 | 0xCC)
}

/// A frame header's body: precision, height, width, component count, 3 bytes per component.
fn read_frame_header(code: u8, segment: &[u8]) -> Result<JpegInfo, &'static str> {
    let &[precision, h1, h0, w1, w0, components, ..] = segment else {
        return Err("frame header shorter than 6 bytes");
    };
    if components == 0 || segment.len() != 6 + 3 * usize::from(components) {
        return Err("frame header length does not match its component count");
    }
    let height = u32::from(u16::from_be_bytes([h1, h0]));
    let width = u32::from(u16::from_be_bytes([w1, w0]));
    if width == 0 || height == 0 {
        return Err("frame header declares a zero width or height");
    }
    Ok(JpegInfo {
        width,
        height,
        components,
        precision,
        progressive: matches!(code, 0xC2 | 0xC6 | 0xCA | 0xCE),
        end: 0,
    })
}

/// Skips entropy-coded data from `at` to the next marker that ends the scan. In that data
/// 0xFF is followed by 0x00 (a literal 0xFF), a restart marker, or fill bytes.
fn skip_entropy_coded(bytes: &[u8], mut at: usize) -> Result<usize, ImageFormatError> {
    loop {
        let Some(found) = bytes[at.min(bytes.len())..]
            .iter()
            .position(|&b| b == MARKER)
        else {
            return Err(ImageFormatError::Truncated {
                reason: "the image ends inside scan data",
            });
        };
        at += found;
        match bytes.get(at + 1) {
            None => {
                return Err(ImageFormatError::Truncated {
                    reason: "the image ends inside scan data",
                });
            }
            Some(&0x00) | Some(&(RST0..=RST7)) => at += 2,
            Some(&MARKER) => at += 1,
            Some(_) => return Ok(at),
        }
    }
}

/// Names a few common image formats, for a clearer error.
fn sniff_other(bytes: &[u8]) -> NonJpegFormat {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"\x89PNG\r\n\x1a\n") {
        NonJpegFormat::Png
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        NonJpegFormat::Gif
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        NonJpegFormat::WebP
    } else if starts(b"BM") && bytes.len() >= 14 {
        NonJpegFormat::Bmp
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        NonJpegFormat::Tiff
    } else if bytes.get(4..8) == Some(b"ftyp")
        && matches!(
            bytes.get(8..12),
            Some(b"heic" | b"heix" | b"mif1" | b"msf1" | b"avif" | b"avis")
        )
    {
        NonJpegFormat::Heif
    } else {
        NonJpegFormat::Unknown
    }
}

#[cfg(test)]
mod tests;
