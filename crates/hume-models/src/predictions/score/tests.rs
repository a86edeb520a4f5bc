use proptest::prelude::*;

use super::Score;
use crate::predictions::{EmotionScore, Predictions, Scores};

#[test]
fn null_is_absent_never_zero_or_nan() {
    assert_eq!(Score::NULL.get(), None);
    assert!(Score::default().is_null());
    assert_eq!(Score::new(f64::NAN), Score::NULL);
    assert_eq!(Score::from(None), Score::NULL);
    assert_eq!(Score::from(Some(0.0)).get(), Some(0.0));
    assert_ne!(Score::new(0.0), Score::NULL);
    assert_eq!(Score::new(0.5), 0.5);
    assert_eq!(Score::NULL, None);
    assert_eq!(
        format!("{:.2} {} {:?}", Score::new(0.125), Score::NULL, Score::NULL),
        "0.12 null null"
    );
    assert_eq!(std::mem::size_of::<Score>(), 8);
}

#[test]
fn null_and_missing_scores_parse_as_null_and_serialise_as_null() {
    for text in [r#"{"name":"Joy","score":null}"#, r#"{"name":"Joy"}"#] {
        let s: EmotionScore = serde_json::from_str(text).unwrap();
        assert!(s.score.is_null(), "{text}");
        assert_eq!(s.value(), None);
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"name":"Joy","score":null}"#
        );
    }
    let s: EmotionScore = serde_json::from_str(r#"{"name":"Joy","score":3}"#).unwrap();
    assert_eq!(s.value(), Some(3.0));
}

#[test]
fn look_ups_skip_null_scores() {
    let list = [
        EmotionScore::new("Anger", None),
        EmotionScore::new("Joy", 0.25),
        EmotionScore::new("Awe", 0.5),
    ];
    assert_eq!(list.top().unwrap().name, "Awe");
    let names: Vec<&str> = list.top_n(5).iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Awe", "Joy"]);
    assert_eq!(list.score_of("Anger"), None);
    assert_eq!(list.score_of("Joy"), Some(0.25));
    assert_eq!([EmotionScore::new("Anger", None)].top(), None);
}

/// The published example value that serde_json's default float parsing moved by one unit in
/// the last place.
#[test]
fn the_value_from_issue_11_reads_and_writes_unchanged() {
    let text = r#"{"name":"Joy","score":0.10722749680280685}"#;
    let s: EmotionScore = serde_json::from_str(text).unwrap();
    assert_eq!(s.value(), Some(0.107_227_496_802_806_85));
    assert_eq!(serde_json::to_string(&s).unwrap(), text);
}

fn body(score: &str) -> String {
    format!(
        r#"[{{"source":{{"type":"url","url":"u"}},"results":{{"predictions":[{{"file":"f","models":
        {{"burst":{{"grouped_predictions":[{{"id":"unknown","predictions":[{{"time":{{"begin":{score},"end":{score}}},
        "emotions":[{{"name":"Joy","score":{score}}}]}}]}}]}}}}}}],"errors":[]}}}}]"#
    )
}

proptest! {
    /// Any finite double, written as Rust (and serde_json) write it, parses to the same bits
    /// on the fast path and the serde path, and serialises back to the same text.
    #[test]
    fn every_double_round_trips_bit_for_bit(bits in any::<u64>()) {
        let value = f64::from_bits(bits);
        prop_assume!(value.is_finite());
        let text = serde_json::to_string(&value).unwrap();
        let body = body(&text);
        let fast = Predictions::from_response(body.as_bytes()).unwrap();
        let slow: Predictions = serde_json::from_str(&body).unwrap();
        for p in [&fast, &slow] {
            let burst = p[0].predictions()[0].models.burst.as_ref().unwrap();
            let b = &burst.grouped_predictions[0].predictions[0];
            prop_assert_eq!(b.emotions[0].score.get().map(f64::to_bits), Some(bits));
            prop_assert_eq!(b.time.begin.to_bits(), bits);
            let written = serde_json::to_string(&b.emotions[0]).unwrap();
            prop_assert_eq!(written, format!(r#"{{"name":"Joy","score":{text}}}"#));
        }
    }
}
