//! Throughput of typed predictions parsing against serde's floor (`IgnoredAny`).
//!
//! Generates a deterministic ~50 MB predictions body covering every model and source kind,
//! then measures `Predictions::from_response` and `serde_json::from_slice::<IgnoredAny>` on
//! the same bytes (criterion `Throughput::Bytes`, so results are MB/s).
//!
//! `cargo bench -p hume-models --bench predictions_parse -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_main};
use hume_models::names::{
    BURST_DESCRIPTIONS_67, EXPRESSIONS_48, LANGUAGE_EXPRESSIONS_53, SENTIMENT_LEVELS,
    TOXICITY_NAMES,
};
use hume_models::predictions::{
    BoundingBox, BurstPrediction, EmotionScore, FacePrediction, FacemeshPrediction, FileError,
    GroupedPredictions, InferencePrediction, InferenceResults, LanguagePrediction, ModelResult,
    ModelsPredictions, NerPrediction, Predictions, ProsodyPrediction, Source, SourceResult,
    TextPosition, TimeInterval, TranscriptionMetadata,
};

/// Target body size.
const TARGET_BYTES: usize = 50 * 1024 * 1024;

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

    /// A float in [0, 1) with full f64 precision (the API sends f32-ish long decimals).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn scores(rng: &mut Rng, names: &[&str]) -> Vec<EmotionScore> {
    names
        .iter()
        .map(|n| EmotionScore::new(*n, rng.unit()))
        .collect()
}

fn interval(rng: &mut Rng) -> TimeInterval {
    let begin = rng.unit() * 100.0;
    TimeInterval::new(begin, begin + rng.unit() * 3.0)
}

fn group<P>(predictions: Vec<P>) -> ModelResult<P> {
    ModelResult {
        metadata: None,
        grouped_predictions: vec![GroupedPredictions {
            id: "unknown".to_owned(),
            predictions,
        }],
    }
}

fn metadata() -> Option<TranscriptionMetadata> {
    Some(TranscriptionMetadata {
        confidence: 0.9412,
        detected_language: Some("en".to_owned()),
    })
}

/// One media file's predictions with every model present.
fn media_prediction(rng: &mut Rng, i: usize) -> InferencePrediction {
    let face: Vec<FacePrediction> = (0..4)
        .map(|f| FacePrediction {
            frame: f,
            time: f as f64 / 3.0,
            prob: rng.unit(),
            bbox: BoundingBox {
                x: rng.unit() * 1000.0,
                y: rng.unit() * 1000.0,
                w: rng.unit() * 500.0,
                h: rng.unit() * 500.0,
            },
            emotions: scores(rng, EXPRESSIONS_48),
            facs: Some(scores(
                rng,
                &[
                    "AU1 Inner Brow Raise",
                    "AU2 Outer Brow Raise",
                    "AU4 Brow Lowerer",
                ],
            )),
            descriptions: if f % 2 == 0 {
                Some(scores(rng, &["Smile", "Frown", "Wink"]))
            } else {
                None
            },
        })
        .collect();
    let burst = vec![BurstPrediction {
        time: interval(rng),
        emotions: scores(rng, EXPRESSIONS_48),
        descriptions: scores(rng, BURST_DESCRIPTIONS_67),
    }];
    let prosody: Vec<ProsodyPrediction> = (0..2)
        .map(|k| ProsodyPrediction {
            text: (k == 0).then(|| "Hello, is anyone there?".to_owned()),
            time: interval(rng),
            confidence: (k == 0).then(|| rng.unit()),
            speaker_confidence: (k == 0).then(|| rng.unit()),
            emotions: scores(rng, EXPRESSIONS_48),
        })
        .collect();
    let language: Vec<LanguagePrediction> = (0..3)
        .map(|w| LanguagePrediction {
            text: "anyone".to_owned(),
            position: TextPosition::new(w * 7, w * 7 + 6),
            time: Some(interval(rng)),
            confidence: Some(rng.unit()),
            speaker_confidence: None,
            emotions: scores(rng, LANGUAGE_EXPRESSIONS_53),
            sentiment: Some(scores(rng, SENTIMENT_LEVELS)),
            toxicity: Some(scores(rng, TOXICITY_NAMES)),
        })
        .collect();
    let ner = vec![NerPrediction {
        entity: "Barack Obama".to_owned(),
        position: TextPosition::new(24, 36),
        entity_confidence: rng.unit(),
        support: rng.unit() * 20.0,
        uri: "https://en.wikipedia.org/wiki/Barack_Obama".to_owned(),
        link_word: "Obama".to_owned(),
        time: Some(interval(rng)),
        confidence: Some(rng.unit()),
        speaker_confidence: Some(rng.unit()),
        emotions: scores(rng, LANGUAGE_EXPRESSIONS_53),
    }];
    let facemesh = vec![FacemeshPrediction {
        emotions: scores(rng, EXPRESSIONS_48),
    }];
    let mut prosody = group(prosody);
    prosody.metadata = metadata();
    let mut language = group(language);
    language.metadata = metadata();
    let mut ner = group(ner);
    ner.metadata = metadata();
    InferencePrediction {
        file: format!("media/{i}.mp4"),
        file_type: None,
        models: ModelsPredictions {
            face: Some(group(face)),
            burst: Some(group(burst)),
            prosody: Some(prosody),
            language: Some(language),
            ner: Some(ner),
            facemesh: Some(group(facemesh)),
            other: Default::default(),
        },
    }
}

/// A raw-text prediction (language only, nulls where real text output has them).
fn text_prediction(rng: &mut Rng, i: usize) -> InferencePrediction {
    InferencePrediction {
        file: (i + 1).to_string(),
        file_type: Some("text".to_owned()),
        models: ModelsPredictions {
            language: Some(group(vec![LanguagePrediction {
                text: "I am so happy today".to_owned(),
                position: TextPosition::new(0, 19),
                time: None,
                confidence: None,
                speaker_confidence: None,
                emotions: scores(rng, LANGUAGE_EXPRESSIONS_53),
                sentiment: None,
                toxicity: None,
            }])),
            ..Default::default()
        },
    }
}

/// Builds the body: URL, file and text sources, per-file errors and one failed source, grown
/// until it reaches [`TARGET_BYTES`].
fn generate() -> Vec<u8> {
    let mut rng = Rng(0x5EED);
    let mut sources = Vec::new();
    let mut size = 0usize;
    let mut n = 0usize;
    while size < TARGET_BYTES {
        let source = match n % 3 {
            0 => Source::url(format!("https://example.com/batch/{n}.zip")),
            1 => Source::File {
                filename: Some(format!("upload-{n}.mp4")),
                content_type: Some("video/mp4".to_owned()),
                md5sum: format!("{:032x}", rng.next()),
            },
            _ => Source::text(),
        };
        let predictions: Vec<InferencePrediction> = (0..10)
            .map(|i| {
                if n % 3 == 2 {
                    text_prediction(&mut rng, i)
                } else {
                    media_prediction(&mut rng, i)
                }
            })
            .collect();
        let result = SourceResult {
            source,
            results: Some(InferenceResults {
                predictions,
                errors: vec![FileError {
                    message: "Transcript confidence below threshold value".to_owned(),
                    file: "media/broken.mp4".to_owned(),
                }],
            }),
            error: None,
        };
        size += serde_json::to_vec(&result).expect("serialise").len() + 1;
        sources.push(result);
        n += 1;
    }
    sources.push(SourceResult {
        source: Source::url("https://example.com/missing.mp4"),
        results: None,
        error: Some("could not download url".to_owned()),
    });
    serde_json::to_vec(&Predictions(sources)).expect("serialise")
}

fn bench(c: &mut Criterion) {
    let body = generate();
    // Sanity: the typed parse succeeds and sees every model.
    let parsed = Predictions::from_response(&body).expect("generated body parses");
    assert!(
        parsed
            .iter_predictions()
            .any(|(_, p)| p.models.face.is_some()
                && p.models.burst.is_some()
                && p.models.prosody.is_some()
                && p.models.language.is_some()
                && p.models.ner.is_some()
                && p.models.facemesh.is_some())
    );
    drop(parsed);
    eprintln!("predictions body: {:.1} MB", body.len() as f64 / 1e6);

    let mut group = c.benchmark_group("predictions_parse");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.sample_size(10);
    // The parse itself; the 50 MB result is dropped outside the timed region.
    group.bench_function("typed Predictions::from_response", |b| {
        b.iter_with_large_drop(|| Predictions::from_response(black_box(&body)).expect("parses"))
    });
    // Parse plus freeing the result, for comparison.
    group.bench_function("typed Predictions::from_response + drop", |b| {
        b.iter(|| Predictions::from_response(black_box(&body)).expect("parses"))
    });
    group.bench_function("serde_json IgnoredAny", |b| {
        b.iter(|| {
            serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&body)).expect("parses")
        })
    });
    group.finish();
    interleaved_ratio(&body);
}

/// Criterion runs one benchmark after the other, so a load spike from another process can
/// land on just one of them. This alternates the two parses round by round and reports the
/// medians, which makes the ratio robust on a shared machine.
fn interleaved_ratio(body: &[u8]) {
    const ROUNDS: usize = 15;
    let mut parse = Vec::with_capacity(ROUNDS);
    let mut parse_drop = Vec::with_capacity(ROUNDS);
    let mut ignored = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let parsed = black_box(Predictions::from_response(black_box(body)).expect("parses"));
        let parsed_at = t.elapsed().as_secs_f64();
        drop(parsed);
        parse.push(parsed_at);
        parse_drop.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        black_box(
            serde_json::from_slice::<serde::de::IgnoredAny>(black_box(body)).expect("parses"),
        );
        ignored.push(t.elapsed().as_secs_f64());
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mib = body.len() as f64 / (1024.0 * 1024.0);
    let typed = mib / median(&mut parse);
    let typed_drop = mib / median(&mut parse_drop);
    let floor = mib / median(&mut ignored);
    eprintln!(
        "interleaved medians over {ROUNDS} rounds: IgnoredAny {floor:.0} MiB/s; typed parse \
         {typed:.0} MiB/s (ratio {:.2}); typed parse + drop {typed_drop:.0} MiB/s (ratio {:.2})",
        typed / floor,
        typed_drop / floor
    );
}

// The macro generates an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::bench);
}
use group::benches;
criterion_main!(benches);
