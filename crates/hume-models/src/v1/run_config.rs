//! [`RunConfig`]: the configuration a run ran under ([`AudioRunConfig`] or
//! [`VideoRunConfig`]), tagged by its `schema` layout ([`ConfigSchema`]).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::open_enum::open_enum;
use super::realtime::{AudioSessionUpdated, VideoSessionUpdated};
use super::{AudioConfig, FaceConfig, ImageConfig, limits};

open_enum!(
    /// The layout of a stored run configuration (wire `schema`). Check it before reading a
    /// stored configuration, so one in a later layout is recognised rather than misread.
    ConfigSchema, "config schema", {
        /// `v4`: the layout this crate reads.
        V4 => "v4",
    }
);

/// The configuration a run ran under, defaults included.
///
/// Parsed by shape: an object with an `audio` key is an audio configuration, one with
/// `image` or `face` a video configuration. A configuration whose `schema` is not `v4`, or
/// whose shape is neither, is kept as raw JSON in [`Other`](RunConfig::Other) rather than
/// misread.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum RunConfig {
    /// An audio run's configuration.
    Audio(AudioRunConfig),
    /// A video run's configuration.
    Video(VideoRunConfig),
    /// A layout this crate does not know, as sent.
    Other(Value),
}

impl RunConfig {
    /// The audio configuration, if this is one.
    pub fn as_audio(&self) -> Option<&AudioRunConfig> {
        match self {
            RunConfig::Audio(c) => Some(c),
            _ => None,
        }
    }

    /// The video configuration, if this is one.
    pub fn as_video(&self) -> Option<&VideoRunConfig> {
        match self {
            RunConfig::Video(c) => Some(c),
            _ => None,
        }
    }

    /// Classifies a decoded JSON value (see the type docs); fails only when a `v4` audio or
    /// video configuration has a field of the wrong type.
    pub fn from_value(value: Value) -> Result<Self, serde_json::Error> {
        let Some(obj) = value.as_object() else {
            return Ok(RunConfig::Other(value));
        };
        if obj.get("schema").and_then(Value::as_str) != Some(limits::RUN_CONFIG_SCHEMA) {
            return Ok(RunConfig::Other(value));
        }
        if obj.contains_key("audio") {
            serde_json::from_value(value).map(RunConfig::Audio)
        } else if obj.contains_key("image") || obj.contains_key("face") {
            serde_json::from_value(value).map(RunConfig::Video)
        } else {
            Ok(RunConfig::Other(value))
        }
    }
}

impl Serialize for RunConfig {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RunConfig::Audio(c) => c.serialize(s),
            RunConfig::Video(c) => c.serialize(s),
            RunConfig::Other(v) => v.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for RunConfig {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        RunConfig::from_value(Value::deserialize(d)?).map_err(D::Error::custom)
    }
}

impl From<AudioRunConfig> for RunConfig {
    fn from(c: AudioRunConfig) -> Self {
        RunConfig::Audio(c)
    }
}

impl From<VideoRunConfig> for RunConfig {
    fn from(c: VideoRunConfig) -> Self {
        RunConfig::Video(c)
    }
}

/// The configuration an audio run ran under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioRunConfig {
    /// The layout (`v4`).
    pub schema: ConfigSchema,
    /// The audio format.
    pub audio: AudioConfig,
    /// How often the run measured within an utterance, in milliseconds of speech.
    pub measurement_timer_ms: u32,
}

impl AudioRunConfig {
    /// A `v4` audio run configuration.
    pub fn new(audio: AudioConfig, measurement_timer_ms: u32) -> Self {
        AudioRunConfig {
            schema: ConfigSchema::V4,
            audio,
            measurement_timer_ms,
        }
    }
}

impl Default for AudioRunConfig {
    /// The defaults: the one audio format, a 3000 ms timer.
    fn default() -> Self {
        AudioRunConfig::new(AudioConfig::default(), limits::DEFAULT_MEASUREMENT_TIMER_MS)
    }
}

impl From<&AudioSessionUpdated> for AudioRunConfig {
    /// The run record of a session running under this configuration.
    fn from(c: &AudioSessionUpdated) -> Self {
        AudioRunConfig::new(c.audio.clone(), c.measurement_timer_ms)
    }
}

/// The configuration a video run ran under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoRunConfig {
    /// The layout (`v4`).
    pub schema: ConfigSchema,
    /// The image format.
    pub image: ImageConfig,
    /// The face detection settings.
    pub face: FaceConfig,
}

impl VideoRunConfig {
    /// A `v4` video run configuration.
    pub fn new(image: ImageConfig, face: FaceConfig) -> Self {
        VideoRunConfig {
            schema: ConfigSchema::V4,
            image,
            face,
        }
    }
}

impl Default for VideoRunConfig {
    /// The defaults: JPEG, threshold 0.9, min_size 60.
    fn default() -> Self {
        VideoRunConfig::new(ImageConfig::default(), FaceConfig::default())
    }
}

impl From<&VideoSessionUpdated> for VideoRunConfig {
    /// The run record of a session running under this configuration.
    fn from(c: &VideoSessionUpdated) -> Self {
        VideoRunConfig::new(c.image.clone(), c.face.clone())
    }
}
