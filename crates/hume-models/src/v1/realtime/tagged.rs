//! Messages tagged by a `type` field: reading the tag, writing it in front of a body.

use serde::Serialize;
use serde_json::Value;

/// The `type` of a JSON message, if it is an object with a string `type`.
pub(crate) fn type_of(value: &Value) -> Option<&str> {
    value.as_object()?.get("type")?.as_str()
}

/// A body serialised with `"type": kind` in front of its own fields.
#[derive(Serialize)]
pub(crate) struct Tagged<'a, T: Serialize> {
    #[serde(rename = "type")]
    pub(crate) kind: &'a str,
    #[serde(flatten)]
    pub(crate) body: &'a T,
}

/// A message with no fields but its `type`.
#[derive(Serialize)]
pub(crate) struct TagOnly<'a> {
    #[serde(rename = "type")]
    pub(crate) kind: &'a str,
}

/// Declares the parse/serialise plumbing of a message enum: `from_slice`, `from_str`,
/// `from_value`, `to_json`, and serde through those.
macro_rules! message_enum_impls {
    ($name:ident, $target:literal) => {
        impl $name {
            /// Parses one text message. An unknown or missing `type` gives `Unknown` (never
            /// an error); a known `type` whose fields do not fit is an error naming the field.
            pub fn from_slice(bytes: &[u8]) -> Result<Self, $crate::ParseError> {
                let value: ::serde_json::Value = $crate::parse_error::from_slice($target, bytes)?;
                Self::from_value(value)
            }

            /// [`from_slice`](Self::from_slice) on text.
            pub fn from_json(text: &str) -> Result<Self, $crate::ParseError> {
                Self::from_slice(text.as_bytes())
            }

            /// The message as JSON text (what goes in a WebSocket text frame).
            pub fn to_json(&self) -> String {
                // Serialising these types to a string cannot fail: every map key is a string.
                ::serde_json::to_string(self).unwrap_or_default()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(d)?;
                $name::from_value(value).map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    };
}

pub(crate) use message_enum_impls;
