use hume_models::Predictions;

use super::*;

#[test]
fn writes_a_parsable_body_of_the_requested_size_with_every_model() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.json");
    let size = write_predictions(&path, 2_000_000).expect("write");
    let body = std::fs::read(&path).expect("read");
    assert_eq!(body.len() as u64, size);
    assert!((2_000_000..3_000_000).contains(&size), "size {size}");

    let predictions = Predictions::from_response(&body).expect("parses as typed predictions");
    let kinds: Vec<&str> = predictions.iter().map(|s| s.source.kind()).collect();
    for kind in ["url", "file", "text"] {
        assert!(kinds.contains(&kind), "{kind} source missing");
    }
    assert!(
        predictions.iter().any(|s| s.error.is_some()),
        "no failed source"
    );
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
    let face = predictions
        .iter_predictions()
        .find_map(|(_, p)| p.models.face.as_ref())
        .expect("face");
    let frame = face.predictions().next().expect("a frame");
    assert_eq!(frame.emotions.len(), 48);
}

#[test]
fn same_bytes_every_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    write_predictions(&a, 300_000).expect("write a");
    write_predictions(&b, 300_000).expect("write b");
    assert_eq!(std::fs::read(a).expect("a"), std::fs::read(b).expect("b"));
}
