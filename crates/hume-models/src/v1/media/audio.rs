//! Audio inspection: a WAV header, a compressed container to refuse, or headerless samples.

use std::error::Error;
use std::fmt;
use std::ops::Range;
use std::time::Duration;

use super::{AUDIO_BYTES_PER_SECOND, MAX_REQUEST_BYTES, MediaErrorClass, SAMPLE_RATE_HZ};

/// A prefix this long always lets [`inspect_audio_header`] decide, unless a WAV file puts
/// more than this many bytes of other chunks before its `data` chunk (it then asks for more).
pub const AUDIO_HEADER_PREFIX: usize = 64 * 1024;

const WAVE_FORMAT_PCM: u16 = 0x0001;
const WAVE_FORMAT_EXTENSIBLE: u16 = 0xFFFE;
/// Bytes of a `fmt ` chunk that are read (the basic PCM header).
const FMT_LEN: u64 = 16;

/// How the audio samples were packaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AudioContainer {
    /// A RIFF/WAVE file with a PCM `fmt ` chunk.
    Wav,
    /// Raw s16le samples with no header.
    Headerless,
}

/// Audio the API accepts: where its 16 kHz mono s16le samples are in the input.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct AudioInput {
    /// WAV or headerless.
    pub container: AudioContainer,
    /// Offset of the first sample byte in the input.
    pub data_offset: u64,
    /// Number of sample bytes (even, never zero).
    pub data_len: u64,
}

impl AudioInput {
    /// The byte range of the samples in the input.
    pub fn data_range(&self) -> Range<usize> {
        let start = usize::try_from(self.data_offset).unwrap_or(usize::MAX);
        let end =
            usize::try_from(self.data_offset.saturating_add(self.data_len)).unwrap_or(usize::MAX);
        start..end
    }

    /// The sample bytes of `input`, the bytes this was inspected from (no copy). Empty if
    /// `input` is shorter than the inspected file.
    pub fn pcm<'a>(&self, input: &'a [u8]) -> &'a [u8] {
        input.get(self.data_range()).unwrap_or(&[])
    }

    /// Number of samples.
    pub fn sample_count(&self) -> u64 {
        self.data_len / 2
    }

    /// Duration in whole milliseconds (rounded down), as the API reports `audio_duration_ms`.
    pub fn duration_ms(&self) -> u64 {
        self.data_len * 1000 / AUDIO_BYTES_PER_SECOND
    }

    /// Exact duration.
    pub fn duration(&self) -> Duration {
        // One sample at 16 kHz lasts 62,500 ns.
        Duration::from_nanos(self.sample_count().saturating_mul(1_000_000_000 / 16_000))
    }
}

/// What [`inspect_audio_header`] decided from a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AudioProbe {
    /// The audio is acceptable; the file must still be sent whole.
    Ready(AudioInput),
    /// The header reaches past the prefix: call again with at least this many leading bytes.
    NeedMore {
        /// Length of the prefix needed (never more than the file's length).
        prefix_len: u64,
    },
}

/// A format the API refuses with `unsupported_media_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnsupportedAudio {
    /// MP3 (an ID3 tag or two consecutive MPEG audio frame headers).
    Mp3,
    /// FLAC (`fLaC`).
    Flac,
    /// Ogg (`OggS`): Vorbis, Opus, ...
    Ogg,
    /// MP4 or M4A (an ISO base media `ftyp` box).
    Mp4,
    /// RF64 or BW64, the 64-bit variants of WAV.
    Rf64,
    /// A RIFF file of another form than `WAVE` (AVI, WebP, ...).
    Riff {
        /// The RIFF form type, such as `*b"AVI "`.
        form_type: [u8; 4],
    },
}

impl fmt::Display for UnsupportedAudio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnsupportedAudio::Mp3 => f.write_str("mp3"),
            UnsupportedAudio::Flac => f.write_str("flac"),
            UnsupportedAudio::Ogg => f.write_str("ogg"),
            UnsupportedAudio::Mp4 => f.write_str("mp4/m4a"),
            UnsupportedAudio::Rf64 => f.write_str("rf64 (64-bit wav)"),
            UnsupportedAudio::Riff { form_type } => {
                write!(
                    f,
                    "riff {:?} (not wave)",
                    String::from_utf8_lossy(form_type)
                )
            }
        }
    }
}

/// Why audio cannot be sent to (or was refused by) the API. [`AudioFormatError::class`] gives
/// the status and error code.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AudioFormatError {
    /// A compressed or non-WAV container.
    Unsupported(UnsupportedAudio),
    /// A WAV whose samples are not 16 kHz, mono, 16-bit integer PCM.
    WrongWavFormat {
        /// The `fmt ` chunk's format tag (1 is integer PCM).
        format_tag: u16,
        /// Channel count.
        channels: u16,
        /// Sample rate in Hz.
        sample_rate: u32,
        /// Bits per sample.
        bits_per_sample: u16,
    },
    /// A WAV with the extensible header (`WAVE_FORMAT_EXTENSIBLE`), which the API refuses even
    /// when it describes 16 kHz mono 16-bit PCM.
    Extensible,
    /// A WAV that ends before its `data` chunk does.
    TruncatedData {
        /// Bytes the `data` chunk declares.
        declared: u64,
        /// Bytes the file holds after the chunk header.
        available: u64,
    },
    /// A WAV that ends before a chunk it needs (header, `fmt `, `data`).
    Truncated {
        /// What is missing.
        reason: &'static str,
    },
    /// A WAV whose chunks contradict each other.
    Malformed {
        /// What is wrong.
        reason: &'static str,
    },
    /// No audio at all: an empty input or a WAV `data` chunk of zero bytes.
    Empty,
    /// Headerless samples of an odd number of bytes (16-bit samples come in pairs of bytes).
    OddLength {
        /// The input's length.
        len: u64,
    },
    /// More bytes than a whole request may hold ([`MAX_REQUEST_BYTES`]).
    TooLarge {
        /// The input's length.
        len: u64,
    },
}

impl AudioFormatError {
    /// The class of failure, which decides the status code.
    pub fn class(&self) -> MediaErrorClass {
        match self {
            AudioFormatError::Unsupported(_) => MediaErrorClass::UnsupportedMediaType,
            AudioFormatError::TooLarge { .. } => MediaErrorClass::TooLarge,
            _ => MediaErrorClass::DecodeFailed,
        }
    }

    /// The API's error code for an upload: `unsupported_media_type`, `audio_decode_failed` or
    /// `audio_too_long`.
    pub fn code(&self) -> &'static str {
        match self.class() {
            MediaErrorClass::UnsupportedMediaType => "unsupported_media_type",
            MediaErrorClass::TooLarge => "audio_too_long",
            MediaErrorClass::DecodeFailed => "audio_decode_failed",
        }
    }
}

impl fmt::Display for AudioFormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AudioFormatError::Unsupported(format) => write!(
                f,
                "unsupported audio format ({format}); convert it to 16 kHz mono 16-bit PCM wav"
            ),
            AudioFormatError::WrongWavFormat {
                format_tag,
                channels,
                sample_rate,
                bits_per_sample,
            } => {
                write!(f, "wav holds {sample_rate} Hz, {channels} channel(s), ")?;
                match *format_tag {
                    WAVE_FORMAT_PCM => write!(f, "{bits_per_sample}-bit pcm")?,
                    3 => write!(f, "{bits_per_sample}-bit floating point")?,
                    6 => f.write_str("a-law")?,
                    7 => f.write_str("mu-law")?,
                    tag => write!(f, "format tag 0x{tag:04x}")?,
                }
                f.write_str("; the api takes 16000 Hz mono 16-bit pcm")
            }
            AudioFormatError::Extensible => f.write_str(
                "wav uses the extensible header (WAVE_FORMAT_EXTENSIBLE); write a plain pcm header",
            ),
            AudioFormatError::TruncatedData {
                declared,
                available,
            } => write!(
                f,
                "wav is truncated: the data chunk declares {declared} bytes but {available} follow"
            ),
            AudioFormatError::Truncated { reason } => write!(f, "wav is truncated: {reason}"),
            AudioFormatError::Malformed { reason } => write!(f, "wav is malformed: {reason}"),
            AudioFormatError::Empty => f.write_str("audio is empty"),
            AudioFormatError::OddLength { len } => write!(
                f,
                "headerless audio has an odd length ({len} bytes); 16-bit samples need an even length"
            ),
            AudioFormatError::TooLarge { len } => write!(
                f,
                "audio is {len} bytes, over the request limit of {MAX_REQUEST_BYTES} bytes"
            ),
        }
    }
}

impl Error for AudioFormatError {}

/// Checks audio the way the API does and returns where its samples are.
///
/// `bytes` is the whole file. WAV must be 16 kHz, mono, 16-bit integer PCM with the basic
/// header; chunks after `data` are not read. Anything that is neither WAV nor a refused
/// container is taken as headerless s16le samples.
pub fn inspect_audio(bytes: &[u8]) -> Result<AudioInput, AudioFormatError> {
    match inspect_audio_header(bytes, bytes.len() as u64)? {
        AudioProbe::Ready(input) => Ok(input),
        // The prefix is the whole input, so the header cannot continue past it.
        AudioProbe::NeedMore { .. } => Err(AudioFormatError::Truncated {
            reason: "the header ends early",
        }),
    }
}

/// [`inspect_audio`] from the first bytes of a file and its length, for files on disk: read
/// [`AUDIO_HEADER_PREFIX`] bytes (or the whole file if shorter), call this, and read more only
/// on [`AudioProbe::NeedMore`]. The answer is the same as [`inspect_audio`] on the whole file.
pub fn inspect_audio_header(prefix: &[u8], total_len: u64) -> Result<AudioProbe, AudioFormatError> {
    let prefix = &prefix[..prefix
        .len()
        .min(usize::try_from(total_len).unwrap_or(usize::MAX))];
    if total_len == 0 {
        return Err(AudioFormatError::Empty);
    }
    if total_len > MAX_REQUEST_BYTES {
        return Err(AudioFormatError::TooLarge { len: total_len });
    }
    let input = Prefix {
        bytes: prefix,
        total_len,
    };
    // Every signature below fits in the first 12 bytes.
    let head = total_len.min(12);
    if (prefix.len() as u64) < head {
        return Ok(AudioProbe::NeedMore { prefix_len: head });
    }
    let starts = |magic: &[u8]| prefix.starts_with(magic);
    if starts(b"RIFF") {
        if total_len < 12 {
            return Err(AudioFormatError::Truncated {
                reason: "the riff header is shorter than 12 bytes",
            });
        }
        let mut form_type = [0; 4];
        form_type.copy_from_slice(&prefix[8..12]);
        if &form_type != b"WAVE" {
            return Err(AudioFormatError::Unsupported(UnsupportedAudio::Riff {
                form_type,
            }));
        }
        return parse_wav(input);
    }
    let refused = if starts(b"RF64") || starts(b"BW64") {
        Some(UnsupportedAudio::Rf64)
    } else if starts(b"ID3") {
        Some(UnsupportedAudio::Mp3)
    } else if starts(b"fLaC") {
        Some(UnsupportedAudio::Flac)
    } else if starts(b"OggS") {
        Some(UnsupportedAudio::Ogg)
    } else if prefix.get(4..8) == Some(b"ftyp") {
        Some(UnsupportedAudio::Mp4)
    } else {
        match mpeg_stream(input) {
            Sniff::Yes => Some(UnsupportedAudio::Mp3),
            Sniff::No => None,
            Sniff::NeedMore(prefix_len) => return Ok(AudioProbe::NeedMore { prefix_len }),
        }
    };
    if let Some(format) = refused {
        return Err(AudioFormatError::Unsupported(format));
    }
    if total_len % 2 == 1 {
        return Err(AudioFormatError::OddLength { len: total_len });
    }
    Ok(AudioProbe::Ready(AudioInput {
        container: AudioContainer::Headerless,
        data_offset: 0,
        data_len: total_len,
    }))
}

/// The known start of a file and the file's full length.
#[derive(Clone, Copy)]
struct Prefix<'a> {
    bytes: &'a [u8],
    total_len: u64,
}

impl Prefix<'_> {
    /// `len` bytes at `offset`: `Ok(None)` past the end of the file, `Err(needed)` past the
    /// end of the prefix.
    fn get(&self, offset: u64, len: u64) -> Result<Option<&[u8]>, u64> {
        let end = offset.saturating_add(len);
        if end > self.total_len {
            return Ok(None);
        }
        match self.bytes.get(offset as usize..end as usize) {
            Some(slice) => Ok(Some(slice)),
            None => Err(end),
        }
    }
}

enum Sniff {
    Yes,
    No,
    NeedMore(u64),
}

/// Two consecutive valid MPEG audio frame headers at the start. One header alone is not
/// enough: headerless samples near zero can look like one.
fn mpeg_stream(input: Prefix<'_>) -> Sniff {
    let first = match input.get(0, 4) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Sniff::No,
        Err(needed) => return Sniff::NeedMore(needed),
    };
    let Some(frame_len) = mpeg_frame_len(first) else {
        return Sniff::No;
    };
    match input.get(frame_len, 4) {
        Ok(Some(second)) if mpeg_frame_len(second).is_some() => Sniff::Yes,
        Ok(_) => Sniff::No,
        Err(needed) => Sniff::NeedMore(needed),
    }
}

/// The length of the MPEG-1/2/2.5 audio frame whose 4-byte header this is, if it is one.
fn mpeg_frame_len(header: &[u8]) -> Option<u64> {
    const V1_L1: [u32; 15] = [
        0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448,
    ];
    const V1_L2: [u32; 15] = [
        0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384,
    ];
    const V1_L3: [u32; 15] = [
        0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
    ];
    const V2_L1: [u32; 15] = [
        0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256,
    ];
    const V2_L23: [u32; 15] = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];

    let &[b0, b1, b2, b3] = header else {
        return None;
    };
    if b0 != 0xFF || b1 & 0xE0 != 0xE0 {
        return None;
    }
    let version = (b1 >> 3) & 3; // 0: MPEG-2.5, 1: reserved, 2: MPEG-2, 3: MPEG-1
    let layer = (b1 >> 1) & 3; // 0: reserved, 1: III, 2: II, 3: I
    let bitrate_index = usize::from(b2 >> 4);
    let rate_index = usize::from((b2 >> 2) & 3);
    let padding = u64::from((b2 >> 1) & 1);
    // Free-format (0) streams have no computable frame length; 15 is invalid.
    if version == 1 || layer == 0 || bitrate_index == 0 || bitrate_index == 15 || rate_index == 3 {
        return None;
    }
    // Emphasis 2 is reserved.
    if b3 & 3 == 2 {
        return None;
    }
    let table = match (version == 3, layer) {
        (true, 3) => &V1_L1,
        (true, 2) => &V1_L2,
        (true, _) => &V1_L3,
        (false, 3) => &V2_L1,
        (false, _) => &V2_L23,
    };
    let bitrate = u64::from(table[bitrate_index]) * 1000;
    let sample_rate = u64::from(match version {
        3 => [44_100u32, 48_000, 32_000][rate_index],
        2 => [22_050, 24_000, 16_000][rate_index],
        _ => [11_025, 12_000, 8_000][rate_index],
    });
    Some(match layer {
        3 => (12 * bitrate / sample_rate + padding) * 4,
        1 if version != 3 => 72 * bitrate / sample_rate + padding,
        _ => 144 * bitrate / sample_rate + padding,
    })
}

/// Walks the chunks of a RIFF/WAVE file from its `fmt ` chunk to its `data` chunk.
fn parse_wav(input: Prefix<'_>) -> Result<AudioProbe, AudioFormatError> {
    let mut offset: u64 = 12;
    let mut format_seen = false;
    loop {
        let header = match input.get(offset, 8) {
            Ok(Some(header)) => header,
            Ok(None) => {
                return Err(AudioFormatError::Truncated {
                    reason: if format_seen {
                        "the file ends before a data chunk"
                    } else {
                        "the file ends before the fmt and data chunks"
                    },
                });
            }
            Err(prefix_len) => return Ok(AudioProbe::NeedMore { prefix_len }),
        };
        let id = &header[..4];
        let size = u64::from(u32::from_le_bytes([
            header[4], header[5], header[6], header[7],
        ]));
        let body = offset + 8;
        if id == b"fmt " && !format_seen {
            if size < FMT_LEN {
                return Err(AudioFormatError::Malformed {
                    reason: "the fmt chunk is shorter than 16 bytes",
                });
            }
            let fmt = match input.get(body, FMT_LEN) {
                Ok(Some(fmt)) => fmt,
                Ok(None) => {
                    return Err(AudioFormatError::Truncated {
                        reason: "the file ends inside the fmt chunk",
                    });
                }
                Err(prefix_len) => return Ok(AudioProbe::NeedMore { prefix_len }),
            };
            check_format(fmt)?;
            format_seen = true;
        } else if id == b"data" {
            if !format_seen {
                return Err(AudioFormatError::Malformed {
                    reason: "the data chunk comes before the fmt chunk",
                });
            }
            let available = input.total_len - body;
            if size > available {
                return Err(AudioFormatError::TruncatedData {
                    declared: size,
                    available,
                });
            }
            if size == 0 {
                return Err(AudioFormatError::Empty);
            }
            if size % 2 == 1 {
                return Err(AudioFormatError::Malformed {
                    reason: "the data chunk ends inside a sample",
                });
            }
            return Ok(AudioProbe::Ready(AudioInput {
                container: AudioContainer::Wav,
                data_offset: body,
                data_len: size,
            }));
        }
        // A chunk of odd size is followed by one padding byte.
        offset = body + size + (size & 1);
    }
}

/// The 16 bytes of a `fmt ` chunk must describe plain 16 kHz mono 16-bit PCM.
fn check_format(fmt: &[u8]) -> Result<(), AudioFormatError> {
    let u16_at = |i: usize| u16::from_le_bytes([fmt[i], fmt[i + 1]]);
    let format_tag = u16_at(0);
    let channels = u16_at(2);
    let sample_rate = u32::from_le_bytes([fmt[4], fmt[5], fmt[6], fmt[7]]);
    let block_align = u16_at(12);
    let bits_per_sample = u16_at(14);
    if format_tag == WAVE_FORMAT_EXTENSIBLE {
        return Err(AudioFormatError::Extensible);
    }
    if format_tag != WAVE_FORMAT_PCM
        || channels != 1
        || sample_rate != SAMPLE_RATE_HZ
        || bits_per_sample != 16
    {
        return Err(AudioFormatError::WrongWavFormat {
            format_tag,
            channels,
            sample_rate,
            bits_per_sample,
        });
    }
    // Some writers leave the block size at 0 or 1; a larger one means padded samples.
    if block_align > 2 {
        return Err(AudioFormatError::Malformed {
            reason: "the fmt chunk's block align does not fit mono 16-bit samples",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
