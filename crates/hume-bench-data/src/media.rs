//! One file's predictions for each kind of input: a video clip, an audio file, a text item.

use hume_models::names::{
    BURST_DESCRIPTIONS_67, EXPRESSIONS_48, LANGUAGE_EXPRESSIONS_53, SENTIMENT_LEVELS,
    TOXICITY_NAMES,
};
use hume_models::predictions::{
    BoundingBox, BurstPrediction, EmotionScore, FacePrediction, FacemeshPrediction,
    GroupedPredictions, InferencePrediction, LanguagePrediction, ModelResult, ModelsPredictions,
    NerPrediction, ProsodyPrediction, TextPosition, TimeInterval, TranscriptionMetadata,
};

use crate::rng::Rng;

/// Words of the synthetic transcripts and text items.
const WORDS: &[&str] = &[
    "well", "I", "think", "that", "we", "should", "probably", "go", "home", "now", "really",
    "great", "idea", "the", "weather", "is", "lovely", "today",
];

/// FACS 2.0 action units reported with `facs: {}` (a sample of the documented names).
const FACS: &[&str] = &[
    "AU1 Inner Brow Raise",
    "AU2 Outer Brow Raise",
    "AU4 Brow Lowerer",
    "AU6 Cheek Raise",
    "AU12 Lip Corner Puller",
];

/// Face descriptions reported with `descriptions: {}` (a sample).
const FACE_DESCRIPTIONS: &[&str] = &["Smile", "Frown", "Wink", "Squint", "Jaw Drop"];

/// One word of a transcript: its text, character span and time.
struct Word {
    text: &'static str,
    position: TextPosition,
    time: TimeInterval,
}

fn scores(rng: &mut Rng, names: &[&str]) -> Vec<EmotionScore> {
    names
        .iter()
        .map(|name| EmotionScore::new(*name, rng.unit()))
        .collect()
}

fn metadata(rng: &mut Rng) -> TranscriptionMetadata {
    TranscriptionMetadata::new(0.9 + rng.unit() * 0.1).with_detected_language("en")
}

/// `count` words spoken over `seconds`, with character offsets as in one joined transcript.
fn transcript(rng: &mut Rng, count: usize, seconds: f64) -> Vec<Word> {
    let mut offset = 0u64;
    #[allow(clippy::cast_precision_loss)]
    let step = seconds / count as f64;
    (0..count)
        .map(|i| {
            let text = WORDS[rng.index(WORDS.len())];
            let begin = offset;
            offset += text.len() as u64 + 1;
            #[allow(clippy::cast_precision_loss)]
            let start = i as f64 * step;
            Word {
                text,
                position: TextPosition::new(begin, begin + text.len() as u64),
                time: TimeInterval::new(start, start + step * 0.9),
            }
        })
        .collect()
}

/// Two identified faces at 3 fps over 10 s; FACS on even frames, descriptions on every third.
fn face(rng: &mut Rng) -> ModelResult<FacePrediction> {
    let groups = (0..2)
        .map(|face| {
            let frames = (0..30u64)
                .map(|i| {
                    let bbox = BoundingBox::new(
                        rng.unit() * 1000.0,
                        rng.unit() * 600.0,
                        80.0 + rng.unit() * 200.0,
                        80.0 + rng.unit() * 200.0,
                    );
                    #[allow(clippy::cast_precision_loss)]
                    let mut frame = FacePrediction::default()
                        .with_frame(i * 10)
                        .with_time(i as f64 / 3.0)
                        .with_prob(0.99 + rng.unit() * 0.01)
                        .with_bbox(bbox)
                        .with_emotions(scores(rng, EXPRESSIONS_48));
                    if i % 2 == 0 {
                        frame = frame.with_facs(scores(rng, FACS));
                    }
                    if i % 3 == 0 {
                        frame = frame.with_descriptions(scores(rng, FACE_DESCRIPTIONS));
                    }
                    frame
                })
                .collect();
            GroupedPredictions::new(format!("face_{face}"), frames)
        })
        .collect();
    ModelResult::new(groups)
}

fn burst(rng: &mut Rng, count: u32) -> ModelResult<BurstPrediction> {
    let bursts = (0..count)
        .map(|i| {
            let begin = f64::from(i) * 4.0 + rng.unit();
            BurstPrediction::default()
                .with_time(TimeInterval::new(begin, begin + 0.4 + rng.unit()))
                .with_emotions(scores(rng, EXPRESSIONS_48))
                .with_descriptions(scores(rng, BURST_DESCRIPTIONS_67))
        })
        .collect();
    ModelResult::new(vec![GroupedPredictions::new("unknown", bursts)])
}

/// One utterance per ten words, by two speakers in turn.
fn prosody_utterances(rng: &mut Rng, words: &[Word]) -> ModelResult<ProsodyPrediction> {
    let mut speakers = [Vec::new(), Vec::new()];
    for (i, chunk) in words.chunks(10).enumerate() {
        let text: Vec<&str> = chunk.iter().map(|w| w.text).collect();
        let (first, last) = (&chunk[0], &chunk[chunk.len() - 1]);
        speakers[i % 2].push(
            ProsodyPrediction::default()
                .with_text(text.join(" "))
                .with_time(TimeInterval::new(first.time.begin, last.time.end))
                .with_confidence(rng.unit())
                .with_speaker_confidence(rng.unit())
                .with_emotions(scores(rng, EXPRESSIONS_48)),
        );
    }
    let [first, second] = speakers;
    ModelResult::new(vec![
        GroupedPredictions::new("speaker_0", first),
        GroupedPredictions::new("speaker_1", second),
    ])
    .with_metadata(metadata(rng))
}

/// Sliding-window prosody (4 s every 2 s): `null` text and confidences.
fn prosody_windows(rng: &mut Rng, seconds: f64) -> ModelResult<ProsodyPrediction> {
    let mut windows = Vec::new();
    let mut begin = 0.0;
    while begin < seconds {
        windows.push(
            ProsodyPrediction::default()
                .with_time(TimeInterval::new(begin, (begin + 4.0).min(seconds)))
                .with_emotions(scores(rng, EXPRESSIONS_48)),
        );
        begin += 2.0;
    }
    ModelResult::new(vec![GroupedPredictions::new("unknown", windows)])
}

/// Timed language on each word; sentiment and toxicity on every fourth.
fn language(rng: &mut Rng, words: &[Word]) -> ModelResult<LanguagePrediction> {
    let predictions = words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let mut prediction = LanguagePrediction::default()
                .with_text(word.text)
                .with_position(word.position)
                .with_time(word.time)
                .with_confidence(rng.unit())
                .with_speaker_confidence(rng.unit())
                .with_emotions(scores(rng, LANGUAGE_EXPRESSIONS_53));
            if i % 4 == 0 {
                prediction = prediction
                    .with_sentiment(scores(rng, SENTIMENT_LEVELS))
                    .with_toxicity(scores(rng, TOXICITY_NAMES));
            }
            prediction
        })
        .collect();
    ModelResult::new(vec![GroupedPredictions::new("speaker_0", predictions)])
        .with_metadata(metadata(rng))
}

fn ner(rng: &mut Rng) -> ModelResult<NerPrediction> {
    let entity = NerPrediction::default()
        .with_entity("London")
        .with_position(TextPosition::new(24, 30))
        .with_entity_confidence(rng.unit())
        .with_support(rng.unit() * 20.0)
        .with_uri("https://en.wikipedia.org/wiki/London")
        .with_link_word("London")
        .with_time(TimeInterval::new(1.5, 1.9))
        .with_confidence(rng.unit())
        .with_speaker_confidence(rng.unit())
        .with_emotions(scores(rng, LANGUAGE_EXPRESSIONS_53));
    ModelResult::new(vec![GroupedPredictions::new("speaker_0", vec![entity])])
        .with_metadata(metadata(rng))
}

fn facemesh(rng: &mut Rng) -> ModelResult<FacemeshPrediction> {
    let mesh = FacemeshPrediction::new(scores(rng, EXPRESSIONS_48));
    ModelResult::new(vec![GroupedPredictions::new("unknown", vec![mesh])])
}

/// A 10 s video clip: every model.
pub(crate) fn video_clip(rng: &mut Rng, file: String) -> InferencePrediction {
    let words = transcript(rng, 30, 10.0);
    let models = ModelsPredictions::default()
        .with_face(face(rng))
        .with_burst(burst(rng, 2))
        .with_prosody(prosody_utterances(rng, &words))
        .with_language(language(rng, &words))
        .with_ner(ner(rng))
        .with_facemesh(facemesh(rng));
    InferencePrediction::new(file, models).with_file_type("video")
}

/// A 12 s audio recording: bursts, window prosody, language and NER (no `file_type`).
pub(crate) fn audio_file(rng: &mut Rng, file: String) -> InferencePrediction {
    let words = transcript(rng, 40, 12.0);
    let models = ModelsPredictions::default()
        .with_burst(burst(rng, 3))
        .with_prosody(prosody_windows(rng, 12.0))
        .with_language(language(rng, &words))
        .with_ner(ner(rng));
    InferencePrediction::new(file, models)
}

/// Raw text item `index` (1-based `file`): untimed language per word, `null` metadata.
pub(crate) fn text_item(rng: &mut Rng, index: usize) -> InferencePrediction {
    let words = transcript(rng, 12, 1.0)
        .into_iter()
        .map(|word| {
            LanguagePrediction::default()
                .with_text(word.text)
                .with_position(word.position)
                .with_emotions(scores(rng, LANGUAGE_EXPRESSIONS_53))
        })
        .collect();
    let models = ModelsPredictions::default().with_language(ModelResult::new(vec![
        GroupedPredictions::new("unknown", words),
    ]));
    InferencePrediction::new(index.to_string(), models).with_file_type("text")
}
