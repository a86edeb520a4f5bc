//! A realistic, deterministic predictions body of a chosen size, written straight to a file.
//!
//! Video URL sources (every model: face with two identified faces at 3 fps, vocal bursts,
//! prosody utterances, language words and entities on the transcript, facemesh), uploaded
//! audio files (burst, prosody, language, NER) and raw-text sources (untimed language), each
//! with 48 or 53 scores per segment printed with full `f64` precision like the API's, plus
//! per-file errors and one failed source. Sources are serialised one at a time, so the
//! generator never holds the whole body.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use hume_models::names::{BURST_DESCRIPTIONS_67, EXPRESSIONS_48, LANGUAGE_EXPRESSIONS_53};
use hume_models::predictions::{
    BoundingBox, BurstPrediction, EmotionScore, FacePrediction, FacemeshPrediction, FileError,
    GroupedPredictions, InferencePrediction, InferenceResults, LanguagePrediction, ModelResult,
    ModelsPredictions, NerPrediction, ProsodyPrediction, Source, SourceResult, TextPosition,
    TimeInterval, TranscriptionMetadata,
};

/// Words of the synthetic transcripts.
const WORDS: &[&str] = &[
    "well", "I", "think", "that", "we", "should", "probably", "go", "home", "now", "really",
    "great", "idea", "the", "weather", "is", "lovely", "today",
];

/// Writes a predictions body of at least `target_bytes` to `path`; returns its exact size.
///
/// # Errors
/// Any I/O error creating or writing the file.
pub fn write_predictions(path: &Path, target_bytes: u64) -> io::Result<u64> {
    let mut out = CountingWriter {
        inner: BufWriter::with_capacity(1 << 20, File::create(path)?),
        written: 0,
    };
    let mut rng = Rng(0x5EED_CAFE);
    out.write_all(b"[")?;
    let mut n = 0usize;
    while out.written < target_bytes {
        if n > 0 {
            out.write_all(b",")?;
        }
        let source = match n % 4 {
            3 => text_source(&mut rng, n),
            2 => audio_source(&mut rng, n),
            _ => video_source(&mut rng, n),
        };
        serde_json::to_writer(&mut out, &source)?;
        n += 1;
    }
    let failed = SourceResult {
        source: Source::url("https://example.com/unreachable/missing.mp4"),
        results: None,
        error: Some("Failed to download file from URL".to_owned()),
    };
    out.write_all(b",")?;
    serde_json::to_writer(&mut out, &failed)?;
    out.write_all(b"]")?;
    out.flush()?;
    Ok(out.written)
}

/// A tiny deterministic generator (SplitMix64), so every run serves the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in [0, 1) with 53 random bits (printed in full, like the API's scores).
    #[allow(clippy::cast_precision_loss)]
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn scores(rng: &mut Rng, names: &[&str]) -> Vec<EmotionScore> {
    names
        .iter()
        .map(|name| EmotionScore::new(*name, rng.unit()))
        .collect()
}

fn grouped<P>(id: &str, predictions: Vec<P>) -> GroupedPredictions<P> {
    GroupedPredictions {
        id: id.to_owned(),
        predictions,
    }
}

fn result<P>(
    metadata: Option<TranscriptionMetadata>,
    groups: Vec<GroupedPredictions<P>>,
) -> ModelResult<P> {
    ModelResult {
        metadata,
        grouped_predictions: groups,
    }
}

fn transcript_metadata(rng: &mut Rng) -> Option<TranscriptionMetadata> {
    Some(TranscriptionMetadata {
        confidence: 0.9 + rng.unit() * 0.1,
        detected_language: Some("en".to_owned()),
    })
}

/// Words of a transcript with their character positions and times.
fn words(rng: &mut Rng, count: usize, seconds: f64) -> Vec<(String, TextPosition, TimeInterval)> {
    let mut offset = 0u64;
    #[allow(clippy::cast_precision_loss)]
    let step = seconds / count as f64;
    (0..count)
        .map(|i| {
            let word = WORDS[(rng.next() % WORDS.len() as u64) as usize];
            let begin = offset;
            offset += word.len() as u64 + 1;
            #[allow(clippy::cast_precision_loss)]
            let start = i as f64 * step;
            (
                word.to_owned(),
                TextPosition::new(begin, begin + word.len() as u64),
                TimeInterval::new(start, start + step * 0.9),
            )
        })
        .collect()
}

fn face(rng: &mut Rng) -> ModelResult<FacePrediction> {
    let groups = (0..2)
        .map(|face| {
            let frames = (0..30u64)
                .map(|frame| FacePrediction {
                    frame: frame * 10,
                    #[allow(clippy::cast_precision_loss)]
                    time: frame as f64 / 3.0,
                    prob: 0.99 + rng.unit() * 0.01,
                    bbox: BoundingBox {
                        x: rng.unit() * 1000.0,
                        y: rng.unit() * 600.0,
                        w: 80.0 + rng.unit() * 200.0,
                        h: 80.0 + rng.unit() * 200.0,
                    },
                    emotions: scores(rng, EXPRESSIONS_48),
                    facs: None,
                    descriptions: None,
                })
                .collect();
            grouped(&format!("face_{face}"), frames)
        })
        .collect();
    result(None, groups)
}

fn burst(rng: &mut Rng) -> ModelResult<BurstPrediction> {
    let bursts = (0..2)
        .map(|i| {
            let begin = f64::from(i) * 4.0 + rng.unit();
            BurstPrediction {
                time: TimeInterval::new(begin, begin + 0.4 + rng.unit()),
                emotions: scores(rng, EXPRESSIONS_48),
                descriptions: scores(rng, BURST_DESCRIPTIONS_67),
            }
        })
        .collect();
    result(None, vec![grouped("unknown", bursts)])
}

fn prosody(
    rng: &mut Rng,
    transcript: &[(String, TextPosition, TimeInterval)],
) -> ModelResult<ProsodyPrediction> {
    let utterances = transcript
        .chunks(10)
        .map(|chunk| {
            let text: Vec<&str> = chunk.iter().map(|(w, _, _)| w.as_str()).collect();
            ProsodyPrediction {
                text: Some(text.join(" ")),
                time: TimeInterval::new(chunk[0].2.begin, chunk[chunk.len() - 1].2.end),
                confidence: Some(rng.unit()),
                speaker_confidence: Some(rng.unit()),
                emotions: scores(rng, EXPRESSIONS_48),
            }
        })
        .collect();
    result(
        transcript_metadata(rng),
        vec![grouped("speaker_0", utterances)],
    )
}

fn language(
    rng: &mut Rng,
    transcript: &[(String, TextPosition, TimeInterval)],
) -> ModelResult<LanguagePrediction> {
    let words = transcript
        .iter()
        .map(|(word, position, time)| LanguagePrediction {
            text: word.clone(),
            position: *position,
            time: Some(*time),
            confidence: Some(rng.unit()),
            speaker_confidence: Some(rng.unit()),
            emotions: scores(rng, LANGUAGE_EXPRESSIONS_53),
            sentiment: None,
            toxicity: None,
        })
        .collect();
    result(transcript_metadata(rng), vec![grouped("speaker_0", words)])
}

fn ner(rng: &mut Rng) -> ModelResult<NerPrediction> {
    let entities = vec![NerPrediction {
        entity: "London".to_owned(),
        position: TextPosition::new(24, 30),
        entity_confidence: rng.unit(),
        support: rng.unit() * 20.0,
        uri: "https://en.wikipedia.org/wiki/London".to_owned(),
        link_word: "London".to_owned(),
        time: Some(TimeInterval::new(1.5, 1.9)),
        confidence: Some(rng.unit()),
        speaker_confidence: Some(rng.unit()),
        emotions: scores(rng, LANGUAGE_EXPRESSIONS_53),
    }];
    result(
        transcript_metadata(rng),
        vec![grouped("speaker_0", entities)],
    )
}

fn facemesh(rng: &mut Rng) -> ModelResult<FacemeshPrediction> {
    let meshes = vec![FacemeshPrediction {
        emotions: scores(rng, EXPRESSIONS_48),
    }];
    result(None, vec![grouped("unknown", meshes)])
}

fn file_error(file: &str) -> FileError {
    FileError {
        message: "Transcript confidence below threshold value".to_owned(),
        file: file.to_owned(),
    }
}

/// A zip of three videos behind a URL, every model on each.
fn video_source(rng: &mut Rng, n: usize) -> SourceResult {
    let predictions = (0..3)
        .map(|i| {
            let transcript = words(rng, 30, 10.0);
            InferencePrediction {
                file: format!("clips-{n}/{i}.mp4"),
                file_type: Some("video".to_owned()),
                models: ModelsPredictions {
                    face: Some(face(rng)),
                    burst: Some(burst(rng)),
                    prosody: Some(prosody(rng, &transcript)),
                    language: Some(language(rng, &transcript)),
                    ner: Some(ner(rng)),
                    facemesh: Some(facemesh(rng)),
                    other: Default::default(),
                },
            }
        })
        .collect();
    SourceResult {
        source: Source::url(format!("https://example.com/batch/clips-{n}.zip")),
        results: Some(InferenceResults {
            predictions,
            errors: vec![file_error(&format!("clips-{n}/corrupt.mp4"))],
        }),
        error: None,
    }
}

/// An uploaded audio file: burst, prosody, language and NER.
fn audio_source(rng: &mut Rng, n: usize) -> SourceResult {
    let transcript = words(rng, 40, 12.0);
    let prediction = InferencePrediction {
        file: format!("interview-{n}.wav"),
        file_type: Some("audio".to_owned()),
        models: ModelsPredictions {
            burst: Some(burst(rng)),
            prosody: Some(prosody(rng, &transcript)),
            language: Some(language(rng, &transcript)),
            ner: Some(ner(rng)),
            ..Default::default()
        },
    };
    SourceResult {
        source: Source::File {
            filename: Some(format!("interview-{n}.wav")),
            content_type: Some("audio/wav".to_owned()),
            md5sum: format!("{:016x}{:016x}", rng.next(), rng.next()),
        },
        results: Some(InferenceResults {
            predictions: vec![prediction],
            errors: Vec::new(),
        }),
        error: None,
    }
}

/// Raw text items: untimed language predictions, one per word.
fn text_source(rng: &mut Rng, _n: usize) -> SourceResult {
    let predictions = (0..5)
        .map(|item| {
            let transcript = words(rng, 12, 1.0);
            let words = transcript
                .into_iter()
                .map(|(text, position, _)| LanguagePrediction {
                    text,
                    position,
                    time: None,
                    confidence: None,
                    speaker_confidence: None,
                    emotions: scores(rng, LANGUAGE_EXPRESSIONS_53),
                    sentiment: None,
                    toxicity: None,
                })
                .collect();
            InferencePrediction {
                file: (item + 1).to_string(),
                file_type: Some("text".to_owned()),
                models: ModelsPredictions {
                    language: Some(result(None, vec![grouped("unknown", words)])),
                    ..Default::default()
                },
            }
        })
        .collect();
    SourceResult {
        source: Source::text(),
        results: Some(InferenceResults {
            predictions,
            errors: Vec::new(),
        }),
        error: None,
    }
}

/// Counts the bytes that go through it.
struct CountingWriter<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests;
