//! [`echoes`]: does a job's echoed request say it came from the request we sent?
//!
//! The server echoes the request with its defaults filled in (SPEC.md §4: every model's
//! options, `notify: false`, `callback_url: null`, ...), so the echo is compared with what was
//! *sent*, not for equality: every option the client set must be echoed with the same value
//! (numbers within a relative 1e-6: `0.99` comes back as `0.9900000095367432`), an option the
//! client left out may be anything, and a field the echo leaves out tells nothing. The inputs
//! must be the same: URLs, text items and uploaded files (name and MD5) as multisets, and the
//! same set of models (none sent, or `{}`, means every model).

use hume_models::{InferenceRequest, JobRequest, ModelType, Models, Transcription};
use serde_json::Value;

use super::FileKey;

/// Whether `echo` (a listed job's request) matches `sent` with its uploaded `files`.
pub fn echoes(echo: &InferenceRequest, sent: &JobRequest, files: &[FileKey]) -> bool {
    same_items(&echo.urls, &sent.urls)
        && same_items(&echo.text, &sent.text)
        && same_files(echo, files)
        && same_models(echo.models.as_ref(), sent.models.as_ref())
        && same_transcription(&echo.transcription, &sent.transcription)
        && echo.callback_url == sent.callback_url
        && match (echo.notify, sent.notify) {
            (None, _) => true,
            (Some(echoed), Some(sent)) => echoed == sent,
            (Some(echoed), None) => !echoed,
        }
}

fn same_items(echo: &[String], sent: &[String]) -> bool {
    if echo.len() != sent.len() {
        return false;
    }
    let mut a: Vec<&String> = echo.iter().collect();
    let mut b: Vec<&String> = sent.iter().collect();
    a.sort();
    b.sort();
    a == b
}

fn same_files(echo: &InferenceRequest, files: &[FileKey]) -> bool {
    if echo.files.len() != files.len() {
        return false;
    }
    let mut echoed: Vec<(Option<&str>, String)> = echo
        .files
        .iter()
        .map(|f| (f.filename.as_deref(), f.md5sum.to_ascii_lowercase()))
        .collect();
    let mut sent: Vec<&FileKey> = files.iter().collect();
    sent.sort();
    // Each sent file takes one echoed file with its MD5 and (when echoed) its name.
    for file in sent {
        let Some(at) = echoed
            .iter()
            .position(|(name, md5)| *md5 == file.md5 && name.is_none_or(|n| n == file.name))
        else {
            return false;
        };
        echoed.swap_remove(at);
    }
    true
}

/// The models sent as a JSON object without `null` entries; `None` or `{}` is every model.
fn model_map(models: Option<&Models>) -> Option<serde_json::Map<String, Value>> {
    let value = serde_json::to_value(models?).ok()?;
    let map: serde_json::Map<String, Value> = value
        .as_object()?
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    (!map.is_empty()).then_some(map)
}

fn same_models(echo: Option<&Models>, sent: Option<&Models>) -> bool {
    let echo = model_map(echo);
    match model_map(sent) {
        // Every model: the echo lists them all, or leaves them out.
        None => echo.is_none_or(|echo| {
            ModelType::ALL
                .iter()
                .all(|model| echo.contains_key(model.as_str()))
        }),
        Some(sent) => echo.is_some_and(|echo| {
            echo.len() == sent.len()
                && sent
                    .iter()
                    .all(|(model, config)| echo.get(model).is_some_and(|e| subset(config, e)))
        }),
    }
}

fn same_transcription(echo: &Transcription, sent: &Transcription) -> bool {
    match (sent, echo) {
        // Left to the server, or not echoed.
        (Transcription::Default, _) | (_, Transcription::Default) => true,
        (Transcription::Disabled, Transcription::Disabled) => true,
        (Transcription::Config(sent), Transcription::Config(echo)) => {
            match (serde_json::to_value(sent), serde_json::to_value(echo)) {
                (Ok(sent), Ok(echo)) => subset(&sent, &echo),
                _ => false,
            }
        }
        _ => false,
    }
}

/// Every value set in `sent` is in `echo`: objects key by key (a key the echo lacks tells
/// nothing), numbers within a relative 1e-6, anything else equal.
fn subset(sent: &Value, echo: &Value) -> bool {
    match (sent, echo) {
        (Value::Null, _) => true,
        (Value::Object(sent), Value::Object(echo)) => sent
            .iter()
            .all(|(key, value)| echo.get(key).is_none_or(|e| subset(value, e))),
        (Value::Object(_), _) => false,
        (Value::Number(a), Value::Number(b)) => match (a.as_f64(), b.as_f64()) {
            (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0),
            _ => a == b,
        },
        (sent, echo) => sent == echo,
    }
}

#[cfg(test)]
mod tests;
