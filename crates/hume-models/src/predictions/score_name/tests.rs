use super::{ScoreName, TABLE_SIZE, hash, intern, table};
use crate::names;

#[test]
fn every_documented_name_is_interned_and_probes_stay_short() {
    let t = table();
    let mut longest = 0;
    for name in names::LANGUAGE_EXPRESSIONS_53
        .iter()
        .chain(names::BURST_DESCRIPTIONS_67)
        .chain(names::SENTIMENT_LEVELS)
        .chain(names::TOXICITY_NAMES)
    {
        assert_eq!(intern(name), Some(*name));
        assert!(ScoreName::new(name).is_documented());
        let mut i = hash(name.as_bytes()) & t.mask;
        let mut probes = 0;
        while t.slots[i] != Some(*name) {
            i = (i + 1) & t.mask;
            probes += 1;
        }
        longest = longest.max(probes);
    }
    assert!(longest <= 4, "longest probe sequence {longest}");
    assert!(hash(b"Surprise (positive)") < TABLE_SIZE);
}

#[test]
fn unknown_names_are_owned_copies() {
    for name in [
        "",
        "joy",
        "Joy ",
        "AU12 Lip Corner Puller",
        &"x".repeat(100),
    ] {
        assert_eq!(intern(name), None, "{name:?}");
        let n = ScoreName::new(name);
        assert!(!n.is_documented());
        assert_eq!(n.as_str(), name);
    }
}

#[test]
fn equality_hash_and_order_follow_the_text() {
    let interned = ScoreName::new("Joy");
    let owned = ScoreName::from(String::from("Joy"));
    assert_eq!(interned, owned);
    assert!(ScoreName::new("Anger") < ScoreName::new("Joy"));
    let hash_of = |v: &dyn Fn(&mut std::collections::hash_map::DefaultHasher)| {
        use std::hash::Hasher;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        v(&mut h);
        h.finish()
    };
    use std::hash::Hash;
    assert_eq!(hash_of(&|h| interned.hash(h)), hash_of(&|h| "Joy".hash(h)));
    assert_eq!(format!("{interned:?}"), "\"Joy\"");
    let parsed: ScoreName = serde_json::from_str("\"Sarcasm\"").unwrap();
    assert!(parsed.is_documented());
    let escaped: ScoreName = serde_json::from_str("\"Surprise \\u0028positive)\"").unwrap();
    assert_eq!(escaped, "Surprise (positive)");
    assert!(escaped.is_documented());
}

#[test]
fn a_score_name_is_two_words_and_a_score_three() {
    assert_eq!(std::mem::size_of::<ScoreName>(), 16);
    assert_eq!(std::mem::size_of::<crate::predictions::EmotionScore>(), 24);
    let empty = ScoreName::default();
    assert_eq!(empty, "");
    assert!(!empty.is_documented());
    assert_eq!(ScoreName::new("Joy").into_string(), "Joy");
    assert_eq!(ScoreName::new("joy?").into_string(), "joy?");
}
