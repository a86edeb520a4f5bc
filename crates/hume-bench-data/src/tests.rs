use hume_models::Predictions;

use super::*;

fn parse(body: &[u8]) -> Predictions {
    Predictions::from_response(body).expect("parses as typed predictions")
}

#[test]
fn mixed_body_has_every_source_kind_and_every_model() {
    let body = predictions_body(2_000_000);
    assert!(
        (2_000_000..3_000_000).contains(&body.len()),
        "size {}",
        body.len()
    );
    let predictions = parse(&body);
    let kinds: Vec<&str> = predictions.iter().map(|s| s.source.kind()).collect();
    for kind in ["url", "file", "text"] {
        assert!(kinds.contains(&kind), "{kind} source missing");
    }
    assert!(
        predictions.iter().any(|s| s.error.is_some()),
        "no failed source"
    );
    assert!(predictions.file_errors().next().is_some(), "no file error");
    let every_model = predictions.iter_predictions().any(|(_, p)| {
        let m = &p.models;
        m.face.is_some()
            && m.burst.is_some()
            && m.prosody.is_some()
            && m.language.is_some()
            && m.ner.is_some()
            && m.facemesh.is_some()
    });
    assert!(every_model, "no prediction with every model");
}

#[test]
fn optional_outputs_and_nulls_are_both_present() {
    let predictions = parse(&predictions_body(1_000_000));
    let frames: Vec<_> = predictions
        .iter_predictions()
        .filter_map(|(_, p)| p.models.face.as_ref())
        .flat_map(|f| f.predictions())
        .collect();
    assert_eq!(frames[0].emotions.len(), 48);
    assert!(frames.iter().any(|f| f.facs.is_some()));
    assert!(frames.iter().any(|f| f.facs.is_none()));
    assert!(frames.iter().any(|f| f.descriptions.is_some()));
    let words: Vec<_> = predictions
        .iter_predictions()
        .filter_map(|(_, p)| p.models.language.as_ref())
        .flat_map(|l| l.predictions())
        .collect();
    assert!(
        words
            .iter()
            .any(|w| w.sentiment.is_some() && w.toxicity.is_some())
    );
    assert!(
        words.iter().any(|w| w.time.is_none()),
        "no untimed text word"
    );
    let windows = predictions
        .iter_predictions()
        .filter_map(|(_, p)| p.models.prosody.as_ref())
        .flat_map(|r| r.predictions())
        .any(|p| p.text.is_none());
    assert!(windows, "no window prosody");
}

#[test]
fn one_source_layout_puts_every_clip_in_one_source() {
    let mut body = Vec::new();
    let size = write_predictions_to(&mut body, 1_500_000, Layout::OneSource).expect("write");
    assert_eq!(size, body.len() as u64);
    let predictions = parse(&body);
    assert_eq!(predictions.len(), 3, "failed, text and the one zip");
    let zip = &predictions[2];
    assert_eq!(zip.source.label(), "everything.zip");
    assert!(zip.predictions().len() > 3);
}

#[test]
fn same_bytes_every_run_and_the_file_writer_reports_its_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.json");
    let size = write_predictions(&path, 300_000, Layout::Mixed).expect("write");
    let from_file = std::fs::read(&path).expect("read");
    assert_eq!(size, from_file.len() as u64);
    assert_eq!(from_file, predictions_body(300_000));
}

#[test]
fn interleaved_ratio_reports_finite_positive_rates() {
    let body = predictions_body(20_000);
    let rates = interleaved_ratio(&body, 3, parse);
    for rate in [
        rates.typed_mib_s,
        rates.typed_drop_mib_s,
        rates.ignored_any_mib_s,
    ] {
        assert!(rate.is_finite() && rate > 0.0, "{rates:?}");
    }
}
