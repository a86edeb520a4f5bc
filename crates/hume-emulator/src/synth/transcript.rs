//! The text the language, NER and prosody models read: the real text of a text input, or a
//! deterministic synthetic transcript of an audio/video file, split into words, sentences and
//! speaker turns with character positions and (for media) times.

use hume_models::{Granularity, TimeInterval};

use super::scores::round3;
use super::text::{Segment, passage, sentences, words};

const OPENERS: &[&str] = &[
    "Honestly",
    "Yesterday",
    "Well",
    "So",
    "Today",
    "Actually",
    "Look",
    "Anyway",
];
const NAMES: &[&str] = &[
    "Alice", "Bob", "Paris", "London", "Hume", "Maria", "Tokyo", "Sam",
];
const WORDS: &[&str] = &[
    "i", "really", "think", "that", "the", "meeting", "went", "well", "we", "should", "talk",
    "about", "it", "again", "with", "this", "was", "not", "what", "expected", "but", "love", "how",
    "turned", "out", "feel", "a", "bit", "tired", "after", "long", "day", "you", "know", "great",
    "idea",
];

/// A transcript with its segmentation.
#[derive(Debug, Clone)]
pub(crate) struct Transcript {
    /// The full text.
    pub(crate) text: String,
    /// Length in characters.
    chars: u64,
    /// `Some(seconds)` for media (predictions then carry times), `None` for text input.
    pub(crate) duration: Option<f64>,
    /// Transcription confidence (media only).
    pub(crate) confidence: Option<f64>,
    /// Words, in order.
    pub(crate) words: Vec<Segment>,
    /// Sentences, in order.
    pub(crate) sentences: Vec<Segment>,
    /// Speaker index of each sentence.
    speakers: Vec<usize>,
}

impl Transcript {
    /// The transcript of a text input: its own words, one speaker.
    pub(crate) fn from_text(text: &str) -> Self {
        let sentences = sentences(text);
        Transcript {
            chars: text.chars().count() as u64,
            text: text.to_owned(),
            duration: None,
            confidence: None,
            words: words(text),
            speakers: vec![0; sentences.len()],
            sentences,
        }
    }

    /// A synthetic transcript of a media file of `duration` seconds: two speakers alternating
    /// every two sentences.
    pub(crate) fn synthetic(rng: &mut fastrand::Rng, duration: f64) -> Self {
        let sentence_count = 2 + (duration / 4.0) as usize;
        let mut text = String::new();
        for _ in 0..sentence_count.min(8) {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(OPENERS[rng.usize(..OPENERS.len())]);
            let len = rng.usize(4..9);
            let name_at = rng.usize(..len + 2);
            for i in 0..len {
                text.push(' ');
                if i == name_at {
                    text.push_str(NAMES[rng.usize(..NAMES.len())]);
                } else {
                    text.push_str(WORDS[rng.usize(..WORDS.len())]);
                }
            }
            text.push(if rng.u8(..4) == 0 { '?' } else { '.' });
        }
        let mut t = Transcript::from_text(&text);
        t.speakers = (0..t.sentences.len()).map(|i| (i / 2) % 2).collect();
        t.duration = Some(duration);
        t.confidence = Some(f64::from((0.75 + 0.24 * rng.f64()) as f32));
        t
    }

    /// The same text treated as a plain text file: no times, one speaker.
    pub(crate) fn into_text(mut self) -> Self {
        self.duration = None;
        self.confidence = None;
        self.speakers = vec![0; self.sentences.len()];
        self
    }

    /// The time span of a segment: proportional to its character offsets (media only).
    pub(crate) fn time_of(&self, segment: &Segment) -> Option<TimeInterval> {
        let duration = self.duration?;
        let scale = duration / self.chars.max(1) as f64;
        Some(TimeInterval::new(
            round3(segment.begin as f64 * scale),
            round3(segment.end as f64 * scale),
        ))
    }

    /// The speaker of the sentence containing `segment`'s start.
    pub(crate) fn speaker_of(&self, segment: &Segment) -> usize {
        self.sentences
            .iter()
            .position(|s| segment.begin >= s.begin && segment.begin < s.end.max(s.begin + 1))
            .or_else(|| {
                self.sentences
                    .iter()
                    .rposition(|s| s.begin <= segment.begin)
            })
            .and_then(|i| self.speakers.get(i).copied())
            .unwrap_or(0)
    }

    /// Speaker turns: runs of consecutive sentences by one speaker (the whole passage for text).
    pub(crate) fn turns(&self) -> Vec<Segment> {
        if self.duration.is_none() {
            return passage(&self.text).into_iter().collect();
        }
        let chars: Vec<char> = self.text.chars().collect();
        let mut turns: Vec<Segment> = Vec::new();
        let mut last_speaker = usize::MAX;
        for (sentence, speaker) in self.sentences.iter().zip(&self.speakers) {
            match turns.last_mut() {
                Some(turn) if *speaker == last_speaker => {
                    turn.end = sentence.end;
                    turn.text = chars[turn.begin as usize..turn.end as usize]
                        .iter()
                        .collect();
                }
                _ => turns.push(sentence.clone()),
            }
            last_speaker = *speaker;
        }
        turns
    }

    /// The units of `granularity`: words, sentences (also for utterance and unknown values) or
    /// turns.
    pub(crate) fn units(&self, granularity: Option<&Granularity>) -> Vec<Segment> {
        match granularity {
            Some(Granularity::Word) => self.words.clone(),
            Some(Granularity::ConversationalTurn) => self.turns(),
            _ => self.sentences.clone(),
        }
    }
}

/// The group id of a speaker: `speaker_N` when identification is on, else `unknown`.
pub(crate) fn speaker_id(identify: bool, speaker: usize) -> String {
    if identify {
        format!("speaker_{speaker}")
    } else {
        "unknown".to_owned()
    }
}
