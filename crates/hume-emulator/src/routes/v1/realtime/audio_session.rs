//! [`AudioSession`]: one session of `/v1/expression/audio/realtime`.
//!
//! - `session.update` (before the first frame) replaces the configuration, omitted fields at
//!   their defaults, and is answered `session.updated`; the measurement pipeline restarts with
//!   the new timer (no audio has been taken yet).
//! - A frame is checked first (non-empty, even length, at most 10 s / 320,000 bytes; else
//!   `invalid_audio_frame`, logged, the session continues), then against the send rate (its
//!   length in audio; else `rate_limited`, logged, not measured). An accepted frame goes into
//!   the same [`AudioStream`] the upload endpoint runs over a whole file, so the same audio gives
//!   the same utterances and measurements either way; what it completes is sent at once
//!   (`utterance.start`, `measurement.result`, `utterance.end`), with times counted from the
//!   start of the accepted audio.
//! - Ending: `session.close`, the idle timeout or a shutdown end the utterance in progress (its
//!   final measurement if due, `utterance.end`) before `session.closed`; an error does not.
//! - Metered seconds: the accepted audio's duration.

use std::time::Duration;

use hume_models::v1::limits::{
    AUDIO_BYTES_PER_SECOND, MAX_AUDIO_FRAME_BYTES, MAX_AUDIO_MESSAGE_BYTES,
};
use hume_models::v1::realtime::{
    AudioProduced, AudioReceived, AudioServerMessage, AudioSessionClosed, AudioSessionCreated,
    AudioSessionUpdated, CloseReason, ErrorCode, UtteranceStart,
};
use hume_models::v1::{AudioRunConfig, RunConfig, RunEndpoint, RunEventKind, SessionId, Utterance};

use super::client_text::audio_update;
use super::rate::TokenBucket;
use super::session_core::{
    CLOSE_POLICY, RealtimeEndpoint, SessionCore, Step, TextAction, Usage, detail, rate_limited,
};
use crate::RealtimeConfig;
use crate::routes::v1::audio::wire_measurement;
use crate::synth::v1::{AudioOutput, AudioStream, MeasurementTimer};

/// Bytes of audio per millisecond (16 kHz mono s16le).
const BYTES_PER_MS: f64 = AUDIO_BYTES_PER_SECOND as f64 / 1000.0;

/// One realtime audio session.
#[derive(Debug, Clone)]
pub(crate) struct AudioSession {
    core: SessionCore,
    config: AudioSessionUpdated,
    stream: AudioStream,
    frames: u64,
    bytes: u64,
}

impl AudioSession {
    fn new(session_id: SessionId, settings: &RealtimeConfig) -> AudioSession {
        let bucket = (!settings.relaxed_pacing).then(|| {
            let burst_ms = settings.audio_burst.as_secs_f64() * 1000.0;
            TokenBucket::full(1000.0, burst_ms, Duration::ZERO)
        });
        AudioSession {
            core: SessionCore::new(session_id, bucket, settings.faults.rate_limit_every()),
            config: AudioSessionUpdated::default(),
            stream: AudioStream::new(MeasurementTimer::default()),
            frames: 0,
            bytes: 0,
        }
    }

    fn json(message: impl Into<AudioServerMessage>) -> String {
        message.into().to_json()
    }

    fn outputs(outputs: Vec<AudioOutput>) -> Vec<String> {
        outputs
            .into_iter()
            .map(|output| match output {
                AudioOutput::UtteranceStart {
                    utterance_id,
                    start_ms,
                } => Self::json(UtteranceStart::new(utterance_id, start_ms)),
                AudioOutput::Measurement(m) => Self::json(wire_measurement(m)),
                AudioOutput::UtteranceEnd(u) => {
                    Self::json(Utterance::new(u.utterance_id, u.start_ms, u.end_ms))
                }
            })
            .collect()
    }

    fn invalid(reason: String) -> Step {
        Step::error(ErrorCode::InvalidAudioFrame, reason.clone())
            .with_event(RunEventKind::InvalidAudioFrame, detail("detail", reason))
    }
}

impl RealtimeEndpoint for AudioSession {
    const ENDPOINT: RunEndpoint = RunEndpoint::Audio;
    const MAX_MESSAGE_BYTES: u64 = MAX_AUDIO_MESSAGE_BYTES;

    fn open(session_id: SessionId, settings: &RealtimeConfig) -> Self {
        Self::new(session_id, settings)
    }

    fn created(&self) -> String {
        Self::json(AudioSessionCreated::new(
            self.core.session_id.clone(),
            self.config.audio.clone(),
            self.config.measurement_timer_ms,
        ))
    }

    fn on_text(&mut self, text: &str, _now: Duration) -> Step {
        let object = match self.core.text(text) {
            TextAction::Step(step) => return step,
            TextAction::Update(object) => object,
        };
        let update = match audio_update(object) {
            Ok(update) => update,
            Err(reason) => return Step::fatal(ErrorCode::ConfigInvalid, reason, CLOSE_POLICY),
        };
        let config = update.resolve();
        let Some(timer) = MeasurementTimer::new(config.measurement_timer_ms) else {
            return Step::fatal(
                ErrorCode::ConfigInvalid,
                "measurement_timer_ms is out of range",
                CLOSE_POLICY,
            );
        };
        self.stream = AudioStream::new(timer);
        self.config = config.clone();
        Step::send(vec![Self::json(config)])
    }

    fn on_frame(&mut self, frame: &[u8], now: Duration) -> Step {
        self.core.frame_arrived();
        let len = frame.len();
        if len == 0 {
            return Self::invalid("the frame is empty".to_owned());
        }
        if !len.is_multiple_of(2) {
            return Self::invalid(format!(
                "the frame is {len} bytes, an odd length: s16le samples are 2 bytes each"
            ));
        }
        if len as u64 > u64::from(MAX_AUDIO_FRAME_BYTES) {
            return Self::invalid(format!(
                "the frame is {len} bytes, over the limit of {MAX_AUDIO_FRAME_BYTES} bytes (10 s of audio)"
            ));
        }
        if !self.core.admit(now, len as f64 / BYTES_PER_MS) {
            return rate_limited("the audio frame");
        }
        self.frames += 1;
        self.bytes += len as u64;
        Step::send(Self::outputs(self.stream.push_pcm(frame)))
    }

    fn finish(&mut self, reason: CloseReason) -> Vec<String> {
        let mut messages = if reason == CloseReason::Error {
            Vec::new()
        } else {
            Self::outputs(self.stream.finish())
        };
        messages.push(Self::json(AudioSessionClosed::new(
            self.core.session_id.clone(),
            reason,
            AudioReceived::new(self.stream.audio_duration_ms(), self.frames),
            AudioProduced::new(
                self.stream.utterance_count(),
                self.stream.measurement_count(),
            ),
        )));
        messages
    }

    fn run_config(&self) -> RunConfig {
        AudioRunConfig::new(self.config.audio.clone(), self.config.measurement_timer_ms).into()
    }

    fn usage(&self) -> Usage {
        Usage {
            metered_seconds: self.stream.audio_duration_ms() as f64 / 1000.0,
            bytes_received: self.bytes,
        }
    }
}

#[cfg(test)]
mod tests;
