//! The text messages a client sends on a realtime socket, read as strictly as the upload
//! endpoints read their `config` part.
//!
//! - [`classify`]: a JSON object whose `type` is `session.update` or `session.close`; anything
//!   else (not JSON, not an object, no `type`, another `type`) is `message_invalid`, which the
//!   session survives.
//! - [`audio_update`], [`video_update`]: the fields of a `session.update`, every key checked
//!   (an unknown one is refused, as the API's own example error shows), `null` read as omitted,
//!   then the documented ranges and formats. Any problem is `config_invalid`, which ends the
//!   session.

use hume_models::v1::realtime::{AudioSessionUpdate, VideoSessionUpdate, message_type};
use serde_json::{Map, Value};

const AUDIO_FIELDS: &[&str] = &["type", "audio", "measurement_timer_ms"];
const AUDIO_FORMAT_FIELDS: &[&str] = &["type", "encoding", "sample_rate", "channels"];
const VIDEO_FIELDS: &[&str] = &["type", "image", "face"];
const IMAGE_FIELDS: &[&str] = &["type"];
const FACE_FIELDS: &[&str] = &["threshold", "min_size"];

/// What a client's text message asks for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ClientText {
    /// `session.update`, with the whole object (`type` included).
    Update(Map<String, Value>),
    /// `session.close` (other fields ignored).
    Close,
    /// Not a message this socket takes: why (`message_invalid`).
    Invalid(String),
}

/// Reads one text message.
pub(crate) fn classify(text: &str) -> ClientText {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => return ClientText::Invalid(format!("the message is not JSON: {e}")),
    };
    let Value::Object(object) = value else {
        return ClientText::Invalid("the message must be a JSON object with a `type`".to_owned());
    };
    match object.get("type") {
        Some(Value::String(kind)) if kind == message_type::SESSION_UPDATE => {
            ClientText::Update(object)
        }
        Some(Value::String(kind)) if kind == message_type::SESSION_CLOSE => ClientText::Close,
        Some(Value::String(kind)) => ClientText::Invalid(format!(
            "unknown message type {kind:?}: send `session.update`, `session.close` or binary frames"
        )),
        Some(_) => ClientText::Invalid("`type` must be a string".to_owned()),
        None => ClientText::Invalid("the message has no `type`".to_owned()),
    }
}

/// Checks every key of `value` (an object, or `null` for "omitted") against `known`.
fn check_keys(value: &Value, known: &[&str], path: &str) -> Result<(), String> {
    let map = match value {
        Value::Null => return Ok(()),
        Value::Object(map) => map,
        _ => return Err(format!("`{path}` must be a JSON object")),
    };
    match map.keys().find(|k| !known.contains(&k.as_str())) {
        Some(unknown) => {
            let expected = known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let prefix = if path == "session.update" {
                String::new()
            } else {
                format!("{path}.")
            };
            Err(format!(
                "unknown field `{prefix}{unknown}`, expected one of {expected}"
            ))
        }
        None => Ok(()),
    }
}

/// The audio settings of a `session.update`; `Err` says why it is `config_invalid`.
pub(crate) fn audio_update(object: Map<String, Value>) -> Result<AudioSessionUpdate, String> {
    let value = Value::Object(object);
    check_keys(&value, AUDIO_FIELDS, "session.update")?;
    if let Some(audio) = value.get("audio") {
        check_keys(audio, AUDIO_FORMAT_FIELDS, "audio")?;
    }
    let update: AudioSessionUpdate =
        serde_json::from_value(value).map_err(|e| format!("session.update is not valid: {e}"))?;
    update
        .validate()
        .map_err(|errors| format!("session.update is not valid: {errors}"))?;
    Ok(update)
}

/// The video settings of a `session.update`; `Err` says why it is `config_invalid`.
pub(crate) fn video_update(object: Map<String, Value>) -> Result<VideoSessionUpdate, String> {
    let value = Value::Object(object);
    check_keys(&value, VIDEO_FIELDS, "session.update")?;
    if let Some(image) = value.get("image") {
        check_keys(image, IMAGE_FIELDS, "image")?;
    }
    if let Some(face) = value.get("face") {
        check_keys(face, FACE_FIELDS, "face")?;
    }
    let update: VideoSessionUpdate =
        serde_json::from_value(value).map_err(|e| format!("session.update is not valid: {e}"))?;
    update
        .validate()
        .map_err(|errors| format!("session.update is not valid: {errors}"))?;
    Ok(update)
}

#[cfg(test)]
mod tests;
