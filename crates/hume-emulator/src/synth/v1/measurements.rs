//! When measurements are taken and which stretch of audio each covers, from the detector's
//! utterances. Push-based like the detector, so realtime sessions and uploads agree.
//!
//! The rules (v1 SPEC and the SDK's `AudioFileMeasurement` docs):
//! - within an utterance that started at `s`, an `interval` measurement is due at
//!   `s + k × measurement_timer_ms` (k = 1, 2, ...) for as long as the utterance has not been
//!   ended; the detector ends an utterance only after the closing silence, so an interval
//!   measurement taken as speech stops can end shortly after the utterance does;
//! - when the utterance ends at `e`, a `speech_ended` measurement ends at `e`, unless the
//!   previous measurement of the utterance ended less than 1 s before `e` (or after it);
//!   an utterance with no measurement yet always gets this one;
//! - every window covers the last [`WINDOW_MS`] (10 s) up to its end, never earlier than the
//!   utterance's start: consecutive windows overlap, and interval windows at a 10 s timer meet
//!   end to end;
//! - utterance and measurement ids count from 0 within the run or session.

use super::vad::VadEvent;

/// The default interval between measurements, in milliseconds of speech.
pub(crate) const DEFAULT_TIMER_MS: u32 = 3_000;
/// The shortest interval.
pub(crate) const MIN_TIMER_MS: u32 = 3_000;
/// The longest interval.
pub(crate) const MAX_TIMER_MS: u32 = 10_000;
/// The longest stretch one measurement covers.
pub(crate) const WINDOW_MS: u64 = 10_000;
/// A `speech_ended` measurement is skipped when the previous one ended less than this
/// before the end of the utterance.
pub(crate) const FINAL_GAP_MS: u64 = 1_000;

/// A valid `measurement_timer_ms` (3000 to 10000).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MeasurementTimer(u32);

impl MeasurementTimer {
    /// `ms` if it is in range (the route answers `config_invalid` otherwise).
    pub(crate) fn new(ms: u32) -> Option<MeasurementTimer> {
        (MIN_TIMER_MS..=MAX_TIMER_MS)
            .contains(&ms)
            .then_some(MeasurementTimer(ms))
    }

    /// The interval in milliseconds.
    pub(crate) fn ms(self) -> u32 {
        self.0
    }
}

impl Default for MeasurementTimer {
    fn default() -> Self {
        MeasurementTimer(DEFAULT_TIMER_MS)
    }
}

/// Why a measurement was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trigger {
    /// The timer came round during speech.
    Interval,
    /// Speech ended.
    SpeechEnded,
}

impl Trigger {
    /// The wire value.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Trigger::Interval => "interval",
            Trigger::SpeechEnded => "speech_ended",
        }
    }
}

/// The stretch of audio one measurement covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    /// Counts from 0 within the run.
    pub(crate) measurement_id: u64,
    /// The utterance it belongs to.
    pub(crate) utterance_id: u64,
    /// Start, in ms from the start of the audio (never before the utterance's start).
    pub(crate) start_ms: u64,
    /// End, in ms from the start of the audio.
    pub(crate) end_ms: u64,
    /// Why it was taken.
    pub(crate) trigger: Trigger,
}

/// What the planner decided, in the order a realtime session sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Planned {
    /// `utterance.start`.
    UtteranceStart {
        /// Counts from 0 within the run.
        utterance_id: u64,
        /// Where speech started.
        start_ms: u64,
    },
    /// A measurement to take (`measurement.result`).
    Measure(Window),
    /// `utterance.end`.
    UtteranceEnd {
        /// The utterance that ended.
        utterance_id: u64,
        /// Where it started.
        start_ms: u64,
        /// Where it ended.
        end_ms: u64,
    },
}

#[derive(Debug, Clone, Copy)]
struct Open {
    utterance_id: u64,
    start_ms: u64,
    next_due_ms: u64,
    last_end_ms: Option<u64>,
}

/// Turns detector events and stream progress into utterances and measurement windows.
#[derive(Debug, Clone)]
pub(crate) struct Planner {
    timer_ms: u64,
    next_utterance_id: u64,
    next_measurement_id: u64,
    open: Option<Open>,
}

impl Planner {
    /// A planner at the start of a run.
    pub(crate) fn new(timer: MeasurementTimer) -> Planner {
        Planner {
            timer_ms: u64::from(timer.ms()),
            next_utterance_id: 0,
            next_measurement_id: 0,
            open: None,
        }
    }

    /// Applies one detector event. Interval measurements due up to the moment the event was
    /// decided come first (the utterance was still open then).
    pub(crate) fn on_event(&mut self, event: VadEvent, out: &mut Vec<Planned>) {
        self.advance(event.at_ms(), out);
        match event {
            VadEvent::Start { start_ms, .. } => {
                let utterance_id = self.next_utterance_id;
                self.next_utterance_id += 1;
                self.open = Some(Open {
                    utterance_id,
                    start_ms,
                    next_due_ms: start_ms + self.timer_ms,
                    last_end_ms: None,
                });
                out.push(Planned::UtteranceStart {
                    utterance_id,
                    start_ms,
                });
                // A start confirmed late may already have measurements due.
                self.advance(event.at_ms(), out);
            }
            VadEvent::End { end_ms, .. } => {
                let Some(open) = self.open.take() else {
                    return;
                };
                let skip_final = open
                    .last_end_ms
                    .is_some_and(|last| end_ms < last + FINAL_GAP_MS);
                if !skip_final {
                    let window = self.window(&open, end_ms, Trigger::SpeechEnded);
                    out.push(Planned::Measure(window));
                }
                out.push(Planned::UtteranceEnd {
                    utterance_id: open.utterance_id,
                    start_ms: open.start_ms,
                    end_ms,
                });
            }
        }
    }

    /// The stream has reached `now_ms`: takes the interval measurements due by then.
    pub(crate) fn advance(&mut self, now_ms: u64, out: &mut Vec<Planned>) {
        while let Some(mut open) = self.open {
            if open.next_due_ms > now_ms {
                break;
            }
            let due = open.next_due_ms;
            let window = self.window(&open, due, Trigger::Interval);
            out.push(Planned::Measure(window));
            open.last_end_ms = Some(due);
            open.next_due_ms = due + self.timer_ms;
            self.open = Some(open);
        }
    }

    fn window(&mut self, open: &Open, end_ms: u64, trigger: Trigger) -> Window {
        let measurement_id = self.next_measurement_id;
        self.next_measurement_id += 1;
        Window {
            measurement_id,
            utterance_id: open.utterance_id,
            start_ms: end_ms.saturating_sub(WINDOW_MS).max(open.start_ms),
            end_ms,
            trigger,
        }
    }

    /// Utterances started so far (the totals of a realtime session's `session.closed`).
    pub(crate) fn utterance_count(&self) -> u64 {
        self.next_utterance_id
    }

    /// Measurements taken so far (the totals of a realtime session's `session.closed`).
    pub(crate) fn measurement_count(&self) -> u64 {
        self.next_measurement_id
    }
}

#[cfg(test)]
mod tests;
