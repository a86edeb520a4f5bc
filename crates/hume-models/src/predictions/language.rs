//! [`LanguagePrediction`]: emotional language of one text span.

use serde::{Deserialize, Serialize};

use super::{EmotionScore, TextPosition, TimeInterval};

/// Emotional language of one word, sentence, utterance or turn.
///
/// Has **53** emotion names (the 48 plus five), and scores may leave 0..=1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LanguagePrediction {
    /// The text span.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub text: String,
    /// Where the span is, in characters (see [`TextPosition::slice`]).
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub position: TextPosition,
    /// When the span is spoken (`null` for raw text input).
    #[serde(default)]
    pub time: Option<TimeInterval>,
    /// Transcription confidence, 0..=1.
    #[serde(default)]
    pub confidence: Option<f64>,
    /// Speaker identification confidence, 0..=1.
    #[serde(default)]
    pub speaker_confidence: Option<f64>,
    /// The 53 language expression scores.
    #[serde(default, deserialize_with = "crate::de::list_of::<_, _, 53>")]
    pub emotions: Vec<EmotionScore>,
    /// Sentiment distribution over `"1"`..`"9"` (when `sentiment: {}` was requested).
    #[serde(default, deserialize_with = "crate::de::opt_list_of::<_, _, 9>")]
    pub sentiment: Option<Vec<EmotionScore>>,
    /// Toxicity scores (when `toxicity: {}` was requested).
    #[serde(default, deserialize_with = "crate::de::opt_list_of::<_, _, 6>")]
    pub toxicity: Option<Vec<EmotionScore>>,
}

with_setters!(LanguagePrediction {
    with_text => text: String,
    with_position => position: TextPosition,
    with_time => Some(time): TimeInterval,
    with_confidence => Some(confidence): f64,
    with_speaker_confidence => Some(speaker_confidence): f64,
    with_emotions => emotions: Vec<EmotionScore>,
    with_sentiment => Some(sentiment): Vec<EmotionScore>,
    with_toxicity => Some(toxicity): Vec<EmotionScore>,
});
