//! Throughput of typed v1 audio response parsing against serde's floor (`IgnoredAny`).
//!
//! Generates a deterministic ~10 MB `AudioFileResponse` body shaped like a long recording:
//! utterances of a few measurements each, every measurement with 20 expression scores and 3
//! voice-attribute scores, lowercase names from a vocabulary of 415 expressions, probabilities
//! rounded to four decimals and sorted. Then measures `AudioFileResponse::from_response` and
//! `serde_json::from_slice::<IgnoredAny>` on the same bytes (criterion `Throughput::Bytes`).
//!
//! The target (issue 12): the typed parse runs at ≥ 0.5× the `IgnoredAny` pass. With
//! `HUME_BENCH_JSON=PATH` set, the interleaved medians are also written to PATH as JSON
//! (`cargo xtask bench` reads that file and criterion's `estimates.json`).
//!
//! `cargo bench -p hume-models --bench v1_audio_parse -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_main};
use hume_models::names::{BURST_DESCRIPTIONS_67, LANGUAGE_EXPRESSIONS_53};
use hume_models::v1::{
    AudioFileReceived, AudioFileResponse, AudioMeasurement, MeasurementTrigger, Score, Utterance,
};

/// Target body size.
const TARGET_BYTES: usize = 10 * 1000 * 1000;

/// Expression scores per measurement.
const EXPRESSIONS_PER_MEASUREMENT: usize = 20;

/// Voice-attribute scores per measurement.
const VOICE_ATTRIBUTES_PER_MEASUREMENT: usize = 3;

/// Size of the audio expression vocabulary (Hume documents 415 names).
const VOCABULARY: usize = 415;

const VOICE_ATTRIBUTES: &[&str] = &[
    "husky",
    "fast",
    "slow",
    "loud",
    "quiet",
    "breathy",
    "nasal",
    "monotone",
    "shaky",
    "tense",
    "whispered",
    "background music",
    "background noise",
    "reverberant",
];

/// A tiny deterministic generator (SplitMix64), so every run parses the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A probability in [lo, 1) rounded to four decimals, as the API sends them.
    fn probability(&mut self, lo: f64) -> f64 {
        let unit = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((lo + unit * (1.0 - lo)) * 10_000.0).round() / 10_000.0
    }
}

/// 415 lowercase names: the documented v0 expression and vocal-burst names lowercased, then
/// two-word combinations of them, like `"surprise (positive)"` or `"awkward laughter"`.
fn vocabulary() -> Vec<String> {
    let base: Vec<String> = LANGUAGE_EXPRESSIONS_53
        .iter()
        .chain(BURST_DESCRIPTIONS_67)
        .map(|n| n.to_lowercase())
        .collect();
    let mut names = base.clone();
    // Pair the i-th name with the (i + step)-th for growing steps: every pair is new.
    'fill: for step in 1..base.len() {
        for (i, a) in base.iter().enumerate() {
            if names.len() == VOCABULARY {
                break 'fill;
            }
            names.push(format!("{a} {}", base[(i + step) % base.len()]));
        }
    }
    assert_eq!(names.len(), VOCABULARY);
    names
}

fn scores(rng: &mut Rng, names: &[String], n: usize, lo: f64) -> Vec<Score> {
    let mut picked: Vec<usize> = Vec::with_capacity(n);
    while picked.len() < n {
        let i = rng.below(names.len());
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    let mut out: Vec<Score> = picked
        .into_iter()
        .map(|i| Score::new(names[i].as_str(), rng.probability(lo)))
        .collect();
    out.sort_by(|a, b| {
        b.probability
            .total_cmp(&a.probability)
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

fn generate() -> Vec<u8> {
    let mut rng = Rng(0x5EED_1A2B);
    let vocab = vocabulary();
    let voice: Vec<String> = VOICE_ATTRIBUTES.iter().map(|s| (*s).to_owned()).collect();
    let mut utterances = Vec::new();
    let mut measurements = Vec::new();
    let mut size = 0;
    let mut t = 0u64;
    while size < TARGET_BYTES {
        let utterance_id = utterances.len() as u64;
        let start = t + 100 + rng.below(2000) as u64;
        let count = 1 + rng.below(6) as u64;
        let end = start + count * 3000 + rng.below(2500) as u64;
        utterances.push(Utterance::new(utterance_id, start, end));
        for k in 1..=count {
            let last = k == count;
            let m_end = if last { end } else { start + k * 3000 };
            let m = AudioMeasurement::new(
                measurements.len() as u64,
                utterance_id,
                start.max(m_end.saturating_sub(10_000)),
                m_end,
                if last {
                    MeasurementTrigger::SpeechEnded
                } else {
                    MeasurementTrigger::Interval
                },
                scores(&mut rng, &vocab, EXPRESSIONS_PER_MEASUREMENT, 0.05),
                scores(&mut rng, &voice, VOICE_ATTRIBUTES_PER_MEASUREMENT, 0.725),
            );
            size += serde_json::to_vec(&m).expect("serialise").len() + 1;
            measurements.push(m);
        }
        t = end;
    }
    let response = AudioFileResponse::new(
        "req-01J9Z6W5X8",
        "run-01J9Z6W5X8",
        AudioFileReceived::new(t + 500),
        utterances,
        measurements,
    );
    serde_json::to_vec(&response).expect("serialise")
}

fn bench(c: &mut Criterion) {
    let body = generate();
    let parsed = AudioFileResponse::from_response(&body).expect("generated body parses");
    assert!(parsed.measurements.len() > 1000);
    assert_eq!(
        parsed.measurements[0].expressions.len(),
        EXPRESSIONS_PER_MEASUREMENT
    );
    eprintln!(
        "v1 audio body: {:.1} MB, {} utterances, {} measurements",
        body.len() as f64 / 1e6,
        parsed.utterances.len(),
        parsed.measurements.len()
    );
    drop(parsed);

    let mut group = c.benchmark_group("v1_audio_parse");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.sample_size(20);
    // The parse itself; the result is dropped outside the timed region.
    group.bench_function("typed AudioFileResponse::from_response", |b| {
        b.iter_with_large_drop(|| {
            AudioFileResponse::from_response(black_box(&body)).expect("parses")
        })
    });
    group.bench_function("typed AudioFileResponse::from_response + drop", |b| {
        b.iter(|| AudioFileResponse::from_response(black_box(&body)).expect("parses"))
    });
    group.bench_function("serde_json IgnoredAny", |b| {
        b.iter(|| {
            serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&body)).expect("parses")
        })
    });
    group.finish();

    hume_bench_data::interleaved_ratio(&body, 25, |body| {
        AudioFileResponse::from_response(body).expect("parses")
    });
}

// The macro generates an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::bench);
}
use group::benches;

criterion_main!(benches);
