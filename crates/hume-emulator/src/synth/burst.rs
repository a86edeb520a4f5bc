//! Vocal burst predictions: 1–3 short bursts per audio track, each with the 48 expressions and
//! the 67 burst descriptions.

use hume_models::names::{BURST_DESCRIPTIONS_67, EXPRESSIONS_48};
use hume_models::{BurstPrediction, ModelResult, TimeInterval};

use super::context::{FileCtx, group};
use super::scores::{between, round3, scores};

/// Burst predictions for a file with sound.
pub(crate) fn burst(ctx: &FileCtx<'_>) -> ModelResult<BurstPrediction> {
    let count = 1 + (ctx.key % 3);
    let slot = ctx.duration / count as f64;
    let pairs = (0..count).map(|i| {
        let mut rng = ctx.rng("burst", i);
        let begin = i as f64 * slot + between(&mut rng, 0.0, slot * 0.5);
        let end = (begin + between(&mut rng, 0.3, 1.5)).min(ctx.duration);
        let prediction = BurstPrediction::default()
            .with_time(TimeInterval::new(round3(begin), round3(end)))
            .with_emotions(scores(EXPRESSIONS_48, &mut rng))
            .with_descriptions(scores(BURST_DESCRIPTIONS_67, &mut rng));
        ("unknown".to_owned(), prediction)
    });
    ModelResult::new(group(pairs))
}
