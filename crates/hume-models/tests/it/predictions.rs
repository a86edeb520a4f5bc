//! Typed predictions for every model and source kind.

use hume_models::names::{
    BURST_DESCRIPTIONS_67, EXPRESSIONS_48, LANGUAGE_EXPRESSIONS_53, SENTIMENT_LEVELS,
    TOXICITY_NAMES,
};
use hume_models::predictions::{Predictions, Scores, Source};
use hume_models::{EmotionScore, ModelType};

use crate::fixtures;

fn load(name: &str) -> Predictions {
    Predictions::from_response(&fixtures::bytes(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn names(scores: &[EmotionScore]) -> Vec<&str> {
    scores.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn face() {
    let p = load("predictions-face.json");
    assert!(
        matches!(&p[0].source, Source::Url { url } if url == "https://example.com/media/faces.zip")
    );
    let video = p.find_file("clips/a.mp4").unwrap();
    assert_eq!(video.file_type.as_deref(), Some("video"));
    assert_eq!(video.models.model_types(), [ModelType::Face]);
    let face = video.models.face.as_ref().unwrap();
    assert_eq!(face.metadata, None);
    assert_eq!(face.grouped_predictions.len(), 2);
    assert_eq!(face.group("face_1").unwrap().predictions.len(), 0);
    let f = &face.group("face_0").unwrap().predictions[0];
    assert_eq!(f.frame, 12);
    assert_eq!(f.time, 4.0);
    assert_eq!(f.prob, 0.998);
    assert_eq!(
        (f.bbox.x, f.bbox.y, f.bbox.w, f.bbox.h),
        (10.5, 20.0, 100.0, 120.25)
    );
    assert_eq!(names(&f.emotions), EXPRESSIONS_48);
    assert_eq!(f.emotions.top().unwrap().name, "Joy");
    assert_eq!(f.emotions.score_of("Joy"), Some(0.9));
    assert_eq!(
        names(f.facs.as_ref().unwrap()),
        ["AU12 Lip Corner Puller", "AU6 Cheek Raiser"]
    );
    assert_eq!(
        f.descriptions.as_ref().unwrap().top().unwrap().name,
        "Smile"
    );
    let image = p.find_file("faces/b.jpg").unwrap();
    let img = image
        .models
        .face
        .as_ref()
        .unwrap()
        .predictions()
        .next()
        .unwrap();
    assert_eq!(img.time, 0.0);
    assert_eq!(img.facs, None);
    assert_eq!(img.descriptions, None);
}

#[test]
fn burst() {
    let p = load("predictions-burst.json");
    match &p[0].source {
        Source::File {
            filename,
            content_type,
            md5sum,
        } => {
            assert_eq!(filename.as_deref(), Some("laugh.wav"));
            assert_eq!(content_type.as_deref(), Some("audio/wav"));
            assert_eq!(md5sum, "0123456789abcdef0123456789abcdef");
        }
        other => panic!("expected a file source, got {other:?}"),
    }
    let b = p
        .find_file("laugh.wav")
        .unwrap()
        .models
        .burst
        .as_ref()
        .unwrap();
    let pred = b.predictions().next().unwrap();
    assert_eq!((pred.time.begin, pred.time.end), (0.5, 1.25));
    assert_eq!(pred.time.duration(), 0.75);
    assert_eq!(names(&pred.emotions), EXPRESSIONS_48);
    assert_eq!(names(&pred.descriptions), BURST_DESCRIPTIONS_67);
    assert_eq!(pred.descriptions.top().unwrap().name, "Haha");
}

#[test]
fn prosody() {
    let p = load("predictions-prosody.json");
    let r = p
        .find_file("speech.mp3")
        .unwrap()
        .models
        .prosody
        .as_ref()
        .unwrap();
    let meta = r.metadata.as_ref().unwrap();
    assert_eq!(meta.confidence, 0.93);
    assert_eq!(meta.detected_language.as_deref(), Some("en"));
    let all: Vec<_> = r.predictions().collect();
    assert_eq!(all.len(), 3);
    assert_eq!(r.prediction_count(), 3);
    assert_eq!(r.grouped_predictions[0].id, "speaker_0");
    assert_eq!(all[0].text.as_deref(), Some("Hello there."));
    assert_eq!(all[0].confidence, Some(0.97));
    assert_eq!(all[0].speaker_confidence, Some(0.8));
    assert_eq!(all[0].emotions.top().unwrap().name, "Interest");
    // Window-style output: explicit nulls and absent keys both read as None.
    for window in &all[1..] {
        assert_eq!(window.text, None);
        assert_eq!(window.confidence, None);
        assert_eq!(window.speaker_confidence, None);
        assert_eq!(window.emotions.len(), 48);
    }
    assert_eq!(all[2].time.begin, 8.0);
}

#[test]
fn language_with_sentiment_and_toxicity() {
    let p = load("predictions-language.json");
    assert!(matches!(p[0].source, Source::Text { .. }));
    let pred = p.find_file("2").unwrap();
    assert_eq!(pred.file_type.as_deref(), Some("text"));
    assert_eq!(pred.text_index(), Some(1));
    let lang = pred.models.language.as_ref().unwrap();
    assert_eq!(lang.metadata, None);
    let l = lang.predictions().next().unwrap();
    assert_eq!(l.text, "really");
    assert_eq!(l.time, None);
    assert_eq!(l.confidence, None);
    assert_eq!(names(&l.emotions), LANGUAGE_EXPRESSIONS_53);
    assert_eq!(names(l.sentiment.as_ref().unwrap()), SENTIMENT_LEVELS);
    assert_eq!(names(l.toxicity.as_ref().unwrap()), TOXICITY_NAMES);
    let other = p.find_file("1").unwrap().models.language.as_ref().unwrap();
    let first = other.predictions().next().unwrap();
    assert_eq!(first.sentiment, None);
    assert_eq!(first.toxicity, None);
}

#[test]
fn ner() {
    let p = load("predictions-ner.json");
    let r = p
        .find_file("talk.mp4")
        .unwrap()
        .models
        .ner
        .as_ref()
        .unwrap();
    assert_eq!(
        r.metadata.as_ref().unwrap().detected_language.as_deref(),
        Some("en")
    );
    let n = r.predictions().next().unwrap();
    assert_eq!(n.entity, "Barack Obama");
    assert_eq!((n.position.begin, n.position.end), (10, 22));
    assert_eq!(n.entity_confidence, 0.93);
    assert_eq!(n.support, 12.5);
    assert_eq!(n.uri, "https://en.wikipedia.org/wiki/Barack_Obama");
    assert_eq!(n.link_word, "Obama");
    assert_eq!(n.time.unwrap().end, 2.9);
    assert_eq!(n.confidence, Some(0.95));
    assert_eq!(n.speaker_confidence, None);
    assert_eq!(n.emotions.len(), 53);
    assert_eq!(n.emotions.top().unwrap().name, "Admiration");
}

#[test]
fn facemesh_without_metadata_key() {
    let p = load("predictions-facemesh.json");
    assert!(matches!(
        &p[0].source,
        Source::File {
            content_type: None,
            ..
        }
    ));
    let r = p
        .find_file("mesh.json")
        .unwrap()
        .models
        .facemesh
        .as_ref()
        .unwrap();
    assert_eq!(r.metadata, None);
    let m = r.predictions().next().unwrap();
    assert_eq!(names(&m.emotions), EXPRESSIONS_48);
    assert_eq!(m.emotions.top().unwrap().name, "Awe");
}

#[test]
fn errors_unknown_sources_and_unknown_models() {
    let p = load("predictions-errors.json");
    assert_eq!(p.len(), 4);
    // A source that failed as a whole: error, no results.
    assert!(p[0].results.is_none());
    let failed: Vec<_> = p.source_errors().collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].0.label(), "https://example.com/missing.mp4");
    assert!(failed[0].1.starts_with("could not download"));
    // Per-file errors.
    let file_errors: Vec<_> = p.file_errors().collect();
    assert_eq!(file_errors.len(), 1);
    assert_eq!(file_errors[0].1.file, "quiet.wav");
    assert_eq!(
        file_errors[0].1.message,
        "Transcript confidence below threshold value"
    );
    // An unknown model key is kept as raw JSON; a null one is dropped.
    let ok = p.find_file("ok.jpg").unwrap();
    assert_eq!(ok.models.model_types(), [ModelType::Face]);
    assert_eq!(ok.models.other.len(), 1);
    assert_eq!(
        ok.models.other["future_model"]["grouped_predictions"][0]["id"],
        "x"
    );
    assert_eq!(ok.models.face.as_ref().unwrap().prediction_count(), 0);
    // An unknown source type and a text source with an undocumented field.
    assert_eq!(p[2].source, Source::Unknown);
    assert_eq!(p[2].source.kind(), "unknown");
    assert!(matches!(&p[3].source, Source::Text { text: Some(t) } if t == "hello"));
}

#[test]
fn predictions_arrive_in_any_order_and_are_found_by_file() {
    let p = load("predictions-language.json");
    let order: Vec<&str> = p[0].predictions().iter().map(|x| x.file.as_str()).collect();
    assert_eq!(order, ["2", "1"], "fixture is deliberately out of order");
    let by_file = p.by_file();
    assert_eq!(by_file.len(), 2);
    assert_eq!(by_file["1"][0].text_index(), Some(0));
    assert!(p.find_file("3").is_none());
    assert!(p[0].prediction_for_file("1").is_some());
    let mut sorted: Vec<_> = p.iter_predictions().map(|(_, x)| x).collect();
    sorted.sort_by_key(|x| x.text_index());
    assert_eq!(sorted[0].file, "1");
}

#[test]
fn from_reader_and_from_value_agree() {
    let bytes = fixtures::bytes("predictions-face.json");
    let a = Predictions::from_response(&bytes).unwrap();
    let b = Predictions::from_reader(&bytes[..]).unwrap();
    let c = Predictions::from_value(fixtures::value("predictions-face.json")).unwrap();
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[test]
fn raw_json_access_stays_possible() {
    // The typed parse never blocks reading the body as plain JSON as well.
    let raw = fixtures::value("predictions-errors.json");
    assert_eq!(
        raw[1]["results"]["predictions"][0]["models"]["future_model"]["grouped_predictions"][0]["predictions"]
            [0]["score"],
        1
    );
    // And a typed value converts back to JSON.
    let typed = load("predictions-errors.json");
    let back = serde_json::to_value(&typed).unwrap();
    assert_eq!(
        back[1]["results"]["predictions"][0]["models"]["future_model"],
        raw[1]["results"]["predictions"][0]["models"]["future_model"]
    );
}

#[test]
fn parse_error_points_into_the_predictions() {
    let body = br#"[{"source":{"type":"url","url":"u"},"results":{"predictions":[{"file":"a","models":{"face":{"grouped_predictions":[{"id":"x","predictions":[{"frame":"zero"}]}]}}}],"errors":[]}}]"#;
    let err = Predictions::from_response(body).unwrap_err();
    assert_eq!(
        err.path(),
        "[0].results.predictions[0].models.face.grouped_predictions[0].predictions[0].frame"
    );
    let truncated = &fixtures::bytes("predictions-face.json")[..200];
    let err = Predictions::from_response(truncated).unwrap_err();
    assert!(err.is_eof(), "{err}");
}
