use super::*;

fn timer(ms: u32) -> MeasurementTimer {
    MeasurementTimer::new(ms).unwrap()
}

/// Runs one utterance: starts at `start`, confirmed at `start + 200`, ends at `end`, decided
/// at `decided`.
fn plan(timer_ms: u32, utterances: &[(u64, u64, u64)]) -> Vec<Planned> {
    let mut planner = Planner::new(timer(timer_ms));
    let mut out = Vec::new();
    for &(start_ms, end_ms, decided) in utterances {
        planner.on_event(
            VadEvent::Start {
                start_ms,
                at_ms: start_ms + 200,
            },
            &mut out,
        );
        planner.on_event(
            VadEvent::End {
                start_ms,
                end_ms,
                at_ms: decided,
            },
            &mut out,
        );
    }
    out
}

/// The measurement windows as `(id, utterance, start, end, trigger)`.
fn windows(planned: &[Planned]) -> Vec<(u64, u64, u64, u64, Trigger)> {
    planned
        .iter()
        .filter_map(|p| match *p {
            Planned::Measure(w) => Some((
                w.measurement_id,
                w.utterance_id,
                w.start_ms,
                w.end_ms,
                w.trigger,
            )),
            _ => None,
        })
        .collect()
}

use Trigger::{Interval, SpeechEnded};

#[test]
fn the_timer_accepts_3000_to_10000_and_defaults_to_3000() {
    assert_eq!(MeasurementTimer::new(2999), None);
    assert_eq!(
        MeasurementTimer::new(3000).map(MeasurementTimer::ms),
        Some(3000)
    );
    assert_eq!(
        MeasurementTimer::new(10_000).map(MeasurementTimer::ms),
        Some(10_000)
    );
    assert_eq!(MeasurementTimer::new(10_001), None);
    assert_eq!(MeasurementTimer::default().ms(), DEFAULT_TIMER_MS);
    assert_eq!(Interval.as_str(), "interval");
    assert_eq!(SpeechEnded.as_str(), "speech_ended");
}

#[test]
fn a_short_utterance_gets_one_speech_ended_measurement_between_its_start_and_end() {
    let planned = plan(3000, &[(500, 1600, 2000)]);
    assert_eq!(
        planned,
        [
            Planned::UtteranceStart {
                utterance_id: 0,
                start_ms: 500
            },
            Planned::Measure(Window {
                measurement_id: 0,
                utterance_id: 0,
                start_ms: 500,
                end_ms: 1600,
                trigger: SpeechEnded
            }),
            Planned::UtteranceEnd {
                utterance_id: 0,
                start_ms: 500,
                end_ms: 1600
            },
        ]
    );
}

#[test]
fn intervals_then_a_final_measurement_at_least_one_second_later() {
    assert_eq!(
        windows(&plan(3000, &[(0, 7000, 7400)])),
        [
            (0, 0, 0, 3000, Interval),
            (1, 0, 0, 6000, Interval),
            (2, 0, 0, 7000, SpeechEnded),
        ]
    );
}

#[test]
fn the_final_measurement_is_skipped_when_the_previous_one_ended_under_a_second_earlier() {
    assert_eq!(
        windows(&plan(3000, &[(0, 6999, 7400)])),
        [(0, 0, 0, 3000, Interval), (1, 0, 0, 6000, Interval)]
    );
}

#[test]
fn an_interval_taken_as_speech_stops_can_end_after_the_utterance() {
    // Last loud frame at 5800: the utterance ends at 5900, decided at 6300; 6000 falls between.
    let planned = plan(3000, &[(0, 5900, 6300)]);
    assert_eq!(
        windows(&planned),
        [(0, 0, 0, 3000, Interval), (1, 0, 0, 6000, Interval)]
    );
    assert_eq!(
        planned.last(),
        Some(&Planned::UtteranceEnd {
            utterance_id: 0,
            start_ms: 0,
            end_ms: 5900
        })
    );
}

#[test]
fn windows_cover_at_most_the_last_ten_seconds_and_overlap() {
    let got = windows(&plan(3000, &[(0, 25_000, 25_400)]));
    let expected = [
        (0, 0, 0, 3000, Interval),
        (1, 0, 0, 6000, Interval),
        (2, 0, 0, 9000, Interval),
        (3, 0, 2000, 12_000, Interval),
        (4, 0, 5000, 15_000, Interval),
        (5, 0, 8000, 18_000, Interval),
        (6, 0, 11_000, 21_000, Interval),
        (7, 0, 14_000, 24_000, Interval),
        (8, 0, 15_000, 25_000, SpeechEnded),
    ];
    assert_eq!(got, expected);
}

#[test]
fn at_a_ten_second_timer_interval_windows_meet_end_to_end() {
    assert_eq!(
        windows(&plan(10_000, &[(1000, 31_000, 31_400)])),
        [
            (0, 0, 1000, 11_000, Interval),
            (1, 0, 11_000, 21_000, Interval),
            (2, 0, 21_000, 31_000, Interval),
        ]
    );
    // A timer that does not divide the frame length still measures exactly.
    assert_eq!(
        windows(&plan(4321, &[(40, 5400, 5800)])),
        [(0, 0, 40, 4361, Interval), (1, 0, 40, 5400, SpeechEnded)]
    );
}

#[test]
fn ids_count_across_utterances_within_the_run() {
    let planned = plan(3000, &[(0, 3500, 4000), (6000, 6400, 6900)]);
    assert_eq!(
        windows(&planned),
        [(0, 0, 0, 3000, Interval), (1, 1, 6000, 6400, SpeechEnded)]
    );
    let starts: Vec<u64> = planned
        .iter()
        .filter_map(|p| match p {
            Planned::UtteranceStart { utterance_id, .. } => Some(*utterance_id),
            _ => None,
        })
        .collect();
    assert_eq!(starts, [0, 1]);
    let mut planner = Planner::new(timer(3000));
    let mut out = Vec::new();
    for event in [
        VadEvent::Start {
            start_ms: 0,
            at_ms: 200,
        },
        VadEvent::End {
            start_ms: 0,
            end_ms: 900,
            at_ms: 1300,
        },
    ] {
        planner.on_event(event, &mut out);
    }
    assert_eq!(
        (planner.utterance_count(), planner.measurement_count()),
        (1, 1)
    );
}

#[test]
fn realtime_progress_takes_interval_measurements_as_the_stream_reaches_them() {
    let mut planner = Planner::new(timer(3000));
    let mut out = Vec::new();
    planner.on_event(
        VadEvent::Start {
            start_ms: 1000,
            at_ms: 1200,
        },
        &mut out,
    );
    out.clear();
    planner.advance(3999, &mut out);
    assert!(out.is_empty());
    planner.advance(4000, &mut out);
    assert_eq!(windows(&out), [(0, 0, 1000, 4000, Interval)]);
    // Progress with no utterance open measures nothing.
    let mut idle = Planner::new(timer(3000));
    idle.advance(100_000, &mut out);
    assert_eq!(out.len(), 1);
}

#[test]
fn a_start_confirmed_late_takes_the_measurements_already_due() {
    let mut planner = Planner::new(timer(3000));
    let mut out = Vec::new();
    planner.on_event(
        VadEvent::Start {
            start_ms: 0,
            at_ms: 3500,
        },
        &mut out,
    );
    assert_eq!(windows(&out), [(0, 0, 0, 3000, Interval)]);
    assert!(matches!(out[0], Planned::UtteranceStart { .. }));
}
