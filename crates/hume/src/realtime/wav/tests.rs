use std::f32::consts::PI;
use std::io::Cursor;

use super::*;

/// A WAV of `frames` sample frames at `rate` with `channels`, integer samples of `bits`, each
/// channel a sine of `hz` (channel `c` scaled by `1 / (c + 1)`).
fn wav(rate: u32, channels: u16, bits: u16, frames: usize, hz: f32) -> Vec<u8> {
    let spec = hound::WavSpec {
        channels,
        sample_rate: rate,
        bits_per_sample: bits,
        sample_format: hound::SampleFormat::Int,
    };
    let mut out = Cursor::new(Vec::new());
    let mut writer = hound::WavWriter::new(&mut out, spec).unwrap();
    let full = ((1i64 << (bits - 1)) - 1) as f32;
    for i in 0..frames {
        let t = i as f32 / rate as f32;
        for c in 0..channels {
            let value = (2.0 * PI * hz * t).sin() * 0.5 / f32::from(c + 1);
            writer.write_sample((value * full).round() as i32).unwrap();
        }
    }
    writer.finalize().unwrap();
    out.into_inner()
}

fn float_wav(rate: u32, samples: &[f32]) -> Vec<u8> {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: rate,
        bits_per_sample: 32,
        sample_format: hound::SampleFormat::Float,
    };
    let mut out = Cursor::new(Vec::new());
    let mut writer = hound::WavWriter::new(&mut out, spec).unwrap();
    for sample in samples {
        writer.write_sample(*sample).unwrap();
    }
    writer.finalize().unwrap();
    out.into_inner()
}

fn pcm(frames: WavFrames<Cursor<Vec<u8>>>) -> (Vec<Frame>, Vec<i16>) {
    let frames: Vec<Frame> = frames.map(Result::unwrap).collect();
    let samples = frames
        .iter()
        .flat_map(|f| {
            f.data
                .chunks_exact(2)
                .map(|b| i16::from_le_bytes([b[0], b[1]]))
        })
        .collect();
    (frames, samples)
}

/// The dominant frequency of `samples` (16 kHz) by counting zero crossings.
fn frequency(samples: &[i16]) -> f32 {
    let crossings = samples
        .windows(2)
        .filter(|w| (w[0] < 0) != (w[1] < 0))
        .count();
    crossings as f32 / 2.0 / (samples.len() as f32 / 16_000.0)
}

#[test]
fn sixteen_khz_mono_s16_passes_through_bit_for_bit() {
    let bytes = wav(16_000, 1, 16, 16_000 + 800, 440.0);
    let source = hound::WavReader::new(Cursor::new(bytes.clone()))
        .unwrap()
        .into_samples::<i16>()
        .map(Result::unwrap)
        .collect::<Vec<_>>();
    let frames = WavFrames::from_reader(Cursor::new(bytes)).unwrap();
    assert_eq!(frames.duration(), Duration::from_millis(1050));
    let (frames, samples) = pcm(frames);
    assert_eq!(samples, source);
    // 100 ms frames (3,200 bytes), the last one holding the remaining 50 ms.
    assert_eq!(frames.len(), 11);
    assert!(frames[..10].iter().all(|f| f.data.len() == 3200));
    assert_eq!(frames[10].data.len(), 1600);
    let tags: Vec<u64> = frames.iter().map(|f| f.tag).collect();
    assert_eq!(tags, (0..11).map(|i| i * 100).collect::<Vec<_>>());
}

#[test]
fn other_rates_and_channels_are_resampled_to_16_khz_mono_of_the_same_length() {
    for (rate, channels, bits) in [
        (44_100, 2, 16),
        (48_000, 1, 24),
        (8_000, 1, 8),
        (22_050, 3, 32),
    ] {
        let bytes = wav(rate, channels, bits, rate as usize * 2, 440.0);
        let frames = WavFrames::from_reader(Cursor::new(bytes)).unwrap();
        assert_eq!(
            (frames.source_rate(), frames.source_channels()),
            (rate, channels)
        );
        let (_, samples) = pcm(frames);
        assert_eq!(samples.len(), 32_000, "{rate} Hz: 2 s in, 2 s out");
        let hz = frequency(&samples[1600..30_400]);
        assert!(
            (hz - 440.0).abs() < 5.0,
            "{rate} Hz: {hz} Hz after resampling"
        );
        // Channels are averaged: 0.5, 0.25, 0.167 of full scale → a known mono amplitude.
        let expected: f32 =
            (0..channels).map(|c| 0.5 / f32::from(c + 1)).sum::<f32>() / f32::from(channels);
        let peak = samples[1600..30_400]
            .iter()
            .map(|s| s.unsigned_abs())
            .max()
            .unwrap();
        let peak = f32::from(peak) / 32_768.0;
        assert!(
            (peak - expected).abs() < 0.02,
            "{rate} Hz: peak {peak}, expected {expected}"
        );
    }
}

#[test]
fn float_samples_are_read_and_clipped() {
    let (_, samples) = pcm(WavFrames::from_reader(Cursor::new(float_wav(
        16_000,
        &[0.0, 0.5, -0.5, 2.0, -2.0],
    )))
    .unwrap());
    assert_eq!(samples, [0, 16_384, -16_384, 32_767, -32_768]);
}

#[test]
fn frame_length_is_configurable_within_the_api_limit() {
    let bytes = wav(16_000, 1, 16, 16_000, 440.0);
    let (frames, _) = pcm(WavFrames::from_reader(Cursor::new(bytes.clone()))
        .unwrap()
        .with_frame_ms(250));
    assert_eq!(frames.len(), 4);
    assert_eq!(frames[1].tag, 250);
    let (frames, _) = pcm(WavFrames::from_reader(Cursor::new(bytes))
        .unwrap()
        .with_frame_ms(60_000));
    assert_eq!(
        frames.len(),
        1,
        "clamped to 10 s, more than the second of audio"
    );
}

#[test]
fn what_is_not_a_readable_wav_is_an_error() {
    let error = WavFrames::from_reader(Cursor::new(b"ID3\x04 an mp3".to_vec())).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("i/o failure while reading wav"),
        "{error}"
    );
    let missing = WavFrames::open("/nonexistent/speech.wav").unwrap_err();
    assert!(
        missing.to_string().contains("/nonexistent/speech.wav"),
        "{missing}"
    );
    // A file cut short in the middle of its data: the frames before the cut, then the error.
    let mut cut = wav(16_000, 1, 16, 16_000, 440.0);
    cut.truncate(cut.len() - 1001);
    let items: Vec<_> = WavFrames::from_reader(Cursor::new(cut)).unwrap().collect();
    assert!(items.iter().any(Result::is_ok));
    assert!(items.last().unwrap().is_err(), "{:?}", items.last());
}
