use super::*;
use crate::synth::v1::test_signal::Signal;

fn assert_reported(scores: &[Score]) {
    for pair in scores.windows(2) {
        assert!(
            pair[0].probability > pair[1].probability
                || (pair[0].probability == pair[1].probability && pair[0].name < pair[1].name),
            "sorted: {pair:?}"
        );
    }
    for score in scores {
        let scaled = score.probability * 10_000.0;
        assert!(
            (scaled - scaled.round()).abs() < 1e-6,
            "4 decimals: {score:?}"
        );
        assert!((0.0..=1.0).contains(&score.probability));
    }
}

#[test]
fn scores_are_rounded_sorted_and_above_their_cutoffs() {
    for seed in 0..200u64 {
        let features = Features {
            loudness: (seed % 10) as f64 / 9.0,
            brightness: (seed % 7) as f64 / 6.0,
            variability: (seed % 5) as f64 / 4.0,
        };
        let scores = scores_from(seed, features);
        assert_reported(&scores.expressions);
        assert_reported(&scores.voice_attributes);
        for score in &scores.expressions {
            assert!(
                score.probability >= expression_threshold(score.name),
                "{score:?}"
            );
            assert!(AUDIO_EXPRESSIONS.contains(&score.name));
        }
        for score in &scores.voice_attributes {
            assert!(score.probability >= VOICE_ATTRIBUTE_CUTOFF, "{score:?}");
        }
    }
}

#[test]
fn expressions_are_judged_present_by_their_own_threshold_so_the_list_can_be_empty() {
    let thresholds: Vec<f64> = AUDIO_EXPRESSIONS
        .iter()
        .map(|name| expression_threshold(name))
        .collect();
    assert!(thresholds.iter().all(|t| (0.30..0.55).contains(t)));
    assert!(
        thresholds.windows(2).any(|w| w[0] != w[1]),
        "thresholds differ per name"
    );
    let counts: Vec<usize> = (0..300u64)
        .map(|seed| {
            let quiet = Features {
                loudness: 0.5,
                brightness: 0.5,
                variability: 0.5,
            };
            scores_from(seed, quiet).expressions.len()
        })
        .collect();
    assert!(
        counts.contains(&0),
        "some windows have no expression present"
    );
    assert!(counts.iter().any(|&n| n >= 5), "others have several");
}

#[test]
fn the_same_bytes_give_the_same_scores_and_other_bytes_other_scores() {
    let a = Signal::new().tone(2000, 220.0, 6000.0).pcm();
    let mut b = a.clone();
    b[1000] ^= 1;
    assert_eq!(score_window(&a), score_window(&a));
    assert_ne!(score_window(&a), score_window(&b));
}

#[test]
fn features_describe_the_audio() {
    let silence = features(&Signal::new().silence(1000).pcm());
    assert_eq!(silence.loudness, 0.0);
    assert_eq!(silence.variability, 0.0);
    let loud = features(&Signal::new().tone(1000, 440.0, 16_000.0).pcm());
    let quiet = features(&Signal::new().tone(1000, 440.0, 500.0).pcm());
    assert!(loud.loudness > quiet.loudness + 0.3, "{loud:?} {quiet:?}");
    assert!(
        loud.variability < 0.05,
        "a steady tone does not vary: {loud:?}"
    );
    let noise = features(&Signal::new().noise(1000, 5000).pcm());
    assert!(noise.brightness > 0.9, "{noise:?}");
    assert!(loud.brightness < 0.3, "{loud:?}");
    let bursty = features(
        &Signal::new()
            .tone(100, 440.0, 8000.0)
            .silence(100)
            .tone(100, 440.0, 8000.0)
            .silence(100)
            .pcm(),
    );
    assert!(bursty.variability > 0.8, "{bursty:?}");
    assert_eq!(features(&[]).loudness, 0.0);
}

#[test]
fn loudness_raises_anger_and_lowers_calmness_for_the_same_draw() {
    let at = |loudness| Features {
        loudness,
        brightness: 0.3,
        variability: 0.3,
    };
    for seed in 0..50u64 {
        assert!(
            expression_probability(seed, "anger", at(0.9))
                > expression_probability(seed, "anger", at(0.1))
        );
        assert!(
            expression_probability(seed, "calmness", at(0.9))
                < expression_probability(seed, "calmness", at(0.1))
                || expression_probability(seed, "calmness", at(0.9)) == 0.0
        );
        // A name outside the affect table is not moved by loudness.
        assert_eq!(
            expression_probability(seed, "nostalgia", at(0.9)),
            expression_probability(seed, "nostalgia", at(0.1))
        );
    }
}

#[test]
fn a_steady_tone_is_monotone_and_bursts_are_not() {
    let steady = score_window(&Signal::new().tone(3000, 220.0, 8000.0).pcm());
    assert!(steady.voice_attributes.iter().any(|s| s.name == "monotone"));
    let bursty = score_window(
        &Signal::new()
            .tone(200, 220.0, 8000.0)
            .silence(200)
            .tone(200, 330.0, 8000.0)
            .silence(200)
            .pcm(),
    );
    assert!(!bursty.voice_attributes.iter().any(|s| s.name == "monotone"));
}
