//! v1 responses as segments, checked value by value against the JSON: reading (a response on
//! its own, pretty or not; bulk records; failed records; torn and foreign lines), summaries
//! worked out by hand, the CSV read back cell by cell, and plots.

use std::collections::HashSet;

use serde_json::Value;

use crate::export::{CSV_HEADER, stream_input_csv, write_csv};
use crate::plot::{FRAME_LABEL, PlotOptions, TIME_LABEL, render_svg};
use crate::records::{Record, RecordError};
use crate::summary::{SummaryOptions, summarize};
use crate::*;
use hume_models::v1::RunEndpoint;

/// Two utterances, three measurements (the second and third overlap), awkward numbers.
///
/// | m | utterance | window (s)  | joy    | calmness | voice        |
/// |---|-----------|-------------|--------|----------|--------------|
/// | 0 | 0         | 0.5 – 1.5   | 0.8    | 0.2      | husky 0.9    |
/// | 1 | 1         | 2.0 – 5.0   | 0.4    | –        | –            |
/// | 2 | 1         | 2.0 – 6.125 | –      | 0.6      | fast 0.7501  |
pub(crate) const AUDIO: &str = r#"{
  "request_id": "req-a", "run_id": "run-audio",
  "received": {"audio_duration_ms": 7000},
  "utterances": [
    {"utterance_id": 0, "audio_start_ms": 500, "audio_end_ms": 1500},
    {"utterance_id": 1, "audio_start_ms": 2000, "audio_end_ms": 6125}
  ],
  "measurements": [
    {"measurement_id": 0, "utterance_id": 0, "audio_start_ms": 500, "audio_end_ms": 1500,
     "trigger": "speech_ended",
     "expressions": [{"name": "joy", "probability": 0.8}, {"name": "calmness", "probability": 0.2}],
     "voice_attributes": [{"name": "husky", "probability": 0.9}]},
    {"measurement_id": 1, "utterance_id": 1, "audio_start_ms": 2000, "audio_end_ms": 5000,
     "trigger": "interval",
     "expressions": [{"name": "joy", "probability": 0.4}], "voice_attributes": []},
    {"measurement_id": 2, "utterance_id": 1, "audio_start_ms": 2000, "audio_end_ms": 6125,
     "trigger": "speech_ended",
     "expressions": [{"name": "calmness", "probability": 0.6}],
     "voice_attributes": [{"name": "fast", "probability": 0.7501}]}
  ]
}"#;

/// Two images; face 0 in both, face 1 in the second; one face listed but not measured.
pub(crate) const VIDEO: &str = r#"{
  "request_id": "req-v", "run_id": "run-video", "received": {"frames": 2},
  "measurements": [
    {"frame_id": 0, "faces": [
      {"face_id": 0, "bbox": [10.5, 20, 110.25, 140], "confidence": 0.98,
       "expressions": [{"name": "joy", "probability": 0.7}, {"name": "awe", "probability": 0.3}],
       "descriptions": [{"name": "smile", "probability": 0.6}]},
      {"face_id": null, "bbox": [1, 2, 3, 4], "confidence": 0.95, "expressions": null, "descriptions": null}
    ]},
    {"frame_id": 1, "faces": [
      {"face_id": 0, "bbox": [12, 21, 112, 141], "confidence": 0.97,
       "expressions": [{"name": "joy", "probability": 0.5}], "descriptions": []},
      {"face_id": 1, "bbox": [300, 40, 380, 140], "confidence": 0.93,
       "expressions": [{"name": "awe", "probability": 0.9}], "descriptions": [{"name": "jaw drop", "probability": 0.4}]}
    ]}
  ]
}"#;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

fn compact(json: &str) -> String {
    serde_json::from_str::<Value>(json).unwrap().to_string()
}

/// A bulk results file: the audio, the video, a failed file, then a torn last line.
fn results_file() -> Vec<u8> {
    let mut out = Vec::new();
    out.extend(
        Record::response("clips/a.wav", RunEndpoint::Audio, AUDIO.as_bytes())
            .unwrap()
            .to_line(),
    );
    out.extend(
        Record::response("img/v.jpg", RunEndpoint::Video, VIDEO.as_bytes())
            .unwrap()
            .to_line(),
    );
    out.extend(
        Record::error(
            "clips/b.mp3",
            RunEndpoint::Audio,
            RecordError::new("cannot upload clips/b.mp3: mp3 is not accepted"),
        )
        .to_line(),
    );
    let torn = Record::response("clips/c.wav", RunEndpoint::Audio, AUDIO.as_bytes())
        .unwrap()
        .to_line();
    out.extend_from_slice(&torn[..torn.len() / 3]);
    out
}

#[test]
fn audio_measurements_are_spans_with_every_value_of_the_json() {
    let doc = Document::from_slice(AUDIO.as_bytes()).unwrap();
    assert_eq!(doc.format(), Format::Measurements);
    let json: Value = serde_json::from_str(AUDIO).unwrap();
    let segments = select(&doc, "run-audio", Model::Audio).unwrap();
    assert_eq!(segments.len(), 3);
    for (s, m) in segments
        .iter()
        .zip(json["measurements"].as_array().unwrap())
    {
        assert_eq!(s.source, "run-audio");
        assert_eq!(
            s.file, "run-audio",
            "a response on its own is named by its run"
        );
        assert_eq!(s.model, Model::Audio);
        assert_eq!(s.group, "unknown");
        assert_eq!(s.frame, None);
        let ms = |k: &str| m[k].as_u64().unwrap() as f64 / 1000.0;
        assert_eq!(
            s.timing,
            Timing::Span {
                begin: ms("audio_start_ms"),
                end: ms("audio_end_ms")
            }
        );
        assert_eq!(s.utterance(), m["utterance_id"].as_u64());
        assert_eq!(s.measurement(), m["measurement_id"].as_u64());
        assert_eq!(s.trigger(), m["trigger"].as_str());
        let lists: Vec<(ScoreKind, Vec<(String, f64)>)> = s
            .score_lists()
            .map(|(k, l)| {
                (
                    k,
                    l.iter()
                        .map(|e| (e.name.to_owned(), e.value.unwrap()))
                        .collect(),
                )
            })
            .collect();
        let from_json = |key: &str| -> Vec<(String, f64)> {
            m[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e["name"].as_str().unwrap().to_owned(),
                        e["probability"].as_f64().unwrap(),
                    )
                })
                .collect()
        };
        assert_eq!(
            lists,
            vec![
                (ScoreKind::Emotion, from_json("expressions")),
                (ScoreKind::VoiceAttribute, from_json("voice_attributes")),
            ]
        );
    }
}

#[test]
fn image_faces_are_frames_grouped_by_face_id() {
    let doc = Document::from_slice(VIDEO.as_bytes()).unwrap();
    let segments = select(&doc, "run-video", Model::Video).unwrap();
    // Three measured faces; the unmeasured one has nothing to average.
    let keys: Vec<(Option<u64>, &str)> = segments.iter().map(|s| (s.frame, s.group)).collect();
    assert_eq!(keys, vec![(Some(0), "0"), (Some(1), "0"), (Some(1), "1")]);
    let first = &segments[0];
    assert_eq!(first.timing, Timing::Untimed);
    assert_eq!(first.prob(), Some(0.98));
    let b = first.bbox().unwrap();
    assert_eq!(
        (b.x, b.y, b.w, b.h),
        (10.5, 20.0, 110.25 - 10.5, 140.0 - 20.0)
    );
    assert_eq!(first.score("awe"), Some(0.3));
    assert_eq!(first.dominant().unwrap().name, "joy");
    let kinds: Vec<ScoreKind> = first.score_lists().map(|(k, _)| k).collect();
    assert_eq!(kinds, vec![ScoreKind::Emotion, ScoreKind::Description]);
}

#[test]
fn summaries_of_v1_are_worked_out_by_hand() {
    let doc = Document::from_slice(AUDIO.as_bytes()).unwrap();
    let all = summarize(&doc, &SummaryOptions::default()).unwrap();
    assert_eq!(all.len(), 1);
    let audio = &all[0];
    assert_eq!(
        (audio.model, audio.means.weighting),
        (Model::Audio, Weighting::Duration)
    );
    assert_eq!(audio.range, Some((0.5, 6.125)));
    // Each name's mean is over the windows that list it (absent = below the threshold):
    // joy (0.8 × 1 s + 0.4 × 3 s) / 4 s = 0.5; calmness (0.2 × 1 + 0.6 × 4.125) / 5.125.
    assert!(close(audio.means.get("joy").unwrap(), 0.5));
    assert!(close(
        audio.means.get("calmness").unwrap(),
        (0.2 + 0.6 * 4.125) / 5.125
    ));
    let joy = audio.means.means.iter().find(|m| m.name == "joy").unwrap();
    assert_eq!(joy.count, 2);

    // A window inside the audio: [1, 3] takes 0.5 s of m0 and 1 s of m1 and m2.
    let window = summarize(
        &doc,
        &SummaryOptions::default().with_window(TimeWindow::new(1.0, 3.0).unwrap()),
    )
    .unwrap();
    assert!(close(
        window[0].means.get("joy").unwrap(),
        (0.8 * 0.5 + 0.4 * 1.0) / 1.5
    ));
    // Past the audio's 7 s: outside the media, which the error names.
    let err = summarize(
        &doc,
        &SummaryOptions::default().with_window(TimeWindow::new(8.0, 9.0).unwrap()),
    )
    .unwrap_err();
    assert!(
        matches!(err, AnalysisError::WindowOutsideMedia { media_end, .. } if media_end == 7.0),
        "{err}"
    );

    // Images: plain means over faces, per face with per_group; no time window.
    let doc = Document::from_slice(VIDEO.as_bytes()).unwrap();
    let faces = summarize(&doc, &SummaryOptions::default().with_per_group(true)).unwrap();
    let by_face: Vec<(Option<&str>, usize, f64)> = faces
        .iter()
        .map(|s| {
            (
                s.group.as_deref(),
                s.means.segments,
                s.means.get("joy").unwrap_or(-1.0),
            )
        })
        .collect();
    assert_eq!(by_face[0].0, Some("0"));
    assert_eq!(by_face[0].1, 2);
    assert!(close(by_face[0].2, 0.6));
    assert_eq!((by_face[1].0, by_face[1].1), (Some("1"), 1));
    let err = summarize(
        &doc,
        &SummaryOptions::default().with_window(TimeWindow::new(0.0, 1.0).unwrap()),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            AnalysisError::Untimed {
                model: Model::Video,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn every_input_shape_is_told_apart() {
    // Pretty, compact, and behind blank lines: the same response.
    for body in [
        AUDIO.to_owned(),
        compact(AUDIO),
        format!("\n  \n{}\n", compact(AUDIO)),
    ] {
        let doc = Document::from_slice(body.as_bytes()).unwrap();
        let Document::Measurements(m) = &doc else {
            panic!("{doc:?}")
        };
        assert_eq!(m.files().len(), 1);
        assert!(m.errors().is_empty());
        let from_reader = Document::from_reader(body.as_bytes()).unwrap();
        assert_eq!(from_reader, doc);
    }
    // Responses one per line.
    let lines = format!("{}\n{}\n", compact(AUDIO), compact(VIDEO));
    let doc = Document::from_slice(lines.as_bytes()).unwrap();
    let models: Vec<Model> = doc
        .file_results()
        .iter()
        .flat_map(FileView::models)
        .collect();
    assert_eq!(models, vec![Model::Audio, Model::Video]);
    // Batch predictions.
    let doc = Document::from_slice(crate::tests::CLIP.as_bytes()).unwrap();
    assert_eq!(doc.format(), Format::Batch);
    // Anything else.
    for bad in [&b""[..], b"  ", b"hello", b"42"] {
        assert!(
            matches!(
                Document::from_slice(bad),
                Err(AnalysisError::UnknownFormat { .. })
            ),
            "{bad:?}"
        );
    }
    // A lone line that is no response, and lines of which none is.
    for body in [
        &br#"{"a": 1}"#[..],
        b"{\"message\": \"boom\"}\n{\"b\": 2}\n",
    ] {
        assert!(matches!(
            Document::from_slice(body),
            Err(AnalysisError::UnknownFormat { .. })
        ));
    }
    // A lone object over several lines that is no response.
    assert!(matches!(
        Document::from_slice(b"{\n \"a\": 1\n}"),
        Err(AnalysisError::UnknownFormat { .. })
    ));
    assert!(matches!(
        Document::from_slice(b"{\n \"run_id\": 3,\n \"utterances\": []\n}"),
        Err(AnalysisError::Parse(_))
    ));
}

#[test]
fn a_results_file_gives_each_file_and_reports_failures_and_a_torn_line() {
    let body = results_file();
    let doc = Document::from_slice(&body).unwrap();
    let files: Vec<(&str, &str)> = doc
        .file_results()
        .iter()
        .map(|v| (v.source(), v.file()))
        .collect();
    assert_eq!(
        files,
        vec![("run-audio", "clips/a.wav"), ("run-video", "img/v.jpg")]
    );
    let errors = prediction_errors(&doc);
    assert_eq!(
        errors,
        vec![
            "clips/b.mp3: cannot upload clips/b.mp3: mp3 is not accepted".to_owned(),
            "line 4: incomplete last line (a write cut short); skipped".to_owned(),
        ]
    );
    // A line that is neither a record nor a response is reported and skipped.
    let mut mixed = compact(AUDIO).into_bytes();
    mixed.extend_from_slice(b"\n[1, 2]\n{\"x\": 1}\n");
    let doc = Document::from_slice(&mixed).unwrap();
    assert_eq!(doc.file_results().len(), 1);
    let errors = prediction_errors(&doc);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("line 2: ") && errors[1].starts_with("line 3: "));
    // Nothing but failures: empty, naming them.
    let only = Record::error("x.wav", RunEndpoint::Audio, RecordError::new("gone")).to_line();
    let err = select(&Document::from_slice(&only).unwrap(), "x.wav", Model::Audio).unwrap_err();
    assert!(err.to_string().contains("x.wav: gone"), "{err}");
}

/// Reads a CSV cell as bits when it is a number.
fn bits(cell: &str) -> Option<u64> {
    (!cell.is_empty()).then(|| cell.parse::<f64>().unwrap().to_bits())
}

#[test]
fn the_csv_reads_back_every_value_of_the_json() {
    let body = results_file();
    let mut streamed = Vec::new();
    let stats = stream_input_csv(&body[..], &mut streamed).unwrap();
    let mut typed = Vec::new();
    write_csv(&Document::from_slice(&body).unwrap(), &mut typed).unwrap();
    assert_eq!(streamed, typed, "streamed and in-memory exports agree");
    assert_eq!(stats.files, 2);
    assert_eq!(stats.errors.len(), 2);

    let mut reader = csv::Reader::from_reader(&streamed[..]);
    assert_eq!(
        reader.headers().unwrap(),
        &csv::StringRecord::from(CSV_HEADER.to_vec())
    );
    let col = |name: &str| CSV_HEADER.iter().position(|h| *h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();

    // The expected rows, from the JSON alone.
    let audio: Value = serde_json::from_str(AUDIO).unwrap();
    let video: Value = serde_json::from_str(VIDEO).unwrap();
    let mut expected: Vec<Vec<(usize, String)>> = Vec::new();
    let mut segment = 0u64;
    for m in audio["measurements"].as_array().unwrap() {
        let ms = |k: &str| {
            (m[k].as_u64().unwrap() as f64 / 1000.0)
                .to_bits()
                .to_string()
        };
        for (key, kind) in [
            ("expressions", "emotion"),
            ("voice_attributes", "voice_attribute"),
        ] {
            for score in m[key].as_array().unwrap() {
                expected.push(vec![
                    (col("segment"), segment.to_string()),
                    (col("source"), "run-audio".into()),
                    (col("file"), "clips/a.wav".into()),
                    (col("model"), "audio".into()),
                    (col("group"), "unknown".into()),
                    (col("frame"), String::new()),
                    (col("begin"), ms("audio_start_ms")),
                    (col("end"), ms("audio_end_ms")),
                    (col("prob"), String::new()),
                    (col("utterance"), m["utterance_id"].to_string()),
                    (col("measurement"), m["measurement_id"].to_string()),
                    (col("trigger"), m["trigger"].as_str().unwrap().into()),
                    (col("kind"), kind.into()),
                    (col("name"), score["name"].as_str().unwrap().into()),
                    (
                        col("score"),
                        score["probability"].as_f64().unwrap().to_bits().to_string(),
                    ),
                ]);
            }
        }
        segment += 1;
    }
    for frame in video["measurements"].as_array().unwrap() {
        for face in frame["faces"].as_array().unwrap() {
            if face["face_id"].is_null() {
                continue;
            }
            let b: Vec<f64> = face["bbox"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            for (key, kind) in [("expressions", "emotion"), ("descriptions", "description")] {
                for score in face[key].as_array().unwrap() {
                    expected.push(vec![
                        (col("segment"), segment.to_string()),
                        (col("source"), "run-video".into()),
                        (col("file"), "img/v.jpg".into()),
                        (col("model"), "video".into()),
                        (col("group"), face["face_id"].to_string()),
                        (col("frame"), frame["frame_id"].to_string()),
                        (col("begin"), String::new()),
                        (
                            col("prob"),
                            face["confidence"].as_f64().unwrap().to_bits().to_string(),
                        ),
                        (col("box_x"), b[0].to_bits().to_string()),
                        (col("box_y"), b[1].to_bits().to_string()),
                        (col("box_w"), (b[2] - b[0]).to_bits().to_string()),
                        (col("box_h"), (b[3] - b[1]).to_bits().to_string()),
                        (col("utterance"), String::new()),
                        (col("kind"), kind.into()),
                        (col("name"), score["name"].as_str().unwrap().into()),
                        (
                            col("score"),
                            score["probability"].as_f64().unwrap().to_bits().to_string(),
                        ),
                    ]);
                }
            }
            segment += 1;
        }
    }
    assert_eq!(rows.len(), expected.len());
    assert_eq!(stats.rows, expected.len() as u64);
    assert_eq!(stats.segments, segment);
    let numeric = [
        "begin", "end", "prob", "box_x", "box_y", "box_w", "box_h", "score",
    ]
    .map(col);
    let mut keys = HashSet::new();
    for (row, want) in rows.iter().zip(&expected) {
        for (i, value) in want {
            let got = if numeric.contains(i) {
                bits(&row[*i]).map_or_else(String::new, |b| b.to_string())
            } else {
                row[*i].to_owned()
            };
            assert_eq!(&got, value, "column {} of {row:?}", CSV_HEADER[*i]);
        }
        assert!(keys.insert((
            row[0].to_owned(),
            row[col("kind")].to_owned(),
            row[col("name")].to_owned()
        )));
    }
}

#[test]
fn plots_of_v1_use_time_for_audio_and_frames_for_images() {
    let body = results_file();
    let doc = Document::from_slice(&body).unwrap();
    let svg = render_svg(&doc, &PlotOptions::new("clips/a.wav", Model::Audio)).unwrap();
    let texts = crate::tests::texts(&crate::tests::svg_doc(&svg));
    for label in [TIME_LABEL, "joy", "calmness"] {
        assert!(texts.iter().any(|t| t == label), "{label}: {texts:?}");
    }
    let svg = render_svg(
        &doc,
        &PlotOptions::new("img/v.jpg", Model::Video).with_emotions(["joy", "awe"]),
    )
    .unwrap();
    let texts = crate::tests::texts(&crate::tests::svg_doc(&svg));
    for label in [FRAME_LABEL, "group 0", "group 1", "joy", "awe"] {
        assert!(texts.iter().any(|t| t == label), "{label}: {texts:?}");
    }
    let err = render_svg(
        &doc,
        &PlotOptions::new("img/v.jpg", Model::Video).with_emotions(["Joy"]),
    )
    .unwrap_err();
    assert!(
        matches!(&err, AnalysisError::UnknownEmotion { suggestions, .. } if suggestions[0] == "joy"),
        "{err}"
    );
    let err = render_svg(&doc, &PlotOptions::new("clips/a.wav", Model::Video)).unwrap_err();
    assert!(
        matches!(
            err,
            AnalysisError::ModelAbsent {
                model: Model::Video,
                ..
            }
        ),
        "{err}"
    );
}
