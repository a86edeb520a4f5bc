//! The CSV tables of the artifacts zip: one per model that produced output.
//!
//! Every row is one prediction: `source,file,id`, the model's own columns, then one column per
//! emotion (named after the scores of the first prediction).

use std::fmt::Write as _;

use hume_models::{EmotionScore, Predictions, SourceResult};

/// `(file name, CSV text)` for each model with at least one prediction.
pub(crate) fn tables(predictions: &Predictions) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut push = |model: &str, header: &[&str], rows: Vec<(Vec<String>, &[EmotionScore])>| {
        let Some((_, first)) = rows.first() else {
            return;
        };
        let names: Vec<String> = first.iter().map(|e| e.name.to_string()).collect();
        let mut csv = String::new();
        let head: Vec<String> = ["source", "file", "id"]
            .iter()
            .chain(header)
            .map(|s| (*s).to_owned())
            .chain(names.iter().cloned())
            .collect();
        line(&mut csv, &head);
        for (mut cells, emotions) in rows {
            cells.extend(names.iter().map(|n| {
                emotions
                    .iter()
                    .find(|e| &e.name == n)
                    .and_then(|e| e.value())
                    .map_or_else(String::new, |v| v.to_string())
            }));
            line(&mut csv, &cells);
        }
        out.push((format!("{model}.csv"), csv));
    };
    push(
        "face",
        &["frame", "time", "prob", "box_x", "box_y", "box_w", "box_h"],
        rows(
            predictions,
            |m| m.face.as_ref(),
            |p| {
                let b = &p.bbox;
                (
                    vec![
                        p.frame.to_string(),
                        p.time.to_string(),
                        p.prob.to_string(),
                        b.x.to_string(),
                        b.y.to_string(),
                        b.w.to_string(),
                        b.h.to_string(),
                    ],
                    &p.emotions[..],
                )
            },
        ),
    );
    push(
        "burst",
        &["begin", "end"],
        rows(
            predictions,
            |m| m.burst.as_ref(),
            |p| {
                (
                    vec![p.time.begin.to_string(), p.time.end.to_string()],
                    &p.emotions[..],
                )
            },
        ),
    );
    push(
        "prosody",
        &["text", "begin", "end", "confidence"],
        rows(
            predictions,
            |m| m.prosody.as_ref(),
            |p| {
                (
                    vec![
                        p.text.clone().unwrap_or_default(),
                        p.time.begin.to_string(),
                        p.time.end.to_string(),
                        p.confidence.map(|c| c.to_string()).unwrap_or_default(),
                    ],
                    &p.emotions[..],
                )
            },
        ),
    );
    push(
        "language",
        &["text", "position_begin", "position_end", "begin", "end"],
        rows(
            predictions,
            |m| m.language.as_ref(),
            |p| {
                (
                    vec![
                        p.text.clone(),
                        p.position.begin.to_string(),
                        p.position.end.to_string(),
                        p.time.map(|t| t.begin.to_string()).unwrap_or_default(),
                        p.time.map(|t| t.end.to_string()).unwrap_or_default(),
                    ],
                    &p.emotions[..],
                )
            },
        ),
    );
    push(
        "ner",
        &[
            "entity",
            "position_begin",
            "position_end",
            "link_word",
            "uri",
        ],
        rows(
            predictions,
            |m| m.ner.as_ref(),
            |p| {
                (
                    vec![
                        p.entity.clone(),
                        p.position.begin.to_string(),
                        p.position.end.to_string(),
                        p.link_word.clone(),
                        p.uri.clone(),
                    ],
                    &p.emotions[..],
                )
            },
        ),
    );
    push(
        "facemesh",
        &[],
        rows(
            predictions,
            |m| m.facemesh.as_ref(),
            |p| (Vec::new(), &p.emotions[..]),
        ),
    );
    out
}

type Row<'a> = (Vec<String>, &'a [EmotionScore]);

fn rows<'a, P: 'a>(
    predictions: &'a Predictions,
    pick: impl Fn(&'a hume_models::ModelsPredictions) -> Option<&'a hume_models::ModelResult<P>>,
    cells: impl Fn(&'a P) -> Row<'a>,
) -> Vec<Row<'a>> {
    let mut out = Vec::new();
    for source in predictions.iter() {
        let label = source_label(source);
        for prediction in source.results.iter().flat_map(|r| &r.predictions) {
            let Some(result) = pick(&prediction.models) else {
                continue;
            };
            for group in &result.grouped_predictions {
                for p in &group.predictions {
                    let (own, emotions) = cells(p);
                    let mut row = vec![label.to_owned(), prediction.file.clone(), group.id.clone()];
                    row.extend(own);
                    out.push((row, emotions));
                }
            }
        }
    }
    out
}

fn source_label(source: &SourceResult) -> &str {
    source.source.label()
}

fn line(csv: &mut String, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            csv.push(',');
        }
        if cell.contains([',', '"', '\n', '\r']) {
            let _ = write!(csv, "\"{}\"", cell.replace('"', "\"\""));
        } else {
            csv.push_str(cell);
        }
    }
    csv.push('\n');
}

#[cfg(test)]
mod tests;
