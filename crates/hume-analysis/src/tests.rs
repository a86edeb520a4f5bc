//! Statistics, export and plot checked against numbers worked out by hand.
//!
//! The fixture (written for these tests from SPEC.md §5) has three emotions so every expected
//! value below can be recomputed on paper:
//!
//! | model   | group  | when        | Anger | Calmness | Joy |
//! |---------|--------|-------------|-------|----------|-----|
//! | face    | face_0 | t=0.0 (f0)  | 0.1   | 0.5      | 0.2 |
//! | face    | face_0 | t=0.5 (f15) | 0.1   | 0.3      | 0.6 |
//! | face    | face_0 | t=1.0 (f30) | 0.2   | 0.2      | 0.7 |
//! | face    | face_0 | t=1.5 (f45) | 0.6   | 0.1      | 0.2 |
//! | face    | face_1 | t=0.5 (f15) | 0.3   | 0.3      | 0.1 |
//! | face    | face_1 | t=1.0 (f30) | 0.5   | 0.1      | 0.1 |
//! | prosody | spk    | [0, 1]      | 0.2   | 0.4      | 0.1 |
//! | prosody | spk    | [1, 4]      | 0.6   | 0.2      | 0.3 |
//! | prosody | spk    | [4, 6]      | 0.1   | 0.5      | 0.9 |
//! | burst   | unknown| [2, 2.5]    | 0.0   | 0.1      | 0.8 |

use hume_models::{ModelType, Predictions};

use crate::export::{CSV_HEADER, stream_csv, stream_csv_slice, write_csv};
use crate::plot::{PlotOptions, render_svg};
use crate::summary::{SummaryOptions, render_table, summarize};
use crate::*;

pub(crate) const CLIP: &str = r#"[
 {"source": {"type": "url", "url": "https://example.com/clip.mp4"},
  "results": {"errors": [], "predictions": [{"file": "clip.mp4", "models": {
   "face": {"metadata": null, "grouped_predictions": [
    {"id": "face_0", "predictions": [
     {"frame": 0, "time": 0.0, "prob": 0.99, "box": {"x": 0, "y": 0, "w": 10, "h": 10},
      "emotions": [{"name": "Anger", "score": 0.1}, {"name": "Calmness", "score": 0.5}, {"name": "Joy", "score": 0.2}]},
     {"frame": 15, "time": 0.5, "prob": 0.99, "box": {"x": 0, "y": 0, "w": 10, "h": 10},
      "emotions": [{"name": "Anger", "score": 0.1}, {"name": "Calmness", "score": 0.3}, {"name": "Joy", "score": 0.6}]},
     {"frame": 30, "time": 1.0, "prob": 0.99, "box": {"x": 0, "y": 0, "w": 10, "h": 10},
      "emotions": [{"name": "Anger", "score": 0.2}, {"name": "Calmness", "score": 0.2}, {"name": "Joy", "score": 0.7}]},
     {"frame": 45, "time": 1.5, "prob": 0.99, "box": {"x": 0, "y": 0, "w": 10, "h": 10},
      "emotions": [{"name": "Anger", "score": 0.6}, {"name": "Calmness", "score": 0.1}, {"name": "Joy", "score": 0.2}]}
    ]},
    {"id": "face_1", "predictions": [
     {"frame": 15, "time": 0.5, "prob": 0.9, "box": {"x": 50, "y": 0, "w": 10, "h": 10},
      "emotions": [{"name": "Anger", "score": 0.3}, {"name": "Calmness", "score": 0.3}, {"name": "Joy", "score": 0.1}]},
     {"frame": 30, "time": 1.0, "prob": 0.9, "box": {"x": 50, "y": 0, "w": 10, "h": 10},
      "emotions": [{"name": "Anger", "score": 0.5}, {"name": "Calmness", "score": 0.1}, {"name": "Joy", "score": 0.1}]}
    ]}
   ]},
   "prosody": {"metadata": {"confidence": 0.9, "detected_language": "en"}, "grouped_predictions": [
    {"id": "spk", "predictions": [
     {"text": "Hi", "time": {"begin": 0, "end": 1}, "confidence": 0.9, "speaker_confidence": null,
      "emotions": [{"name": "Anger", "score": 0.2}, {"name": "Calmness", "score": 0.4}, {"name": "Joy", "score": 0.1}]},
     {"text": "long one", "time": {"begin": 1, "end": 4}, "confidence": 0.9, "speaker_confidence": null,
      "emotions": [{"name": "Anger", "score": 0.6}, {"name": "Calmness", "score": 0.2}, {"name": "Joy", "score": 0.3}]},
     {"text": "end", "time": {"begin": 4, "end": 6}, "confidence": 0.9, "speaker_confidence": null,
      "emotions": [{"name": "Anger", "score": 0.1}, {"name": "Calmness", "score": 0.5}, {"name": "Joy", "score": 0.9}]}
    ]}
   ]},
   "burst": {"metadata": null, "grouped_predictions": [
    {"id": "unknown", "predictions": [
     {"time": {"begin": 2.0, "end": 2.5},
      "emotions": [{"name": "Anger", "score": 0.0}, {"name": "Calmness", "score": 0.1}, {"name": "Joy", "score": 0.8}],
      "descriptions": [{"name": "Laugh", "score": 0.7}]}
    ]}
   ]}
  }}]}},
 {"source": {"type": "text"},
  "results": {"errors": [], "predictions": [{"file": "1", "file_type": "text", "models": {
   "language": {"metadata": null, "grouped_predictions": [{"id": "unknown", "predictions": [
     {"text": "it", "position": {"begin": 7, "end": 9}, "time": null,
      "emotions": [{"name": "Joy", "score": 0.5}, {"name": "Sarcasm", "score": 0.3}]},
     {"text": "I love", "position": {"begin": 0, "end": 6}, "time": null,
      "emotions": [{"name": "Joy", "score": 0.9}, {"name": "Sarcasm", "score": 0.1}]}
   ]}]},
   "ner": {"metadata": null, "grouped_predictions": [{"id": "unknown", "predictions": []}]}
  }}]}},
 {"source": {"type": "url", "url": "https://example.com/broken.mp4"}, "error": "cannot fetch"}
]"#;

fn clip() -> Predictions {
    Predictions::from_response(CLIP.as_bytes()).expect("fixture parses")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[track_caller]
fn assert_close(actual: f64, expected: f64) {
    assert!(close(actual, expected), "expected {expected}, got {actual}");
}

#[test]
fn segments_cover_every_model_with_the_right_timing() {
    let p = clip();
    let all: Vec<Segment<'_>> = segments(&p).collect();
    // 6 face frames + 3 prosody + 1 burst + 2 language (ner is empty).
    assert_eq!(all.len(), 12);
    let face = all.iter().find(|s| s.model == ModelType::Face).unwrap();
    assert_eq!(face.source, "https://example.com/clip.mp4");
    assert_eq!(face.frame, Some(0));
    assert_eq!(face.timing, Timing::Point(0.0));
    assert_eq!(face.weight(), 1.0);
    let prosody = all.iter().find(|s| s.model == ModelType::Prosody).unwrap();
    assert_eq!(prosody.text, Some("Hi"));
    assert_eq!(prosody.midpoint(), Some(0.5));
    assert_eq!(prosody.group, "spk");
    let language = all.iter().find(|s| s.model == ModelType::Language).unwrap();
    assert_eq!(language.source, "text");
    assert_eq!(language.timing, Timing::Untimed);
    assert_eq!(language.begin(), None);
}

#[test]
fn top_n_and_dominant_per_segment() {
    let p = clip();
    let seg = select(&p, "clip.mp4", ModelType::Prosody).unwrap();
    let top: Vec<(&str, f64)> = seg[1]
        .top_n(2)
        .iter()
        .map(|e| (e.name, e.value().unwrap()))
        .collect();
    assert_eq!(top, vec![("Anger", 0.6), ("Joy", 0.3)]);
    assert_eq!(seg[2].dominant().unwrap().name, "Joy");
}

#[test]
fn prosody_mean_is_weighted_by_duration() {
    let p = clip();
    let seg = select(&p, "clip.mp4", ModelType::Prosody).unwrap();
    let m = mean_scores(&seg);
    assert_eq!(m.weighting, Weighting::Duration);
    assert_eq!(m.segments, 3);
    // Weights 1, 3, 2 s (total 6).
    assert_close(m.get("Anger").unwrap(), (0.2 + 0.6 * 3.0 + 0.1 * 2.0) / 6.0); // 0.3667
    assert_close(
        m.get("Calmness").unwrap(),
        (0.4 + 0.2 * 3.0 + 0.5 * 2.0) / 6.0,
    ); // 0.3333
    assert_close(m.get("Joy").unwrap(), (0.1 + 0.3 * 3.0 + 0.9 * 2.0) / 6.0); // 0.4667, not 0.4333
    let order: Vec<&str> = m.means.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(order, ["Joy", "Anger", "Calmness"]);
}

#[test]
fn face_mean_is_unweighted_over_frames() {
    let p = clip();
    let seg = select(&p, "clip.mp4", ModelType::Face).unwrap();
    let m = mean_scores(&seg);
    assert_eq!(m.weighting, Weighting::Unweighted);
    assert_close(m.get("Anger").unwrap(), 1.8 / 6.0);
    assert_close(m.get("Calmness").unwrap(), 1.5 / 6.0);
    assert_close(m.get("Joy").unwrap(), 1.9 / 6.0);
}

#[test]
fn raw_text_language_is_untimed_and_ordered_by_position() {
    let p = clip();
    let seg = select(&p, "1", ModelType::Language).unwrap();
    // Delivered "it" first; position order puts "I love" (0..6) first.
    assert_eq!(seg[0].text, Some("I love"));
    let m = mean_scores(&seg);
    assert_eq!(m.weighting, Weighting::Unweighted);
    assert_close(m.get("Joy").unwrap(), 0.7);
    assert_close(m.get("Sarcasm").unwrap(), 0.2);
    let err = TimeWindow::new(0.0, 1.0).unwrap().apply(&seg).unwrap_err();
    assert!(matches!(err, AnalysisError::Untimed { .. }), "{err}");
    assert!(matches!(
        rolling_mean(&seg, &["Joy"], 1.0),
        Err(AnalysisError::Untimed { .. })
    ));
}

#[test]
fn window_weighs_spans_by_their_overlap() {
    let p = clip();
    let seg = select(&p, "clip.mp4", ModelType::Prosody).unwrap();
    // [0, 2]: all of [0, 1] (1 s) and 1 s of [1, 4]; [4, 6] is out.
    let w = TimeWindow::new(0.0, 2.0).unwrap().apply(&seg).unwrap();
    assert_eq!(w.len(), 2);
    assert_eq!(
        w[1].timing,
        Timing::Span {
            begin: 1.0,
            end: 2.0
        }
    );
    assert_close(mean_scores(&w).get("Anger").unwrap(), (0.2 + 0.6) / 2.0);
    // [2, 5.5]: 2 s of [1, 4] and 1.5 s of [4, 6].
    let w = TimeWindow::new(2.0, 5.5).unwrap().apply(&seg).unwrap();
    let m = mean_scores(&w);
    assert_close(m.get("Anger").unwrap(), (0.6 * 2.0 + 0.1 * 1.5) / 3.5);
    assert_close(m.get("Joy").unwrap(), (0.3 * 2.0 + 0.9 * 1.5) / 3.5);
    assert_eq!(m.top(1)[0].name, "Joy");
    // A short window inside one long segment gives that segment, weighted by 0.5 s.
    let w = TimeWindow::new(2.0, 2.5).unwrap().apply(&seg).unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!(
        w[0].timing,
        Timing::Span {
            begin: 2.0,
            end: 2.5
        }
    );
    assert_close(mean_scores(&w).get("Anger").unwrap(), 0.6);
    // A zero-length window takes the span containing it; touching an edge is not overlap.
    let w = TimeWindow::new(3.0, 3.0).unwrap().apply(&seg).unwrap();
    assert_eq!(w.len(), 1);
    assert_close(mean_scores(&w).get("Joy").unwrap(), 0.3);
    let w = TimeWindow::new(4.0, 5.0).unwrap().apply(&seg).unwrap();
    assert_eq!(w.len(), 1, "[1, 4] only touches [4, 5]");
    // Negative bounds are fine: [-5, 0.5] holds half a second of [0, 1].
    let w = TimeWindow::new(-5.0, 0.5).unwrap().apply(&seg).unwrap();
    assert_eq!(w[0].duration(), Some(0.5));
    // Frames: face times 0.5 and 1.0 lie in [0.5, 1.0] (closed).
    let faces = select(&p, "clip.mp4", ModelType::Face).unwrap();
    let w = TimeWindow::new(0.5, 1.0).unwrap().apply(&faces).unwrap();
    assert_eq!(w.len(), 4);
    assert_close(
        mean_scores(&w).get("Joy").unwrap(),
        (0.6 + 0.7 + 0.1 + 0.1) / 4.0,
    );
}

#[test]
fn window_outside_the_media_names_the_media_range() {
    let p = clip();
    let seg = select(&p, "clip.mp4", ModelType::Prosody).unwrap();
    let err = TimeWindow::new(10.0, 20.0)
        .unwrap()
        .apply(&seg)
        .unwrap_err();
    match &err {
        AnalysisError::WindowOutsideMedia {
            media_begin,
            media_end,
            ..
        } => assert_eq!((*media_begin, *media_end), (0.0, 6.0)),
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "time window [10, 20] s is outside the media, which spans [0, 6] s"
    );
    // The media's extent is every model's: faces end at 1.5 s, prosody at 6 s.
    let faces = select(&p, "clip.mp4", ModelType::Face).unwrap();
    let clip_prediction = p.find_file("clip.mp4").unwrap();
    assert_eq!(media_extent(clip_prediction), Some((0.0, 6.0)));
    let err = TimeWindow::new(7.0, 8.0)
        .unwrap()
        .apply_in(&faces, media_extent(clip_prediction))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "time window [7, 8] s is outside the media, which spans [0, 6] s"
    );
    // Inside the media but after the last face frame.
    let err = TimeWindow::new(3.0, 4.0)
        .unwrap()
        .apply_in(&faces, media_extent(clip_prediction))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "no face segment of file `clip.mp4` overlaps [3, 4] s (its segments span [0, 1.5] s)"
    );
    assert!(matches!(
        TimeWindow::new(3.0, 1.0),
        Err(AnalysisError::InvalidParameter { .. })
    ));
    // Inside the media, but between two frames.
    let faces = select(&p, "clip.mp4", ModelType::Face).unwrap();
    assert!(matches!(
        TimeWindow::new(0.1, 0.2).unwrap().apply(&faces),
        Err(AnalysisError::EmptyWindow { .. })
    ));
}

#[test]
fn peaks_are_strictly_above_the_threshold() {
    let p = clip();
    let seg = select(&p, "clip.mp4", ModelType::Prosody).unwrap();
    // 0.5 (Calmness at [4, 6]) is not above 0.5.
    let found = peaks(&seg, 0.5, &[]).unwrap();
    let got: Vec<(Option<f64>, &str, f64)> = found
        .iter()
        .map(|p| (p.segment.begin(), p.emotion, p.score))
        .collect();
    assert_eq!(
        got,
        vec![(Some(1.0), "Anger", 0.6), (Some(4.0), "Joy", 0.9)]
    );
    let only_joy = peaks(&seg, 0.2, &["Joy"]).unwrap();
    assert_eq!(only_joy.len(), 2); // 0.3 and 0.9
    assert!(matches!(
        peaks(&seg, 0.5, &["joy"]),
        Err(AnalysisError::UnknownEmotion { .. })
    ));
}

#[test]
fn dominant_timeline_merges_runs_per_group() {
    let p = clip();
    let faces = select(&p, "clip.mp4", ModelType::Face).unwrap();
    let groups = by_group(&faces);
    assert_eq!(
        groups.iter().map(|g| g.0).collect::<Vec<_>>(),
        ["face_0", "face_1"]
    );
    let runs = dominant_timeline(&groups[0].1);
    type Run<'a> = (&'a str, Option<f64>, Option<f64>, usize, f64);
    let got: Vec<Run<'_>> = runs
        .iter()
        .map(|r| (r.emotion, r.begin, r.end, r.segments, r.peak))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Calmness", Some(0.0), Some(0.0), 1, 0.5),
            ("Joy", Some(0.5), Some(1.0), 2, 0.7),
            ("Anger", Some(1.5), Some(1.5), 1, 0.6),
        ]
    );
    assert_eq!(
        crate::report::render_timeline("face_0", &runs),
        "[face_0]     0.00-0.00   s  Calmness  (1 segment, peak 0.500)\n\
         [face_0]     0.50-1.00   s  Joy  (2 segments, peak 0.700)\n\
         [face_0]     1.50-1.50   s  Anger  (1 segment, peak 0.600)\n"
    );
    let prosody = select(&p, "clip.mp4", ModelType::Prosody).unwrap();
    let runs = dominant_timeline(&prosody);
    let got: Vec<(&str, Option<f64>, Option<f64>)> =
        runs.iter().map(|r| (r.emotion, r.begin, r.end)).collect();
    assert_eq!(
        got,
        vec![
            ("Calmness", Some(0.0), Some(1.0)),
            ("Anger", Some(1.0), Some(4.0)),
            ("Joy", Some(4.0), Some(6.0)),
        ]
    );
}

#[test]
fn rolling_mean_is_centred_and_duration_weighted() {
    let p = clip();
    let prosody = select(&p, "clip.mp4", ModelType::Prosody).unwrap();
    // Width 5 s (± 2.5 s) around midpoints 0.5, 2.5, 5.0.
    let r = rolling_mean(&prosody, &["Joy"], 5.0).unwrap();
    let times: Vec<f64> = r.iter().map(|p| p.time).collect();
    assert_eq!(times, [0.5, 2.5, 5.0]);
    assert_close(r[0].values[0], (0.1 + 0.3 * 3.0) / 4.0); // [−2, 3]: first two, 0.25
    assert_close(r[1].values[0], (0.1 + 0.9 + 1.8) / 6.0); // [0, 5]: all three
    assert_close(r[2].values[0], (0.9 + 1.8) / 5.0); // [2.5, 7.5]: 2.5 is on the edge, kept
    // Face frames: unweighted, ± 0.5 s.
    let faces = select(&p, "clip.mp4", ModelType::Face).unwrap();
    let face_0 = by_group(&faces).remove(0).1;
    let r = rolling_mean(&face_0, &["Joy", "Anger"], 1.0).unwrap();
    let joy: Vec<f64> = r.iter().map(|p| p.values[0]).collect();
    for (got, want) in joy.iter().zip([0.4, 0.5, 0.5, 0.45]) {
        assert_close(*got, want);
    }
    assert_close(r[3].values[1], 0.4); // Anger (0.2 + 0.6) / 2
    assert!(matches!(
        rolling_mean(&face_0, &["Joy"], 0.0),
        Err(AnalysisError::InvalidParameter { .. })
    ));
}

#[test]
fn summaries_per_file_model_and_group() {
    let p = clip();
    let all = summarize(&p, &SummaryOptions::default()).unwrap();
    let keys: Vec<(&str, Model)> = all.iter().map(|s| (s.file.as_str(), s.model)).collect();
    assert_eq!(
        keys,
        [
            ("clip.mp4", Model::Face),
            ("clip.mp4", Model::Burst),
            ("clip.mp4", Model::Prosody),
            ("1", Model::Language),
        ]
    );
    let groups = summarize(
        &p,
        &SummaryOptions::default()
            .with_file("clip.mp4")
            .with_model(ModelType::Face)
            .with_per_group(true),
    )
    .unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].group.as_deref(), Some("face_0"));
    assert_close(groups[0].means.get("Joy").unwrap(), 1.7 / 4.0);
    assert_close(groups[1].means.get("Anger").unwrap(), 0.4);
    assert_eq!(groups[1].range, Some((0.5, 1.0)));
    let windowed = summarize(
        &p,
        &SummaryOptions::default()
            .with_file("clip.mp4")
            .with_model(ModelType::Prosody)
            .with_window(TimeWindow::new(2.0, 5.5).unwrap()),
    )
    .unwrap();
    // [2, 5.5] holds 2 s of [1, 4] and 1.5 s of [4, 6]; the range is cut to the window.
    assert_close(
        windowed[0].means.get("Joy").unwrap(),
        (0.3 * 2.0 + 0.9 * 1.5) / 3.5,
    );
    assert_eq!(windowed[0].range, Some((2.0, 5.5)));

    // Serialisable for `--json` output.
    let json = serde_json::to_value(&groups[1]).unwrap();
    assert_eq!(json["group"], "face_1");
    assert_eq!(json["model"], "face");
    assert_eq!(json["means"]["weighting"], "unweighted");
    assert_eq!(json["means"]["means"][0]["name"], "Anger");
    assert_eq!(json["range"], serde_json::json!([0.5, 1.0]));

    let table = render_table(&groups, 2);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("source"), "{table}");
    assert!(
        lines[1].contains("face_0") && lines[1].contains("Joy 0.425"),
        "{table}"
    );
    assert!(
        lines[2].contains("face_1") && lines[2].contains("Anger 0.400"),
        "{table}"
    );
}

#[test]
fn bad_input_errors() {
    let empty = Predictions::from_response(b"[]").unwrap();
    assert!(matches!(
        select(&empty, "a", ModelType::Face),
        Err(AnalysisError::EmptyPredictions { .. })
    ));
    assert!(matches!(
        summarize(&empty, &SummaryOptions::default()),
        Err(AnalysisError::EmptyPredictions { .. })
    ));
    // Errors only: the error says what the server said.
    let failed = Predictions::from_response(
        br#"[{"source": {"type": "url", "url": "https://x.invalid/a.mp4"}, "error": "cannot fetch"},
            {"source": {"type": "file", "filename": "b.zip", "md5sum": "0"},
             "results": {"predictions": [], "errors": [{"file": "b/c.jpg", "message": "corrupt"}]}}]"#,
    )
    .unwrap();
    let err = summarize(&failed, &SummaryOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the predictions are empty (no source has any file result); errors: \
         https://x.invalid/a.mp4: cannot fetch; b.zip (b/c.jpg): corrupt"
    );
    let p = clip();
    let err = select(&p, "clip.mp4", ModelType::Ner).unwrap_err();
    assert_eq!(
        err.to_string(),
        "model ner is absent for file `clip.mp4` (models present: face, burst, prosody)"
    );
    let err = select(&p, "nope.mp4", ModelType::Face).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no file `nope.mp4` in the predictions (files: 1, clip.mp4)"
    );
    // NER ran on "1" but found nothing.
    let err = select(&p, "1", ModelType::Ner).unwrap_err();
    assert_eq!(err.to_string(), "no ner segments for file `1`");
    let faces = select(&p, "clip.mp4", ModelType::Face).unwrap();
    let err = check_emotions(&faces, &["Joy", "Calmnes"]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown emotion `Calmnes` (close matches: Calmness)"
    );
    let err = render_svg(
        &p,
        &PlotOptions::new("clip.mp4", ModelType::Face).with_emotions(["joy"]),
    )
    .unwrap_err();
    match err {
        AnalysisError::UnknownEmotion { suggestions, .. } => assert_eq!(suggestions, ["Joy"]),
        other => panic!("unexpected {other:?}"),
    }
    assert!(matches!(
        summarize(
            &p,
            &SummaryOptions::default().with_model(ModelType::Facemesh)
        ),
        Err(AnalysisError::ModelAbsent { .. })
    ));
}

#[test]
fn errors_are_send_sync_and_lowercase() {
    fn check<T: Send + Sync + 'static>() {}
    check::<AnalysisError>();
    let e = AnalysisError::EmptyPredictions { errors: Vec::new() }.to_string();
    assert!(e.chars().next().unwrap().is_lowercase() && !e.ends_with('.'));
}

pub(crate) const SMALL: &str = r#"[
 {"source": {"type": "file", "filename": "me, smiling.jpg", "md5sum": "00"},
  "results": {"predictions": [{"file": "a.jpg", "models": {
   "face": {"metadata": null, "grouped_predictions": [{"id": "unknown", "predictions": [
    {"frame": 0, "time": 0, "prob": 1, "box": {"x": 0, "y": 0, "w": 1, "h": 1},
     "emotions": [{"name": "Joy", "score": 0.25}, {"name": "Awe", "score": 1e-3}, {"name": "Pain", "score": null}],
     "facs": [{"name": "AU1", "score": 0.5}], "descriptions": null}]}]}}}],
   "errors": [{"file": "b.jpg", "message": "corrupt, sorry"}]}},
 {"source": {"type": "text"},
  "results": {"errors": [], "predictions": [{"file": "1", "models": {
   "language": {"metadata": null, "grouped_predictions": [{"id": "unknown", "predictions": [
    {"text": "Hi, \"you\"", "position": {"begin": 0, "end": 9}, "time": null,
     "emotions": [{"name": "Joy", "score": 0.5}],
     "sentiment": [{"name": "1", "score": 0.125}, {"name": "9", "score": 0.875}],
     "toxicity": [{"name": "toxic", "score": 0.0625}]}]}]},
   "ner": {"grouped_predictions": [{"id": "unknown", "predictions": [
    {"entity": "you", "position": {"begin": 5, "end": 8}, "entity_confidence": 0.75, "support": 2,
     "uri": "https://example.com/you", "link_word": "you", "time": null, "confidence": null,
     "speaker_confidence": null, "emotions": [{"name": "Joy", "score": 0.375}]}]}]},
   "prosody": {"grouped_predictions": [{"id": "spk_1", "predictions": [
    {"text": null, "time": {"begin": 1.5, "end": 3}, "confidence": 0.5, "speaker_confidence": 0.25,
     "emotions": [{"name": "Joy", "score": 0.75}]}]}]}
  }}]}},
 {"source": {"type": "url", "url": "https://x.invalid/v.mp4"}, "error": "cannot fetch"}
]"#;

const SMALL_CSV: &str = r#"segment,source,file,model,group,frame,begin,end,position_begin,position_end,text,prob,box_x,box_y,box_w,box_h,confidence,speaker_confidence,entity,uri,link_word,entity_confidence,support,utterance,measurement,trigger,kind,name,score
0,"me, smiling.jpg",a.jpg,face,unknown,0,0.0,0.0,,,,1.0,0.0,0.0,1.0,1.0,,,,,,,,,,,emotion,Joy,0.25
0,"me, smiling.jpg",a.jpg,face,unknown,0,0.0,0.0,,,,1.0,0.0,0.0,1.0,1.0,,,,,,,,,,,emotion,Awe,0.001
0,"me, smiling.jpg",a.jpg,face,unknown,0,0.0,0.0,,,,1.0,0.0,0.0,1.0,1.0,,,,,,,,,,,emotion,Pain,
0,"me, smiling.jpg",a.jpg,face,unknown,0,0.0,0.0,,,,1.0,0.0,0.0,1.0,1.0,,,,,,,,,,,facs,AU1,0.5
1,text,1,prosody,spk_1,,1.5,3.0,,,,,,,,,0.5,0.25,,,,,,,,,emotion,Joy,0.75
2,text,1,language,unknown,,,,0,9,"Hi, ""you""",,,,,,,,,,,,,,,,emotion,Joy,0.5
2,text,1,language,unknown,,,,0,9,"Hi, ""you""",,,,,,,,,,,,,,,,sentiment,1,0.125
2,text,1,language,unknown,,,,0,9,"Hi, ""you""",,,,,,,,,,,,,,,,sentiment,9,0.875
2,text,1,language,unknown,,,,0,9,"Hi, ""you""",,,,,,,,,,,,,,,,toxicity,toxic,0.0625
3,text,1,ner,unknown,,,,5,8,,,,,,,,,you,https://example.com/you,you,0.75,2.0,,,,emotion,Joy,0.375
"#;

#[test]
fn csv_header_and_rows_are_exact() {
    assert_eq!(CSV_HEADER.join(","), SMALL_CSV.lines().next().unwrap());
    let p = Predictions::from_response(SMALL.as_bytes()).unwrap();
    let mut out = Vec::new();
    let stats = write_csv(&p, &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), SMALL_CSV);
    assert_eq!((stats.files, stats.segments, stats.rows), (2, 4, 10));
    // Failed files and sources are not rows: they come back apart.
    let errors: Vec<String> = stats.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        errors,
        [
            "me, smiling.jpg (b.jpg): corrupt, sorry",
            "https://x.invalid/v.mp4: cannot fetch"
        ]
    );
    let mut errors_csv = Vec::new();
    crate::export::write_errors_csv(&stats.errors, &mut errors_csv).unwrap();
    assert_eq!(
        String::from_utf8(errors_csv).unwrap(),
        "source,file,message\n\"me, smiling.jpg\",b.jpg,\"corrupt, sorry\"\nhttps://x.invalid/v.mp4,,cannot fetch\n"
    );
    let mut streamed = Vec::new();
    let s2 = stream_csv(SMALL.as_bytes(), &mut streamed).unwrap();
    assert_eq!(String::from_utf8(streamed).unwrap(), SMALL_CSV);
    assert_eq!(s2, stats);
    let s3 = stream_csv_slice(SMALL.as_bytes(), Vec::new()).unwrap();
    assert_eq!(s3, stats);
}

#[test]
fn streaming_export_matches_the_typed_export() {
    let mut typed = Vec::new();
    write_csv(&clip(), &mut typed).unwrap();
    let mut streamed = Vec::new();
    stream_csv(CLIP.as_bytes(), &mut streamed).unwrap();
    let mut sliced = Vec::new();
    stream_csv_slice(CLIP.as_bytes(), &mut sliced).unwrap();
    assert_eq!(streamed, typed);
    assert_eq!(sliced, typed);
    // 6 face frames × 3 + 3 prosody × 3 + 1 burst × (3 + 1 description) + 2 language × 2.
    assert_eq!(
        String::from_utf8(typed).unwrap().lines().count(),
        1 + 18 + 9 + 4 + 4
    );
}

#[test]
fn streaming_export_accepts_source_after_results() {
    let body = r#"[{"results": {"predictions": [{"file": "x.wav", "models": {"burst":
        {"grouped_predictions": [{"id": "unknown", "predictions": [{"time": {"begin": 0, "end": 1},
        "emotions": [{"name": "Joy", "score": 0.5}]}]}]}}}], "errors": []},
        "source": {"type": "url", "url": "u"}}]"#;
    let mut out = Vec::new();
    stream_csv(body.as_bytes(), &mut out).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap().lines().nth(1),
        Some("0,u,x.wav,burst,unknown,,0.0,1.0,,,,,,,,,,,,,,,,,,,emotion,Joy,0.5")
    );
}

#[test]
fn streaming_export_reports_bad_json_and_write_failures() {
    let truncated = &CLIP[..CLIP.len() / 2];
    let err = stream_csv(truncated.as_bytes(), Vec::new()).unwrap_err();
    assert!(
        matches!(err, AnalysisError::Json { ref source, .. } if source.is_eof()),
        "{err:?}"
    );
    let err = stream_csv(&b"[1]"[..], Vec::new()).unwrap_err();
    assert!(matches!(err, AnalysisError::Json { .. }), "{err:?}");
    let err = stream_csv(&b"[] trailing"[..], Vec::new()).unwrap_err();
    assert!(matches!(err, AnalysisError::Json { .. }), "{err:?}");

    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    // The writer's failure surfaces as a write error, not as a JSON one.
    let err = stream_csv(CLIP.as_bytes(), Full).unwrap_err();
    assert!(matches!(err, AnalysisError::Io(_)), "{err:?}");
}

pub(crate) fn svg_doc(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).expect("the SVG is well-formed XML")
}

pub(crate) fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_owned())
        .collect()
}

/// `(stroke colour, number of points)` of the polylines drawn `width` pixels wide: 2 for the
/// data lines, 3 for the legend swatches (axes, ticks and grid are 1 wide).
fn polylines(doc: &roxmltree::Document<'_>, width: &str) -> Vec<(String, usize)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some(width))
        .map(|n| {
            (
                n.attribute("stroke").unwrap_or("").to_owned(),
                n.attribute("points")
                    .unwrap_or("")
                    .split_whitespace()
                    .count(),
            )
        })
        .collect()
}

#[test]
fn svg_has_one_line_per_emotion_axis_labels_and_a_legend() {
    let p = clip();
    let svg = render_svg(
        &p,
        &PlotOptions::new("clip.mp4", ModelType::Prosody).with_emotions(["Joy", "Anger"]),
    )
    .unwrap();
    let doc = svg_doc(&svg);
    let texts = texts(&doc);
    for label in [
        "time (s)",
        "score",
        "Joy",
        "Anger",
        "Emotion timeline: clip.mp4 (prosody)",
    ] {
        assert!(
            texts.iter().any(|t| t == label),
            "missing {label:?} in {texts:?}"
        );
    }
    // One data line per emotion, each with the 3 segment midpoints, in distinct colours.
    let data = polylines(&doc, "2");
    assert_eq!(data.len(), 2, "{data:?}");
    assert!(data.iter().all(|(_, n)| *n == 3), "{data:?}");
    assert_ne!(data[0].0, data[1].0, "distinct colours");
    // One legend swatch per emotion, in its line's colour.
    let legend = polylines(&doc, "3");
    let legend_colours: Vec<&str> = legend.iter().map(|(c, _)| c.as_str()).collect();
    let data_colours: Vec<&str> = data.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(legend_colours, data_colours);
}

#[test]
fn svg_defaults_to_top_emotions_and_draws_a_panel_per_face() {
    let p = clip();
    let svg = render_svg(
        &p,
        &PlotOptions::new("clip.mp4", ModelType::Face).with_top(2),
    )
    .unwrap();
    let doc = svg_doc(&svg);
    let texts = texts(&doc);
    // Top 2 face means: Joy 0.317, Anger 0.300 (Calmness 0.25 is left out).
    assert!(texts.iter().any(|t| t == "Joy") && texts.iter().any(|t| t == "Anger"));
    assert!(!texts.iter().any(|t| t == "Calmness"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "group face_0"));
    assert!(texts.iter().any(|t| t == "group face_1"));
    assert_eq!(texts.iter().filter(|t| *t == "time (s)").count(), 2);
    // Two panels × two emotions: face_0 has 4 frames, face_1 has 2; one legend.
    let points: Vec<usize> = polylines(&doc, "2").iter().map(|(_, n)| *n).collect();
    assert_eq!(points, [4, 4, 2, 2]);
    assert_eq!(polylines(&doc, "3").len(), 2);
}

#[test]
fn svg_smoothing_draws_the_rolling_means_and_says_so() {
    let p = clip();
    let svg = render_svg(
        &p,
        &PlotOptions::new("clip.mp4", ModelType::Prosody)
            .with_emotions(["Joy"])
            .with_smoothing(5.0),
    )
    .unwrap();
    let doc = svg_doc(&svg);
    assert!(
        texts(&doc)
            .iter()
            .any(|t| t == "Emotion timeline: clip.mp4 (prosody), rolling mean over 5 s")
    );
    // The rolling means 0.25, 0.4667, 0.54 rise monotonically: y (pixels, downwards) falls.
    let line = doc
        .descendants()
        .find(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some("2"))
        .unwrap();
    let ys: Vec<i64> = line
        .attribute("points")
        .unwrap()
        .split_whitespace()
        .map(|p| p.split(',').nth(1).unwrap().parse().unwrap())
        .collect();
    assert_eq!(ys.len(), 3);
    assert!(ys[0] > ys[1] && ys[1] > ys[2], "{ys:?}");
    // Untimed segments cannot be smoothed over seconds.
    assert!(matches!(
        render_svg(
            &p,
            &PlotOptions::new("1", ModelType::Language).with_smoothing(1.0)
        ),
        Err(AnalysisError::Untimed { .. })
    ));
}

#[test]
fn svg_of_raw_text_plots_against_text_order() {
    let p = clip();
    let svg = render_svg(&p, &PlotOptions::new("1", ModelType::Language)).unwrap();
    let doc = svg_doc(&svg);
    let texts = texts(&doc);
    assert!(
        texts.iter().any(|t| t == "segment (text order)"),
        "{texts:?}"
    );
    assert!(!texts.iter().any(|t| t == "time (s)"));
    assert_eq!(polylines(&doc, "2").len(), 2); // Joy and Sarcasm
}

#[test]
fn ner_and_facemesh_segments() {
    let body = r#"[{"source": {"type": "url", "url": "u"}, "results": {"errors": [], "predictions": [
      {"file": "talk.mp3", "models": {"ner": {"metadata": {"confidence": 0.9}, "grouped_predictions": [
        {"id": "spk_0", "predictions": [{"entity": "Paris", "position": {"begin": 4, "end": 9},
          "entity_confidence": 0.9, "support": 2.0, "uri": "https://example.com/Paris",
          "link_word": "Paris", "time": {"begin": 1.0, "end": 1.5},
          "emotions": [{"name": "Joy", "score": 0.4}]}]}]}}},
      {"file": "mesh.json", "models": {"facemesh": {"metadata": null, "grouped_predictions": [
        {"id": "unknown", "predictions": [{"emotions": [{"name": "Awe", "score": 0.3}]}]}]}}}
    ]}}]"#;
    let p = Predictions::from_response(body.as_bytes()).unwrap();
    let ner = select(&p, "talk.mp3", ModelType::Ner).unwrap();
    assert_eq!(ner[0].text, Some("Paris"));
    assert_eq!(ner[0].group, "spk_0");
    assert_eq!(ner[0].duration(), Some(0.5));
    assert_eq!(ner[0].position.map(|p| (p.begin, p.end)), Some((4, 9)));
    let mesh = select(&p, "mesh.json", ModelType::Facemesh).unwrap();
    assert_eq!(mesh[0].timing, Timing::Untimed);
    assert_eq!(mesh[0].position, None);
    assert_close(mean_scores(&mesh).get("Awe").unwrap(), 0.3);
    assert_eq!(
        close_matches(
            "surprise",
            &["Surprise (positive)", "Surprise (negative)", "Joy"]
        ),
        ["Surprise (negative)", "Surprise (positive)"]
    );
}

/// A reader that hands out at most `chunk` bytes per call, so element boundaries, strings and
/// escapes fall across reads.
struct Trickle<'a> {
    bytes: &'a [u8],
    chunk: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.chunk.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

const TRICKY: &str = r#" [ {"results": {"predictions": [{"file": "a ] b", "models": {"prosody":
  {"grouped_predictions": [{"id": "}{", "predictions": [
   {"text": "he said \"]}, [{\" and \\", "time": {"begin": 0, "end": 2},
    "emotions": [{"name": "Joy", "score": 0.5}]}]}]}}}]},
  "source": {"type": "url", "url": "https://example.com/x?a=[1],{2}"}} ,
 {"source": {"type": "text"}, "results": null},
 {"source": {"type": "file", "filename": "\\\"", "md5sum": "0"}, "results": {"predictions": [
   {"file": "f", "models": {"burst": {"grouped_predictions": [{"id": "unknown", "predictions": [
    {"time": {"begin": 1, "end": 2}, "emotions": [{"name": "Awe", "score": 0.125}]}]}]}}}]}}
 ]
"#;

#[test]
fn streaming_from_a_trickling_reader_matches_the_typed_export() {
    for body in [CLIP, SMALL, TRICKY] {
        let mut typed = Vec::new();
        write_csv(
            &Predictions::from_response(body.as_bytes()).unwrap(),
            &mut typed,
        )
        .unwrap();
        for chunk in [1, 2, 3, 7, 64] {
            let mut streamed = Vec::new();
            stream_csv(
                Trickle {
                    bytes: body.as_bytes(),
                    chunk,
                },
                &mut streamed,
            )
            .unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(typed.clone()).unwrap(),
                "chunk {chunk}"
            );
        }
    }
    let mut out = Vec::new();
    stream_csv(TRICKY.as_bytes(), &mut out).unwrap();
    let csv = String::from_utf8(out).unwrap();
    assert_eq!(
        csv.lines().nth(1),
        Some(
            r#"0,"https://example.com/x?a=[1],{2}",a ] b,prosody,}{,,0.0,2.0,,,"he said ""]}, [{"" and \",,,,,,,,,,,,,,,,emotion,Joy,0.5"#
        )
    );
    assert_eq!(
        csv.lines().nth(2),
        Some(r#"1,"\""",f,burst,unknown,,1.0,2.0,,,,,,,,,,,,,,,,,,,emotion,Awe,0.125"#)
    );
}

#[test]
fn streaming_reports_malformed_arrays_with_the_element_offset() {
    let bad = |body: &str| match stream_csv(body.as_bytes(), Vec::new()) {
        Err(AnalysisError::Json {
            element_offset,
            source,
        }) => (element_offset, source),
        other => panic!("{body:?}: {other:?}"),
    };
    for body in ["", "  ", "{}", "[,]", "[{} {}]", "[{},]", "[{}] x", "[{}"] {
        bad(body);
    }
    assert!(bad("[").1.is_eof() || bad("[").1.to_string().contains("not closed"));
    // The second element is not a source result: the error points at where it starts.
    let body = r#"[{"source": {"type": "text"}}, {"source": 5}]"#;
    let (offset, source) = bad(body);
    assert_eq!(offset, Some(body.find(r#"{"source": 5"#).unwrap() as u64));
    assert!(source.to_string().contains("line 1"), "{source}");
    let err = stream_csv(body.as_bytes(), Vec::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot parse the predictions (in the source element at byte {}; its line and column count from there)",
            offset.unwrap()
        )
    );
}

/// Two faces in each of three frames, no `identify_faces` (one "unknown" group, delivered frame
/// by frame, the right face first in frame 15), with FACS and descriptions. The left face (x 10)
/// is happy (Joy 0.9), the right one (x 300) is not (Joy 0.1).
pub(crate) const TWO_FACES: &str = r#"[{"source": {"type": "url", "url": "https://example.com/two.mp4"},
 "results": {"errors": [], "predictions": [{"file": "two.mp4", "models": {"face": {"metadata": null,
  "grouped_predictions": [{"id": "unknown", "predictions": [
   {"frame": 0, "time": 0.0, "prob": 0.99, "box": {"x": 10, "y": 20, "w": 80, "h": 90},
    "emotions": [{"name": "Joy", "score": 0.9}, {"name": "Anger", "score": 0.05}],
    "facs": [{"name": "AU12", "score": 0.8}], "descriptions": [{"name": "Smile", "score": 0.7}]},
   {"frame": 0, "time": 0.0, "prob": 0.98, "box": {"x": 300, "y": 25, "w": 82, "h": 88},
    "emotions": [{"name": "Joy", "score": 0.1}, {"name": "Anger", "score": 0.6}],
    "facs": [{"name": "AU12", "score": 0.1}], "descriptions": [{"name": "Smile", "score": 0.05}]},
   {"frame": 15, "time": 0.5, "prob": 0.98, "box": {"x": 304, "y": 24, "w": 82, "h": 88},
    "emotions": [{"name": "Joy", "score": 0.12}, {"name": "Anger", "score": 0.55}], "facs": null, "descriptions": null},
   {"frame": 15, "time": 0.5, "prob": 0.99, "box": {"x": 14, "y": 22, "w": 80, "h": 90},
    "emotions": [{"name": "Joy", "score": 0.88}, {"name": "Anger", "score": 0.04}], "facs": null, "descriptions": null},
   {"frame": 30, "time": 1.0, "prob": 0.99, "box": {"x": 12, "y": 21, "w": 80, "h": 90},
    "emotions": [{"name": "Joy", "score": 0.91}, {"name": "Anger", "score": 0.03}], "facs": null, "descriptions": null},
   {"frame": 30, "time": 1.0, "prob": 0.98, "box": {"x": 306, "y": 26, "w": 82, "h": 88},
    "emotions": [{"name": "Joy", "score": 0.11}, {"name": "Anger", "score": 0.62}], "facs": null, "descriptions": null}
  ]}]}}}]}}]"#;

#[test]
fn a_null_score_is_absent_from_statistics_not_zero() {
    let body = r#"[{"source": {"type": "url", "url": "u"}, "results": {"errors": [], "predictions": [
      {"file": "a.jpg", "models": {"face": {"grouped_predictions": [{"id": "unknown", "predictions": [
        {"frame": 0, "time": 0, "emotions": [{"name": "Joy", "score": 0.8}, {"name": "Awe", "score": 0.1}]},
        {"frame": 1, "time": 1, "emotions": [{"name": "Joy", "score": null}, {"name": "Awe", "score": 0.3}]},
        {"frame": 2, "time": 2, "emotions": [{"name": "Joy"}, {"name": "Awe", "score": null}]}
      ]}]}}}]}}]"#;
    let p = Predictions::from_response(body.as_bytes()).unwrap();
    let seg = select(&p, "a.jpg", ModelType::Face).unwrap();
    let m = mean_scores(&seg);
    // [0.8, null, missing] → 0.8 over one frame, not 0.8 / 3 (nor 0.4 over two).
    assert_close(m.get("Joy").unwrap(), 0.8);
    assert_eq!(m.means.iter().find(|e| e.name == "Joy").unwrap().count, 1);
    assert_close(m.get("Awe").unwrap(), 0.2);
    assert!(peaks(&seg, -1.0, &["Joy"]).unwrap().len() == 1);
    let runs = dominant_timeline(&seg);
    // Frame 2 has no score at all (only nulls): it is skipped.
    assert_eq!(runs.iter().map(|r| r.segments).sum::<usize>(), 2);
    assert_eq!(
        runs.last().unwrap().emotion,
        "Awe",
        "frame 1: Awe is the only score"
    );
    let mut csv = Vec::new();
    write_csv(&p, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.lines().any(|l| l.ends_with(",emotion,Joy,")), "{csv}");
    assert!(
        !csv.contains(",Joy,0\n") && !csv.contains(",Joy,0.0\n"),
        "{csv}"
    );
}

#[test]
fn untimed_segments_in_a_mixed_set_are_averaged_unweighted_and_left_out_of_windows() {
    // One language file where the second span came without time.
    let body = r#"[{"source": {"type": "url", "url": "u"}, "results": {"errors": [], "predictions": [
      {"file": "talk.mp3", "models": {"language": {"grouped_predictions": [{"id": "unknown", "predictions": [
        {"text": "long", "position": {"begin": 0, "end": 4}, "time": {"begin": 0, "end": 9},
         "emotions": [{"name": "Joy", "score": 0.9}]},
        {"text": "lost", "position": {"begin": 5, "end": 9}, "time": null,
         "emotions": [{"name": "Joy", "score": 0.1}]},
        {"text": "short", "position": {"begin": 10, "end": 15}, "time": {"begin": 9, "end": 10},
         "emotions": [{"name": "Joy", "score": 0.3}]}
      ]}]}}}]}}]"#;
    let p = Predictions::from_response(body.as_bytes()).unwrap();
    let seg = select(&p, "talk.mp3", ModelType::Language).unwrap();
    let m = mean_scores(&seg);
    // No invented duration for "lost": each segment once.
    assert_eq!(m.weighting, Weighting::Unweighted);
    assert_close(m.get("Joy").unwrap(), (0.9 + 0.1 + 0.3) / 3.0);
    // A window keeps the timed spans only, and weighs them by time again.
    let w = TimeWindow::new(0.0, 10.0).unwrap().apply(&seg).unwrap();
    assert_eq!(w.len(), 2);
    let m = mean_scores(&w);
    assert_eq!(m.weighting, Weighting::Duration);
    assert_close(m.get("Joy").unwrap(), (0.9 * 9.0 + 0.3) / 10.0);
}
