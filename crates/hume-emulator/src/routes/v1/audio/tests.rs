use hume_models::v1::Scores as _;

use super::*;
use crate::synth::v1::test_signal::Signal;

#[test]
fn an_analysis_becomes_the_wire_response() {
    let pcm = Signal::new()
        .silence(500)
        .tone(1000, 220.0, 8000.0)
        .silence(1000)
        .tone(4000, 330.0, 8000.0)
        .silence(1000)
        .pcm();
    let analysis = synth::analyze_file(&pcm, MeasurementTimer::default());
    let expected = analysis.clone();
    let body = response_body(RequestId::new("req"), RunId::new("run"), analysis);
    assert_eq!(body.request_id, "req");
    assert_eq!(body.run_id, "run");
    assert_eq!(body.received.audio_duration_ms, 7_500);
    assert_eq!(body.utterances.len(), 2);
    for (wire, synth) in body.utterances.iter().zip(&expected.utterances) {
        assert_eq!(
            (wire.utterance_id, wire.audio_start_ms, wire.audio_end_ms),
            (synth.utterance_id, synth.start_ms, synth.end_ms)
        );
    }
    assert_eq!(body.measurements.len(), expected.measurements.len());
    // The second utterance (4 s) has an interval measurement at 3 s and a final one.
    let second: Vec<_> = body.measurements_of(1).collect();
    assert_eq!(
        second.first().unwrap().trigger,
        MeasurementTrigger::Interval
    );
    assert_eq!(
        second.last().unwrap().trigger,
        MeasurementTrigger::SpeechEnded
    );
    for (wire, synth) in body.measurements.iter().zip(&expected.measurements) {
        assert_eq!(wire.measurement_id, synth.window.measurement_id);
        assert_eq!(
            (wire.audio_start_ms, wire.audio_end_ms),
            (synth.window.start_ms, synth.window.end_ms)
        );
        assert_eq!(wire.expressions.len(), synth.scores.expressions.len());
        assert_eq!(
            wire.voice_attributes.len(),
            synth.scores.voice_attributes.len()
        );
        if let (Some(top), Some(first)) = (wire.expressions.top(), synth.scores.expressions.first())
        {
            assert_eq!(
                (top.name.as_str(), top.probability),
                (first.name, first.probability)
            );
        }
    }
}

#[test]
fn wav_and_headerless_uploads_of_the_same_samples_agree() {
    use hume_models::v1::media::{AudioContainer, inspect_audio};

    use crate::routes::v1::test_media::wav;

    let pcm = Signal::new()
        .silence(300)
        .tone(2500, 200.0, 9000.0)
        .silence(800)
        .pcm();
    let file = wav(&pcm);
    let wav_input = inspect_audio(&file).unwrap();
    assert_eq!(wav_input.container, AudioContainer::Wav);
    let raw_input = inspect_audio(&pcm).unwrap();
    assert_eq!(raw_input.container, AudioContainer::Headerless);
    let from_wav = synth::analyze_file(wav_input.pcm(&file), MeasurementTimer::default());
    let from_raw = synth::analyze_file(raw_input.pcm(&pcm), MeasurementTimer::default());
    assert_eq!(from_wav, from_raw);
    assert_eq!(from_wav.utterances.len(), 1);
}
