//! Named-entity predictions: every capitalised word that does not start its sentence is an
//! entity, linked to itself, with a Wikipedia search URI.

use hume_models::names::LANGUAGE_EXPRESSIONS_53;
use hume_models::{ModelResult, NerConfig, NerPrediction, TextPosition};

use super::context::{FileCtx, group};
use super::scores::{between, scores};
use super::transcript::speaker_id;

/// NER predictions for a file with text or a transcript.
pub(crate) fn ner(ctx: &FileCtx<'_>, config: &NerConfig) -> ModelResult<NerPrediction> {
    let Some(transcript) = ctx.transcript else {
        return ModelResult::default();
    };
    let identify = config.identify_speakers.unwrap_or(false) || ctx.identify_speakers;
    let media = transcript.duration.is_some();
    let entities = transcript.words.iter().filter(|w| {
        w.text.chars().next().is_some_and(char::is_uppercase)
            && !transcript.sentences.iter().any(|s| s.begin == w.begin)
    });
    let pairs = entities.enumerate().map(|(i, word)| {
        let mut rng = ctx.rng("ner", i as u64);
        let mut prediction = NerPrediction::default()
            .with_entity(word.text.clone())
            .with_position(TextPosition::new(word.begin, word.end))
            .with_entity_confidence(f64::from(between(&mut rng, 0.6, 1.0) as f32))
            .with_support(f64::from(between(&mut rng, 0.0, 50.0) as f32))
            .with_uri(format!(
                "https://en.wikipedia.org/wiki/Special:Search?search={}",
                percent_encode(&word.text)
            ))
            .with_link_word(word.text.clone());
        prediction.time = transcript.time_of(word);
        prediction.confidence = media.then(|| f64::from(between(&mut rng, 0.8, 1.0) as f32));
        prediction.speaker_confidence =
            (media && identify).then(|| f64::from(between(&mut rng, 0.7, 1.0) as f32));
        prediction.emotions = scores(LANGUAGE_EXPRESSIONS_53, &mut rng);
        (
            speaker_id(identify, transcript.speaker_of(word)),
            prediction,
        )
    });
    let mut result = ModelResult::new(group(pairs));
    result.metadata = ctx.metadata.clone();
    result
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
