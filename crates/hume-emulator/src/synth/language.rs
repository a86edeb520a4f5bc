//! Language predictions on the words of the text (or transcript), following the granularity:
//! `word` gives one per word, `sentence` and `utterance` one per sentence,
//! `conversational_turn` one per speaker turn (the whole passage for text input). Positions
//! are character offsets into the text item (end exclusive). For text input `time`,
//! `confidence` and `speaker_confidence` are `null` and `metadata` is `null`.

use hume_models::names::{LANGUAGE_EXPRESSIONS_53, SENTIMENT_LEVELS, TOXICITY_NAMES};
use hume_models::{LanguageConfig, LanguagePrediction, ModelResult, TextPosition};

use super::context::{FileCtx, group};
use super::lexicon::apply_cues;
use super::scores::{between, distribution, scores};
use super::transcript::speaker_id;

/// Language predictions for a file with text or a transcript.
pub(crate) fn language(
    ctx: &FileCtx<'_>,
    config: &LanguageConfig,
) -> ModelResult<LanguagePrediction> {
    let Some(transcript) = ctx.transcript else {
        return ModelResult::default();
    };
    let identify = config.identify_speakers.unwrap_or(false) || ctx.identify_speakers;
    let media = transcript.duration.is_some();
    let pairs = transcript
        .units(config.granularity.as_ref())
        .into_iter()
        .enumerate()
        .map(|(i, unit)| {
            let mut rng = ctx.rng("language", i as u64);
            let speaker = transcript.speaker_of(&unit);
            let mut emotions = scores(LANGUAGE_EXPRESSIONS_53, &mut rng);
            apply_cues(&unit.text, &transcript.text, &mut emotions, &mut rng);
            let mut prediction = LanguagePrediction::default()
                .with_position(TextPosition::new(unit.begin, unit.end));
            prediction.time = transcript.time_of(&unit);
            prediction.confidence = media.then(|| f64::from(between(&mut rng, 0.8, 1.0) as f32));
            prediction.speaker_confidence =
                (media && identify).then(|| f64::from(between(&mut rng, 0.7, 1.0) as f32));
            prediction.emotions = emotions;
            prediction.sentiment = config
                .sentiment
                .as_ref()
                .map(|_| distribution(SENTIMENT_LEVELS, &mut rng));
            prediction.toxicity = config
                .toxicity
                .as_ref()
                .map(|_| scores(TOXICITY_NAMES, &mut rng));
            prediction.text = unit.text;
            (speaker_id(identify, speaker), prediction)
        });
    let mut result = ModelResult::new(group(pairs));
    result.metadata = ctx.metadata.clone();
    result
}
