use super::*;

fn assert_clean(list: &[&str]) {
    for pair in list.windows(2) {
        assert!(pair[0] < pair[1], "sorted and unique: {pair:?}");
    }
    for name in list {
        assert_eq!(*name, name.to_lowercase(), "lowercase: {name}");
        assert_eq!(*name, name.trim(), "no stray spaces: {name:?}");
    }
}

#[test]
fn lists_are_lowercase_sorted_and_unique() {
    for list in [
        AUDIO_EXPRESSIONS,
        VOICE_ATTRIBUTES,
        VIDEO_EXPRESSIONS,
        VIDEO_DESCRIPTIONS,
    ] {
        assert_clean(list);
    }
}

#[test]
fn lists_hold_the_documented_names_and_the_v0_names() {
    for name in [
        "neutral",
        "joy",
        "anger",
        "amusement",
        "chuckling",
        "interest",
    ] {
        assert!(AUDIO_EXPRESSIONS.contains(&name), "{name}");
    }
    for name in [
        "husky",
        "fast",
        "background music",
        "monotone",
        "clear",
        "calm",
    ] {
        assert!(VOICE_ATTRIBUTES.contains(&name), "{name}");
    }
    for name in ["smile", "grin", "jaw drop", "wide-eyed"] {
        assert!(VIDEO_DESCRIPTIONS.contains(&name), "{name}");
    }
    assert_eq!(VIDEO_EXPRESSIONS.len(), 48);
    for name in hume_models::names::EXPRESSIONS_48 {
        assert!(VIDEO_EXPRESSIONS.contains(&name.to_lowercase().as_str()));
    }
    for name in hume_models::names::LANGUAGE_EXPRESSIONS_53 {
        assert!(AUDIO_EXPRESSIONS.contains(&name.to_lowercase().as_str()));
    }
    assert!(AUDIO_EXPRESSIONS.len() <= 415 && VOICE_ATTRIBUTES.len() <= 190);
    assert!(VIDEO_DESCRIPTIONS.len() <= 27);
}
