use super::*;

const KEY: &str = "sk/ey\"9";

fn scrubbed(text: &str) -> String {
    scrub_str(text, KEY).into_owned()
}

#[test]
fn literal_occurrences_are_replaced() {
    assert_eq!(
        scrubbed("a sk/ey\"9 b sk/ey\"9"),
        "a [redacted] b [redacted]"
    );
    assert_eq!(scrubbed("nothing here"), "nothing here");
    assert!(matches!(scrub_str("plain", KEY), Cow::Borrowed(_)));
}

#[test]
fn json_escaped_echoes_are_replaced() {
    for echo in [
        r#"sk\/ey\"9"#,
        r#"\u0073\u006B\u002f\u0065\u0079\u00229"#,
        r#"s\u006b\/ey\u00229"#,
        r#"\u0073k/ey\"\u0039"#,
    ] {
        let body = format!(r#"{{"message": "bad key {echo} given"}}"#);
        let clean = scrubbed(&body);
        assert_eq!(
            clean, r#"{"message": "bad key [redacted] given"}"#,
            "{echo}"
        );
        // Decoding what is left never brings the key back.
        let value: serde_json::Value = serde_json::from_str(&clean).unwrap();
        assert!(!value.to_string().contains(KEY));
    }
}

#[test]
fn percent_encoded_echoes_are_replaced() {
    assert_eq!(
        scrubbed("https://evil.test/?k=sk%2Fey%229&x=1"),
        "https://evil.test/?k=[redacted]&x=1"
    );
    assert_eq!(scrubbed("%73%6b%2f%65%79%22%39"), "[redacted]");
}

#[test]
fn partial_and_broken_escapes_are_left_alone() {
    for text in [r"sk\/e", r"sk\u002", r"sk\x2fey", "sk%2", "%zz", "\\", "%"] {
        assert_eq!(scrubbed(text), text);
    }
}

#[test]
fn an_empty_secret_changes_nothing_and_non_ascii_matches_literally() {
    assert_eq!(scrub_str("abc", ""), "abc");
    assert_eq!(scrub_str("x käse y", "käse"), "x [redacted] y");
    let mut s = String::from("k\\/ey");
    scrub_string(&mut s, "k/ey");
    assert_eq!(s, "[redacted]");
}
