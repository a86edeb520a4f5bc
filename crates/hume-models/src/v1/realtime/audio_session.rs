//! The bodies of the realtime audio messages (`/v1/expression/audio/realtime`):
//! [`AudioSessionUpdate`] (client), [`AudioSessionCreated`], [`AudioSessionUpdated`],
//! [`UtteranceStart`], [`AudioSessionClosed`] with its [`AudioReceived`] and
//! [`AudioProduced`] totals (server). `measurement.result` carries an
//! [`AudioMeasurement`](crate::v1::AudioMeasurement) and `utterance.end` an
//! [`Utterance`](crate::v1::Utterance).

use serde::{Deserialize, Serialize};

use super::CloseReason;
use crate::ValidationErrors;
use crate::v1::{AudioConfig, AudioConfigUpdate, SessionId, limits, validation};

/// `session.update` on the audio socket: the configuration to apply.
///
/// Send it before the first audio frame: one sent after ends the session with
/// `config_invalid`. **An omitted field is reset to its default**, not left as an earlier
/// update set it; [`resolve`](Self::resolve) gives the configuration in force afterwards
/// (what the server's `session.updated` reports).
///
/// ```
/// use hume_models::v1::realtime::{AudioClientMessage, AudioSessionUpdate};
///
/// let update = AudioSessionUpdate::new().with_measurement_timer_ms(6000);
/// assert!(update.validate().is_ok());
/// assert_eq!(
///     AudioClientMessage::from(update.clone()).to_json(),
///     r#"{"type":"session.update","measurement_timer_ms":6000}"#
/// );
/// assert_eq!(update.resolve().measurement_timer_ms, 6000);
/// assert_eq!(AudioSessionUpdate::new().resolve().measurement_timer_ms, 3000);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioSessionUpdate {
    /// The audio format you will send; only `audio/pcm`, `s16le`, 16 kHz, mono is accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<AudioConfigUpdate>,
    /// Interval between measurements during speech, in milliseconds of speech
    /// (3000..=10000, default 3000). Lower measures more often; at 10000, interval
    /// measurements meet end to end instead of overlapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measurement_timer_ms: Option<u32>,
}

impl AudioSessionUpdate {
    /// An update that resets everything to its default.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the declared audio format.
    pub fn with_audio(mut self, audio: AudioConfigUpdate) -> Self {
        self.audio = Some(audio);
        self
    }

    /// Sets `measurement_timer_ms`.
    pub fn with_measurement_timer_ms(mut self, ms: u32) -> Self {
        self.measurement_timer_ms = Some(ms);
        self
    }

    /// Checks the fields against the documented rules, reporting every problem at once.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        validation::audio_session_update(self).into_result()
    }

    /// The configuration in force after this update: each omitted field at its default.
    pub fn resolve(&self) -> AudioSessionUpdated {
        AudioSessionUpdated {
            audio: self.audio.as_ref().map(|a| a.resolve()).unwrap_or_default(),
            measurement_timer_ms: self
                .measurement_timer_ms
                .unwrap_or(limits::DEFAULT_MEASUREMENT_TIMER_MS),
        }
    }
}

/// `session.created`: the first message of an audio session, with the session id and the
/// configuration in force when the connection opened (the defaults).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioSessionCreated {
    /// The session's id, also the id of its run.
    pub session_id: SessionId,
    /// The audio format.
    pub audio: AudioConfig,
    /// Interval between measurements during speech, in milliseconds of speech.
    pub measurement_timer_ms: u32,
}

impl AudioSessionCreated {
    /// A `session.created` with an explicit configuration.
    pub fn new(
        session_id: impl Into<SessionId>,
        audio: AudioConfig,
        measurement_timer_ms: u32,
    ) -> Self {
        AudioSessionCreated {
            session_id: session_id.into(),
            audio,
            measurement_timer_ms,
        }
    }

    /// A `session.created` with the default configuration.
    pub fn with_defaults(session_id: impl Into<SessionId>) -> Self {
        let d = AudioSessionUpdated::default();
        AudioSessionCreated::new(session_id, d.audio, d.measurement_timer_ms)
    }

    /// The configuration it reports.
    pub fn config(&self) -> AudioSessionUpdated {
        AudioSessionUpdated::new(self.audio.clone(), self.measurement_timer_ms)
    }
}

/// `session.updated`: the full configuration in force after a `session.update`, defaults
/// included for omitted fields. Also the resolved form of an [`AudioSessionUpdate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioSessionUpdated {
    /// The audio format.
    pub audio: AudioConfig,
    /// Interval between measurements during speech, in milliseconds of speech.
    pub measurement_timer_ms: u32,
}

impl AudioSessionUpdated {
    /// A configuration.
    pub fn new(audio: AudioConfig, measurement_timer_ms: u32) -> Self {
        AudioSessionUpdated {
            audio,
            measurement_timer_ms,
        }
    }
}

impl Default for AudioSessionUpdated {
    /// The defaults: the one audio format, a 3000 ms timer.
    fn default() -> Self {
        AudioSessionUpdated::new(AudioConfig::default(), limits::DEFAULT_MEASUREMENT_TIMER_MS)
    }
}

/// `utterance.start`: speech started. Every `measurement.result` until the matching
/// `utterance.end` belongs to this utterance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UtteranceStart {
    /// Counts utterances within the session, from 0.
    pub utterance_id: u64,
    /// Where speech started, in milliseconds from the start of the session's audio.
    pub audio_start_ms: u64,
}

impl UtteranceStart {
    /// An utterance start.
    pub fn new(utterance_id: u64, audio_start_ms: u64) -> Self {
        UtteranceStart {
            utterance_id,
            audio_start_ms,
        }
    }
}

/// `session.closed` on the audio socket: why the session ended and what it received and
/// produced. The last message before the server closes the connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioSessionClosed {
    /// The session's id.
    pub session_id: SessionId,
    /// Why it ended.
    pub reason: CloseReason,
    /// What the server accepted.
    pub received: AudioReceived,
    /// What the server sent.
    pub produced: AudioProduced,
}

impl AudioSessionClosed {
    /// A `session.closed` (for servers and tests).
    pub fn new(
        session_id: impl Into<SessionId>,
        reason: CloseReason,
        received: AudioReceived,
        produced: AudioProduced,
    ) -> Self {
        AudioSessionClosed {
            session_id: session_id.into(),
            reason,
            received,
            produced,
        }
    }
}

/// What an audio session accepted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioReceived {
    /// Audio accepted, in milliseconds, speech or not.
    pub audio_duration_ms: u64,
    /// Audio frames accepted. Rejected frames are not counted: compare with the number sent
    /// to learn how many were rejected.
    pub frames: u64,
}

impl AudioReceived {
    /// Totals received.
    pub fn new(audio_duration_ms: u64, frames: u64) -> Self {
        AudioReceived {
            audio_duration_ms,
            frames,
        }
    }
}

/// What an audio session produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioProduced {
    /// Utterances detected.
    pub utterances: u64,
    /// `measurement.result` messages sent (messages; the video field of this name counts
    /// faces).
    pub measurements: u64,
}

impl AudioProduced {
    /// Totals produced.
    pub fn new(utterances: u64, measurements: u64) -> Self {
        AudioProduced {
            utterances,
            measurements,
        }
    }
}
