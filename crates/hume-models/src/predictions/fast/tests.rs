use super::parse;
use crate::predictions::{EmotionScore, Predictions, Score};

/// The serde path, which the fast path must reproduce.
fn serde_path(text: &str) -> Result<Predictions, serde_json::Error> {
    serde_json::from_str(text)
}

/// Asserts the fast parser agrees with serde (same value, or declines); returns whether it
/// handled the text itself.
fn agrees(text: &str) -> bool {
    match (parse(text.as_bytes()), serde_path(text)) {
        (Some(fast), Ok(slow)) => {
            assert_eq!(fast, slow, "{text}");
            true
        }
        (Some(fast), Err(e)) => panic!("fast path accepted what serde rejects ({e}): {fast:?}"),
        (None, _) => false,
    }
}

/// A body with one facemesh prediction whose `emotions` value is `scores`.
fn with_scores(scores: &str) -> String {
    format!(
        r#"[{{"source":{{"type":"text"}},"results":{{"predictions":[{{"file":"1","models":
        {{"facemesh":{{"grouped_predictions":[{{"id":"unknown","predictions":[{{"emotions":{scores}}}]}}]}}}}}}],
        "errors":[]}}}}]"#
    )
}

/// A body with one face prediction made of `fields` (a JSON object's inside).
fn with_face(fields: &str) -> String {
    format!(
        r#"[{{"source":{{"type":"url","url":"u"}},"results":{{"predictions":[{{"file":"f","models":
        {{"face":{{"metadata":null,"grouped_predictions":[{{"id":"0","predictions":[{{{fields}}}]}}]}}}}}}]}}}}]"#
    )
}

fn scores_of(p: &Predictions) -> &[EmotionScore] {
    let m = p[0].predictions()[0].models.facemesh.as_ref().unwrap();
    &m.grouped_predictions[0].predictions[0].emotions
}

/// A score's bits, `None` for null.
fn bits(score: Score) -> Option<u64> {
    score.get().map(f64::to_bits)
}

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

const FIXTURES: [&str; 7] = [
    "predictions-burst.json",
    "predictions-errors.json",
    "predictions-face.json",
    "predictions-facemesh.json",
    "predictions-language.json",
    "predictions-ner.json",
    "predictions-prosody.json",
];

#[test]
fn every_fixture_is_read_by_the_fast_path_exactly_as_by_serde() {
    for name in FIXTURES {
        let text = fixture(name);
        assert!(agrees(&text), "{name} left to serde");
        // The same data compact and pretty-printed (other whitespace, every field present).
        let value = serde_path(&text).unwrap();
        assert!(agrees(&serde_json::to_string(&value).unwrap()), "{name}");
        assert!(
            agrees(&serde_json::to_string_pretty(&value).unwrap()),
            "{name}"
        );
    }
}

#[test]
fn numbers_match_serde_bit_for_bit() {
    let handled = [
        "0",
        "-0",
        "-0.0",
        "0.0",
        "1",
        "-1",
        "0.5",
        "-0.25",
        "0.1234567890123456789",
        "0.30000000000000004",
        "123456.789",
        "18446744073709551615",
        "-9223372036854775808",
        "-9223372036854775809",
        "-18446744073709551615",
        "0.0000000000000000000001",
        "7.0",
        "null",
        "0.92030920993190389",
        "0.10722749680280685",
        "1e3",
        "1.5E-3",
        "1E+2",
        "-1.5e-7",
        "123e-2",
        "0.00000000000000000000001",
        "5e-324",
        "1e-320",
        "1e-400",
        "2.2250738585072014e-308",
        "1.7976931348623157e308",
        "0e999999",
    ];
    for n in handled {
        let text = with_scores(&format!(r#"[{{"name":"Joy","score":{n}}}]"#));
        assert!(agrees(&text), "{n} left to serde");
        let fast = scores_of(&parse(text.as_bytes()).unwrap())[0].score;
        let slow = scores_of(&serde_path(&text).unwrap())[0].score;
        assert_eq!(bits(fast), bits(slow), "{n}: {fast} vs {slow}");
    }
    // Left to serde (which accepts some and rejects others).
    for n in [
        "18446744073709551616",
        "12345678901234567890.5",
        "1e400",
        "1e99999999999",
        "1e",
        "1e+",
        "01",
        "1.",
        "-",
        ".5",
        "+1",
        "\"0.5\"",
        "true",
        "NaN",
    ] {
        let text = with_scores(&format!(r#"[{{"name":"Joy","score":{n}}}]"#));
        assert!(!agrees(&text), "{n} should be left to serde");
    }
}

#[test]
fn escaped_names_are_decoded_and_interned() {
    let text = with_scores(
        r#"[{"name":"Surprise \u0028positive)","score":0.5},{"name":"caf\u00e9 \"x\"","score":1}]"#,
    );
    assert!(agrees(&text));
    let p = parse(text.as_bytes()).unwrap();
    let s = scores_of(&p);
    assert_eq!(s[0].name, "Surprise (positive)");
    assert!(s[0].name.is_documented());
    assert_eq!(s[1].name, "café \"x\"");
    // An escaped key is left to serde, which decodes it.
    assert!(!agrees(&with_scores(
        r#"[{"n\u0061me":"Joy","score":0.5}]"#
    )));
}

#[test]
fn unknown_fields_inside_scores_are_skipped_and_checked() {
    let text = with_scores(
        r#"[{"name":"Joy","extra":{"a":[1,2.5e3,{"b":null,"c":"]}\""}],"d":true},"score":0.25,"z":-1}]"#,
    );
    assert!(agrees(&text));
    let p = parse(text.as_bytes()).unwrap();
    assert_eq!(scores_of(&p), [EmotionScore::new("Joy", 0.25)]);
    // A malformed unknown value fails both ways.
    let bad = with_scores(r#"[{"name":"Joy","extra":tru,"score":0.25}]"#);
    assert!(parse(bad.as_bytes()).is_none() && serde_path(&bad).is_err());
    let bad = with_scores(r#"[{"name":"Joy","extra":[1,},"score":0.25}]"#);
    assert!(parse(bad.as_bytes()).is_none() && serde_path(&bad).is_err());
}

#[test]
fn nulls_and_missing_fields_read_as_serde_reads_them() {
    // Null score list, null name, null score, missing fields, repeated score keys (last wins).
    for scores in [
        "null",
        "[]",
        r#"[{"name":null,"score":null}]"#,
        "[{}]",
        r#"[{"score":0.1,"score":0.2,"name":"Joy","name":"Anger"}]"#,
    ] {
        assert!(agrees(&with_scores(scores)), "{scores}");
    }
    let p = parse(with_scores("null").as_bytes()).unwrap();
    assert!(scores_of(&p).is_empty());
    // Face: optional lists null, box null, frame null, everything else missing.
    let face =
        with_face(r#""frame":null,"box":null,"emotions":null,"facs":null,"descriptions":[]"#);
    assert!(agrees(&face));
    let p = parse(face.as_bytes()).unwrap();
    let f = &p[0].predictions()[0]
        .models
        .face
        .as_ref()
        .unwrap()
        .grouped_predictions[0]
        .predictions[0];
    assert_eq!(f.facs, None);
    assert_eq!(f.descriptions, Some(vec![]));
    assert!(agrees(&with_face("")));
    // Every container null where the serde path allows it.
    let nulls = r#"[{"source":{"type":"file","md5sum":null},"results":{"predictions":[
        {"file":null,"file_type":null,"models":null},
        {"file":"a","models":{"face":null,"prosody":{"metadata":null,"grouped_predictions":null},
          "language":{"grouped_predictions":[{"id":"x","predictions":null}]},
          "burst":{"grouped_predictions":[{"id":"x","predictions":[{"time":null,"emotions":null,"descriptions":null}]}]},
          "ner":{"grouped_predictions":[{"id":"x","predictions":[{"entity":null,"position":null,"uri":null,
            "link_word":null,"time":null,"confidence":null,"speaker_confidence":null,"emotions":null,
            "entity_confidence":null,"support":null}]}]}}}],"errors":null},"error":null},
        {"source":{"type":"url","url":"u"},"results":null,"error":"could not download"}]"#;
    assert!(agrees(nulls));
}

#[test]
fn unknown_models_and_fields_are_kept_or_skipped_like_serde() {
    let text = r#"[{"source":{"type":"url","url":"u"},"new_top":1,"results":{"extra":[{}],"predictions":[
        {"file":"a","extra":"x","models":{"future":{"grouped_predictions":[1,2]},"gone":null,
          "prosody":{"new":0,"grouped_predictions":[{"id":"0","new":[],"predictions":[
            {"text":null,"time":{"begin":1,"end":2.5,"new":null},"new":{},"emotions":[]}]}]}}}]}}]"#;
    assert!(agrees(text));
    let p = parse(text.as_bytes()).unwrap();
    let models = &p[0].predictions()[0].models;
    assert_eq!(models.other.len(), 1);
    assert_eq!(models.other["future"]["grouped_predictions"][1], 2);
}

#[test]
fn shapes_it_does_not_reproduce_are_left_to_serde() {
    for face in [
        r#""prob":0.5,"prob":0.6"#,             // duplicate field: serde rejects
        r#""frame":3.0"#,                       // whole float as integer: serde accepts
        r#""frame":-1"#,                        // serde rejects
        r#""box":[1,2,3,4]"#,                   // struct as array: serde accepts
        r#""emotions":{"name":"Joy"}"#,         // serde rejects
        r#""emotions":[null]"#,                 // serde rejects
        r#""emotions":[{"name":5}]"#,           // serde rejects
        "\"emotions\":[{\"name\":\"a\u{1}\"}]", // raw control character: serde rejects
    ] {
        assert!(!agrees(&with_face(face)), "{face}");
    }
    // Missing source, trailing characters, not an array, a trailing comma, nesting serde refuses.
    for text in [
        r#"[{"results":null}]"#,
        "[] x",
        "{}",
        r#"[{"source":{"type":"text"}},]"#,
        r#"[{"source":{"type":"text"}"#,
    ] {
        assert!(!agrees(text), "{text}");
    }
    let deep = format!(
        r#"[{{"source":{{"type":"text"}},"x":{}1{}}}]"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    // Deep nesting is left to serde, which skips an ignored value without a depth limit...
    assert!(!agrees(&deep));
    // ...but refuses it in an unknown model's raw JSON.
    let deep_model = format!(
        r#"[{{"source":{{"type":"text"}},"results":{{"predictions":[{{"models":{{"x":{}1{}}}}}]}}}}]"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    assert!(parse(deep_model.as_bytes()).is_none() && serde_path(&deep_model).is_err());
}

#[test]
fn from_response_is_unchanged_for_good_and_bad_bodies() {
    for name in FIXTURES {
        let text = fixture(name);
        assert_eq!(
            Predictions::from_response(text.as_bytes()).unwrap(),
            serde_path(&text).unwrap()
        );
    }
    let bad = with_face(r#""prob":"high""#);
    let err = Predictions::from_response(bad.as_bytes()).unwrap_err();
    assert!(
        err.path().ends_with("predictions[0].prob"),
        "{}",
        err.path()
    );
}

#[test]
fn random_numbers_match_serde_bit_for_bit() {
    // SplitMix64, so failures reproduce.
    let mut state = 0x1234_5678_u64;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut numbers = Vec::new();
    for _ in 0..3000 {
        let f = f64::from_bits(next() >> 2);
        numbers.push(format!("{f}"));
        numbers.push(format!("{f:e}"));
        numbers.push(format!("{}", (next() >> 11) as f64 / (1u64 << 53) as f64));
        // Digit strings of every length around the 8-digit chunks, with a point anywhere.
        let len = 1 + (next() % 24) as usize;
        let mut digits: String = (0..len)
            .map(|_| char::from(b'0' + (next() % 10) as u8))
            .collect();
        if digits.len() > 1 && digits.starts_with('0') {
            digits.replace_range(0..1, "1");
        }
        let point = (next() as usize) % (len + 1);
        if point > 0 && point < len {
            digits.insert(point, '.');
        }
        if next() % 2 == 0 {
            digits.insert(0, '-');
        }
        numbers.push(digits);
    }
    let mut handled = 0;
    for n in &numbers {
        let text = with_scores(&format!(r#"[{{"name":"Joy","score":{n}}}]"#));
        if agrees(&text) {
            handled += 1;
            let fast = scores_of(&parse(text.as_bytes()).unwrap())[0].score;
            let slow = scores_of(&serde_path(&text).unwrap())[0].score;
            assert_eq!(bits(fast), bits(slow), "{n}: {fast} vs {slow}");
        } else {
            // Only more digits than a u64 holds sends a number to serde.
            let digits = n
                .split(['e', 'E'])
                .next()
                .unwrap()
                .bytes()
                .filter(u8::is_ascii_digit);
            assert!(digits.count() > 19, "{n} left to serde");
        }
    }
    assert!(
        handled > numbers.len() / 2,
        "{handled} of {}",
        numbers.len()
    );
}

#[test]
fn the_compact_score_shape_and_its_near_misses_agree() {
    for scores in [
        r#"[{"name":"Joy","score":0.5}]"#,
        r#"[{"name":"Joy","score":0.5 }]"#,
        r#"[{"name":"Joy","score": 0.5}]"#,
        r#"[{"name":"Joy","score":null}]"#,
        r#"[{"name":"Joy","score":0.5,"x":1}]"#,
        r#"[{"name":"Joy","scorex":0.5}]"#,
        r#"[{"name":"Jo\"y","score":0.5}]"#,
        r#"[{"name":"not documented","score":0.5}]"#,
        r#"[{"name": "Joy","score":0.5}]"#,
        r#"[ {"name":"Joy","score":0.5} , {"score":0.5,"name":"Joy"} ]"#,
    ] {
        assert!(agrees(&with_scores(scores)), "{scores}");
    }
    for scores in [
        r#"[{"name":"Joy","score":0.5]"#,
        r#"[{"name":"Joy","score":}]"#,
        r#"[{"name":"Joy","score":"0.5"}]"#,
        r#"[{"name":"Joy","score"}]"#,
    ] {
        assert!(!agrees(&with_scores(scores)), "{scores}");
    }
}

#[test]
fn invalid_utf8_is_declined_or_read_as_serde_reads_bytes() {
    let body = |inner: &[u8]| {
        let text = with_scores("[{\"name\":\"NAME\",\"score\":0.5}]");
        let (a, b) = text.split_once("NAME").unwrap();
        [a.as_bytes(), inner, b.as_bytes()].concat()
    };
    // In a kept string: serde rejects it, the fast path declines.
    for bad in [&b"J\xffy"[..], b"\xc3", b"\xed\xa0\x80"] {
        let bytes = body(bad);
        assert!(parse(&bytes).is_none());
        assert!(serde_json::from_slice::<Predictions>(&bytes).is_err());
        assert!(Predictions::from_response(&bytes).is_err());
    }
    // Valid multi-byte names are kept.
    let bytes = body("Joie \u{e9}\u{1F600}".as_bytes());
    let fast = parse(&bytes).unwrap();
    assert_eq!(fast, serde_json::from_slice::<Predictions>(&bytes).unwrap());
    assert_eq!(scores_of(&fast)[0].name, "Joie \u{e9}\u{1F600}");
    // In a key: serde checks keys, so both refuse.
    let text = with_scores(r#"[{"name":"Joy","KEY":1,"score":0.5}]"#);
    let (a, b) = text.split_once("KEY").unwrap();
    let bytes = [a.as_bytes(), b"\xff", b.as_bytes()].concat();
    assert!(parse(&bytes).is_none());
    assert!(serde_json::from_slice::<Predictions>(&bytes).is_err());
}
