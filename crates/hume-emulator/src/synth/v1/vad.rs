//! A voice-activity detector over 16 kHz mono s16le samples: frame energy against an
//! adaptive threshold, with a minimum speech duration to start an utterance and a minimum
//! silence duration (plus a short hangover) to end it.
//!
//! It is a push-based state machine: [`Vad::push`] takes samples in pieces of any size and
//! returns the decisions those samples completed; [`Vad::finish`] ends the stream. Frames are
//! cut at fixed 20 ms boundaries from the start of the stream, whatever the pieces, and every
//! decision depends only on the frames, so the realtime path (frames as they arrive) and the
//! upload path (one push of the whole file) find exactly the same utterances.
//!
//! Parameters:
//! - frames of [`FRAME_MS`] = 20 ms (320 samples); a frame's energy is its mean square;
//! - a frame is loud when its energy is at least [`SPEECH_FLOOR`] (about −42 dBFS RMS) and at
//!   least [`NOISE_MARGIN`] = 10× (+10 dB) the noise floor;
//! - the noise floor tracks quiet frames: it drops at once to a quieter frame and rises by
//!   1/32 of the difference per louder quiet frame (a time constant of about 0.6 s), starting
//!   at [`NOISE_FLOOR_START`] (about −52 dBFS) and never below [`NOISE_FLOOR_MIN`] (−80 dBFS);
//! - an utterance starts once [`MIN_SPEECH_MS`] = 200 ms of loud frames have gathered with no
//!   [`MIN_SILENCE_MS`] gap between them; it starts at the first of those frames (shorter
//!   sounds such as clicks are dropped);
//! - it ends after [`MIN_SILENCE_MS`] = 500 ms without a loud frame, at the end of its last
//!   loud frame plus a [`HANGOVER_MS`] = 100 ms hangover, or when the audio ends (at most at
//!   the end of the audio).

/// Length of one analysis frame, in milliseconds.
pub(crate) const FRAME_MS: u64 = 20;
/// Samples in one frame at 16 kHz.
pub(crate) const FRAME_SAMPLES: usize = 320;
/// Samples per millisecond at 16 kHz.
const SAMPLES_PER_MS: u64 = 16;
/// The least mean-square energy of a loud frame: an RMS of 260, about −42 dBFS.
pub(crate) const SPEECH_FLOOR: u64 = 67_600;
/// A loud frame is at least this many times the noise floor's energy (+10 dB).
pub(crate) const NOISE_MARGIN: u64 = 10;
/// The noise floor before any quiet frame was seen (about −52 dBFS).
pub(crate) const NOISE_FLOOR_START: u64 = 6_760;
/// The lowest noise floor (about −80 dBFS).
pub(crate) const NOISE_FLOOR_MIN: u64 = 11;
/// Loud audio needed to start an utterance.
pub(crate) const MIN_SPEECH_MS: u64 = 200;
/// Quiet audio that ends an utterance (or drops a start that was not confirmed).
pub(crate) const MIN_SILENCE_MS: u64 = 500;
/// Added after the last loud frame of an utterance.
pub(crate) const HANGOVER_MS: u64 = 100;

const MIN_SPEECH_FRAMES: u32 = (MIN_SPEECH_MS / FRAME_MS) as u32;
const MIN_SILENCE_FRAMES: u32 = (MIN_SILENCE_MS / FRAME_MS) as u32;

/// A decision of the detector. `at_ms` is the stream position at which it was taken: an
/// utterance's start is known only once enough speech has followed it, its end only after
/// the closing silence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VadEvent {
    /// An utterance started at `start_ms`.
    Start {
        /// Where speech started.
        start_ms: u64,
        /// When this was decided.
        at_ms: u64,
    },
    /// The utterance that started at `start_ms` ended at `end_ms`.
    End {
        /// Where the utterance started (as in its `Start`).
        start_ms: u64,
        /// Where it ended.
        end_ms: u64,
        /// When this was decided.
        at_ms: u64,
    },
}

impl VadEvent {
    /// The stream position at which the event was decided.
    pub(crate) fn at_ms(&self) -> u64 {
        match *self {
            VadEvent::Start { at_ms, .. } | VadEvent::End { at_ms, .. } => at_ms,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Quiet,
    /// Loud frames seen, not yet enough to call it speech.
    Onset {
        start_ms: u64,
        loud_frames: u32,
        quiet_run: u32,
    },
    Speech {
        start_ms: u64,
        last_loud_end_ms: u64,
        quiet_run: u32,
    },
}

/// The detector. See the module docs for its parameters.
#[derive(Debug, Clone)]
pub(crate) struct Vad {
    /// Samples of the frame being filled.
    pending: Vec<i16>,
    /// A low byte waiting for its high byte ([`Vad::push_pcm`]).
    odd_byte: Option<u8>,
    /// Samples taken into completed frames.
    framed_samples: u64,
    noise_floor: u64,
    state: State,
}

impl Default for Vad {
    fn default() -> Self {
        Vad::new()
    }
}

impl Vad {
    /// A detector at the start of a stream.
    pub(crate) fn new() -> Vad {
        Vad {
            pending: Vec::with_capacity(FRAME_SAMPLES),
            odd_byte: None,
            framed_samples: 0,
            noise_floor: NOISE_FLOOR_START,
            state: State::Quiet,
        }
    }

    /// Feeds samples; returns the decisions they completed, in order.
    pub(crate) fn push(&mut self, samples: &[i16]) -> Vec<VadEvent> {
        let mut events = Vec::new();
        let mut rest = samples;
        while !rest.is_empty() {
            let take = (FRAME_SAMPLES - self.pending.len()).min(rest.len());
            self.pending.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if self.pending.len() == FRAME_SAMPLES {
                self.frame(&mut events);
            }
        }
        events
    }

    /// Feeds s16le bytes (a sample may be split across calls).
    pub(crate) fn push_pcm(&mut self, pcm: &[u8]) -> Vec<VadEvent> {
        let mut samples = Vec::with_capacity(pcm.len() / 2 + 1);
        let mut rest = pcm;
        if let Some(low) = self.odd_byte.take() {
            match rest.split_first() {
                Some((&high, tail)) => {
                    samples.push(i16::from_le_bytes([low, high]));
                    rest = tail;
                }
                None => self.odd_byte = Some(low),
            }
        }
        let mut pairs = rest.chunks_exact(2);
        samples.extend(pairs.by_ref().map(|p| i16::from_le_bytes([p[0], p[1]])));
        if let [low] = pairs.remainder() {
            self.odd_byte = Some(*low);
        }
        self.push(&samples)
    }

    /// Ends the stream: the last partial frame is judged like a whole one, and an utterance
    /// still going ends with the audio. A start not yet confirmed is dropped.
    pub(crate) fn finish(&mut self) -> Vec<VadEvent> {
        let mut events = Vec::new();
        if !self.pending.is_empty() {
            self.frame(&mut events);
        }
        let end_of_audio = self.position_ms();
        if let State::Speech {
            start_ms,
            last_loud_end_ms,
            ..
        } = self.state
        {
            events.push(VadEvent::End {
                start_ms,
                end_ms: (last_loud_end_ms + HANGOVER_MS).min(end_of_audio),
                at_ms: end_of_audio,
            });
        }
        self.state = State::Quiet;
        events
    }

    /// Milliseconds of audio judged so far (whole frames, or the whole stream after
    /// [`Vad::finish`]).
    pub(crate) fn position_ms(&self) -> u64 {
        self.framed_samples / SAMPLES_PER_MS
    }

    /// Judges the pending frame (whole, or the last partial one) and clears it.
    fn frame(&mut self, events: &mut Vec<VadEvent>) {
        let frame_start_ms = self.position_ms();
        let energy = mean_square(&self.pending);
        self.framed_samples += self.pending.len() as u64;
        self.pending.clear();
        let frame_end_ms = self.position_ms();
        let loud = energy >= SPEECH_FLOOR && energy >= self.noise_floor * NOISE_MARGIN;
        if !loud {
            self.track_noise(energy);
        }
        self.state = match (self.state, loud) {
            (State::Quiet, false) => State::Quiet,
            (State::Quiet, true) => State::Onset {
                start_ms: frame_start_ms,
                loud_frames: 1,
                quiet_run: 0,
            },
            (
                State::Onset {
                    start_ms,
                    loud_frames,
                    ..
                },
                true,
            ) => {
                if loud_frames + 1 >= MIN_SPEECH_FRAMES {
                    events.push(VadEvent::Start {
                        start_ms,
                        at_ms: frame_end_ms,
                    });
                    State::Speech {
                        start_ms,
                        last_loud_end_ms: frame_end_ms,
                        quiet_run: 0,
                    }
                } else {
                    State::Onset {
                        start_ms,
                        loud_frames: loud_frames + 1,
                        quiet_run: 0,
                    }
                }
            }
            (
                State::Onset {
                    start_ms,
                    loud_frames,
                    quiet_run,
                },
                false,
            ) => {
                if quiet_run + 1 >= MIN_SILENCE_FRAMES {
                    State::Quiet
                } else {
                    State::Onset {
                        start_ms,
                        loud_frames,
                        quiet_run: quiet_run + 1,
                    }
                }
            }
            (State::Speech { start_ms, .. }, true) => State::Speech {
                start_ms,
                last_loud_end_ms: frame_end_ms,
                quiet_run: 0,
            },
            (
                State::Speech {
                    start_ms,
                    last_loud_end_ms,
                    quiet_run,
                },
                false,
            ) => {
                if quiet_run + 1 >= MIN_SILENCE_FRAMES {
                    events.push(VadEvent::End {
                        start_ms,
                        end_ms: last_loud_end_ms + HANGOVER_MS,
                        at_ms: frame_end_ms,
                    });
                    State::Quiet
                } else {
                    State::Speech {
                        start_ms,
                        last_loud_end_ms,
                        quiet_run: quiet_run + 1,
                    }
                }
            }
        };
    }

    /// Follows the background level: down at once, up slowly.
    fn track_noise(&mut self, energy: u64) {
        self.noise_floor = if energy < self.noise_floor {
            energy.max(NOISE_FLOOR_MIN)
        } else {
            self.noise_floor + (energy - self.noise_floor) / 32
        };
    }
}

/// Mean square of the samples (exact: a frame's sum of squares fits easily in a u64).
fn mean_square(samples: &[i16]) -> u64 {
    if samples.is_empty() {
        return 0;
    }
    let sum: u64 = samples
        .iter()
        .map(|&s| {
            let s = i64::from(s);
            (s * s) as u64
        })
        .sum();
    sum / samples.len() as u64
}

/// The utterances of a whole recording, as `(start_ms, end_ms)` pairs (the detector alone;
/// the upload path runs the whole pipeline, `audio_stream::analyze_file`).
#[cfg(test)]
pub(crate) fn utterances(samples: &[i16]) -> Vec<(u64, u64)> {
    let mut vad = Vad::new();
    let mut events = vad.push(samples);
    events.extend(vad.finish());
    events
        .into_iter()
        .filter_map(|event| match event {
            VadEvent::End {
                start_ms, end_ms, ..
            } => Some((start_ms, end_ms)),
            VadEvent::Start { .. } => None,
        })
        .collect()
}

#[cfg(test)]
mod tests;
