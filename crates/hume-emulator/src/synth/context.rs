//! [`FileCtx`]: what every model synthesiser knows about the file it describes.

use hume_models::{GroupedPredictions, TranscriptionMetadata};

use super::media::MediaKind;
use super::scores::rng_for;
use super::transcript::Transcript;

/// One input file as the models see it.
#[derive(Debug)]
pub(crate) struct FileCtx<'a> {
    /// The emulator seed.
    pub(crate) seed: u64,
    /// A stable hash identifying the file (URL, md5 or text, plus the path inside archives).
    pub(crate) key: u64,
    /// Its media kind.
    pub(crate) kind: MediaKind,
    /// Length in seconds (0 for images and text).
    pub(crate) duration: f64,
    /// What the language models read, when there is a usable transcript or text.
    pub(crate) transcript: Option<&'a Transcript>,
    /// Transcription metadata (media with a transcript only).
    pub(crate) metadata: Option<TranscriptionMetadata>,
    /// `transcription.identify_speakers` (ORed with each model's own setting).
    pub(crate) identify_speakers: bool,
}

impl FileCtx<'_> {
    /// The RNG of value `index` of `model` for this file.
    pub(crate) fn rng(&self, model: &str, index: u64) -> fastrand::Rng {
        rng_for(
            self.seed,
            &[
                &self.key.to_le_bytes(),
                model.as_bytes(),
                &index.to_le_bytes(),
            ],
        )
    }
}

/// Groups `(id, prediction)` pairs by id, in order of first appearance.
pub(crate) fn group<P>(pairs: impl IntoIterator<Item = (String, P)>) -> Vec<GroupedPredictions<P>> {
    let mut groups: Vec<GroupedPredictions<P>> = Vec::new();
    for (id, prediction) in pairs {
        match groups.iter_mut().find(|g| g.id == id) {
            Some(g) => g.predictions.push(prediction),
            None => groups.push(GroupedPredictions::new(id, vec![prediction])),
        }
    }
    groups
}
