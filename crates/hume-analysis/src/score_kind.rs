//! [`ScoreKind`]: which family a score list belongs to.

/// The family of a score list: the CSV export's `kind` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreKind {
    /// The 48 (53 for language and NER) expression scores every model has; v1: the
    /// `expressions` of an audio measurement or a face.
    Emotion,
    /// Face FACS 2.0 action units (`facs: {}`).
    Facs,
    /// Face descriptions (`descriptions: {}`), the 67 vocal-burst descriptions, and v1 face
    /// `descriptions`.
    Description,
    /// Language sentiment levels `"1"`..`"9"` (`sentiment: {}`).
    Sentiment,
    /// Language toxicity classes (`toxicity: {}`).
    Toxicity,
    /// v1 audio `voice_attributes` (`husky`, `fast`, `background music`, ...).
    VoiceAttribute,
}

impl ScoreKind {
    /// Every kind, in the order a segment lists them.
    pub const ALL: [ScoreKind; 6] = [
        ScoreKind::Emotion,
        ScoreKind::Facs,
        ScoreKind::Description,
        ScoreKind::Sentiment,
        ScoreKind::Toxicity,
        ScoreKind::VoiceAttribute,
    ];

    /// The CSV value: `emotion`, `facs`, `description`, `sentiment`, `toxicity` or
    /// `voice_attribute`.
    pub fn as_str(self) -> &'static str {
        match self {
            ScoreKind::Emotion => "emotion",
            ScoreKind::Facs => "facs",
            ScoreKind::Description => "description",
            ScoreKind::Sentiment => "sentiment",
            ScoreKind::Toxicity => "toxicity",
            ScoreKind::VoiceAttribute => "voice_attribute",
        }
    }
}

impl std::fmt::Display for ScoreKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
