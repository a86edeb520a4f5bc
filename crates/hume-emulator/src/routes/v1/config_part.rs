//! The `config` part of an upload, read strictly: a JSON object with only the documented
//! fields (an unknown field is refused, as the API's own example error shows:
//! `unknown field `timer_ms`, expected `measurement_timer_ms``), each `null` or of its type,
//! within its documented range. Any problem is 400 `config_invalid`. A missing part means
//! every default.

use hume_models::v1::{AudioFileConfig, VideoFileConfig};
use serde_json::{Map, Value};

use super::error::V1Error;

const AUDIO_FIELDS: &[&str] = &["measurement_timer_ms"];
const VIDEO_FIELDS: &[&str] = &["face", "face_state"];
const VIDEO_FACE_FIELDS: &[&str] = &["threshold", "min_size", "return_face_state"];

fn invalid(detail: impl std::fmt::Display) -> V1Error {
    V1Error::config_invalid(format!("the config part is not valid: {detail}"))
}

/// The object of a `config` part, every key checked against `known` (`path` names it in
/// errors).
fn object<'a>(
    value: &'a Value,
    known: &[&str],
    path: &str,
) -> Result<&'a Map<String, Value>, V1Error> {
    let Some(map) = value.as_object() else {
        return Err(invalid(format!("{path} must be a JSON object")));
    };
    if let Some(unknown) = map.keys().find(|k| !known.contains(&k.as_str())) {
        let expected = known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let prefix = if path == "config" {
            String::new()
        } else {
            format!("{path}.")
        };
        return Err(invalid(format!(
            "unknown field `{prefix}{unknown}`, expected one of {expected}"
        )));
    }
    Ok(map)
}

fn parse_json(bytes: &[u8]) -> Result<Value, V1Error> {
    serde_json::from_slice(bytes).map_err(|e| invalid(format!("not JSON: {e}")))
}

/// The audio settings of an upload (`None`: every default).
pub(crate) fn audio_config(part: Option<&[u8]>) -> Result<AudioFileConfig, V1Error> {
    let Some(bytes) = part else {
        return Ok(AudioFileConfig::new());
    };
    let value = parse_json(bytes)?;
    object(&value, AUDIO_FIELDS, "config")?;
    let config: AudioFileConfig = serde_json::from_value(value).map_err(invalid)?;
    config
        .validate()
        .map_err(|errors| V1Error::config_invalid(errors.to_string()))?;
    Ok(config)
}

/// The image settings of an upload (`None`: every default). A `face_state` is taken as it is
/// (an unusable one is ignored later, not refused).
pub(crate) fn video_config(part: Option<&[u8]>) -> Result<VideoFileConfig, V1Error> {
    let Some(bytes) = part else {
        return Ok(VideoFileConfig::new());
    };
    let value = parse_json(bytes)?;
    let map = object(&value, VIDEO_FIELDS, "config")?;
    if let Some(face) = map.get("face").filter(|f| !f.is_null()) {
        object(face, VIDEO_FACE_FIELDS, "face")?;
    }
    let config: VideoFileConfig = serde_json::from_value(value).map_err(invalid)?;
    // The client-side rule "face_state must not be empty" is not the server's: an empty token
    // is one more unusable token, ignored.
    let checked = config.clone().with_face_state(None);
    checked
        .validate()
        .map_err(|errors| V1Error::config_invalid(errors.to_string()))?;
    Ok(config)
}

#[cfg(test)]
mod tests;
