use super::run_all;

#[test]
fn a_valid_body_and_garbage_both_pass_every_target() {
    let predictions = br#"[{"source": {"type": "url", "url": "https://x.test/a.jpg"},
        "results": {"errors": [], "predictions": [{"file": "a.jpg", "models": {"face": {
        "metadata": null, "grouped_predictions": [{"id": "unknown", "predictions": [
        {"frame": 0, "time": 0, "prob": 0.9, "box": {"x": 1, "y": 2, "w": 3, "h": 4},
         "emotions": [{"name": "Joy", "score": 0.9}]}]}]}}}]}}]"#;
    run_all(predictions).unwrap();
    for garbage in [
        &b""[..],
        b"\0\0\0",
        b"[",
        b"[1,",
        b"{\"source\":",
        b"\xff\xd8\xff",
    ] {
        run_all(garbage).unwrap();
    }
}

#[test]
fn the_audit_bodies_that_only_export_accepted_are_refused_everywhere() {
    // A missing source, a known field twice, a trailing form feed (issue 10, item 15).
    for body in [
        &br#"[{"results": {"errors": [], "predictions": []}}]"#[..],
        br#"[{"source": {"type": "text", "text": "a"}, "source": {"type": "text", "text": "b"}, "results": {"errors": [], "predictions": []}}]"#,
        b"[{\"source\": {\"type\": \"text\", \"text\": \"a\"}, \"results\": {\"errors\": [], \"predictions\": []}}]\x0c",
    ] {
        run_all(body).unwrap();
        assert!(hume_models::Predictions::from_response(body).is_err());
        assert!(hume_analysis::export::stream_csv_slice(body, std::io::sink()).is_err());
    }
}
