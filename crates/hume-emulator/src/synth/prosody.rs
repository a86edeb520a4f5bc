//! Prosody predictions: one per transcript unit of the granularity, or per window.
//!
//! With `window` set — or when transcription is disabled (`transcription: null`, then the
//! default window of 4 s every 1 s is used) — segments of `length` seconds start every
//! `step` seconds from 0 while the start is before the end of the media, clipped to it; their
//! `text`, `confidence` and `speaker_confidence` are `null`. Otherwise each word, sentence or
//! turn of the transcript gives one prediction with its text and time.

use hume_models::names::EXPRESSIONS_48;
use hume_models::{ModelResult, ProsodyConfig, ProsodyPrediction, TimeInterval};

use super::context::{FileCtx, group};
use super::scores::{between, round3, scores};
use super::transcript::speaker_id;

/// Default window length and step in seconds.
const DEFAULT_WINDOW: (f64, f64) = (4.0, 1.0);

/// Prosody predictions for a file with sound.
pub(crate) fn prosody(ctx: &FileCtx<'_>, config: &ProsodyConfig) -> ModelResult<ProsodyPrediction> {
    let identify = config.identify_speakers.unwrap_or(false) || ctx.identify_speakers;
    let window = match (&config.window, ctx.transcript) {
        (Some(w), _) => Some((
            w.length.unwrap_or(DEFAULT_WINDOW.0),
            w.step.unwrap_or(DEFAULT_WINDOW.1),
        )),
        (None, None) => Some(DEFAULT_WINDOW),
        (None, Some(_)) => None,
    };
    if let Some((length, step)) = window {
        let step = step.max(0.1);
        let mut pairs = Vec::new();
        let mut i = 0u64;
        while (i as f64) * step < ctx.duration {
            let begin = i as f64 * step;
            let mut rng = ctx.rng("prosody-window", i);
            let prediction = ProsodyPrediction::default()
                .with_time(TimeInterval::new(
                    round3(begin),
                    round3((begin + length).min(ctx.duration)),
                ))
                .with_emotions(scores(EXPRESSIONS_48, &mut rng));
            pairs.push(("unknown".to_owned(), prediction));
            i += 1;
        }
        return ModelResult::new(group(pairs));
    }
    let Some(transcript) = ctx.transcript else {
        return ModelResult::default();
    };
    let pairs = transcript
        .units(config.granularity.as_ref())
        .into_iter()
        .enumerate()
        .map(|(i, unit)| {
            let mut rng = ctx.rng("prosody", i as u64);
            let speaker = transcript.speaker_of(&unit);
            let mut prediction = ProsodyPrediction::default()
                .with_time(transcript.time_of(&unit).unwrap_or_default())
                .with_confidence(f64::from(between(&mut rng, 0.8, 1.0) as f32));
            prediction.speaker_confidence =
                identify.then(|| f64::from(between(&mut rng, 0.7, 1.0) as f32));
            prediction.emotions = scores(EXPRESSIONS_48, &mut rng);
            prediction.text = Some(unit.text);
            (speaker_id(identify, speaker), prediction)
        });
    let mut result = ModelResult::new(group(pairs));
    result.metadata = ctx.metadata.clone();
    result
}
