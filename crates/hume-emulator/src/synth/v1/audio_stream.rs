//! The audio pipeline both audio endpoints run: samples → [`Vad`] → [`Planner`] → scores of
//! each window. A realtime session pushes frames as they arrive; an upload runs the same
//! machine over the whole file ([`analyze_file`]), so the same audio gives the same
//! utterances and measurements either way.
//!
//! Only the last [`HISTORY_MS`] of audio are kept for scoring, so a session's memory does not
//! grow with its length.

use std::collections::VecDeque;

use super::audio_scores::{AudioScores, score_window};
use super::measurements::{MeasurementTimer, Planned, Planner, WINDOW_MS, Window};
use super::vad::Vad;

/// Bytes of s16le audio per millisecond at 16 kHz mono.
const BYTES_PER_MS: u64 = 32;

/// Audio kept behind the judged position. A window spans at most 10 s and ends no earlier
/// than 500 ms (the detector's closing silence) before the position, hence 10 s plus a margin.
pub(crate) const HISTORY_MS: u64 = WINDOW_MS + 1_000;

/// One measurement: its window and its scores.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AudioMeasurement {
    /// Ids, span and trigger.
    pub(crate) window: Window,
    /// Expressions and voice attributes.
    pub(crate) scores: AudioScores,
}

/// An utterance's full extent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Utterance {
    /// Counts from 0 within the run.
    pub(crate) utterance_id: u64,
    /// Where speech started, in ms from the start of the audio.
    pub(crate) start_ms: u64,
    /// Where it ended.
    pub(crate) end_ms: u64,
}

/// What a realtime session sends, in order (`utterance.start`, `measurement.result`,
/// `utterance.end`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum AudioOutput {
    /// `utterance.start`.
    UtteranceStart {
        /// Counts from 0 within the session.
        utterance_id: u64,
        /// Where speech started.
        start_ms: u64,
    },
    /// `measurement.result`.
    Measurement(AudioMeasurement),
    /// `utterance.end`.
    UtteranceEnd(Utterance),
}

/// The result of an upload.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AudioAnalysis {
    /// `received.audio_duration_ms`.
    pub(crate) audio_duration_ms: u64,
    /// Every utterance, in order.
    pub(crate) utterances: Vec<Utterance>,
    /// Every measurement, in order.
    pub(crate) measurements: Vec<AudioMeasurement>,
}

/// The pipeline of one run (an upload or a realtime session).
#[derive(Debug, Clone)]
pub(crate) struct AudioStream {
    vad: Vad,
    planner: Planner,
    /// Recent audio: `history[0]` is byte `history_start` of the stream.
    history: VecDeque<u8>,
    history_start: u64,
    received_bytes: u64,
}

impl AudioStream {
    /// A pipeline at the start of a run.
    pub(crate) fn new(timer: MeasurementTimer) -> AudioStream {
        AudioStream {
            vad: Vad::new(),
            planner: Planner::new(timer),
            history: VecDeque::new(),
            history_start: 0,
            received_bytes: 0,
        }
    }

    /// Feeds s16le bytes (a realtime frame, or a whole file); returns what they completed.
    pub(crate) fn push_pcm(&mut self, pcm: &[u8]) -> Vec<AudioOutput> {
        self.history.extend(pcm);
        self.received_bytes += pcm.len() as u64;
        let events = self.vad.push_pcm(pcm);
        let mut planned = Vec::new();
        for event in events {
            self.planner.on_event(event, &mut planned);
        }
        self.planner.advance(self.vad.position_ms(), &mut planned);
        let outputs = self.score(planned);
        self.trim();
        outputs
    }

    /// Ends the audio: an utterance still going ends with it.
    pub(crate) fn finish(&mut self) -> Vec<AudioOutput> {
        let mut planned = Vec::new();
        for event in self.vad.finish() {
            self.planner.on_event(event, &mut planned);
        }
        self.score(planned)
    }

    /// Milliseconds of audio received (whole samples; rounded down).
    pub(crate) fn audio_duration_ms(&self) -> u64 {
        self.received_bytes / 2 / 16
    }

    /// Utterances started so far (the totals of a realtime session's `session.closed`).
    pub(crate) fn utterance_count(&self) -> u64 {
        self.planner.utterance_count()
    }

    /// Measurements taken so far (the totals of a realtime session's `session.closed`).
    pub(crate) fn measurement_count(&self) -> u64 {
        self.planner.measurement_count()
    }

    fn score(&mut self, planned: Vec<Planned>) -> Vec<AudioOutput> {
        if planned.is_empty() {
            return Vec::new();
        }
        self.history.make_contiguous();
        planned
            .into_iter()
            .map(|p| match p {
                Planned::UtteranceStart {
                    utterance_id,
                    start_ms,
                } => AudioOutput::UtteranceStart {
                    utterance_id,
                    start_ms,
                },
                Planned::Measure(window) => AudioOutput::Measurement(AudioMeasurement {
                    window,
                    scores: score_window(self.window_bytes(window.start_ms, window.end_ms)),
                }),
                Planned::UtteranceEnd {
                    utterance_id,
                    start_ms,
                    end_ms,
                } => AudioOutput::UtteranceEnd(Utterance {
                    utterance_id,
                    start_ms,
                    end_ms,
                }),
            })
            .collect()
    }

    /// The bytes of `[start_ms, end_ms)` still held (all of them for any planned window);
    /// the history must be contiguous.
    fn window_bytes(&self, start_ms: u64, end_ms: u64) -> &[u8] {
        let (held, _) = self.history.as_slices();
        let held_end = self.history_start + held.len() as u64;
        let from = (start_ms * BYTES_PER_MS).clamp(self.history_start, held_end);
        let to = (end_ms * BYTES_PER_MS).clamp(from, held_end);
        let offset = |at: u64| (at - self.history_start) as usize;
        &held[offset(from)..offset(to)]
    }

    /// Drops the audio no future window can reach (see [`HISTORY_MS`]). Dropping from the
    /// front of the ring buffer copies nothing.
    fn trim(&mut self) {
        let keep_from = self.vad.position_ms().saturating_sub(HISTORY_MS) * BYTES_PER_MS;
        let droppable = keep_from.saturating_sub(self.history_start) as usize;
        let droppable = droppable.min(self.history.len());
        if droppable > 0 {
            self.history.drain(..droppable);
            self.history_start += droppable as u64;
        }
    }
}

/// Measures a whole recording (`pcm`: the samples of an accepted upload), as the upload
/// endpoint answers it.
pub(crate) fn analyze_file(pcm: &[u8], timer: MeasurementTimer) -> AudioAnalysis {
    let mut stream = AudioStream::new(timer);
    let mut outputs = stream.push_pcm(pcm);
    outputs.extend(stream.finish());
    let mut utterances = Vec::new();
    let mut measurements = Vec::new();
    for output in outputs {
        match output {
            AudioOutput::UtteranceEnd(utterance) => utterances.push(utterance),
            AudioOutput::Measurement(measurement) => measurements.push(measurement),
            AudioOutput::UtteranceStart { .. } => {}
        }
    }
    AudioAnalysis {
        audio_duration_ms: stream.audio_duration_ms(),
        utterances,
        measurements,
    }
}

#[cfg(test)]
mod tests;
