use std::time::Duration;

use super::{corpus, fuzz};

#[test]
fn the_corpus_is_there_and_every_seed_passes() {
    let seeds = corpus::seeds();
    assert!(seeds.len() > 20, "fixtures found: {}", seeds.len());
    // A short deterministic run: the seeds, then mutations for a moment.
    let count = fuzz(&seeds, 7, Duration::from_millis(300)).map_err(|(f, _)| f.to_string());
    assert!(count.is_ok_and(|n| n >= seeds.len() as u64));
}
