//! [`ScoreList`]: a segment's scores of one family, borrowed from the response they were read
//! from, whichever API sent them; [`ScoreRef`] is one of them.

use hume_models::predictions::{EmotionScore, Scores as _};
use hume_models::v1;

/// One family of scores of a segment: batch `{name, score}` (a score may be `null`) or v1
/// `{name, probability}` (v1 lists hold only the scores above the API's threshold).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum ScoreList<'a> {
    /// Batch (v0) scores.
    Batch(&'a [EmotionScore]),
    /// Expression Measurement API (v1) scores.
    Measured(&'a [v1::Score]),
}

/// One score of a [`ScoreList`].
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ScoreRef<'a> {
    /// Its name (`Joy`, `joy`, `surprise (positive)`, `7`, ...).
    pub name: &'a str,
    /// Its value; `None` for a batch `null` (absent from every statistic, never 0).
    pub value: Option<f64>,
}

impl<'a> ScoreRef<'a> {
    /// The value, `None` when null (the batch API's name for it).
    pub fn value(&self) -> Option<f64> {
        self.value
    }
}

impl<'a> ScoreList<'a> {
    /// No scores.
    pub const EMPTY: ScoreList<'static> = ScoreList::Batch(&[]);

    /// How many scores (nulls included).
    pub fn len(&self) -> usize {
        match self {
            ScoreList::Batch(l) => l.len(),
            ScoreList::Measured(l) => l.len(),
        }
    }

    /// Is the list empty?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The scores in order.
    pub fn iter(&self) -> ScoreIter<'a> {
        match *self {
            ScoreList::Batch(l) => ScoreIter::Batch(l.iter()),
            ScoreList::Measured(l) => ScoreIter::Measured(l.iter()),
        }
    }

    /// The value of the score with this exact name (`None` when absent or null).
    pub fn score_of(&self, name: &str) -> Option<f64> {
        match self {
            ScoreList::Batch(l) => l.score_of(name),
            ScoreList::Measured(l) => {
                use hume_models::v1::Scores as _;
                l.probability_of(name)
            }
        }
    }

    /// The highest score (nulls skipped).
    pub fn top(&self) -> Option<ScoreRef<'a>> {
        match *self {
            ScoreList::Batch(l) => l.top().map(batch_ref),
            ScoreList::Measured(l) => {
                use hume_models::v1::Scores as _;
                l.top().map(measured_ref)
            }
        }
    }

    /// The `n` highest scores, best first (nulls skipped).
    pub fn top_n(&self, n: usize) -> Vec<ScoreRef<'a>> {
        match *self {
            ScoreList::Batch(l) => l.top_n(n).into_iter().map(batch_ref).collect(),
            ScoreList::Measured(l) => {
                use hume_models::v1::Scores as _;
                l.top_n(n).into_iter().map(measured_ref).collect()
            }
        }
    }
}

fn batch_ref(s: &EmotionScore) -> ScoreRef<'_> {
    ScoreRef {
        name: &s.name,
        value: s.score.get(),
    }
}

fn measured_ref(s: &v1::Score) -> ScoreRef<'_> {
    ScoreRef {
        name: &s.name,
        value: Some(s.probability),
    }
}

impl<'a> IntoIterator for ScoreList<'a> {
    type Item = ScoreRef<'a>;
    type IntoIter = ScoreIter<'a>;

    fn into_iter(self) -> ScoreIter<'a> {
        self.iter()
    }
}

/// The iterator of [`ScoreList::iter`].
#[derive(Debug, Clone)]
pub enum ScoreIter<'a> {
    /// Over batch scores.
    Batch(std::slice::Iter<'a, EmotionScore>),
    /// Over v1 scores.
    Measured(std::slice::Iter<'a, v1::Score>),
}

impl<'a> Iterator for ScoreIter<'a> {
    type Item = ScoreRef<'a>;

    #[inline]
    fn next(&mut self) -> Option<ScoreRef<'a>> {
        match self {
            ScoreIter::Batch(i) => i.next().map(batch_ref),
            ScoreIter::Measured(i) => i.next().map(measured_ref),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            ScoreIter::Batch(i) => i.size_hint(),
            ScoreIter::Measured(i) => i.size_hint(),
        }
    }
}

impl serde::Serialize for ScoreList<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ScoreList::Batch(l) => l.serialize(s),
            ScoreList::Measured(l) => l.serialize(s),
        }
    }
}
