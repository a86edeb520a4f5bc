//! Predictions shaped by the input: text words, unreachable URLs, corrupt files, archives.

use hume_models::names::{EXPRESSIONS_48, LANGUAGE_EXPRESSIONS_53};
use hume_models::{BatchJobDetails, Predictions, Source};
use serde_json::json;

use crate::common::{Client, fast};

#[tokio::test]
async fn text_predictions_carry_the_submitted_words() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let texts = [
        "I love the new café in Montréal!",
        "Is this really happening? Yes.",
    ];
    let id = client
        .start(&json!({"text": texts, "models": {"language": {"granularity": "word", "sentiment": {}}, "ner": {}}}))
        .await;
    client.wait(&id).await;
    let raw = client.predictions(&id).await;
    assert_eq!(raw[0]["source"], json!({"type": "text"}));
    let predictions = Predictions::from_value(raw).unwrap();
    for (i, text) in texts.iter().enumerate() {
        let p = predictions.find_file(&(i + 1).to_string()).unwrap();
        assert_eq!(p.file_type.as_deref(), Some("text"));
        let language = p.models.language.as_ref().unwrap();
        let words: Vec<&str> = language.predictions().map(|l| l.text.as_str()).collect();
        let expected: Vec<&str> = text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .collect();
        assert_eq!(words, expected);
        for l in language.predictions() {
            assert_eq!(
                l.position.slice(text),
                Some(l.text.as_str()),
                "character offsets"
            );
            assert_eq!(l.emotions.len(), LANGUAGE_EXPRESSIONS_53.len());
            assert_eq!(l.sentiment.as_ref().unwrap().len(), 9);
            assert!(l.toxicity.is_none());
        }
    }
    let first = predictions.find_file("1").unwrap();
    let entities: Vec<&str> = first
        .models
        .ner
        .as_ref()
        .unwrap()
        .predictions()
        .map(|n| n.entity.as_str())
        .collect();
    assert_eq!(entities, ["Montréal"]);
}

#[tokio::test]
async fn sentence_granularity_and_prosody_windows() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let id = client
        .start(&json!({
            "text": ["First one. Second one!"],
            "urls": ["https://m.example.com/voice.m4a"],
            "models": {"language": {"granularity": "sentence"}, "prosody": {"window": {"length": 1.5, "step": 0.5}}}
        }))
        .await;
    client.wait(&id).await;
    let predictions = Predictions::from_value(client.predictions(&id).await).unwrap();
    let audio = &predictions[0].predictions()[0];
    assert_eq!(audio.file, "voice.m4a");
    let prosody = audio.models.prosody.as_ref().unwrap();
    let times: Vec<(f64, f64)> = prosody
        .predictions()
        .map(|p| (p.time.begin, p.time.end))
        .collect();
    assert_eq!(&times[..3], &[(0.0, 1.5), (0.5, 2.0), (1.0, 2.5)]);
    assert!(
        prosody
            .predictions()
            .all(|p| p.emotions.len() == EXPRESSIONS_48.len())
    );
    let language = audio.models.language.as_ref().unwrap();
    assert!(
        language
            .metadata
            .as_ref()
            .is_some_and(|m| m.confidence > 0.0)
    );
    assert!(language.predictions().all(|l| l.time.is_some()));
    let text = predictions.find_file("1").unwrap();
    let sentences: Vec<&str> = text
        .models
        .language
        .as_ref()
        .unwrap()
        .predictions()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(sentences, ["First one.", "Second one!"]);
}

#[tokio::test]
async fn unreachable_urls_corrupt_files_and_archives() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let id = client
        .start(&json!({"urls": [
            "https://host.invalid/a.mp4",
            "https://m.example.com/unreachable/b.mp4",
            "https://m.example.com/corrupt.png",
            "https://m.example.com/dataset.tar.gz"
        ], "models": {"face": {}, "burst": {}}}))
        .await;
    let details = BatchJobDetails::from_value(client.wait(&id).await).unwrap();
    let predictions = Predictions::from_value(client.predictions(&id).await).unwrap();
    for source in &predictions[..2] {
        assert!(source.results.is_none());
        assert!(source.error.as_deref().is_some_and(|e| !e.is_empty()));
        assert!(matches!(source.source, Source::Url { .. }));
    }
    let corrupt = predictions[2].results.as_ref().unwrap();
    assert!(corrupt.predictions.is_empty());
    assert_eq!(corrupt.errors[0].file, "corrupt.png");
    let archive: Vec<&str> = predictions[3]
        .predictions()
        .iter()
        .map(|p| p.file.as_str())
        .collect();
    assert_eq!(archive, ["dataset/0.jpg", "dataset/1.mp4", "dataset/2.wav"]);
    assert_eq!(details.state.num_predictions, Some(3));
    assert_eq!(details.state.num_errors, Some(3));
}

#[tokio::test]
async fn predictions_are_deterministic_per_seed() {
    let body = json!({"urls": ["https://m.example.com/a.mp4"], "text": ["Same words."]});
    let mut runs = Vec::new();
    for seed in [5, 5, 6] {
        let emulator = crate::common::start(
            hume_emulator::EmulatorConfig::default()
                .with_seed(seed)
                .with_queued_duration(std::time::Duration::ZERO)
                .with_in_progress_duration(std::time::Duration::ZERO),
        )
        .await;
        let client = Client::new(&emulator);
        let id = client.start(&body).await;
        client.wait(&id).await;
        let predictions = client.predictions(&id).await;
        runs.push((id, predictions));
    }
    assert_eq!(runs[0], runs[1], "same seed: same job id and predictions");
    assert_ne!(runs[0].1, runs[2].1);
    assert_ne!(runs[0].0, runs[2].0);
}
