//! The format and face-detection settings shared by realtime sessions and run records:
//! [`AudioConfig`], [`ImageConfig`], [`FaceConfig`], and the partial `*Update` forms a client
//! sends in `session.update`.

use serde::{Deserialize, Serialize};

use super::limits;
use super::open_enum::open_enum;

open_enum!(
    /// The audio media type (wire `type` of an audio config). Only `audio/pcm` exists.
    AudioMediaType, "audio media type", {
        /// `audio/pcm`: headerless PCM samples.
        Pcm => "audio/pcm",
    }
);

open_enum!(
    /// The audio sample encoding. Only `s16le` exists.
    AudioEncoding, "audio encoding", {
        /// `s16le`: signed 16-bit little-endian PCM.
        S16le => "s16le",
    }
);

open_enum!(
    /// The image media type (wire `type` of an image config). Only `image/jpeg` exists.
    ImageMediaType, "image media type", {
        /// `image/jpeg`: one complete JPEG per frame.
        Jpeg => "image/jpeg",
    }
);

/// The audio format of a realtime audio session or audio run, as the server reports it.
/// The API supports exactly one: `audio/pcm`, `s16le`, 16,000 Hz, 1 channel
/// ([`AudioConfig::default`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioConfig {
    /// The media type (wire `type`).
    #[serde(rename = "type")]
    pub media_type: AudioMediaType,
    /// The sample encoding.
    pub encoding: AudioEncoding,
    /// Samples per second, in Hz.
    pub sample_rate: u32,
    /// Number of channels.
    pub channels: u16,
}

impl Default for AudioConfig {
    /// The one supported format: `audio/pcm`, `s16le`, 16 kHz, mono.
    fn default() -> Self {
        AudioConfig {
            media_type: AudioMediaType::Pcm,
            encoding: AudioEncoding::S16le,
            sample_rate: limits::AUDIO_SAMPLE_RATE,
            channels: limits::AUDIO_CHANNELS,
        }
    }
}

impl AudioConfig {
    /// Is this the one format the API supports?
    pub fn is_supported(&self) -> bool {
        *self == AudioConfig::default()
    }
}

/// The audio format a client declares in `session.update`. Every field is optional; an
/// omitted field takes its default (not the value of an earlier update). Only the one
/// supported format is accepted: any other value ends the session with `config_invalid`
/// (checked locally by [`AudioSessionUpdate::validate`](super::realtime::AudioSessionUpdate::validate)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioConfigUpdate {
    /// The media type (wire `type`; default `audio/pcm`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<AudioMediaType>,
    /// The sample encoding (default `s16le`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<AudioEncoding>,
    /// Samples per second (default 16,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample_rate: Option<u32>,
    /// Number of channels (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<u16>,
}

impl AudioConfigUpdate {
    /// No fields set (everything at its default).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the media type.
    pub fn with_media_type(mut self, media_type: AudioMediaType) -> Self {
        self.media_type = Some(media_type);
        self
    }

    /// Sets the encoding.
    pub fn with_encoding(mut self, encoding: AudioEncoding) -> Self {
        self.encoding = Some(encoding);
        self
    }

    /// Sets the sample rate.
    pub fn with_sample_rate(mut self, sample_rate: u32) -> Self {
        self.sample_rate = Some(sample_rate);
        self
    }

    /// Sets the channel count.
    pub fn with_channels(mut self, channels: u16) -> Self {
        self.channels = Some(channels);
        self
    }

    /// The format in force after this update: each omitted field at its default.
    pub fn resolve(&self) -> AudioConfig {
        let d = AudioConfig::default();
        AudioConfig {
            media_type: self.media_type.clone().unwrap_or(d.media_type),
            encoding: self.encoding.clone().unwrap_or(d.encoding),
            sample_rate: self.sample_rate.unwrap_or(d.sample_rate),
            channels: self.channels.unwrap_or(d.channels),
        }
    }
}

/// The image format of a realtime video session or video run. Only `image/jpeg` exists
/// ([`ImageConfig::default`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageConfig {
    /// The media type (wire `type`).
    #[serde(rename = "type")]
    pub media_type: ImageMediaType,
}

impl Default for ImageConfig {
    /// The one supported format: `image/jpeg`.
    fn default() -> Self {
        ImageConfig {
            media_type: ImageMediaType::Jpeg,
        }
    }
}

impl ImageConfig {
    /// Is this the one format the API supports?
    pub fn is_supported(&self) -> bool {
        *self == ImageConfig::default()
    }
}

/// The image format a client declares in `session.update`; an omitted `type` means
/// `image/jpeg`. Any other value ends the session with `config_invalid`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageConfigUpdate {
    /// The media type (wire `type`; default `image/jpeg`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<ImageMediaType>,
}

impl ImageConfigUpdate {
    /// No fields set (the default format).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the media type.
    pub fn with_media_type(mut self, media_type: ImageMediaType) -> Self {
        self.media_type = Some(media_type);
        self
    }

    /// The format in force after this update.
    pub fn resolve(&self) -> ImageConfig {
        ImageConfig {
            media_type: self
                .media_type
                .clone()
                .unwrap_or(ImageConfig::default().media_type),
        }
    }
}

/// The face-detection settings in force for a realtime video session or video run, as the
/// server reports them (defaults: threshold 0.9, min_size 60; [`FaceConfig::default`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FaceConfig {
    /// Minimum detection confidence (0..=1) for a face to be listed and measured. Lower
    /// values include more faces and more false detections. The scale is this API's own:
    /// thresholds tuned for other face detectors do not carry over. Reported rounded to four
    /// decimals.
    pub threshold: f64,
    /// Minimum face size: the shorter side of the face's bounding box, in pixels of the image
    /// as submitted.
    pub min_size: u32,
}

impl Default for FaceConfig {
    /// Threshold 0.9, min_size 60.
    fn default() -> Self {
        FaceConfig {
            threshold: limits::DEFAULT_FACE_THRESHOLD,
            min_size: limits::DEFAULT_FACE_MIN_SIZE,
        }
    }
}

impl FaceConfig {
    /// Explicit settings.
    pub fn new(threshold: f64, min_size: u32) -> Self {
        FaceConfig {
            threshold,
            min_size,
        }
    }
}

/// The face-detection settings a client sends in a video `session.update`. An omitted field
/// takes its default (not the value of an earlier update).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FaceConfigUpdate {
    /// Minimum detection confidence, 0..=1 (default 0.9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// Minimum face size in pixels, ≥ 1 (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_size: Option<u32>,
}

impl FaceConfigUpdate {
    /// No fields set (defaults).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the detection threshold.
    pub fn with_threshold(mut self, threshold: f64) -> Self {
        self.threshold = Some(threshold);
        self
    }

    /// Sets the minimum face size.
    pub fn with_min_size(mut self, min_size: u32) -> Self {
        self.min_size = Some(min_size);
        self
    }

    /// The settings in force after this update: each omitted field at its default.
    pub fn resolve(&self) -> FaceConfig {
        let d = FaceConfig::default();
        FaceConfig {
            threshold: self.threshold.unwrap_or(d.threshold),
            min_size: self.min_size.unwrap_or(d.min_size),
        }
    }
}
