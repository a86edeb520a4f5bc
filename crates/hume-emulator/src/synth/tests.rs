use std::sync::OnceLock;

use hume_models::names::{BURST_DESCRIPTIONS_67, EXPRESSIONS_48, LANGUAGE_EXPRESSIONS_53};
use hume_models::{
    BurstConfig, FaceConfig, FacemeshConfig, Granularity, JobId, JobRequest, LanguageConfig,
    NerConfig, ProsodyConfig, Window,
};

use super::*;
use crate::config::EmulatorConfig;
use crate::echo::with_defaults;

fn job(request: JobRequest) -> Job {
    Job {
        seq: 0,
        id: JobId::new("job"),
        request: with_defaults(request),
        files: Vec::new(),
        created_ms: 0,
        started_ms: 0,
        ended_ms: 0,
        failure: None,
        counts: OnceLock::new(),
    }
}

fn state(seed: u64) -> AppState {
    AppState::new(EmulatorConfig::default().with_seed(seed))
}

#[test]
fn same_seed_same_predictions_other_seed_differs() {
    let request = JobRequest::new()
        .with_url("https://media.test/a.mp4")
        .with_text_item("Hello there.");
    let a = predict(&state(1), &job(request.clone()));
    let b = predict(&state(1), &job(request.clone()));
    let c = predict(&state(2), &job(request));
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn every_model_has_its_name_sets_for_a_video() {
    let p = predict(
        &state(0),
        &job(JobRequest::new().with_url("https://media.test/talk.mp4")),
    );
    let prediction = &p[0].results.as_ref().unwrap().predictions[0];
    assert_eq!(prediction.file, "talk.mp4");
    assert_eq!(prediction.file_type.as_deref(), Some("video"));
    let m = &prediction.models;
    let face = m.face.as_ref().unwrap();
    let first = face.predictions().next().unwrap();
    assert_eq!(first.emotions.len(), 48);
    assert_eq!(first.emotions[0].name, EXPRESSIONS_48[0]);
    let burst = m.burst.as_ref().unwrap().predictions().next().unwrap();
    assert_eq!(burst.descriptions.len(), BURST_DESCRIPTIONS_67.len());
    let language = m.language.as_ref().unwrap();
    assert_eq!(
        language.predictions().next().unwrap().emotions.len(),
        LANGUAGE_EXPRESSIONS_53.len()
    );
    assert!(
        language.metadata.is_some(),
        "media transcripts carry metadata"
    );
    assert!(m.prosody.as_ref().unwrap().prediction_count() > 0);
    assert!(m.facemesh.is_some());
    assert!(m.ner.is_some());
}

#[test]
fn face_frames_follow_fps_pred_and_images_have_one_frame() {
    let models = Models::new().with(
        FaceConfig::default()
            .with_fps_pred(1.0)
            .with_prob_threshold(0.0)
            .with_min_face_size(0),
    );
    let p = predict(
        &state(0),
        &job(JobRequest::new()
            .with_url("https://m.test/v.mp4")
            .with_models(models.clone())),
    );
    let face = p[0].results.as_ref().unwrap().predictions[0]
        .models
        .face
        .clone()
        .unwrap();
    let frames: Vec<u64> = face.grouped_predictions[0]
        .predictions
        .iter()
        .map(|f| f.frame)
        .collect();
    assert!(frames.len() >= 4, "{frames:?}");
    assert!(frames.windows(2).all(|w| w[1] - w[0] == 30 || w[1] == w[0]));
    let image = predict(
        &state(0),
        &job(JobRequest::new()
            .with_url("https://m.test/i.png")
            .with_models(models)),
    );
    let face = image[0].results.as_ref().unwrap().predictions[0]
        .models
        .face
        .clone()
        .unwrap();
    assert!(face.predictions().all(|f| f.frame == 0 && f.time == 0.0));
    assert!(
        image[0].results.as_ref().unwrap().predictions[0]
            .models
            .burst
            .is_none()
    );
}

#[test]
fn identify_faces_names_groups() {
    let models = Models::new().with(
        FaceConfig::default()
            .with_identify_faces(true)
            .with_min_face_size(0),
    );
    let p = predict(
        &state(0),
        &job(JobRequest::new()
            .with_url("https://m.test/x.jpg")
            .with_models(models)),
    );
    let face = p[0].results.as_ref().unwrap().predictions[0]
        .models
        .face
        .clone()
        .unwrap();
    assert!(
        face.grouped_predictions
            .iter()
            .all(|g| g.id.starts_with("face_"))
    );
    let p = predict(
        &state(0),
        &job(JobRequest::new().with_url("https://m.test/x.jpg")),
    );
    let face = p[0].results.as_ref().unwrap().predictions[0]
        .models
        .face
        .clone()
        .unwrap();
    assert!(face.grouped_predictions.iter().all(|g| g.id == "unknown"));
}

#[test]
fn language_words_carry_the_submitted_text() {
    let text = "Zoë loves Paris. Bob does not!";
    let models = Models::new()
        .with(LanguageConfig::default().with_granularity(Granularity::Word))
        .with(NerConfig::default());
    let p = predict(
        &state(0),
        &job(JobRequest::new().with_text_item(text).with_models(models)),
    );
    assert!(matches!(p[0].source, Source::Text { .. }));
    let prediction = &p[0].results.as_ref().unwrap().predictions[0];
    assert_eq!(
        (prediction.file.as_str(), prediction.file_type.as_deref()),
        ("1", Some("text"))
    );
    let language = prediction.models.language.as_ref().unwrap();
    assert!(language.metadata.is_none());
    let words: Vec<&str> = language.predictions().map(|l| l.text.as_str()).collect();
    assert_eq!(words, ["Zoë", "loves", "Paris", "Bob", "does", "not"]);
    for l in language.predictions() {
        assert_eq!(l.position.slice(text), Some(l.text.as_str()));
        assert!(l.time.is_none() && l.confidence.is_none() && l.sentiment.is_none());
    }
    let entities: Vec<&str> = prediction
        .models
        .ner
        .as_ref()
        .unwrap()
        .predictions()
        .map(|n| n.entity.as_str())
        .collect();
    assert_eq!(entities, ["Paris"]);
}

#[test]
fn granularities_for_text() {
    let text = "One two. Three four!";
    let run = |g: Granularity| -> Vec<String> {
        let models = Models::new().with(LanguageConfig::default().with_granularity(g));
        let p = predict(
            &state(0),
            &job(JobRequest::new().with_text_item(text).with_models(models)),
        );
        p[0].results.as_ref().unwrap().predictions[0]
            .models
            .language
            .as_ref()
            .unwrap()
            .predictions()
            .map(|l| l.text.clone())
            .collect()
    };
    assert_eq!(run(Granularity::Sentence), ["One two.", "Three four!"]);
    assert_eq!(run(Granularity::Utterance), ["One two.", "Three four!"]);
    assert_eq!(run(Granularity::ConversationalTurn), [text]);
}

#[test]
fn prosody_windows_cover_the_media() {
    let models = Models::new().with(ProsodyConfig::default().with_window(Window::new(2.0, 1.0)));
    let p = predict(
        &state(0),
        &job(JobRequest::new()
            .with_url("https://m.test/a.wav")
            .with_models(models)),
    );
    let prosody = p[0].results.as_ref().unwrap().predictions[0]
        .models
        .prosody
        .clone()
        .unwrap();
    let times: Vec<(f64, f64)> = prosody
        .predictions()
        .map(|p| (p.time.begin, p.time.end))
        .collect();
    assert_eq!(times[0], (0.0, 2.0));
    assert_eq!(times[1].0, 1.0);
    assert!(prosody.predictions().all(|p| p.text.is_none()));
}

#[test]
fn text_items_are_indexed_from_one_and_shuffled_deterministically() {
    let items: Vec<String> = (0..10).map(|i| format!("Item number {i}.")).collect();
    let p = predict(&state(0), &job(JobRequest::new().with_text(items.clone())));
    let files: Vec<String> = p[0]
        .results
        .as_ref()
        .unwrap()
        .predictions
        .iter()
        .map(|p| p.file.clone())
        .collect();
    let mut sorted: Vec<usize> = files.iter().map(|f| f.parse().unwrap()).collect();
    sorted.sort_unstable();
    assert_eq!(sorted, (1..=10).collect::<Vec<_>>());
    assert_ne!(files, (1..=10).map(|i| i.to_string()).collect::<Vec<_>>());
    let third = p.find_file("3").unwrap();
    let first_word = &third
        .models
        .language
        .as_ref()
        .unwrap()
        .predictions()
        .next()
        .unwrap()
        .text;
    assert_eq!(first_word, "Item");
}

#[test]
fn rules_unreachable_corrupt_and_archives() {
    let request = JobRequest::new()
        .with_url("https://cdn.example.invalid/a.mp4")
        .with_url("https://m.test/unreachable/b.mp4")
        .with_url("https://m.test/corrupt-clip.mp4")
        .with_url("https://m.test/faces.zip")
        .with_models(
            Models::new()
                .with(FaceConfig::default())
                .with(BurstConfig::default())
                .with(FacemeshConfig::default()),
        );
    let j = job(request);
    let p = predict(&state(0), &j);
    assert!(p[0].error.is_some() && p[0].results.is_none());
    assert!(p[1].error.is_some() && p[1].results.is_none());
    let corrupt = p[2].results.as_ref().unwrap();
    assert_eq!(corrupt.errors[0].file, "corrupt-clip.mp4");
    assert!(corrupt.predictions.is_empty());
    let files: Vec<&str> = p[3]
        .results
        .as_ref()
        .unwrap()
        .predictions
        .iter()
        .map(|p| p.file.as_str())
        .collect();
    assert_eq!(files, ["faces/0.jpg", "faces/1.jpg", "faces/2.jpg"]);
    assert_eq!(counts(&state(0), &j), (3, 3));
}

#[test]
fn disabled_transcription_means_no_language_and_windowed_prosody() {
    let request = JobRequest::new()
        .with_url("https://m.test/a.mp3")
        .with_transcription(Transcription::Disabled);
    let p = predict(&state(0), &job(request));
    let m = &p[0].results.as_ref().unwrap().predictions[0].models;
    assert!(m.language.is_none() && m.ner.is_none());
    assert!(
        m.prosody
            .as_ref()
            .unwrap()
            .predictions()
            .all(|p| p.text.is_none())
    );
}

#[test]
fn transcription_identify_speakers_names_speaker_groups() {
    let models = Models::new().with(ProsodyConfig::default());
    let plain = predict(
        &state(0),
        &job(JobRequest::new()
            .with_url("https://m.test/talk.wav")
            .with_models(models.clone())),
    );
    let ids = |p: &Predictions| -> Vec<String> {
        p[0].results.as_ref().unwrap().predictions[0]
            .models
            .prosody
            .as_ref()
            .unwrap()
            .grouped_predictions
            .iter()
            .map(|g| g.id.clone())
            .collect()
    };
    assert_eq!(ids(&plain), ["unknown"]);
    let identified = predict(
        &state(0),
        &job(JobRequest::new()
            .with_url("https://m.test/talk.wav")
            .with_models(models)
            .with_transcription(
                hume_models::TranscriptionConfig::default().with_identify_speakers(true),
            )),
    );
    assert_eq!(ids(&identified), ["speaker_0", "speaker_1"]);
}

/// The counts of a job computed the long way: from its served predictions.
fn counted(predictions: &Predictions) -> (u64, u64) {
    let mut n = 0;
    let mut errors = 0;
    for source in predictions.iter() {
        errors += u64::from(source.error.is_some());
        if let Some(results) = &source.results {
            n += results.predictions.len() as u64;
            errors += results.errors.len() as u64;
        }
    }
    (n, errors)
}

#[test]
fn counts_from_the_outline_match_the_served_predictions() {
    let urls = [
        "https://m.test/a.mp4",
        "https://m.test/b.mp3",
        "https://m.test/c.jpg",
        "https://m.test/d.txt",
        "https://m.test/e.json",
        "https://m.test/clips.zip",
        "https://m.test/mixed.zip",
        "https://m.test/corrupt-voice.wav",
        "https://m.test/unreachable/f.mp4",
        "https://cdn.example.invalid/g.mp4",
    ];
    let transcriptions = [
        None,
        Some(Transcription::Disabled),
        // Synthetic confidences are 0.75..0.99: about half of the media files lose theirs.
        Some(Transcription::Config(
            hume_models::TranscriptionConfig::default().with_confidence_threshold(0.87),
        )),
    ];
    let mut some_dropped = false;
    for seed in 0..4 {
        for transcription in &transcriptions {
            for first in 0..urls.len() {
                let mut request = JobRequest::new().with_text_item("Hello there. Bye.");
                for url in urls.iter().cycle().skip(first).take(4) {
                    request = request.with_url(*url);
                }
                if let Some(t) = transcription {
                    request = request.with_transcription(t.clone());
                }
                let j = job(request);
                let state = state(seed);
                let served = predict(&state, &j);
                assert_eq!(counts(&state, &j), counted(&served), "seed {seed}: {j:?}");
                some_dropped |= served.iter().any(|s| {
                    s.results.as_ref().is_some_and(|r| {
                        r.errors.iter().any(|e| e.message == LOW_CONFIDENCE_MESSAGE)
                    })
                });
            }
        }
    }
    assert!(some_dropped, "the threshold dropped some transcripts");
}
