//! Audio file measurement (`POST /v1/expression/audio/file`): [`AudioFileConfig`] (the JSON
//! `config` part), [`AudioFileResponse`] and its [`Utterance`]s and [`AudioMeasurement`]s.
//!
//! The server splits speech into utterances (continuous stretches of speech). Within one,
//! it measures every `measurement_timer_ms` of speech ([`MeasurementTrigger::Interval`]) and
//! once more when speech ends ([`MeasurementTrigger::SpeechEnded`]) unless the previous
//! measurement ended less than a second earlier; every utterance gets at least one. Each
//! measurement covers at most the last 10 s of its utterance, so consecutive ones overlap
//! (except at a timer of 10,000 ms, where interval measurements meet end to end). The same
//! audio gives the same results here as through a realtime session.

use serde::{Deserialize, Serialize};

use super::open_enum::open_enum;
use super::{RequestId, RunId, Score, limits, validation};
use crate::{ParseError, ValidationErrors, parse_error};

open_enum!(
    /// Why a measurement was taken.
    MeasurementTrigger, "measurement trigger", {
        /// Another `measurement_timer_ms` of speech went by.
        Interval => "interval",
        /// Speech stopped (or the audio or session ended during speech).
        SpeechEnded => "speech_ended",
    }
);

/// Settings of an audio file request, sent as the JSON `config` part. Every field is optional;
/// the server fills in defaults. Serialises without `null`s for unset fields.
///
/// ```
/// use hume_models::v1::AudioFileConfig;
///
/// let config = AudioFileConfig::new().with_measurement_timer_ms(5000);
/// assert!(config.validate().is_ok());
/// assert_eq!(serde_json::to_string(&config).unwrap(), r#"{"measurement_timer_ms":5000}"#);
/// assert_eq!(serde_json::to_string(&AudioFileConfig::new()).unwrap(), "{}");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioFileConfig {
    /// How often to measure within an utterance, in milliseconds of speech: 3000..=10000,
    /// default 3000 ([`limits::DEFAULT_MEASUREMENT_TIMER_MS`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measurement_timer_ms: Option<u32>,
}

impl AudioFileConfig {
    /// No settings (server defaults).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `measurement_timer_ms`.
    pub fn with_measurement_timer_ms(mut self, ms: u32) -> Self {
        self.measurement_timer_ms = Some(ms);
        self
    }

    /// Is nothing set? Then the `config` part can be left out of the request.
    pub fn is_empty(&self) -> bool {
        *self == AudioFileConfig::default()
    }

    /// The timer the server will use: the one set, or the default.
    pub fn effective_measurement_timer_ms(&self) -> u32 {
        self.measurement_timer_ms
            .unwrap_or(limits::DEFAULT_MEASUREMENT_TIMER_MS)
    }

    /// Checks every field against the documented limits, reporting every problem at once.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        validation::audio_file_config(self).into_result()
    }

    /// Parses a `config` part (as a server receives it).
    pub fn from_json(body: &[u8]) -> Result<Self, ParseError> {
        parse_error::from_slice("AudioFileConfig", body)
    }
}

/// The response to an audio file request: every utterance found and every measurement
/// taken, in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioFileResponse {
    /// Identifies this request in Hume's records (quote it to support).
    pub request_id: RequestId,
    /// The run this request was recorded as (look it up with the run endpoints).
    pub run_id: RunId,
    /// What the server took from the request.
    pub received: AudioFileReceived,
    /// Every utterance, in order.
    pub utterances: Vec<Utterance>,
    /// Every measurement, in order; `utterance_id` says which utterance each belongs to.
    pub measurements: Vec<AudioMeasurement>,
}

impl AudioFileResponse {
    /// A response (for servers and tests).
    pub fn new(
        request_id: impl Into<RequestId>,
        run_id: impl Into<RunId>,
        received: AudioFileReceived,
        utterances: Vec<Utterance>,
        measurements: Vec<AudioMeasurement>,
    ) -> Self {
        AudioFileResponse {
            request_id: request_id.into(),
            run_id: run_id.into(),
            received,
            utterances,
            measurements,
        }
    }

    /// Parses a response body. Unknown fields and unknown enum values are tolerated; a
    /// failure names the path to the bad field.
    ///
    /// ```
    /// use hume_models::v1::{AudioFileResponse, MeasurementTrigger, Scores};
    ///
    /// let body = br#"{"request_id":"req-1","run_id":"run-1",
    ///   "received":{"audio_duration_ms":4000},
    ///   "utterances":[{"utterance_id":0,"audio_start_ms":120,"audio_end_ms":3900}],
    ///   "measurements":[{"measurement_id":0,"utterance_id":0,"audio_start_ms":120,
    ///     "audio_end_ms":3120,"trigger":"interval",
    ///     "expressions":[{"name":"joy","probability":0.8123}],
    ///     "voice_attributes":[]}]}"#;
    /// let response = AudioFileResponse::from_response(body)?;
    /// let m = &response.measurements[0];
    /// assert_eq!(m.trigger, MeasurementTrigger::Interval);
    /// assert_eq!(m.expressions.top().unwrap().name, "joy");
    /// # Ok::<(), hume_models::ParseError>(())
    /// ```
    ///
    /// Large bodies take a single-pass reader specialised to this shape; anything it does not
    /// reproduce exactly, and every error, goes through serde, so the result is the same
    /// either way.
    pub fn from_response(body: &[u8]) -> Result<Self, ParseError> {
        match super::audio_fast::parse(body) {
            Some(response) => Ok(response),
            None => parse_error::from_slice("AudioFileResponse", body),
        }
    }

    /// Parses an already-decoded JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<Self, ParseError> {
        parse_error::from_value("AudioFileResponse", value)
    }

    /// The utterance with this id.
    pub fn utterance(&self, utterance_id: u64) -> Option<&Utterance> {
        self.utterances
            .iter()
            .find(|u| u.utterance_id == utterance_id)
    }

    /// The measurements of one utterance, in order.
    pub fn measurements_of(&self, utterance_id: u64) -> impl Iterator<Item = &AudioMeasurement> {
        self.measurements
            .iter()
            .filter(move |m| m.utterance_id == utterance_id)
    }
}

/// What the server took from an audio file request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioFileReceived {
    /// Duration of the audio, in milliseconds.
    pub audio_duration_ms: u64,
}

impl AudioFileReceived {
    /// The audio's duration.
    pub fn new(audio_duration_ms: u64) -> Self {
        AudioFileReceived { audio_duration_ms }
    }
}

/// One utterance: a continuous stretch of speech, with its full extent in the audio.
///
/// Also the body of the realtime `utterance.end` message (same fields, same meaning).
#[doc(alias = "AudioFileUtterance")]
#[doc(alias = "UtteranceEnd")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Utterance {
    /// Identifies the utterance within the run or session, counting from 0.
    pub utterance_id: u64,
    /// Where speech started, in milliseconds from the start of the audio.
    pub audio_start_ms: u64,
    /// Where speech ended, in milliseconds from the start of the audio.
    pub audio_end_ms: u64,
}

impl Utterance {
    /// An utterance spanning `audio_start_ms..audio_end_ms`.
    pub fn new(utterance_id: u64, audio_start_ms: u64, audio_end_ms: u64) -> Self {
        Utterance {
            utterance_id,
            audio_start_ms,
            audio_end_ms,
        }
    }

    /// Its length in milliseconds (0 if the end precedes the start).
    pub fn duration_ms(&self) -> u64 {
        self.audio_end_ms.saturating_sub(self.audio_start_ms)
    }
}

/// Expression measurements for a window of an utterance, spanning `audio_start_ms` to
/// `audio_end_ms` (at most the last 10 s of the utterance; never starting before it; an
/// interval measurement taken as speech stops can end shortly after the utterance does).
///
/// Also the body of the realtime audio `measurement.result` message, where times count from
/// the start of the audio the session accepted.
#[doc(alias = "AudioFileMeasurement")]
#[doc(alias = "AudioMeasurementResult")]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioMeasurement {
    /// Counts measurements within the run or session, from 0.
    pub measurement_id: u64,
    /// The utterance this measurement belongs to.
    pub utterance_id: u64,
    /// Start of the window measured, in milliseconds from the start of the audio.
    pub audio_start_ms: u64,
    /// End of the window measured, in milliseconds from the start of the audio.
    pub audio_end_ms: u64,
    /// Why the measurement was taken.
    pub trigger: MeasurementTrigger,
    /// Expressions judged present in the speech (`joy`, `anger`, `chuckling`, ...), highest
    /// probability first; each name has its own threshold, so the list may be empty.
    /// `probability` is the measured chance the expression is truly present.
    pub expressions: Vec<Score>,
    /// Qualities of the voice and the recording (`husky`, `fast`, `background music`, ...),
    /// highest first, only those at or above 0.725
    /// ([`limits::VOICE_ATTRIBUTE_MIN_PROBABILITY`]); may be empty. `probability` is
    /// calibrated: the intensity a listener would be expected to rate.
    pub voice_attributes: Vec<Score>,
}

impl Default for MeasurementTrigger {
    /// [`Interval`](MeasurementTrigger::Interval).
    fn default() -> Self {
        MeasurementTrigger::Interval
    }
}

impl AudioMeasurement {
    /// A measurement (for servers and tests).
    pub fn new(
        measurement_id: u64,
        utterance_id: u64,
        audio_start_ms: u64,
        audio_end_ms: u64,
        trigger: MeasurementTrigger,
        expressions: Vec<Score>,
        voice_attributes: Vec<Score>,
    ) -> Self {
        AudioMeasurement {
            measurement_id,
            utterance_id,
            audio_start_ms,
            audio_end_ms,
            trigger,
            expressions,
            voice_attributes,
        }
    }

    /// Length of the measured window in milliseconds.
    pub fn duration_ms(&self) -> u64 {
        self.audio_end_ms.saturating_sub(self.audio_start_ms)
    }
}
