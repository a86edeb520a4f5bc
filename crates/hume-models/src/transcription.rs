//! [`TranscriptionConfig`] and the three-state [`Transcription`] request field.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Bcp47Tag;

/// Shared transcription settings (the `transcription` object of a request).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TranscriptionConfig {
    /// The spoken language; absent means automatic detection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Bcp47Tag>,
    /// Tell speakers apart (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identify_speakers: Option<bool>,
    /// Discard transcripts below this confidence (0..=1; default 0.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence_threshold: Option<f64>,
}

impl TranscriptionConfig {
    /// Sets the language.
    pub fn with_language(mut self, language: impl Into<Bcp47Tag>) -> Self {
        self.language = Some(language.into());
        self
    }

    /// Sets `identify_speakers`.
    pub fn with_identify_speakers(mut self, identify: bool) -> Self {
        self.identify_speakers = Some(identify);
        self
    }

    /// Sets `confidence_threshold`.
    pub fn with_confidence_threshold(mut self, threshold: impl Into<f64>) -> Self {
        self.confidence_threshold = Some(threshold.into());
        self
    }
}

/// The request's `transcription` field, which has three states on the wire.
///
/// | value | wire | meaning |
/// |---|---|---|
/// | [`Default`](Transcription::Default) | field absent | transcription on, language auto-detected |
/// | [`Disabled`](Transcription::Disabled) | `"transcription": null` | no transcription |
/// | [`Config`](Transcription::Config) | `"transcription": {...}` | transcription with these settings |
///
/// Inside a request struct the field is skipped when `Default` (see
/// [`is_default`](Self::is_default)) and parsed with `#[serde(default)]`, so absent and `null`
/// stay distinct. Serialised on its own, `Default` and `Disabled` both write `null`.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Transcription {
    /// Field absent: the server's default transcription.
    #[default]
    Default,
    /// Explicit `null`: transcription off.
    Disabled,
    /// Explicit settings.
    Config(TranscriptionConfig),
}

impl Transcription {
    /// Is this the absent state? (Used to skip the field when serialising.)
    pub fn is_default(&self) -> bool {
        matches!(self, Transcription::Default)
    }

    /// Is transcription explicitly switched off?
    pub fn is_disabled(&self) -> bool {
        matches!(self, Transcription::Disabled)
    }

    /// The explicit settings, if any.
    pub fn config(&self) -> Option<&TranscriptionConfig> {
        match self {
            Transcription::Config(c) => Some(c),
            _ => None,
        }
    }
}

impl From<TranscriptionConfig> for Transcription {
    fn from(config: TranscriptionConfig) -> Self {
        Transcription::Config(config)
    }
}

impl Serialize for Transcription {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Transcription::Config(c) => c.serialize(s),
            Transcription::Default | Transcription::Disabled => s.serialize_none(),
        }
    }
}

impl<'de> Deserialize<'de> for Transcription {
    /// A present field: `null` is [`Disabled`](Transcription::Disabled), an object is
    /// [`Config`](Transcription::Config). (An absent field never reaches this; `#[serde(default)]`
    /// makes it [`Default`](Transcription::Default).)
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<TranscriptionConfig>::deserialize(d)? {
            None => Transcription::Disabled,
            Some(c) => Transcription::Config(c),
        })
    }
}
