//! The fast path's contract: whenever it returns a value, serde returns the same value; on
//! every variation it declines, serde decides (and `from_response` agrees with serde).

use serde_json::{Value, json};

use super::parse;
use crate::parse_error;
use crate::v1::AudioFileResponse;

fn serde_only(body: &[u8]) -> Result<AudioFileResponse, crate::ParseError> {
    parse_error::from_slice("AudioFileResponse", body)
}

/// Checks the contract on one body; returns whether the fast path took it.
#[track_caller]
fn check(body: &[u8]) -> bool {
    let fast = parse(body);
    let slow = serde_only(body);
    match (&fast, &slow) {
        (Some(f), Ok(s)) => assert_eq!(f, s, "fast and serde differ on {}", show(body)),
        (Some(f), Err(e)) => panic!("fast accepted what serde rejects ({e}): {f:?}"),
        (None, _) => {}
    }
    // The public function agrees with serde either way.
    match (AudioFileResponse::from_response(body), slow) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(b)) => assert_eq!(a.path(), b.path()),
        (a, b) => panic!("from_response {a:?} but serde {b:?} on {}", show(body)),
    }
    fast.is_some()
}

fn show(body: &[u8]) -> String {
    String::from_utf8_lossy(&body[..body.len().min(400)]).into_owned()
}

fn base() -> Value {
    json!({
        "request_id": "req-1",
        "run_id": "run-1",
        "received": {"audio_duration_ms": 9000},
        "utterances": [{"utterance_id": 0, "audio_start_ms": 100, "audio_end_ms": 8000}],
        "measurements": [
            {"measurement_id": 0, "utterance_id": 0, "audio_start_ms": 100, "audio_end_ms": 3100,
             "trigger": "interval",
             "expressions": [{"name": "joy", "probability": 0.8123}, {"name": "surprise (positive)", "probability": 0.1}],
             "voice_attributes": [{"name": "fast", "probability": 0.725}]},
            {"measurement_id": 1, "utterance_id": 0, "audio_start_ms": 100, "audio_end_ms": 8000,
             "trigger": "speech_ended", "expressions": [{"name": "joy", "probability": 1}],
             "voice_attributes": []}
        ]
    })
}

fn text(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap()
}

#[test]
fn plain_and_pretty_bodies_take_the_fast_path() {
    assert!(check(&text(&base())));
    assert!(check(&serde_json::to_vec_pretty(&base()).unwrap()));
    assert!(check(b" \n\t{\"request_id\":\"r\",\"run_id\":\"u\",\"received\":{\"audio_duration_ms\":0},\"utterances\":[],\"measurements\":[]}\r\n "));
}

#[test]
fn unknown_fields_are_skipped_after_checking_them() {
    let mut v = base();
    v["x"] = json!({"deep": [1, {"a": null}], "s": "\u{e9}\"q"});
    v["measurements"][0]["x"] = json!([true, false, null]);
    v["measurements"][0]["expressions"][0]["x"] = json!(-1.5e3);
    assert!(check(&text(&v)));
    // A malformed skipped value is serde's to report.
    let body = String::from_utf8(text(&base())).unwrap().replacen(
        "\"request_id\"",
        "\"x\":[1,,2],\"request_id\"",
        1,
    );
    assert!(!check(body.as_bytes()));
}

#[test]
fn number_forms() {
    for (p, fast) in [
        ("0", true),
        ("1", true),
        ("0.5", true),
        ("0.1", true),
        ("0.30000000000000004", true),
        ("0.81234567890123456789", true),
        ("1e-1", true),
        ("1E-1", true),
        ("5e-324", true),
        ("12345678901234567890", false),
        ("1e400", false),
        ("-0.5", false),
        ("-0", false),
        ("01", false),
        ("1.", false),
        (".5", false),
        ("1e", false),
        ("0.5.5", false),
        ("\"0.5\"", false),
        ("null", false),
        ("NaN", false),
    ] {
        let body = String::from_utf8(text(&base()))
            .unwrap()
            .replacen("0.8123", p, 1);
        assert_eq!(check(body.as_bytes()), fast, "probability {p}");
    }
    for (n, fast) in [
        ("0", true),
        ("18446744073709551615", true),
        ("18446744073709551616", false),
        ("3100.0", false),
        ("31e2", false),
        ("-1", false),
        ("007", false),
    ] {
        let body = String::from_utf8(text(&base()))
            .unwrap()
            .replacen("3100", n, 1);
        assert_eq!(check(body.as_bytes()), fast, "audio_end_ms {n}");
    }
}

#[test]
fn strings_with_escapes_and_unicode() {
    let mut v = base();
    v["measurements"][0]["expressions"][0]["name"] = json!("caf\u{e9} \"q\" \\ \u{1F600}");
    v["measurements"][0]["trigger"] = json!("voice\nactivity");
    v["request_id"] = json!("r\te");
    assert!(check(&text(&v)));
    let s = String::from_utf8(text(&base())).unwrap();
    // \u escapes in a name, a trigger and the ids.
    assert!(check(s.replacen("\"joy\"", "\"j\\u006fy\"", 1).as_bytes()));
    assert!(check(
        s.replacen("\"interval\"", "\"interva\\u006c\"", 1)
            .as_bytes()
    ));
    assert!(check(s.replacen("\"req-1\"", "\"req\\/1\"", 1).as_bytes()));
    // An escaped key is left to serde (which accepts it).
    assert!(!check(
        s.replacen("\"trigger\"", "\"trigge\\u0072\"", 1).as_bytes()
    ));
    // A raw control character and a bad escape are errors.
    assert!(!check(s.replacen("\"joy\"", "\"jo\u{1}y\"", 1).as_bytes()));
    assert!(!check(s.replacen("\"joy\"", "\"jo\\qy\"", 1).as_bytes()));
}

#[test]
fn invalid_utf8_is_never_accepted() {
    let s = text(&base());
    for target in [&b"joy"[..], b"interval", b"req-1", b"trigger"] {
        let at = s.windows(target.len()).position(|w| w == target).unwrap();
        let mut body = s.clone();
        body[at + 1] = 0xFF;
        assert!(!check(&body), "{}", String::from_utf8_lossy(target));
    }
    let mut with_key = base();
    with_key["measurements"][0]["unknown"] = json!(1);
    let mut body = text(&with_key);
    let at = body.windows(7).position(|w| w == b"unknown").unwrap();
    body[at] = 0xC3;
    assert!(!check(&body));
}

#[test]
fn structural_variations_are_left_to_serde() {
    let s = String::from_utf8(text(&base())).unwrap();
    let cases = [
        // Duplicate fields at every level.
        s.replacen("\"run_id\"", "\"run_id\":\"x\",\"run_id\"", 1),
        s.replacen("\"trigger\"", "\"trigger\":\"interval\",\"trigger\"", 1),
        s.replacen("\"probability\"", "\"probability\":0.1,\"probability\"", 1),
        s.replacen("\"name\"", "\"name\":\"x\",\"name\"", 1),
        // Missing fields.
        s.replacen("\"trigger\":\"interval\",", "", 1),
        s.replacen(",\"probability\":0.8123", "", 1),
        // Nulls and wrong types.
        s.replacen("[{\"name\":\"fast\",\"probability\":0.725}]", "null", 1),
        s.replacen("\"interval\"", "7", 1),
        s.replacen("{\"name\":\"joy\"", "[\"joy\"", 1),
        // Trailing garbage, a second value, truncation, a BOM.
        format!("{s}x"),
        format!("{s}{{}}"),
        s[..s.len() - 1].to_owned(),
        format!("\u{feff}{s}"),
        // Trailing commas.
        s.replacen("}]}", "},]}", 1),
    ];
    for body in cases {
        assert_ne!(body, s, "the variation applies");
        assert!(!check(body.as_bytes()), "{body}");
    }
}

#[test]
fn deep_nesting_in_an_unknown_field() {
    for depth in [50, 99, 127, 128, 129, 300] {
        let mut v = base();
        v["measurements"][0]["x"] = json!(null);
        let nested = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let body = String::from_utf8(text(&v)).unwrap().replacen(
            "\"x\":null",
            &format!("\"x\":{nested}"),
            1,
        );
        check(body.as_bytes());
    }
}

#[test]
fn many_names_overflow_the_local_table_gracefully() {
    let mut v = base();
    let scores: Vec<Value> = (0..3000)
        .map(|i| json!({"name": format!("name {i}"), "probability": 0.5}))
        .collect();
    v["measurements"][0]["expressions"] = Value::Array(scores.clone());
    v["measurements"][1]["expressions"] = Value::Array(scores);
    assert!(check(&text(&v)));
}

/// A deterministic generator for random bodies.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[test]
fn random_probabilities_and_mutations_keep_the_contract() {
    let mut rng = Rng(7);
    let s = String::from_utf8(text(&base())).unwrap();
    for _ in 0..3000 {
        // A random double in any form Rust prints it.
        let p = f64::from_bits(rng.next() >> 2);
        let forms = [
            format!("{p}"),
            format!("{p:e}"),
            format!("{p:.3}"),
            format!("{}", p.abs().fract()),
        ];
        for form in forms {
            check(s.replacen("0.8123", &form, 1).as_bytes());
        }
        // A random byte flipped somewhere.
        let mut body = s.clone().into_bytes();
        let at = (rng.next() % body.len() as u64) as usize;
        body[at] = (rng.next() & 0xFF) as u8;
        check(&body);
        // A random cut.
        let cut = (rng.next() % body.len() as u64) as usize;
        check(&s.as_bytes()[..cut]);
    }
}
