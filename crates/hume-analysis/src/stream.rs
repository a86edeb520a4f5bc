//! Walking a predictions body file by file without building the whole
//! [`Predictions`](hume_models::Predictions).
//!
//! Serde visitors descend the top-level array (`[SourceResult]`), each source's `results`
//! object and its `predictions` array; each element of that array is deserialised as a typed
//! [`InferencePrediction`] (one file, every model), handed to a callback (which may send it to
//! another thread), and dropped once used. Peak memory is therefore one file's typed predictions plus the parser's
//! buffer, whatever the size of the body.
//!
//! A source's `error` and its `results.errors[]` are handed to the callback too, as
//! [`Event::SourceError`] and [`Event::FileError`], and the end of each source as
//! [`Event::SourceEnd`], so a callback can rebuild the typed predictions exactly
//! ([`read_predictions`](crate::read_predictions) does).
//!
//! **One validation.** The walk accepts exactly what `hume_models::Predictions` does (serde's
//! derived rules for `SourceResult` and `InferenceResults`): `source` is required, a known
//! field may not appear twice, unknown fields are ignored, `null` reads as empty. So
//! `export` (which streams rows from this walk) and `summary`/`plot` (which read the typed
//! predictions through it) accept and refuse the same files; the fuzz harness checks the walk
//! against `Predictions::from_response` on random input.
//!
//! `source` normally precedes `results` in a source object. If a body puts it after, that
//! source's predictions are kept until its label is known (correct, just not streamed).

use std::fmt;

use hume_models::predictions::{FileError, InferencePrediction, InferenceResults, Source};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::error::AnalysisError;

/// What the walk finds, with the source it belongs to. Unboxed on purpose: almost every event
/// is a prediction, moved straight on.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Event<'a> {
    /// One file's predictions (owned, so they can be sent on).
    Prediction(&'a Source, InferencePrediction),
    /// The source failed as a whole.
    SourceError(&'a Source, String),
    /// One file of the source failed.
    FileError(&'a Source, FileError),
    /// The source object ended; `results` says whether it had a `results` object (`null` or
    /// absent: no).
    SourceEnd(&'a Source, bool),
}

/// Receives each [`Event`].
pub(crate) type Sink<'s> = dyn FnMut(Event<'_>) -> Result<(), AnalysisError> + 's;

struct Ctx<'c, 's> {
    sink: &'c mut Sink<'s>,
    failure: Option<AnalysisError>,
}

impl Ctx<'_, '_> {
    fn emit<E: de::Error>(&mut self, event: Event<'_>) -> Result<(), E> {
        (self.sink)(event).map_err(|e| {
            self.failure = Some(e);
            E::custom("aborted by the row writer")
        })
    }
}

/// Streams every file's predictions from `de` (a whole body: an array of source results)
/// into `sink`, then checks nothing follows the array. Errors from `sink` come back
/// unchanged; parse errors as [`AnalysisError::Json`].
pub(crate) fn for_each_prediction<'de, R: serde_json::de::Read<'de>>(
    de: &mut serde_json::Deserializer<R>,
    sink: &mut Sink<'_>,
) -> Result<(), AnalysisError> {
    let mut ctx = Ctx {
        sink,
        failure: None,
    };
    let walked = de
        .deserialize_seq(TopVisitor(&mut ctx))
        .and_then(|()| de.end());
    finish(walked, ctx.failure, None)
}

/// [`for_each_prediction`] over the bytes of one element of the top-level array (one source
/// result) that starts at byte `offset` of the body.
pub(crate) fn for_each_prediction_in_source(
    element: &[u8],
    offset: u64,
    sink: &mut Sink<'_>,
) -> Result<(), AnalysisError> {
    let mut ctx = Ctx {
        sink,
        failure: None,
    };
    let mut de = serde_json::Deserializer::from_slice(element);
    let walked = SourceSeed(&mut ctx)
        .deserialize(&mut de)
        .and_then(|()| de.end());
    finish(walked, ctx.failure, Some(offset))
}

fn finish(
    walked: Result<(), serde_json::Error>,
    failure: Option<AnalysisError>,
    element_offset: Option<u64>,
) -> Result<(), AnalysisError> {
    match (walked, failure) {
        (_, Some(failure)) => Err(failure),
        (Err(source), None) => Err(AnalysisError::Json {
            element_offset,
            source,
        }),
        (Ok(()), None) => Ok(()),
    }
}

struct TopVisitor<'a, 'c, 's>(&'a mut Ctx<'c, 's>);

impl<'de> Visitor<'de> for TopVisitor<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of source results")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(SourceSeed(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

struct SourceSeed<'a, 'c, 's>(&'a mut Ctx<'c, 's>);

impl<'de> DeserializeSeed<'de> for SourceSeed<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for SourceSeed<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a source result object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut source: Option<Source> = None;
        let mut pending: Option<Option<InferenceResults>> = None;
        let mut results_seen = false;
        let mut results_present = false;
        let mut error: Option<Option<String>> = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "source" => {
                    if source.is_some() {
                        return Err(de::Error::duplicate_field("source"));
                    }
                    source = Some(map.next_value()?);
                }
                "results" => {
                    if results_seen {
                        return Err(de::Error::duplicate_field("results"));
                    }
                    results_seen = true;
                    match &source {
                        Some(src) => {
                            results_present = map.next_value_seed(ResultsSeed {
                                ctx: &mut *self.0,
                                source: src,
                            })?;
                        }
                        None => pending = Some(map.next_value::<Option<InferenceResults>>()?),
                    }
                }
                "error" => {
                    if error.is_some() {
                        return Err(de::Error::duplicate_field("error"));
                    }
                    error = Some(map.next_value()?);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let Some(src) = source else {
            return Err(de::Error::missing_field("source"));
        };
        if let Some(results) = pending {
            results_present = results.is_some();
            if let Some(results) = results {
                for e in results.errors {
                    self.0.emit(Event::FileError(&src, e))?;
                }
                for p in results.predictions {
                    self.0.emit(Event::Prediction(&src, p))?;
                }
            }
        }
        if let Some(Some(message)) = error {
            self.0.emit(Event::SourceError(&src, message))?;
        }
        self.0.emit(Event::SourceEnd(&src, results_present))?;
        Ok(())
    }
}

struct ResultsSeed<'a, 'c, 's> {
    ctx: &'a mut Ctx<'c, 's>,
    source: &'a Source,
}

impl<'de> DeserializeSeed<'de> for ResultsSeed<'_, '_, '_> {
    /// Whether there was a results object (`null`: no).
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for ResultsSeed<'_, '_, '_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a results object or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let (mut predictions_seen, mut errors_seen) = (false, false);
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "predictions" {
                if predictions_seen {
                    return Err(de::Error::duplicate_field("predictions"));
                }
                predictions_seen = true;
                map.next_value_seed(PredictionsSeed {
                    ctx: &mut *self.ctx,
                    source: self.source,
                })?;
            } else if key == "errors" {
                if errors_seen {
                    return Err(de::Error::duplicate_field("errors"));
                }
                errors_seen = true;
                let errors: Option<Vec<FileError>> = map.next_value()?;
                for e in errors.into_iter().flatten() {
                    self.ctx.emit(Event::FileError(self.source, e))?;
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(true)
    }
}

struct PredictionsSeed<'a, 'c, 's> {
    ctx: &'a mut Ctx<'c, 's>,
    source: &'a Source,
}

impl<'de> DeserializeSeed<'de> for PredictionsSeed<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for PredictionsSeed<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of file predictions or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(p) = seq.next_element::<InferencePrediction>()? {
            self.ctx.emit(Event::Prediction(self.source, p))?;
        }
        Ok(())
    }
}
