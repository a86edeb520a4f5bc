//! The CSV read back and checked, value by value, against the JSON it came from (walked as a
//! `serde_json::Value`, independently of the `Segment` view), plus a property test that every
//! double survives parse → CSV bit for bit.

use std::collections::{HashMap, HashSet};

use proptest::prelude::*;
use serde_json::Value;

use super::{CSV_HEADER, stream_csv, stream_csv_slice, write_csv};
use hume_models::Predictions;

/// The JSON model keys in export order (`ModelType::ALL`).
const MODELS: [&str; 6] = ["face", "burst", "prosody", "language", "ner", "facemesh"];

/// One expected row: the 26 columns as the JSON says they should read.
#[derive(Debug, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Int(u64),
    Float(u64), // bits
}

fn text(v: &Value) -> Cell {
    match v {
        Value::Null => Cell::Empty,
        Value::String(s) => Cell::Text(s.clone()),
        other => panic!("not text: {other}"),
    }
}

fn float(v: Option<&Value>) -> Cell {
    match v {
        None | Some(Value::Null) => Cell::Empty,
        Some(v) => Cell::Float(v.as_f64().expect("a number").to_bits()),
    }
}

fn int(v: Option<&Value>) -> Cell {
    match v {
        None | Some(Value::Null) => Cell::Empty,
        Some(v) => Cell::Int(v.as_u64().expect("an unsigned integer")),
    }
}

fn label(source: &Value) -> String {
    match source["type"].as_str() {
        Some("url") => source["url"].as_str().unwrap().to_owned(),
        Some("file") => source["filename"]
            .as_str()
            .or(source["md5sum"].as_str())
            .unwrap()
            .to_owned(),
        Some("text") => "text".to_owned(),
        _ => "unknown".to_owned(),
    }
}

/// Every row the export must write for `body`, in order, from the JSON alone.
fn expected_rows(body: &str) -> Vec<Vec<Cell>> {
    let json: Value = serde_json::from_str(body).unwrap();
    let mut rows = Vec::new();
    let mut segment = 0u64;
    for source in json.as_array().unwrap() {
        let label = label(&source["source"]);
        let Some(predictions) = source["results"]["predictions"].as_array() else {
            continue;
        };
        for file in predictions {
            for model in MODELS {
                let Some(groups) = file["models"][model]["grouped_predictions"].as_array() else {
                    continue;
                };
                for group in groups {
                    for p in group["predictions"].as_array().unwrap() {
                        let (begin, end) = match model {
                            "face" => (float(p.get("time")), float(p.get("time"))),
                            "facemesh" => (Cell::Empty, Cell::Empty),
                            _ => {
                                let t = p.get("time").filter(|t| !t.is_null());
                                (
                                    float(t.and_then(|t| t.get("begin"))),
                                    float(t.and_then(|t| t.get("end"))),
                                )
                            }
                        };
                        let positioned = matches!(model, "language" | "ner");
                        let texted = matches!(model, "prosody" | "language");
                        let ner = model == "ner";
                        let face = model == "face";
                        let field = |k: &str| p.get(k);
                        let boxed = |k: &str| {
                            if face {
                                float(p["box"].get(k))
                            } else {
                                Cell::Empty
                            }
                        };
                        let prefix = vec![
                            Cell::Int(segment),
                            Cell::Text(label.clone()),
                            Cell::Text(file["file"].as_str().unwrap().to_owned()),
                            Cell::Text(model.to_owned()),
                            Cell::Text(group["id"].as_str().unwrap().to_owned()),
                            if face {
                                int(field("frame"))
                            } else {
                                Cell::Empty
                            },
                            begin,
                            end,
                            if positioned {
                                int(p["position"].get("begin"))
                            } else {
                                Cell::Empty
                            },
                            if positioned {
                                int(p["position"].get("end"))
                            } else {
                                Cell::Empty
                            },
                            if texted {
                                text(&p["text"])
                            } else {
                                Cell::Empty
                            },
                            if face {
                                float(field("prob"))
                            } else {
                                Cell::Empty
                            },
                            boxed("x"),
                            boxed("y"),
                            boxed("w"),
                            boxed("h"),
                            if face {
                                Cell::Empty
                            } else {
                                float(field("confidence"))
                            },
                            if face {
                                Cell::Empty
                            } else {
                                float(field("speaker_confidence"))
                            },
                            if ner { text(&p["entity"]) } else { Cell::Empty },
                            if ner { text(&p["uri"]) } else { Cell::Empty },
                            if ner {
                                text(&p["link_word"])
                            } else {
                                Cell::Empty
                            },
                            if ner {
                                float(field("entity_confidence"))
                            } else {
                                Cell::Empty
                            },
                            if ner {
                                float(field("support"))
                            } else {
                                Cell::Empty
                            },
                            // utterance, measurement, trigger: v1 audio only.
                            Cell::Empty,
                            Cell::Empty,
                            Cell::Empty,
                        ];
                        let families: &[(&str, &str)] = match model {
                            "face" => &[
                                ("emotions", "emotion"),
                                ("facs", "facs"),
                                ("descriptions", "description"),
                            ],
                            "burst" => &[("emotions", "emotion"), ("descriptions", "description")],
                            "language" => &[
                                ("emotions", "emotion"),
                                ("sentiment", "sentiment"),
                                ("toxicity", "toxicity"),
                            ],
                            _ => &[("emotions", "emotion")],
                        };
                        for (key, kind) in families {
                            for score in p.get(*key).and_then(Value::as_array).into_iter().flatten()
                            {
                                let mut row: Vec<Cell> = prefix
                                    .iter()
                                    .map(|c| match c {
                                        Cell::Empty => Cell::Empty,
                                        Cell::Text(t) => Cell::Text(t.clone()),
                                        Cell::Int(i) => Cell::Int(*i),
                                        Cell::Float(f) => Cell::Float(*f),
                                    })
                                    .collect();
                                row.push(Cell::Text((*kind).to_owned()));
                                row.push(text(&score["name"]));
                                row.push(float(score.get("score")));
                                rows.push(row);
                            }
                        }
                        segment += 1;
                    }
                }
            }
        }
    }
    rows
}

/// Reads a CSV cell as the kind of value the expected cell holds.
fn read(cell: &str, like: &Cell) -> Cell {
    if cell.is_empty() {
        return Cell::Empty;
    }
    match like {
        Cell::Int(_) => Cell::Int(cell.parse().unwrap()),
        Cell::Float(_) => Cell::Float(cell.parse::<f64>().unwrap().to_bits()),
        _ => Cell::Text(cell.to_owned()),
    }
}

/// Exports `body` three ways, reads the CSV back and compares every cell with the JSON; checks
/// `(segment, kind, name)` is a unique key and a segment id names one segment.
fn check_round_trip(body: &str) {
    let mut csv = Vec::new();
    let stats = stream_csv(body.as_bytes(), &mut csv).unwrap();
    let mut typed = Vec::new();
    write_csv(
        &Predictions::from_response(body.as_bytes()).unwrap(),
        &mut typed,
    )
    .unwrap();
    let mut sliced = Vec::new();
    stream_csv_slice(body.as_bytes(), &mut sliced).unwrap();
    assert_eq!(csv, typed);
    assert_eq!(csv, sliced);

    let mut reader = csv::Reader::from_reader(&csv[..]);
    assert_eq!(
        reader.headers().unwrap(),
        &csv::StringRecord::from(CSV_HEADER.to_vec())
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let expected = expected_rows(body);
    assert_eq!(records.len(), expected.len());
    assert_eq!(stats.rows, expected.len() as u64);
    let mut keys = HashSet::new();
    let mut prefixes: HashMap<String, Vec<String>> = HashMap::new();
    for (record, want) in records.iter().zip(&expected) {
        let got: Vec<Cell> = record.iter().zip(want).map(|(c, w)| read(c, w)).collect();
        assert_eq!(&got, want, "row {record:?}");
        let key = (
            record[0].to_owned(),
            record[26].to_owned(),
            record[27].to_owned(),
        );
        assert!(keys.insert(key.clone()), "duplicate key {key:?}");
        let prefix: Vec<String> = record.iter().take(26).map(str::to_owned).collect();
        let first = prefixes
            .entry(record[0].to_owned())
            .or_insert_with(|| prefix.clone());
        assert_eq!(*first, prefix, "segment {} names two segments", &record[0]);
    }
}

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../hume-models/tests/fixtures")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn every_value_of_every_kind_reads_back_as_in_the_json() {
    for name in [
        "predictions-burst.json",
        "predictions-errors.json",
        "predictions-face.json",
        "predictions-facemesh.json",
        "predictions-language.json",
        "predictions-ner.json",
        "predictions-prosody.json",
    ] {
        check_round_trip(&fixture(name));
    }
    check_round_trip(crate::tests::CLIP);
    check_round_trip(crate::tests::SMALL);
}

#[test]
fn every_kind_is_covered_and_two_faces_in_one_frame_get_two_ids() {
    let body = crate::tests::TWO_FACES;
    check_round_trip(body);
    let mut csv = Vec::new();
    stream_csv(body.as_bytes(), &mut csv).unwrap();
    let mut reader = csv::Reader::from_reader(&csv[..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Same frame, same group ("unknown"): two segments.
    let ids: HashSet<&str> = rows
        .iter()
        .filter(|r| &r[5] == "0")
        .map(|r| &r[0])
        .collect();
    assert_eq!(ids.len(), 2);
    let kinds: HashSet<&str> = rows.iter().map(|r| &r[26]).collect();
    assert!(kinds.contains("emotion") && kinds.contains("facs") && kinds.contains("description"));
}

fn one_number_body(x: &str) -> String {
    format!(
        r#"[{{"source":{{"type":"url","url":"u"}},"results":{{"errors":[],"predictions":[{{"file":"f","models":{{
        "face":{{"grouped_predictions":[{{"id":"unknown","predictions":[{{"frame":1,"time":{x},"prob":{x},
          "box":{{"x":{x},"y":{x},"w":{x},"h":{x}}},"emotions":[{{"name":"Joy","score":{x}}}]}}]}}]}},
        "prosody":{{"grouped_predictions":[{{"id":"s","predictions":[{{"text":"t","time":{{"begin":{x},"end":{x}}},
          "confidence":{x},"speaker_confidence":{x},"emotions":[{{"name":"Joy","score":{x}}}]}}]}}]}},
        "ner":{{"grouped_predictions":[{{"id":"s","predictions":[{{"entity":"e","position":{{"begin":0,"end":1}},
          "entity_confidence":{x},"support":{x},"uri":"u","link_word":"e","emotions":[{{"name":"Joy","score":{x}}}]}}]}}]}}
        }}}}]}}}}]"#
    )
}

#[test]
fn the_issue_value_is_exported_unchanged() {
    let body = one_number_body("0.10722749680280685");
    check_round_trip(&body);
    let mut csv = Vec::new();
    stream_csv(body.as_bytes(), &mut csv).unwrap();
    let text = String::from_utf8(csv).unwrap();
    assert!(
        text.lines()
            .skip(1)
            .all(|l| l.ends_with(",0.10722749680280685")),
        "{text}"
    );
    assert!(!text.contains("0.10722749680280684"));
}

proptest! {
    /// Any finite double in every float field (score, time, prob, box, confidences, NER
    /// numbers) reads back from the CSV as the same bits.
    #[test]
    fn every_double_survives_parse_then_csv(bits in any::<u64>()) {
        let value = f64::from_bits(bits);
        prop_assume!(value.is_finite());
        check_round_trip(&one_number_body(&serde_json::to_string(&value).unwrap()));
    }
}

#[test]
fn text_cells_that_would_start_a_formula_are_neutralised_numbers_never() {
    let body = r#"[{"source": {"type": "url", "url": "=HYPERLINK(\"http://evil.test\")"},
      "results": {"errors": [{"file": "@SUM(1)", "message": "+cmd|' /C calc'!A0"}],
        "predictions": [{"file": "-2+3", "models": {"prosody": {"metadata": null,
          "grouped_predictions": [{"id": "\tid", "predictions": [
            {"text": "=1+1", "time": {"begin": -1.5, "end": 2.0},
             "emotions": [{"name": "=Joy", "score": 0.5}, {"name": "Calm", "score": -0.25}]}
          ]}]}}}]}}]"#;
    let mut out = Vec::new();
    let stats = stream_csv_slice(body.as_bytes(), &mut out).unwrap();
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(&out[..])
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 2);
    let col = |name: &str| CSV_HEADER.iter().position(|c| *c == name).unwrap();
    let row = &rows[0];
    assert_eq!(&row[col("source")], "'=HYPERLINK(\"http://evil.test\")");
    assert_eq!(&row[col("file")], "'-2+3");
    assert_eq!(&row[col("group")], "'\tid");
    assert_eq!(&row[col("text")], "'=1+1");
    assert_eq!(&row[col("name")], "'=Joy");
    assert_eq!(&rows[1][col("name")], "Calm");
    // Numbers are ours: a negative time or score stays a number.
    assert_eq!(&row[col("begin")], "-1.5");
    assert_eq!(&rows[1][col("score")], "-0.25");
    // The errors CSV follows the same rule.
    let mut errors = Vec::new();
    super::write_errors_csv(&stats.errors, &mut errors).unwrap();
    let text = String::from_utf8(errors).unwrap();
    assert!(
        text.contains("'@SUM(1)") && text.contains("'+cmd"),
        "{text}"
    );
    // Opting out writes the server's text as it is.
    let mut raw = Vec::new();
    super::stream_csv_slice_with(body.as_bytes(), &mut raw, super::CsvOptions::raw()).unwrap();
    let raw_rows: Vec<csv::StringRecord> = csv::Reader::from_reader(&raw[..])
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(&raw_rows[0][col("text")], "=1+1");
    assert_eq!(
        &raw_rows[0][col("source")],
        "=HYPERLINK(\"http://evil.test\")"
    );
    // The in-memory path too.
    let predictions = Predictions::from_response(body.as_bytes()).unwrap();
    let mut typed = Vec::new();
    write_csv(&predictions, &mut typed).unwrap();
    assert_eq!(typed, out);
}
