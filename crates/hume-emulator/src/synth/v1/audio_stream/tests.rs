use super::*;
use crate::synth::v1::measurements::Trigger;
use crate::synth::v1::test_signal::Signal;

fn long_signal() -> Signal {
    Signal::new()
        .silence(1000)
        .tone(8000, 220.0, 8000.0)
        .tone(9000, 300.0, 3000.0)
        .tone(8000, 180.0, 12_000.0)
        .silence(1000)
        .tone(4000, 440.0, 6000.0)
}

fn spans(analysis: &AudioAnalysis) -> Vec<(u64, u64, u64, u64, Trigger)> {
    analysis
        .measurements
        .iter()
        .map(|m| {
            let w = m.window;
            (
                w.measurement_id,
                w.utterance_id,
                w.start_ms,
                w.end_ms,
                w.trigger,
            )
        })
        .collect()
}

#[test]
fn an_upload_with_two_bursts_has_two_utterances_each_measured() {
    let pcm = Signal::new()
        .silence(500)
        .tone(1000, 220.0, 8000.0)
        .silence(1000)
        .tone(1500, 330.0, 8000.0)
        .silence(1000)
        .pcm();
    let analysis = analyze_file(&pcm, MeasurementTimer::default());
    assert_eq!(analysis.audio_duration_ms, 5000);
    assert_eq!(
        analysis.utterances,
        [
            Utterance {
                utterance_id: 0,
                start_ms: 500,
                end_ms: 1600
            },
            Utterance {
                utterance_id: 1,
                start_ms: 2500,
                end_ms: 4100
            },
        ]
    );
    assert_eq!(
        spans(&analysis),
        [
            (0, 0, 500, 1600, Trigger::SpeechEnded),
            (1, 1, 2500, 4100, Trigger::SpeechEnded)
        ]
    );
}

#[test]
fn silence_has_no_utterance_and_keeps_its_duration() {
    let analysis = analyze_file(
        &Signal::new().silence(2500).pcm(),
        MeasurementTimer::default(),
    );
    assert_eq!(analysis.audio_duration_ms, 2500);
    assert!(analysis.utterances.is_empty() && analysis.measurements.is_empty());
    // An odd trailing byte is not a sample.
    let analysis = analyze_file(&[0; 33], MeasurementTimer::default());
    assert_eq!(analysis.audio_duration_ms, 1);
}

#[test]
fn a_long_utterance_is_measured_every_timer_with_ten_second_windows() {
    let pcm = long_signal().pcm();
    let analysis = analyze_file(&pcm, MeasurementTimer::new(5000).unwrap());
    assert_eq!(analysis.audio_duration_ms, 31_000);
    assert_eq!(
        analysis
            .utterances
            .iter()
            .map(|u| (u.start_ms, u.end_ms))
            .collect::<Vec<_>>(),
        [(1000, 26_100), (27_000, 31_000)]
    );
    assert_eq!(
        spans(&analysis),
        [
            (0, 0, 1000, 6000, Trigger::Interval),
            (1, 0, 1000, 11_000, Trigger::Interval),
            (2, 0, 6000, 16_000, Trigger::Interval),
            (3, 0, 11_000, 21_000, Trigger::Interval),
            (4, 0, 16_000, 26_000, Trigger::Interval),
            (5, 1, 27_000, 31_000, Trigger::SpeechEnded),
        ]
    );
    // Each measurement scores exactly the bytes of its window.
    for m in &analysis.measurements {
        let bytes = &pcm[m.window.start_ms as usize * 32..m.window.end_ms as usize * 32];
        assert_eq!(m.scores, score_window(bytes));
    }
}

#[test]
fn realtime_frames_give_the_same_utterances_and_measurements_as_the_upload() {
    let pcm = long_signal().pcm();
    // The first utterance's speech_ended window ([16100, 26100]) starts 10.4 s before the
    // detector decides the end (26500): the kept history must reach back that far.
    for (timer_ms, frame_bytes) in [
        (3000, 3200usize),
        (3000, 333),
        (3000, 32_000),
        (3000, 319_998),
        (7000, 3200),
        (7000, 640),
    ] {
        let timer = MeasurementTimer::new(timer_ms).unwrap();
        let upload = analyze_file(&pcm, timer);
        let mut stream = AudioStream::new(timer);
        let mut outputs = Vec::new();
        for frame in pcm.chunks(frame_bytes) {
            outputs.extend(stream.push_pcm(frame));
            assert!(
                stream.history.len() as u64 <= HISTORY_MS * 32 + frame_bytes as u64 + 640,
                "memory stays bounded"
            );
        }
        outputs.extend(stream.finish());
        let measurements: Vec<AudioMeasurement> = outputs
            .iter()
            .filter_map(|o| match o {
                AudioOutput::Measurement(m) => Some(m.clone()),
                _ => None,
            })
            .collect();
        let utterances: Vec<Utterance> = outputs
            .iter()
            .filter_map(|o| match o {
                AudioOutput::UtteranceEnd(u) => Some(*u),
                _ => None,
            })
            .collect();
        assert_eq!(
            measurements, upload.measurements,
            "timer {timer_ms}, frames of {frame_bytes} bytes"
        );
        assert_eq!(utterances, upload.utterances);
        assert_eq!(stream.audio_duration_ms(), upload.audio_duration_ms);
        assert_eq!(stream.utterance_count(), 2);
        assert_eq!(stream.measurement_count(), upload.measurements.len() as u64);
        // Session order: start, its measurements, end.
        let mut open = None;
        for output in &outputs {
            match output {
                AudioOutput::UtteranceStart { utterance_id, .. } => {
                    assert_eq!(open, None);
                    open = Some(*utterance_id);
                }
                AudioOutput::Measurement(m) => assert_eq!(open, Some(m.window.utterance_id)),
                AudioOutput::UtteranceEnd(u) => {
                    assert_eq!(open, Some(u.utterance_id));
                    open = None;
                }
            }
        }
    }
}

#[test]
fn interval_measurements_arrive_while_speech_continues() {
    let mut stream = AudioStream::new(MeasurementTimer::default());
    let speech = Signal::new().tone(3500, 220.0, 8000.0).pcm();
    let outputs = stream.push_pcm(&speech[..3000 * 32]);
    assert!(matches!(
        outputs[..],
        [
            AudioOutput::UtteranceStart {
                utterance_id: 0,
                start_ms: 0
            },
            AudioOutput::Measurement(AudioMeasurement {
                window: Window {
                    start_ms: 0,
                    end_ms: 3000,
                    trigger: Trigger::Interval,
                    ..
                },
                ..
            })
        ]
    ));
    assert!(stream.push_pcm(&speech[3000 * 32..]).is_empty());
    // The audio ends 500 ms after the interval: too soon for a speech_ended measurement.
    let outputs = stream.finish();
    assert_eq!(
        outputs,
        [AudioOutput::UtteranceEnd(Utterance {
            utterance_id: 0,
            start_ms: 0,
            end_ms: 3500
        })]
    );
}
