//! Turning typed batch predictions of every model into [`Segment`]s: the only place that knows
//! the six prediction shapes (v1 responses: [`crate::measurements`]).

use hume_models::predictions::{
    BurstPrediction, EmotionScore, FacePrediction, FacemeshPrediction, InferencePrediction,
    LanguagePrediction, ModelResult, ModelsPredictions, NerPrediction, ProsodyPrediction,
    TextPosition, TimeInterval,
};
use hume_models::{ModelType, Predictions};

use crate::model::Model;
use crate::score_list::ScoreList;
use crate::segment::{PredictionRef, Segment, Timing};

/// What each model's prediction type contributes to a [`Segment`].
trait AsSegment {
    const MODEL: Model;
    fn frame(&self) -> Option<u64> {
        None
    }
    fn timing(&self) -> Timing;
    fn position(&self) -> Option<TextPosition> {
        None
    }
    fn text(&self) -> Option<&str> {
        None
    }
    fn emotions(&self) -> &[EmotionScore];
    fn as_ref(&self) -> PredictionRef<'_>;
}

fn span(t: TimeInterval) -> Timing {
    Timing::Span {
        begin: t.begin,
        end: t.end,
    }
}

fn opt_span(t: Option<TimeInterval>) -> Timing {
    t.map_or(Timing::Untimed, span)
}

impl AsSegment for FacePrediction {
    const MODEL: Model = Model::Face;
    fn frame(&self) -> Option<u64> {
        Some(self.frame)
    }
    fn timing(&self) -> Timing {
        Timing::Point(self.time)
    }
    fn emotions(&self) -> &[EmotionScore] {
        &self.emotions
    }
    fn as_ref(&self) -> PredictionRef<'_> {
        PredictionRef::Face(self)
    }
}

impl AsSegment for BurstPrediction {
    const MODEL: Model = Model::Burst;
    fn timing(&self) -> Timing {
        span(self.time)
    }
    fn emotions(&self) -> &[EmotionScore] {
        &self.emotions
    }
    fn as_ref(&self) -> PredictionRef<'_> {
        PredictionRef::Burst(self)
    }
}

impl AsSegment for ProsodyPrediction {
    const MODEL: Model = Model::Prosody;
    fn timing(&self) -> Timing {
        span(self.time)
    }
    fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }
    fn emotions(&self) -> &[EmotionScore] {
        &self.emotions
    }
    fn as_ref(&self) -> PredictionRef<'_> {
        PredictionRef::Prosody(self)
    }
}

impl AsSegment for LanguagePrediction {
    const MODEL: Model = Model::Language;
    fn timing(&self) -> Timing {
        opt_span(self.time)
    }
    fn position(&self) -> Option<TextPosition> {
        Some(self.position)
    }
    fn text(&self) -> Option<&str> {
        Some(&self.text)
    }
    fn emotions(&self) -> &[EmotionScore] {
        &self.emotions
    }
    fn as_ref(&self) -> PredictionRef<'_> {
        PredictionRef::Language(self)
    }
}

impl AsSegment for NerPrediction {
    const MODEL: Model = Model::Ner;
    fn timing(&self) -> Timing {
        opt_span(self.time)
    }
    fn position(&self) -> Option<TextPosition> {
        Some(self.position)
    }
    fn text(&self) -> Option<&str> {
        Some(&self.entity)
    }
    fn emotions(&self) -> &[EmotionScore] {
        &self.emotions
    }
    fn as_ref(&self) -> PredictionRef<'_> {
        PredictionRef::Ner(self)
    }
}

impl AsSegment for FacemeshPrediction {
    const MODEL: Model = Model::Facemesh;
    fn timing(&self) -> Timing {
        Timing::Untimed
    }
    fn emotions(&self) -> &[EmotionScore] {
        &self.emotions
    }
    fn as_ref(&self) -> PredictionRef<'_> {
        PredictionRef::Facemesh(self)
    }
}

fn result_segments<'a, P: AsSegment>(
    source: &'a str,
    file: &'a str,
    result: Option<&'a ModelResult<P>>,
) -> impl Iterator<Item = Segment<'a>> + 'a {
    result
        .into_iter()
        .flat_map(|r| r.grouped_predictions.iter())
        .flat_map(move |g| {
            g.predictions.iter().map(move |p| Segment {
                source,
                file,
                model: P::MODEL,
                group: &g.id,
                frame: p.frame(),
                timing: p.timing(),
                position: p.position(),
                text: p.text(),
                emotions: ScoreList::Batch(p.emotions()),
                prediction: p.as_ref(),
            })
        })
}

/// Every segment of one model of one file, in delivery order (group by group).
pub fn model_segments<'a>(
    source: &'a str,
    file: &'a str,
    models: &'a ModelsPredictions,
    model: ModelType,
) -> Box<dyn Iterator<Item = Segment<'a>> + 'a> {
    match model {
        ModelType::Face => Box::new(result_segments(source, file, models.face.as_ref())),
        ModelType::Burst => Box::new(result_segments(source, file, models.burst.as_ref())),
        ModelType::Prosody => Box::new(result_segments(source, file, models.prosody.as_ref())),
        ModelType::Language => Box::new(result_segments(source, file, models.language.as_ref())),
        ModelType::Ner => Box::new(result_segments(source, file, models.ner.as_ref())),
        ModelType::Facemesh => Box::new(result_segments(source, file, models.facemesh.as_ref())),
        // A model added to hume-models later has no segments until this crate reads it.
        _ => Box::new(std::iter::empty()),
    }
}

/// Every segment of every model of one file, model by model in [`ModelType::ALL`] order.
pub fn prediction_segments<'a>(
    source: &'a str,
    prediction: &'a InferencePrediction,
) -> impl Iterator<Item = Segment<'a>> + 'a {
    ModelType::ALL
        .into_iter()
        .flat_map(move |m| model_segments(source, &prediction.file, &prediction.models, m))
}

/// Every segment of the whole response: source by source, file by file, model by model.
pub fn segments(predictions: &Predictions) -> impl Iterator<Item = Segment<'_>> {
    predictions.iter().flat_map(|s| {
        let label = s.source.label();
        s.predictions()
            .iter()
            .flat_map(move |p| prediction_segments(label, p))
    })
}
