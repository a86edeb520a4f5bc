use super::*;
use hume_models::names::LANGUAGE_EXPRESSIONS_53;
use hume_models::predictions::Scores as _;

fn flat() -> Vec<EmotionScore> {
    LANGUAGE_EXPRESSIONS_53
        .iter()
        .map(|name| EmotionScore::new(*name, 0.1))
        .collect()
}

#[test]
fn cue_words_raise_their_expressions() {
    let mut scores = flat();
    apply_cues(
        "happy",
        "I am SO happy to see you!",
        &mut scores,
        &mut fastrand::Rng::with_seed(1),
    );
    let top = scores.top_n(2);
    let names: Vec<&str> = top.iter().map(|s| s.name.as_str()).collect();
    assert!(
        names.contains(&"Joy") && names.contains(&"Contentment"),
        "{names:?}"
    );
    assert!(scores.score_of("Joy").unwrap() >= 0.6);
}

#[test]
fn text_without_cues_is_untouched() {
    let mut scores = flat();
    apply_cues(
        "noon",
        "The meeting is at noon.",
        &mut scores,
        &mut fastrand::Rng::with_seed(1),
    );
    assert!(scores.iter().all(|s| s.score == 0.1));
}

#[test]
fn words_inherit_the_tone_of_their_passage() {
    let mut scores = flat();
    apply_cues(
        "see",
        "I am so happy to see you",
        &mut scores,
        &mut fastrand::Rng::with_seed(2),
    );
    let joy = scores.score_of("Joy").unwrap();
    assert!((0.45..0.6).contains(&joy), "{joy}");
}
