use super::*;
use crate::synth::v1::test_signal::Signal;

const LOUD: f64 = 8000.0;

fn run(samples: &[i16]) -> Vec<VadEvent> {
    let mut vad = Vad::new();
    let mut events = vad.push(samples);
    events.extend(vad.finish());
    events
}

fn two_bursts() -> Signal {
    Signal::new()
        .silence(500)
        .tone(1000, 220.0, LOUD)
        .silence(1000)
        .tone(1500, 330.0, LOUD)
        .silence(1000)
}

#[test]
fn silence_and_quiet_noise_give_no_utterance() {
    assert!(run(&Signal::new().silence(5000).samples).is_empty());
    // Noise at about -50 dBFS RMS.
    assert!(run(&Signal::new().noise(5000, 180).samples).is_empty());
    assert!(run(&[]).is_empty());
}

#[test]
fn two_bursts_separated_by_silence_give_two_utterances_with_exact_bounds() {
    let events = run(&two_bursts().samples);
    assert_eq!(
        events,
        [
            VadEvent::Start {
                start_ms: 500,
                at_ms: 500 + MIN_SPEECH_MS
            },
            VadEvent::End {
                start_ms: 500,
                end_ms: 1500 + HANGOVER_MS,
                at_ms: 1500 + MIN_SILENCE_MS
            },
            VadEvent::Start {
                start_ms: 2500,
                at_ms: 2700
            },
            VadEvent::End {
                start_ms: 2500,
                end_ms: 4100,
                at_ms: 4500
            },
        ]
    );
    assert_eq!(
        utterances(&two_bursts().samples),
        [(500, 1600), (2500, 4100)]
    );
}

#[test]
fn noise_loud_enough_is_sound_too() {
    let signal = Signal::new().silence(1000).noise(800, 3000).silence(1000);
    assert_eq!(utterances(&signal.samples), [(1000, 1900)]);
}

#[test]
fn a_click_shorter_than_the_minimum_speech_is_dropped() {
    let signal = Signal::new()
        .silence(300)
        .tone(100, 440.0, LOUD)
        .silence(1000);
    assert!(run(&signal.samples).is_empty());
    // 200 ms is enough.
    let signal = Signal::new()
        .silence(300)
        .tone(200, 440.0, LOUD)
        .silence(1000);
    assert_eq!(utterances(&signal.samples), [(300, 600)]);
}

#[test]
fn a_pause_shorter_than_the_minimum_silence_does_not_split_an_utterance() {
    let signal = Signal::new()
        .tone(600, 440.0, LOUD)
        .silence(480)
        .tone(600, 440.0, LOUD)
        .silence(2000);
    assert_eq!(utterances(&signal.samples), [(0, 1780)]);
    let signal = Signal::new()
        .tone(600, 440.0, LOUD)
        .silence(500)
        .tone(600, 440.0, LOUD)
        .silence(2000);
    assert_eq!(utterances(&signal.samples), [(0, 700), (1100, 1800)]);
}

#[test]
fn audio_that_ends_during_speech_ends_the_utterance() {
    let signal = Signal::new().silence(1000).tone(2010, 440.0, LOUD);
    let events = run(&signal.samples);
    assert_eq!(
        events.last(),
        Some(&VadEvent::End {
            start_ms: 1000,
            end_ms: 3010,
            at_ms: 3010
        })
    );
    // A start not yet confirmed when the audio ends is dropped.
    let signal = Signal::new().silence(1000).tone(100, 440.0, LOUD);
    assert!(run(&signal.samples).is_empty());
}

#[test]
fn the_noise_floor_adapts_so_a_faint_tone_over_steady_noise_is_not_speech() {
    let faint = Signal::new().silence(2000).tone(1000, 440.0, 520.0);
    // In silence, the faint tone (about -39 dBFS) is speech.
    assert_eq!(utterances(&faint.samples), [(2000, 3000)]);
    // Over steady noise at about -47 dBFS it is within 10 dB of the floor: not speech.
    let noise = Signal::new().noise(3000, 260);
    let noisy = Signal::new()
        .silence(3000)
        .mixed_with(&noise.samples)
        .mixed_with(&faint.samples);
    assert!(utterances(&noisy.samples).is_empty());
}

#[test]
fn the_same_audio_in_any_pieces_gives_the_same_decisions() {
    let signal = two_bursts().tone(777, 500.0, LOUD);
    let whole = run(&signal.samples);
    for piece in [1usize, 7, 320, 333, 4001, 100_000] {
        let mut vad = Vad::new();
        let mut events = Vec::new();
        for chunk in signal.samples.chunks(piece) {
            events.extend(vad.push(chunk));
        }
        events.extend(vad.finish());
        assert_eq!(events, whole, "pieces of {piece} samples");
    }
    // Bytes split inside samples.
    let pcm = signal.pcm();
    for piece in [1usize, 3, 641, 9999] {
        let mut vad = Vad::new();
        let mut events = Vec::new();
        for chunk in pcm.chunks(piece) {
            events.extend(vad.push_pcm(chunk));
        }
        events.extend(vad.finish());
        assert_eq!(events, whole, "pieces of {piece} bytes");
    }
}

#[test]
fn decisions_are_taken_in_stream_order_and_position_counts_whole_frames() {
    let mut vad = Vad::new();
    assert!(
        !vad.push(&Signal::new().tone(250, 440.0, LOUD).samples)
            .is_empty()
    );
    assert_eq!(vad.position_ms(), 240);
    vad.finish();
    assert_eq!(vad.position_ms(), 250);
}
