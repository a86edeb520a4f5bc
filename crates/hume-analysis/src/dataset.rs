//! [`Dataset`]: what every analysis reads, batch predictions or v1 measurements, as a list of
//! file results ([`FileView`]) and the failures beside them.

use hume_models::Predictions;
use hume_models::predictions::InferencePrediction;

use crate::export::ExportError;
use crate::measurements::{MeasuredFile, Measurements};
use crate::model::Model;
use crate::segment::Segment;
use crate::segments::model_segments;

/// Input of the analyses: [`Predictions`] (batch), [`Measurements`] (v1) or a
/// [`Document`](crate::Document) holding either. [`select`](crate::select),
/// [`summarize`](crate::summary::summarize) and [`render_svg`](crate::plot::render_svg)
/// take any of them.
pub trait Dataset {
    /// Every file result, in input order.
    fn file_results(&self) -> Vec<FileView<'_>>;
    /// The sources, files and records that have no result, with why.
    fn failures(&self) -> Vec<ExportError>;
}

/// One file's results: a batch prediction (every model) or a v1 response (one endpoint).
#[derive(Debug, Clone, Copy)]
pub struct FileView<'a>(View<'a>);

#[derive(Debug, Clone, Copy)]
enum View<'a> {
    Batch(&'a str, &'a InferencePrediction),
    Measured(&'a MeasuredFile),
}

impl<'a> FileView<'a> {
    /// A batch prediction of the source labelled `source`.
    pub fn batch(source: &'a str, prediction: &'a InferencePrediction) -> Self {
        FileView(View::Batch(source, prediction))
    }

    /// A v1 response.
    pub fn measured(file: &'a MeasuredFile) -> Self {
        FileView(View::Measured(file))
    }

    /// The source label (batch: URL, file name or `text`; v1: the `run_id`).
    pub fn source(&self) -> &'a str {
        match self.0 {
            View::Batch(source, _) => source,
            View::Measured(f) => f.source(),
        }
    }

    /// The file path.
    pub fn file(&self) -> &'a str {
        match self.0 {
            View::Batch(_, p) => &p.file,
            View::Measured(f) => f.file(),
        }
    }

    /// The models it has results for, in [`Model::ALL`] order.
    pub fn models(&self) -> Vec<Model> {
        match self.0 {
            View::Batch(_, p) => p
                .models
                .model_types()
                .into_iter()
                .map(Model::from)
                .collect(),
            View::Measured(f) => vec![f.model()],
        }
    }

    /// Has it results for `model`?
    pub fn contains(&self, model: Model) -> bool {
        match self.0 {
            View::Batch(_, p) => model.batch().is_some_and(|m| p.models.contains(m)),
            View::Measured(f) => f.model() == model,
        }
    }

    /// The segments of one model, in delivery order.
    pub fn segments(&self, model: Model) -> Box<dyn Iterator<Item = Segment<'a>> + 'a> {
        match (self.0, model.batch()) {
            (View::Batch(source, p), Some(m)) => model_segments(source, &p.file, &p.models, m),
            (View::Measured(f), _) if f.model() == model => f.segments(),
            _ => Box::new(std::iter::empty()),
        }
    }

    /// Every segment, model by model in [`Model::ALL`] order.
    pub fn all_segments(&self) -> impl Iterator<Item = Segment<'a>> + 'a {
        let view = *self;
        Model::ALL.into_iter().flat_map(move |m| view.segments(m))
    }

    /// The media's extent in seconds, `[0 (or earlier), latest time]` over every model (v1
    /// audio: `[0, duration]`); `None` when nothing has a time.
    pub fn media_extent(&self) -> Option<(f64, f64)> {
        match self.0 {
            View::Batch(_, p) => crate::window::media_extent(p),
            View::Measured(f) => f.media_extent(),
        }
    }
}

impl Dataset for Predictions {
    fn file_results(&self) -> Vec<FileView<'_>> {
        self.iter_predictions()
            .map(|(source, p)| FileView::batch(source.label(), p))
            .collect()
    }

    fn failures(&self) -> Vec<ExportError> {
        let mut out = Vec::new();
        for s in self.iter() {
            if let Some(message) = &s.error {
                out.push(ExportError::of_source(&s.source, message));
            }
            for e in s.file_errors() {
                out.push(ExportError::of_file(&s.source, e));
            }
        }
        out
    }
}

impl Dataset for Measurements {
    fn file_results(&self) -> Vec<FileView<'_>> {
        self.files().iter().map(FileView::measured).collect()
    }

    fn failures(&self) -> Vec<ExportError> {
        self.errors().to_vec()
    }
}
