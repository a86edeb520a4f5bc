//! Checking a start-job body against the API definition (SPEC §3), as the real service's
//! request validation does, before it is read into a `JobRequest`.
//!
//! The check works on the raw JSON, because the typed request is tolerant on purpose (open
//! enums, lenient numbers, `null` models read as absent) and would let through exactly what a
//! strict server refuses. Every problem is reported at once, each naming its field:
//!
//! | field | rule |
//! |---|---|
//! | the body | a JSON object |
//! | `models` | an object (or `null`); keys `face`, `burst`, `prosody`, `language`, `ner`, `facemesh` only; each value an object or `null` (`null` = that model off); not every named model `null` |
//! | `models.face.min_face_size` | an integer ≥ 0 (`60.0` is accepted as 60, `60.5` is not) |
//! | `models.face.fps_pred` | a number ≥ 0 |
//! | `models.face.prob_threshold` | a number in 0..=1 |
//! | `models.prosody.granularity`, `models.language.granularity` | `word`, `sentence`, `utterance` or `conversational_turn` |
//! | `models.prosody.window` | an object (or `null`) whose `length` and `step` are numbers ≥ 0.5 |
//! | `transcription.language` | one of the 29 BCP-47 tags of SPEC §3.2, spelled as listed (`en-GB`, not `en-gb`) |
//! | `transcription.confidence_threshold` | a number in 0..=1 |
//! | booleans (`identify_faces`, `save_faces`, `identify_speakers`, `notify`) | `true`, `false` or `null` |
//! | on/off sub-objects (`facs`, `descriptions`, `sentiment`, `toxicity`) | an object or `null` |
//! | `urls`, `text` | arrays of strings (or `null`) |
//! | `callback_url` | a string or `null` |
//!
//! Unknown fields inside a model or at the top level are ignored, as a tolerant server does.
//! Rules that need the typed request (URL schemes, item counts) stay in
//! [`JobRequest::validate`](hume_models::JobRequest::validate).

use hume_models::{Bcp47Tag, Granularity, ModelType, ValidationErrors};
use serde_json::{Map, Value};

/// Every problem of `body` against the definition (empty when it conforms).
pub(crate) fn check(body: &Value) -> ValidationErrors {
    let mut errs = ValidationErrors::new();
    let Some(body) = body.as_object() else {
        errs.push("body", "must be a JSON object");
        return errs;
    };
    for field in ["urls", "text"] {
        match body.get(field) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    if !item.is_string() {
                        errs.push(format!("{field}[{i}]"), "must be a string");
                    }
                }
            }
            Some(_) => errs.push(field, "must be an array of strings"),
        }
    }
    if !matches!(
        body.get("callback_url"),
        None | Some(Value::Null | Value::String(_))
    ) {
        errs.push("callback_url", "must be a string");
    }
    boolean(&mut errs, body, "notify", "notify");
    match body.get("models") {
        None | Some(Value::Null) => {}
        Some(Value::Object(models)) => check_models(&mut errs, models),
        Some(_) => errs.push("models", "must be an object"),
    }
    match body.get("transcription") {
        None | Some(Value::Null) => {}
        Some(Value::Object(t)) => {
            match t.get("language") {
                None | Some(Value::Null) => {}
                Some(Value::String(tag)) if is_documented_tag(tag) => {}
                Some(other) => errs.push(
                    "transcription.language",
                    format!(
                        "unknown language {other}: use one of {}",
                        Bcp47Tag::ALL.map(|t| t.as_str().to_owned()).join(", ")
                    ),
                ),
            }
            boolean(
                &mut errs,
                t,
                "identify_speakers",
                "transcription.identify_speakers",
            );
            number(
                &mut errs,
                t,
                "confidence_threshold",
                "transcription.confidence_threshold",
                Range::Unit,
            );
        }
        Some(_) => errs.push("transcription", "must be an object or null"),
    }
    errs
}

/// Is `tag` one of the documented tags, spelled exactly as listed?
fn is_documented_tag(tag: &str) -> bool {
    Bcp47Tag::ALL.iter().any(|t| t.as_str() == tag)
}

fn check_models(errs: &mut ValidationErrors, models: &Map<String, Value>) {
    let mut any_on = false;
    for (key, value) in models {
        let Some(model) = ModelType::ALL.into_iter().find(|m| m.as_str() == key) else {
            errs.push(
                format!("models.{key}"),
                format!(
                    "unknown model: use {}",
                    ModelType::ALL.map(ModelType::as_str).join(", ")
                ),
            );
            continue;
        };
        let config = match value {
            Value::Null => continue,
            Value::Object(config) => config,
            _ => {
                errs.push(format!("models.{key}"), "must be an object or null");
                continue;
            }
        };
        any_on = true;
        let path = |field: &str| format!("models.{key}.{field}");
        match model {
            ModelType::Face => {
                number(
                    errs,
                    config,
                    "fps_pred",
                    &path("fps_pred"),
                    Range::NonNegative,
                );
                number(
                    errs,
                    config,
                    "prob_threshold",
                    &path("prob_threshold"),
                    Range::Unit,
                );
                match config.get("min_face_size") {
                    None | Some(Value::Null) => {}
                    Some(v) if whole_non_negative(v) => {}
                    Some(v) => errs.push(
                        path("min_face_size"),
                        format!("must be an integer >= 0 (pixels), got {v}"),
                    ),
                }
                boolean(errs, config, "identify_faces", &path("identify_faces"));
                boolean(errs, config, "save_faces", &path("save_faces"));
                switch(errs, config, "facs", &path("facs"));
                switch(errs, config, "descriptions", &path("descriptions"));
            }
            ModelType::Prosody => {
                granularity(errs, config, &path("granularity"));
                boolean(
                    errs,
                    config,
                    "identify_speakers",
                    &path("identify_speakers"),
                );
                match config.get("window") {
                    None | Some(Value::Null) => {}
                    Some(Value::Object(window)) => {
                        for field in ["length", "step"] {
                            number(
                                errs,
                                window,
                                field,
                                &path(&format!("window.{field}")),
                                Range::Window,
                            );
                        }
                    }
                    Some(_) => errs.push(path("window"), "must be an object or null"),
                }
            }
            ModelType::Language => {
                granularity(errs, config, &path("granularity"));
                boolean(
                    errs,
                    config,
                    "identify_speakers",
                    &path("identify_speakers"),
                );
                switch(errs, config, "sentiment", &path("sentiment"));
                switch(errs, config, "toxicity", &path("toxicity"));
            }
            ModelType::Ner => {
                boolean(
                    errs,
                    config,
                    "identify_speakers",
                    &path("identify_speakers"),
                );
            }
            // Burst and facemesh take no options; any other model key was refused above.
            _ => {}
        }
    }
    if !models.is_empty() && !any_on && errs.is_empty() {
        errs.push(
            "models",
            "every model given is null (switched off), so nothing would run: enable one, or \
             leave models out to run them all",
        );
    }
}

/// A JSON integer ≥ 0 that fits `u32`, or a float with no fractional part in that range.
fn whole_non_negative(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.as_u64().map_or_else(
            || {
                n.as_f64()
                    .is_some_and(|f| f >= 0.0 && f.fract() == 0.0 && f <= f64::from(u32::MAX))
            },
            |u| u <= u64::from(u32::MAX),
        ),
        _ => false,
    }
}

#[derive(Clone, Copy)]
enum Range {
    NonNegative,
    Unit,
    Window,
}

fn number(
    errs: &mut ValidationErrors,
    obj: &Map<String, Value>,
    key: &str,
    path: &str,
    range: Range,
) {
    let v = match obj.get(key) {
        None | Some(Value::Null) => return,
        Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
        Some(other) => {
            errs.push(path, format!("must be a number, got {other}"));
            return;
        }
    };
    let problem = match range {
        Range::NonNegative if v.is_nan() || v < 0.0 => Some("must be >= 0"),
        Range::Unit if !(0.0..=1.0).contains(&v) => Some("must be between 0 and 1"),
        Range::Window if v.is_nan() || v < hume_models::MIN_WINDOW_SECONDS => {
            Some("must be at least 0.5 seconds")
        }
        _ => None,
    };
    if let Some(problem) = problem {
        errs.push(path, format!("{problem}, got {v}"));
    }
}

fn boolean(errs: &mut ValidationErrors, obj: &Map<String, Value>, key: &str, path: &str) {
    if !matches!(obj.get(key), None | Some(Value::Null | Value::Bool(_))) {
        errs.push(path, "must be true or false");
    }
}

/// An on/off sub-object (`{}` on, `null` or absent off).
fn switch(errs: &mut ValidationErrors, obj: &Map<String, Value>, key: &str, path: &str) {
    if !matches!(obj.get(key), None | Some(Value::Null | Value::Object(_))) {
        errs.push(path, "must be an object ({} turns it on) or null");
    }
}

fn granularity(errs: &mut ValidationErrors, obj: &Map<String, Value>, path: &str) {
    match obj.get("granularity") {
        None | Some(Value::Null) => {}
        Some(Value::String(g)) if Granularity::ALL.iter().any(|k| k.as_str() == g) => {}
        Some(other) => errs.push(
            path,
            format!(
                "unknown granularity {other}: use {}",
                Granularity::ALL.map(|g| g.as_str().to_owned()).join(", ")
            ),
        ),
    }
}

#[cfg(test)]
mod tests;
