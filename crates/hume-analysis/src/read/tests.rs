use hume_models::Predictions;

use super::{read_predictions, read_predictions_slice};

/// Both ways of reading, and `Predictions::from_response`, agree: the same value, or all
/// three refuse.
fn agree(body: &str) -> bool {
    let typed = Predictions::from_response(body.as_bytes()).ok();
    let streamed = read_predictions(body.as_bytes()).ok();
    let sliced = read_predictions_slice(body.as_bytes()).ok();
    assert_eq!(typed, streamed, "reader: {body}");
    assert_eq!(typed, sliced, "slice: {body}");
    typed.is_some()
}

const SOURCE: &str = r#"{"type": "url", "url": "https://x.test/a.jpg"}"#;

#[test]
fn the_typed_value_is_rebuilt_exactly() {
    let body = format!(
        r#"[{{"source": {SOURCE}, "results": {{"errors": [{{"file": "b", "message": "bad"}}],
            "predictions": [{{"file": "a.jpg", "models": {{}}}}]}}}},
           {{"source": {SOURCE}, "error": "unreachable"}},
           {{"results": null, "source": {SOURCE}, "extra": [1, {{"x": 2}}]}},
           {{"results": {{"predictions": null, "errors": null}}, "source": {SOURCE}}},
           {{"source": {SOURCE}, "results": {{}}}}]"#
    );
    assert!(agree(&body));
    assert!(agree("[]"));
    assert!(agree(" [ ] \n\t\r"));
}

#[test]
fn what_summary_refused_export_refuses_too() {
    // The audit: streaming export accepted each of these, summary refused them.
    for body in [
        r#"[{"results": {"predictions": []}}]"#.to_owned(),
        format!(r#"[{{"source": {SOURCE}, "source": {SOURCE}}}]"#),
        format!(r#"[{{"source": {SOURCE}, "results": {{}}, "results": {{}}}}]"#),
        format!(r#"[{{"source": {SOURCE}, "results": {{"errors": [], "errors": []}}}}]"#),
        format!(r#"[{{"source": {SOURCE}, "results": {{"errors": 5}}}}]"#),
        format!(r#"[{{"source": {SOURCE}, "error": 5}}]"#),
        format!("[{{\"source\": {SOURCE}}}]\u{c}"),
        "[".to_owned(),
        String::new(),
        "\u{0}\u{0}".to_owned(),
    ] {
        assert!(!agree(&body), "accepted: {body:?}");
        let mut csv = Vec::new();
        assert!(
            crate::export::stream_csv(body.as_bytes(), &mut csv).is_err(),
            "export accepted: {body:?}"
        );
        assert!(
            crate::export::stream_csv_slice(body.as_bytes(), &mut Vec::new()).is_err(),
            "export (slice) accepted: {body:?}"
        );
    }
}
