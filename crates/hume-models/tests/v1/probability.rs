//! `probability` round-trips bit for bit: parse → serialise → parse gives the same `f64`.

use hume_models::v1::{AudioFileResponse, Score, VideoFileResponse};

use crate::fixtures;

/// SplitMix64: deterministic, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Any finite double (random bit patterns, NaN and infinities skipped).
    fn any_finite(&mut self) -> f64 {
        loop {
            let f = f64::from_bits(self.next());
            if f.is_finite() {
                return f;
            }
        }
    }

    /// A uniform double in [0, 1) with all 53 bits of precision.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn through_json(p: f64) -> f64 {
    let text = serde_json::to_string(&Score::new("joy", p)).unwrap();
    let back: Score = serde_json::from_str(&text).unwrap();
    // And once more, from the re-serialised text.
    let again: Score = serde_json::from_str(&serde_json::to_string(&back).unwrap()).unwrap();
    assert_eq!(back.probability.to_bits(), again.probability.to_bits());
    back.probability
}

#[test]
fn random_doubles_round_trip_bit_exact() {
    let mut rng = Rng(0xD0_0B1E);
    for _ in 0..200_000 {
        for p in [rng.unit(), rng.any_finite()] {
            let back = through_json(p);
            assert_eq!(back.to_bits(), p.to_bits(), "{p:e} came back as {back:e}");
        }
    }
}

#[test]
fn edge_doubles_round_trip_bit_exact() {
    let edges = [
        0.0,
        -0.0,
        1.0,
        0.1,
        0.725,
        0.9999,
        f64::MIN_POSITIVE,
        f64::MIN_POSITIVE / 2.0, // subnormal
        f64::from_bits(1),       // smallest subnormal
        f64::MAX,
        f64::MIN,
        f64::EPSILON,
        1.0 - f64::EPSILON / 2.0,
        0.300_000_000_000_000_04,
        2.225_073_858_507_201e-308,
        9_007_199_254_740_993.0,
    ];
    for p in edges {
        assert_eq!(through_json(p).to_bits(), p.to_bits(), "{p:e}");
    }
}

#[test]
fn long_decimal_text_parses_to_the_nearest_double() {
    // 17+ significant digits, as another server might write them: the nearest double, the
    // same one Rust's own parser picks.
    for text in [
        "0.81234567890123456789",
        "0.1000000000000000055511151231257827",
        "0.7250000000000000888178419700125232338905334472656250001",
        "1e-320",
        "4.9406564584124654e-324",
    ] {
        let score: Score =
            serde_json::from_str(&format!(r#"{{"name":"x","probability":{text}}}"#)).unwrap();
        let expected: f64 = text.parse().unwrap();
        assert_eq!(score.probability.to_bits(), expected.to_bits(), "{text}");
    }
}

#[test]
fn whole_responses_keep_every_probability() {
    let mut rng = Rng(42);
    let mut v = fixtures::value("audio-file-response.json");
    for m in v["measurements"].as_array_mut().unwrap() {
        for s in m["expressions"].as_array_mut().unwrap() {
            s["probability"] = serde_json::json!(rng.unit());
        }
    }
    let first = AudioFileResponse::from_response(&serde_json::to_vec(&v).unwrap()).unwrap();
    let second = AudioFileResponse::from_response(&serde_json::to_vec(&first).unwrap()).unwrap();
    for (a, b) in first.measurements.iter().zip(&second.measurements) {
        for (x, y) in a.expressions.iter().zip(&b.expressions) {
            assert_eq!(x.probability.to_bits(), y.probability.to_bits());
        }
    }
    assert_eq!(first, second);

    let video =
        VideoFileResponse::from_response(&fixtures::bytes("video-file-response.json")).unwrap();
    let again = VideoFileResponse::from_response(&serde_json::to_vec(&video).unwrap()).unwrap();
    assert_eq!(video, again);
}
